"""court calendar - triggers, rules, reminders (issue 5)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

Synced: deadline triggers (a rule set applied to a matter), deadline review flags, the firm's own
rule sets and calendar feed tokens.  Local to the replica: reminder dismissals and the cache of
serialized iCalendar items (see casedesk.core.calmodels).
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _synced(table: str) -> list[Any]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "deadline_triggers",
        sa.Column("matter_id", sa.String(length=36), nullable=False),
        sa.Column("rule_set", sa.String(length=100), nullable=False),
        sa.Column("rule_set_version", sa.String(length=40), nullable=False),
        sa.Column("trigger", sa.String(length=100), nullable=False),
        sa.Column("trigger_date", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=20), nullable=False),
        *_synced("deadline_triggers"),
        sa.ForeignKeyConstraint(["matter_id"], ["matters.id"],
                                name=op.f("fk_deadline_triggers_matter_id_matters")),
        sa.UniqueConstraint("matter_id", "rule_set", "trigger",
                            name=op.f("uq_deadline_triggers_matter_id_rule_set_trigger")),
    )
    with op.batch_alter_table("deadline_triggers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_triggers_matter_id"), ["matter_id"],
                              unique=False)

    op.create_table(
        "deadline_flags",
        sa.Column("deadline_id", sa.String(length=36), nullable=False),
        sa.Column("proposed_due", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        *_synced("deadline_flags"),
        sa.ForeignKeyConstraint(["deadline_id"], ["deadlines.id"],
                                name=op.f("fk_deadline_flags_deadline_id_deadlines")),
        sa.UniqueConstraint("deadline_id", name=op.f("uq_deadline_flags_deadline_id")),
    )

    op.create_table(
        "firm_rule_sets",
        sa.Column("rule_set_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("effective", sa.Date(), nullable=False),
        sa.Column("jurisdiction", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        *_synced("firm_rule_sets"),
        sa.UniqueConstraint("rule_set_id", name=op.f("uq_firm_rule_sets_rule_set_id")),
    )

    op.create_table(
        "feed_tokens",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        *_synced("feed_tokens"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_feed_tokens_user_id_users")),
        sa.UniqueConstraint("user_id", name=op.f("uq_feed_tokens_user_id")),
        sa.UniqueConstraint("token", name=op.f("uq_feed_tokens_token")),
    )

    op.create_table(
        "reminder_dismissals",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("deadline_id", sa.String(length=36), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("username", "deadline_id", "lead_days", "day",
                                name=op.f("pk_reminder_dismissals")),
    )

    op.create_table(
        "ics_cache",
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_ics_cache")),
    )


def downgrade() -> None:
    op.drop_table("ics_cache")
    op.drop_table("reminder_dismissals")
    op.drop_table("feed_tokens")
    op.drop_table("firm_rule_sets")
    op.drop_table("deadline_flags")
    with op.batch_alter_table("deadline_triggers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_triggers_matter_id"))
    op.drop_table("deadline_triggers")
