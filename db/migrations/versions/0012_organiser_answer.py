"""outgoing kind 'answer' and desk action 'answer': the organiser answers a question from the
desk (or ``mailbot review answer``), in the thread, through the outbox

Replaces the CHECK on ``outbound_messages.kind`` and on ``desk_actions.action`` with ones that
allow the new value. Going down, the answers are deleted from the outbox and their desk
actions from the audit record (the old checks cannot hold them); what was sent stays sent.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db.migrations.checks import Checks, create_checks, drop_checks

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS_FIRST = (
    "confirmation",
    "correction_request",
    "late_notice",
    "receipt",
    "change_notice",
    "join_notice",
)
KINDS_LAST = ("digest", "reminder")
ACTIONS = (
    "sign_in",
    "sign_out",
    "export_csv",
    "export_xlsx",
    "new_registration",
    "add_participant",
    "edit_participant",
    "remove_participant",
    "add_contact",
    "remove_contact",
    "withdraw",
    "reinstate",
    "accept_late",
    "mark_delivered",
    "send_again",
    "attach",
    "accept",
    "edit_and_accept",
    "correction_request",
    "close_without_reply",
)
BEFORE: Checks = (
    ("outbound_messages", "kind", (*KINDS_FIRST, *KINDS_LAST)),
    ("desk_actions", "action", ACTIONS),
)
CHECKS: Checks = (
    ("outbound_messages", "kind", (*KINDS_FIRST, "answer", *KINDS_LAST)),
    ("desk_actions", "action", (*ACTIONS, "answer")),
)


def upgrade() -> None:
    drop_checks(BEFORE)
    create_checks(CHECKS)


def downgrade() -> None:
    op.execute("DELETE FROM desk_actions WHERE action = 'answer'")
    op.execute("DELETE FROM outbound_messages WHERE kind = 'answer'")
    drop_checks(CHECKS)
    create_checks(BEFORE)
