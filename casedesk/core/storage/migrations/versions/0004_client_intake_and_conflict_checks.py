"""client intake and conflict checks (issue 6)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('intake_drafts',
    sa.Column('practice_area', sa.String(length=50), nullable=False),
    sa.Column('questionnaire_id', sa.String(length=100), nullable=False),
    sa.Column('questionnaire_version', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('current_step', sa.String(length=100), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('attachments', sa.JSON(), nullable=False),
    sa.Column('conflict_check_id', sa.String(length=36), nullable=True),
    sa.Column('decision', sa.String(length=20), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('matter_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['contacts.id'], name=op.f('fk_intake_drafts_client_id_contacts')),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_intake_drafts_matter_id_matters')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_drafts'))
    )
    with op.batch_alter_table('intake_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intake_drafts_matter_id'), ['matter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_intake_drafts_status'), ['status'], unique=False)

    op.create_table('conflict_checks',
    sa.Column('subject', sa.String(length=20), nullable=False),
    sa.Column('intake_id', sa.String(length=36), nullable=True),
    sa.Column('matter_id', sa.String(length=36), nullable=True),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('hits', sa.JSON(), nullable=False),
    sa.Column('checked_by', sa.String(length=64), nullable=False),
    sa.Column('checked_at', sa.DateTime(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('consented_by', sa.Text(), nullable=True),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['intake_id'], ['intake_drafts.id'], name=op.f('fk_conflict_checks_intake_id_intake_drafts')),
    sa.ForeignKeyConstraint(['matter_id'], ['matters.id'], name=op.f('fk_conflict_checks_matter_id_matters')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict_checks'))
    )
    with op.batch_alter_table('conflict_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_checks_decision'), ['decision'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflict_checks_intake_id'), ['intake_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflict_checks_matter_id'), ['matter_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('conflict_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_checks_matter_id'))
        batch_op.drop_index(batch_op.f('ix_conflict_checks_intake_id'))
        batch_op.drop_index(batch_op.f('ix_conflict_checks_decision'))
    op.drop_table('conflict_checks')
    with op.batch_alter_table('intake_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_drafts_status'))
        batch_op.drop_index(batch_op.f('ix_intake_drafts_matter_id'))
    op.drop_table('intake_drafts')
