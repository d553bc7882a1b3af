"""message lease: a worker claims a message for a while; claims come from one index

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("inbound_messages") as batch:
        batch.add_column(sa.Column("lease_owner", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch.drop_index("ix_inbound_status")
        batch.create_index("ix_inbound_status_arrival", ["status", "arrived_at", "id"])


def downgrade() -> None:
    # A message some worker held when the schema went down is simply waiting again.
    op.execute("UPDATE inbound_messages SET status = 'new' WHERE status = 'processing'")
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_index("ix_inbound_status_arrival")
        batch.create_index("ix_inbound_status", ["status"])
        batch.drop_column("lease_until")
        batch.drop_column("lease_owner")
