"""photo upload queue and print job journal

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Photos travel to central in their own queue, after the transaction that references them; label
print jobs are journalled before they are sent so a label is never silently lost.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('photos',
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('unit_id', sa.String(), nullable=False),
    sa.Column('path', sa.String(), nullable=False),
    sa.Column('content_type', sa.String(), nullable=False),
    sa.Column('transaction_id', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.unit_id'], name=op.f('fk_photos_unit_id_units')),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_photos'))
    )
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photos_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_photos_unit_id'), ['unit_id'], unique=False)

    op.create_table('print_jobs',
    sa.Column('job_id', sa.String(), nullable=False),
    sa.Column('unit_id', sa.String(), nullable=True),
    sa.Column('template', sa.String(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.String(), nullable=False),
    sa.Column('printed_at', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.unit_id'], name=op.f('fk_print_jobs_unit_id_units')),
    sa.PrimaryKeyConstraint('job_id', name=op.f('pk_print_jobs'))
    )
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_jobs_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_print_jobs_unit_id'), ['unit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_print_jobs_unit_id'))
        batch_op.drop_index(batch_op.f('ix_print_jobs_status'))

    op.drop_table('print_jobs')
    with op.batch_alter_table('photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photos_unit_id'))
        batch_op.drop_index(batch_op.f('ix_photos_status'))

    op.drop_table('photos')
