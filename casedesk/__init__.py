"""casedesk — offline-first, encrypted case management for law firms."""

__version__ = "0.1.0"
