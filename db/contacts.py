"""A registration's contacts: the addresses that may change it without the organiser.

Addresses are kept in lower case; the local part is compared as written (``kari+x@`` is
another address than ``kari@``: only the mailbox owner can read both, but anyone can write
either into ``From:``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Contact, Registration, utcnow
from db.states import ContactSource


def normalise_address(address: str) -> str:
    return address.strip().lower()


def contact_addresses(session: Session, registration_id: int) -> list[str]:
    """The registration's contacts, oldest first."""
    return list(
        session.scalars(
            select(Contact.address)
            .where(Contact.registration_id == registration_id)
            .order_by(Contact.id)
        )
    )


def is_contact(session: Session, registration_id: int, address: str) -> bool:
    found = session.scalar(
        select(Contact.id).where(
            Contact.registration_id == registration_id,
            Contact.address == normalise_address(address),
        )
    )
    return found is not None


def add_contact(
    session: Session,
    registration: Registration,
    address: str,
    source: ContactSource,
    added_by: str | None = None,
) -> Contact | None:
    """Make ``address`` a contact (idempotent: an existing contact is left as it is)."""
    clean = normalise_address(address)
    if not clean or is_contact(session, registration.id, clean):
        return None
    contact = Contact(
        registration_id=registration.id,
        address=clean,
        source=source.value,
        added_by=added_by,
        added_at=utcnow(),
    )
    session.add(contact)
    session.flush()
    return contact


def contacts_of(session: Session, registration_id: int) -> list[Contact]:
    """The registration's contact rows (address, why, who added it), oldest first."""
    return list(
        session.scalars(
            select(Contact).where(Contact.registration_id == registration_id).order_by(Contact.id)
        )
    )


def remove_contact(session: Session, registration_id: int, address: str) -> bool:
    """Take ``address`` off the registration's contacts; False when it was not one."""
    contact = session.scalars(
        select(Contact).where(
            Contact.registration_id == registration_id,
            Contact.address == normalise_address(address),
        )
    ).first()
    if contact is None:
        return False
    session.delete(contact)
    session.flush()
    return True
