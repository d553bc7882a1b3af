"""hold path and contacts: registration_contacts, held_for, outbox unique on (inbound, kind)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "registration_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("added_by", sa.String(length=320), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_registration_contacts_registration_id_registrations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_contacts")),
        sa.UniqueConstraint("registration_id", "address", name="uq_contact_registration_address"),
    )
    # Every registration so far was opened by its contact address.
    op.execute(
        "INSERT INTO registration_contacts (registration_id, address, source, added_at) "
        "SELECT id, lower(contact_address), 'opener', created_at FROM registrations"
    )
    with op.batch_alter_table("inbound_messages") as batch:
        batch.add_column(sa.Column("held_for", sa.JSON(), nullable=True))
    with op.batch_alter_table("outbound_messages") as batch:
        batch.add_column(sa.Column("cc", sa.JSON(), nullable=True))
        batch.drop_constraint("uq_outbound_inbound_id", type_="unique")
        batch.create_unique_constraint("uq_outbound_inbound_kind", ["inbound_id", "kind"])


def downgrade() -> None:
    with op.batch_alter_table("outbound_messages") as batch:
        batch.drop_constraint("uq_outbound_inbound_kind", type_="unique")
        # Fails, rather than deleting sent mail, when an inbound message has two rows.
        batch.create_unique_constraint("uq_outbound_inbound_id", ["inbound_id"])
        batch.drop_column("cc")
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_column("held_for")
    op.drop_table("registration_contacts")
