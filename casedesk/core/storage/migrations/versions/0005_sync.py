"""sync through a shared folder: local bookkeeping (issue 7)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_devices",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=False),
        sa.Column("updated", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_sync_devices")),
    )
    op.create_table(
        "sync_quarantine",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.String(length=40), nullable=False),
        sa.Column("last_tried", sa.String(length=40), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_quarantine")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("winner_op", sa.String(length=36), nullable=True),
        sa.Column("winner_value", sa.Text(), nullable=True),
        sa.Column("winner_user", sa.String(length=64), nullable=True),
        sa.Column("winner_device", sa.String(length=36), nullable=True),
        sa.Column("winner_ts", sa.String(length=40), nullable=True),
        sa.Column("loser_op", sa.String(length=36), nullable=True),
        sa.Column("loser_value", sa.Text(), nullable=True),
        sa.Column("loser_user", sa.String(length=64), nullable=True),
        sa.Column("loser_device", sa.String(length=36), nullable=True),
        sa.Column("loser_ts", sa.String(length=40), nullable=True),
        sa.Column("detected_at", sa.String(length=40), nullable=False),
        sa.Column("resolved_at", sa.String(length=40), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_table(
        "sync_pending",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_sync_pending")),
    )


def downgrade() -> None:
    op.drop_table("sync_pending")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_quarantine")
    op.drop_table("sync_devices")
