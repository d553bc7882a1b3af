"""The organiser's manual edits: each is a change with the account as actor, after which the
registration is judged again by the same rules as after a message.

No reply is sent by an edit: the organiser tells the municipality what they decided (or uses
the review queue, whose actions do answer). A later automatic pass never undoes an edit
(``db.registry.replay``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db.contacts import add_contact, contact_addresses, normalise_address, remove_contact
from db.models import Change, OutboundMessage, Registration
from db.outbox import mark_delivered, requeue
from db.registry import (
    ensure_event,
    is_late_accepted,
    is_withdrawn,
    record_judgement,
    record_organiser_change,
    registration_for_municipality,
)
from db.states import ChangeAction, ContactSource
from mailbot.event import Event
from mailbot.processing import complete_by
from parsers.register import (
    municipalities_of,
    municipality_entries,
    sector_of_role,
    to_municipality,
)
from parsers.types import SECTORS, person_key
from rules.base import Finding, Group, Member
from rules.registry import RuleResult, run_rules


class EditError(ValueError):
    """The edit cannot be made as asked; the message is for the organiser (bokmål)."""


def add_participant(
    session: Session,
    registration: Registration,
    account: str,
    name: str,
    role: str,
    sector: str,
    event: Event,
    at: datetime,
) -> None:
    name, role = _clean(name, "Navn"), role.strip()
    if _find(registration, name) is not None:
        raise EditError(f"{name} står allerede på listen.")
    record_organiser_change(
        session,
        registration,
        account,
        Change(
            action=ChangeAction.ADD,
            name=name,
            role=role or None,
            sector=_sector(sector, role, event),
        ),
    )
    reassess(registration, event, at)


def edit_participant(
    session: Session,
    registration: Registration,
    account: str,
    current_name: str,
    *,
    name: str,
    role: str,
    sector: str,
    event: Event,
    at: datetime,
) -> None:
    person = _existing(registration, current_name)
    name, role = _clean(name, "Navn"), role.strip()
    if person_key(name) != person_key(person.name) and _find(registration, name) is not None:
        raise EditError(f"{name} står allerede på listen.")
    if name != person.name:
        record_organiser_change(
            session,
            registration,
            account,
            Change(action=ChangeAction.RENAME, name=name, old_name=person.name),
        )
    new_sector = _sector(sector, role, event)
    if (role or None, new_sector) != (person.role, person.sector) or name != person.name:
        # Also after a rename: the organiser has now given this person's role by hand.
        record_organiser_change(
            session,
            registration,
            account,
            Change(action=ChangeAction.SET_ROLE, name=name, role=role or None, sector=new_sector),
        )
    reassess(registration, event, at)


def remove_participant(
    session: Session,
    registration: Registration,
    account: str,
    name: str,
    event: Event,
    at: datetime,
) -> None:
    person = _existing(registration, name)
    record_organiser_change(
        session, registration, account, Change(action=ChangeAction.REMOVE, name=person.name)
    )
    reassess(registration, event, at)


def set_withdrawn(
    session: Session,
    registration: Registration,
    account: str,
    withdrawn: bool,
    event: Event,
    at: datetime,
) -> None:
    if withdrawn == is_withdrawn(registration.changes):
        raise EditError("Påmeldingen er allerede trukket." if withdrawn else "Den er ikke trukket.")
    action = ChangeAction.WITHDRAW if withdrawn else ChangeAction.REINSTATE
    record_organiser_change(session, registration, account, Change(action=action))
    reassess(registration, event, at)


def accept_late(
    session: Session, registration: Registration, account: str, event: Event, at: datetime
) -> None:
    if is_late_accepted(registration.changes):
        raise EditError("Den sene påmeldingen er allerede godtatt.")
    record_organiser_change(session, registration, account, Change(action=ChangeAction.ACCEPT_LATE))
    reassess(registration, event, at)


def new_registration(
    session: Session,
    account: str,
    *,
    municipality_number: str,
    contact: str,
    language: str,
    event: Event,
    at: datetime,
) -> Registration:
    """A registration that came by phone or otherwise: opened by the organiser, who
    then adds the participants. Made after the deadline, it counts as accepted late."""
    number = municipality_number.strip()
    if number not in municipality_entries():
        raise EditError("Velg en kommune fra listen.")
    event_row = ensure_event(session, event.slug, event.title)
    existing = registration_for_municipality(session, event_row, number)
    if existing is not None:
        raise EditError(f"{existing.municipality_name} har allerede en påmelding.")
    municipality = to_municipality(number)
    registration = Registration(
        event_id=event_row.id,
        municipality_number=municipality.number,
        municipality_name=municipality.name,
        contact_address=contact.strip().lower(),
        language="nn" if language == "nn" else "nb",
        first_message_at=at,
        status="open",
    )
    session.add(registration)
    session.flush()
    if at > event.deadline_at:
        record_organiser_change(
            session, registration, account, Change(action=ChangeAction.ACCEPT_LATE)
        )
    reassess(registration, event, at)
    return registration


def add_contact_address(
    session: Session, registration: Registration, account: str, address: str
) -> str:
    """Let ``address`` change the registration without the organiser (someone else at the
    municipality took over, or writes from a private address). Returns the address as kept."""
    clean = _address(address)
    if clean in contact_addresses(session, registration.id):
        raise EditError(f"{clean} er allerede kontakt.")
    add_contact(session, registration, clean, ContactSource.ORGANISER, added_by=account)
    record_organiser_change(
        session, registration, account, Change(action=ChangeAction.ADD_CONTACT, name=clean)
    )
    return clean


def remove_contact_address(
    session: Session, registration: Registration, account: str, address: str
) -> str:
    """Take away an address's right to change the registration; its later messages are held
    for the organiser. The registration's main contact moves to the oldest one left."""
    clean = normalise_address(address)
    if not remove_contact(session, registration.id, clean):
        raise EditError(f"{clean or 'Adressen'} er ikke kontakt for denne påmeldingen.")
    left = contact_addresses(session, registration.id)
    if registration.contact_address.lower() == clean and left:
        registration.contact_address = left[0]
    record_organiser_change(
        session, registration, account, Change(action=ChangeAction.REMOVE_CONTACT, name=clean)
    )
    return clean


