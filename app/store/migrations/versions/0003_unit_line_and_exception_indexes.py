"""indexes for the per-action lookups: units by return and line, exceptions by unit

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

Receiving counts the units already on a return line, and a disposition proposal looks for an open
serial-mismatch exception of its unit, on every action. Both scanned every unit (or exception) of
the return; with these indexes each is a short index range. The (return_id, line_no) index
replaces the one on return_id alone, which it covers.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.create_index("ix_units_return_id_line_no", ["return_id", "line_no"], unique=False)
        batch_op.drop_index(batch_op.f("ix_units_return_id"))

    with op.batch_alter_table("return_exceptions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_exceptions_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("return_exceptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_exceptions_unit_id"))

    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_units_return_id"), ["return_id"], unique=False)
        batch_op.drop_index("ix_units_return_id_line_no")
