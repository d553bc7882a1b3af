"""Erasing personal data: a municipality's registration, or everything from or to an address.

The statements live here so that the counts the organiser sees in a dry run come from the very
statements that would delete the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from db.models import Change, Contact, InboundMessage, OutboundMessage, Participant, Registration


def registration_ids_of_municipality(session: Session, number: str) -> list[int]:
    """The ids of the registrations of one municipality (by its 4-digit number)."""
    query = select(Registration.id).where(Registration.municipality_number == number)
    return list(session.scalars(query))


def erase_registrations(session: Session, ids: Sequence[int]) -> dict[str, int]:
    """Delete the registrations with their messages, replies, changes and contacts; the
    number of rows each kind lost."""
    message_ids = list(
        session.scalars(select(InboundMessage.id).where(InboundMessage.registration_id.in_(ids)))
    )
    return {
        "replies": _delete(
            session,
            delete(OutboundMessage).where(
                or_(
                    OutboundMessage.registration_id.in_(ids),
                    OutboundMessage.inbound_id.in_(message_ids),
                )
            ),
        ),
        "participants": _delete(
            session, delete(Participant).where(Participant.registration_id.in_(ids))
        ),
        "changes": _delete(session, delete(Change).where(Change.registration_id.in_(ids))),
        "contacts": _delete(session, delete(Contact).where(Contact.registration_id.in_(ids))),
        "messages": _delete(
            session, delete(InboundMessage).where(InboundMessage.id.in_(message_ids))
        ),
        "registrations": _delete(session, delete(Registration).where(Registration.id.in_(ids))),
    }


def erase_address(session: Session, address: str) -> dict[str, int]:
    """Registrations whose contact is the address go whole; other messages of the address go
    alone (their changes stay in the record, now without the message link)."""
    ids = list(
        session.scalars(select(Registration.id).where(Registration.contact_address == address))
    )
    counts = erase_registrations(session, ids)
    message_ids = list(
        session.scalars(select(InboundMessage.id).where(InboundMessage.sender == address))
    )
    session.execute(
        update(Change).where(Change.message_id.in_(message_ids)).values(message_id=None)
    )
    session.execute(
        update(Participant).where(Participant.message_id.in_(message_ids)).values(message_id=None)
    )
    counts["replies"] += _delete(
        session,
        delete(OutboundMessage).where(
            or_(OutboundMessage.recipient == address, OutboundMessage.inbound_id.in_(message_ids))
        ),
    )
    counts["messages"] += _delete(
        session, delete(InboundMessage).where(InboundMessage.id.in_(message_ids))
    )
    counts["contacts"] += _delete(session, delete(Contact).where(Contact.address == address))
    return counts


def _delete(session: Session, statement: Any) -> int:
    return int(getattr(session.execute(statement), "rowcount", 0) or 0)
