"""an index on when each outgoing message was queued

The sending caps count, for every automatic answer, the answers queued in the last hour and
read those of the last day that may reach the recipient's domain; without an index on
``created_at`` both scanned the whole outbox, so each answer cost more as the season's
outbox grew.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_outbound_messages_created_at", "outbound_messages", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_outbound_messages_created_at", table_name="outbound_messages")
