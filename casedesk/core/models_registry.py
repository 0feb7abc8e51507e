"""Imports every module that defines ORM models, so the mapper registry is complete before the
first session (relationships by name resolve, and Alembic sees every table)."""

from casedesk.core import models  # noqa: F401
