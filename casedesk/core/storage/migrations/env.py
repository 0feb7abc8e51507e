"""Alembic environment: migrations run on the already-open, keyed connection."""

from alembic import context

from casedesk.core.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