def _address(value: str) -> str:
    """One plain e-mail address, lower case (``Name <addr>`` is not taken: type the address)."""
    clean = normalise_address(value)
    local, at, domain = clean.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() or c in "<>,;" for c in clean):
        raise EditError("Skriv én e-postadresse, for eksempel navn@kommune.no.")
    if len(clean) > 200:
        raise EditError("E-postadressen er for lang.")
    return clean


def confirm_delivered(row: OutboundMessage, at: datetime) -> None:
    if row.status != "uncertain":
        raise EditError("Bare et svar med usikker levering kan merkes som levert.")
    mark_delivered(row, at)


def send_again(row: OutboundMessage, at: datetime) -> None:
    if row.status not in ("uncertain", "failed"):
        raise EditError("Bare et svar med usikker levering eller som feilet kan sendes igjen.")
    requeue(row, at)


def reassess(registration: Registration, event: Event, at: datetime) -> RuleResult:
    """Judge the registration again after an edit, as the last automatic pass would have:
    the same rules, its latest message's arrival for the deadline."""
    group = _group(registration, event)
    result = run_rules(group, event.policy())
    record_judgement(registration, result.codes, complete=result.complete, at=at)
    return result


def reassess_findings(registration: Registration, event: Event) -> tuple[Finding, ...]:
    """What the rules find in the registration as it stands (nothing is changed)."""
    return run_rules(_group(registration, event), event.policy()).findings


def _group(registration: Registration, event: Event) -> Group:
    arrivals = sorted(m.arrived_at for m in registration.messages) or [
        registration.first_message_at
    ]
    number = registration.municipality_number
    return Group(
        municipality_number=number,
        municipality_name=registration.municipality_name,
        municipality_ambiguous=(
            number is None and "ambiguous_municipality" in (registration.last_findings or [])
        ),
        members=tuple(Member(p.name, p.role, p.sector) for p in registration.participants),
        arrived_at=arrivals[-1],
        sender=registration.contact_address,
        sender_domain_matches=(
            number in municipalities_of(registration.contact_address)
            if number and registration.contact_address
            else None
        ),
        registered_on_time=(
            arrivals[0] <= event.deadline_at and complete_by(registration, event.deadline_at)
        ),
        withdrawn=is_withdrawn(registration.changes),
        late_accepted=is_late_accepted(registration.changes),
    )


def _clean(value: str, what: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise EditError(f"{what} mangler.")
    if len(text) > 200:
        raise EditError(f"{what} er for langt.")
    return text


def _sector(sector: str, role: str, event: Event) -> str:
    """The sector chosen, or the one the role says when none was chosen."""
    if sector in SECTORS:
        return sector
    return sector_of_role(role or None, event.extraction_context().guarded_sector)


def _find(registration: Registration, name: str) -> Member | None:
    wanted = person_key(name)
    for person in registration.participants:
        if person_key(person.name) == wanted:
            return Member(person.name, person.role, person.sector)
    return None


def _existing(registration: Registration, name: str) -> Member:
    person = _find(registration, name)
    if person is None:
        raise EditError(f"{name} står ikke på listen (lenger).")
    return person
