"""personal keys: one or more random keys per data subject (a contact or an intake), under which
the personal values in the audit trail are encrypted; destroying them erases those values
(issue 10, erasure)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "personal_keys",
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", "key", name=op.f("pk_personal_keys")),
    )
    op.create_table(
        "erased_subjects",
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("erased_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", name=op.f("pk_erased_subjects")),
    )


def downgrade() -> None:
    op.drop_table("erased_subjects")
    op.drop_table("personal_keys")
