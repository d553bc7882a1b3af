"""more state columns: a CHECK constraint on who made a change and what it did, on the desk's
audit actions and on the worker's server states

The values are those of ``db/states.py`` when this revision was written, frozen here: a later
change to a vocabulary needs its own revision that replaces the constraint.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from db.migrations.checks import Checks, create_checks, drop_checks

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECKS: Checks = (
    ("changes", "actor", ("message", "organiser")),
    (
        "changes",
        "action",
        (
            "add",
            "remove",
            "set_role",
            "rename",
            "withdraw",
            "reinstate",
            "accept_late",
            "set_municipality",
            "add_contact",
            "remove_contact",
        ),
    ),
    (
        "desk_actions",
        "action",
        (
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
        ),
    ),
    ("service_status", "state", ("ok", "login_refused")),
)


def upgrade() -> None:
    create_checks(CHECKS)


def downgrade() -> None:
    drop_checks(CHECKS)
