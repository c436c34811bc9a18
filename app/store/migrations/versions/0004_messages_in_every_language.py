"""messages kept with their template: exception details and disposition reasons in every language

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

`detail` and `reason` keep the English text (what central receives). The new columns hold the same
message as `app.phrases.stored()` JSON (its translation template and parameters, or the reference
data's texts in each language), so the screens show it in the operator's language. Rows written
before have none and show their English text. `approval_reasons` and `approvals.reasons` are JSON
lists already: their items may now be such values too, no column change needed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("return_exceptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("detail_i18n", sa.Text(), nullable=True))
    with op.batch_alter_table("dispositions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason_i18n", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dispositions", schema=None) as batch_op:
        batch_op.drop_column("reason_i18n")
    with op.batch_alter_table("return_exceptions", schema=None) as batch_op:
        batch_op.drop_column("detail_i18n")
