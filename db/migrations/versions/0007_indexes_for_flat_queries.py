"""indexes for the per-message queries: sender, registration and message look-ups

Every message looks up its registration by sender and thread, reads the registration's
changes, participants and outgoing mail, and checks held messages of the same sender; without
these indexes each of those reads scans a table that grows with the inbox, so the cost per
message grew with the season.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_inbound_messages_sender", "inbound_messages", ["sender"]),
    ("ix_inbound_messages_registration_id", "inbound_messages", ["registration_id"]),
    ("ix_changes_registration_id", "changes", ["registration_id"]),
    ("ix_changes_message_id", "changes", ["message_id"]),
    ("ix_participants_registration_id", "participants", ["registration_id"]),
    ("ix_outbound_messages_registration_id", "outbound_messages", ["registration_id"]),
    ("ix_registrations_contact_address", "registrations", ["contact_address"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
