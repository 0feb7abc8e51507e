"""ethical walls: a matter's wall, users' public keys, walled matters' sealed keys (issue 8)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("matters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wall", sa.JSON(), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("box_public", sa.String(length=64), nullable=True))
    op.create_table(
        "matter_keys",
        sa.Column("matter_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("public", sa.String(length=64), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["matter_id"], ["matters.id"],
                                name=op.f("fk_matter_keys_matter_id_matters")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_matter_keys_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matter_keys")),
    )
    with op.batch_alter_table("matter_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matter_keys_matter_id"), ["matter_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matter_keys_user_id"), ["user_id"], unique=False)
    op.execute("CREATE INDEX ix_matters_walled ON matters (id) WHERE wall IS NOT NULL")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_matters_walled")
    with op.batch_alter_table("matter_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matter_keys_user_id"))
        batch_op.drop_index(batch_op.f("ix_matter_keys_matter_id"))
    op.drop_table("matter_keys")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("box_public")
    with op.batch_alter_table("matters", schema=None) as batch_op:
        batch_op.drop_column("wall")
