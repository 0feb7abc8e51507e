"""Imports every module that defines ORM models, so the mapper registry is complete before the
first session (relationships by name resolve, and Alembic sees every table)."""

from casedesk.core import (
    calmodels,  # noqa: F401
    docmodels,  # noqa: F401
    intakemodels,  # noqa: F401
    models,  # noqa: F401
    personal,  # noqa: F401
)
from casedesk.core.sync import models as sync_models  # noqa: F401
