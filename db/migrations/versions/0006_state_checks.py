"""state columns: a CHECK constraint for each (status, kind, reply kind, contact source)

The values are those of ``db/states.py`` when this revision was written, frozen here: a later
change to a vocabulary needs its own revision that replaces the constraint.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from db.migrations.checks import Checks, create_checks, drop_checks

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE_KINDS = ("registration", "update", "withdrawal", "question", "auto_reply", "bounce")
CHECKS: Checks = (
    (
        "inbound_messages",
        "status",
        ("new", "processing", "processed", "ignored", "failed", "needs_review"),
    ),
    ("inbound_messages", "kind", (*MESSAGE_KINDS, "other", "organiser")),
    ("registrations", "status", ("open", "complete", "withdrawn")),
    ("registration_contacts", "source", ("opener", "domain", "organiser")),
    (
        "outbound_messages",
        "kind",
        (
            "confirmation",
            "correction_request",
            "late_notice",
            "receipt",
            "change_notice",
            "digest",
            "reminder",
        ),
    ),
    ("outbound_messages", "status", ("pending", "sending", "sent", "failed", "uncertain")),
)


def upgrade() -> None:
    create_checks(CHECKS)


def downgrade() -> None:
    drop_checks(CHECKS)
