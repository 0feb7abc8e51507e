"""Developer helpers (``make demo``)."""
