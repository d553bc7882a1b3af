"""A registration's contacts: the addresses that may change it without the organiser.

Addresses are kept in lower case; the local part is compared as written (``kari+x@`` is
another address than ``kari@``: only the mailbox owner can read both, but anyone can write
either into ``From:``).
"""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, Select, bindparam, func, select
from sqlalchemy.orm import Session

from db.models import Contact, InboundMessage, Registration, utcnow
from db.states import ContactSource


def normalise_address(address: str) -> str:
    return address.strip().lower()


def contact_addresses(session: Session, registration_id: int) -> list[str]:
    """The registration's contacts, oldest first."""
    return list(session.scalars(_CONTACT_ADDRESSES, {"registration_id": registration_id}))


#: ``contact_addresses``'s statement, built once (parameter ``registration_id``).
_CONTACT_ADDRESSES = (
    select(Contact.address)
    .where(Contact.registration_id == bindparam("registration_id"))
    .order_by(Contact.id)
)


#: How much of each message ``header_blocks_from_contacts`` reads, and how many messages:
#: the header block sits at the start, and a registration's newest messages are enough.
HEADER_BYTES = 64 * 1024
NEWEST_MESSAGES = 50


def header_blocks_from_contacts(session: Session, registration_id: int) -> list[bytes]:
    """The start of the stored raw messages of the registration that its contacts sent
    (newest first, bounded): their To and Cc say whom a contact brought into the
    conversation, as our server received them, not as a later message claims."""
    rows = session.scalars(_HEADER_BLOCKS, {"registration_id": registration_id})
    return [bytes(raw) for raw in rows]


def _header_blocks_statement() -> Select[bytes]:
    registration_id = bindparam("registration_id", type_=Integer)
    head = func.substr(InboundMessage.raw, 1, HEADER_BYTES, type_=LargeBinary)
    senders = select(Contact.address).where(Contact.registration_id == registration_id)
    return (
        select(head)
        .where(
            InboundMessage.registration_id == registration_id,
            InboundMessage.sender.in_(senders),
        )
        .order_by(InboundMessage.id.desc())
        .limit(NEWEST_MESSAGES)
    )


#: ``header_blocks_from_contacts``'s statement, built once (parameter ``registration_id``).
_HEADER_BLOCKS = _header_blocks_statement()


def is_contact(session: Session, registration_id: int, address: str) -> bool:
    values = {"registration_id": registration_id, "address": normalise_address(address)}
    return session.scalar(_IS_CONTACT, values) is not None


#: ``is_contact``'s statement, built once (parameters ``registration_id`` and ``address``).
_IS_CONTACT = select(Contact.id).where(
    Contact.registration_id == bindparam("registration_id"),
    Contact.address == bindparam("address"),
)


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
