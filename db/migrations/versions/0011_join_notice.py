"""outgoing kind 'join_notice': a registration's contacts are told a colleague's list joined

Replaces the CHECK on ``outbound_messages.kind`` with one that allows the new value. Going
down, the join notices are deleted from the outbox (the old check cannot hold them); they
were told once already, and the messages that caused them keep their answers.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db.migrations.checks import Checks, create_checks, drop_checks

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIRST = ("confirmation", "correction_request", "late_notice", "receipt", "change_notice")
LAST = ("digest", "reminder")
BEFORE: Checks = (("outbound_messages", "kind", (*FIRST, *LAST)),)
CHECKS: Checks = (("outbound_messages", "kind", (*FIRST, "join_notice", *LAST)),)


def upgrade() -> None:
    drop_checks(BEFORE)
    create_checks(CHECKS)


def downgrade() -> None:
    op.execute("DELETE FROM outbound_messages WHERE kind = 'join_notice'")
    drop_checks(CHECKS)
    create_checks(BEFORE)
