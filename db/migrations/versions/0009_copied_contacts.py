"""contact source 'copied': an address a contact put in To or Cc may become a contact

Replaces the CHECK on ``registration_contacts.source`` with one that allows the new value.
Going down, the copied contacts are deleted (the old check cannot hold them): their messages
are then held for the organiser again, as before this revision, never given another source.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from db.migrations.checks import Checks, create_checks, drop_checks

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE: Checks = (("registration_contacts", "source", ("opener", "domain", "organiser")),)
CHECKS: Checks = (("registration_contacts", "source", ("opener", "domain", "organiser", "copied")),)


def upgrade() -> None:
    drop_checks(BEFORE)
    create_checks(CHECKS)


def downgrade() -> None:
    op.execute("DELETE FROM registration_contacts WHERE source = 'copied'")
    drop_checks(CHECKS)
    create_checks(BEFORE)
