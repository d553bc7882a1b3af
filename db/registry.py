"""Apply what a message says to the registry, and derive the current list from the record.

Every change (add, remove, set_role, withdraw, reinstate) is a ``Change`` row with the message
or the organiser that caused it; the ``participants`` table is only the current list derived
from those rows, rebuilt after each change, so the record is the truth.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from db.models import Change, Event, InboundMessage, OutboundMessage, Participant, Registration
from db.states import ChangeAction, ChangeActor, RegistrationStatus
from parsers.types import Extraction, person_key


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    sector: str
    message_id: int | None


def ensure_event(session: Session, slug: str, title: str) -> Event:
    event = session.scalars(select(Event).where(Event.slug == slug)).first()
    if event is None:
        event = Event(slug=slug, title=title)
        session.add(event)
        session.flush()
    return event


def find_registration(
    session: Session, event: Event, extraction: Extraction, sender: str
) -> Registration | None:
    """Thread first (our replies or their earlier mail it answers), then the municipality,
    then the sender's address."""
    return (
        _by_thread(session, event, extraction)
        or _by_municipality(session, event, extraction)
        or _by_sender(session, event, sender)
    )


def _by_thread(session: Session, event: Event, extraction: Extraction) -> Registration | None:
    return registration_in_thread(
        session, event, [extraction.in_reply_to, *reversed(extraction.references)]
    )


def registration_in_thread(
    session: Session, event: Event, message_ids: Sequence[str | None]
) -> Registration | None:
    """The registration a message belongs to through the ids it answers (In-Reply-To, then
    References from the newest): one of our replies, else an earlier stored message."""
    ids = [i for i in message_ids if i]
    if not ids:
        return None
    outbound = session.scalars(_OUR_REPLY_IN_THREAD, {"ids": ids}).first()
    inbound = outbound or session.scalars(_STORED_IN_THREAD, {"ids": ids}).first()
    return _of_event(session, event, inbound)


#: ``registration_in_thread``'s statements, built once (parameter ``ids``).
_OUR_REPLY_IN_THREAD = select(OutboundMessage.registration_id).where(
    OutboundMessage.message_id.in_(bindparam("ids", expanding=True)),
    OutboundMessage.registration_id.is_not(None),
)
_STORED_IN_THREAD = select(InboundMessage.registration_id).where(
    InboundMessage.message_id.in_(bindparam("ids", expanding=True)),
    InboundMessage.registration_id.is_not(None),
)


def registration_of_addresses(
    session: Session, event: Event, addresses: Sequence[str]
) -> Registration | None:
    """The registration whose contact, or whose latest sender, is one of the addresses."""
    for address in addresses:
        found = session.scalars(
            select(Registration).where(
                Registration.event_id == event.id, Registration.contact_address == address
            )
        ).first() or _by_sender(session, event, address)
        if found is not None:
            return found
    return None


def _by_municipality(session: Session, event: Event, extraction: Extraction) -> Registration | None:
    if extraction.municipality is None:
        return None
    values = {"event_id": event.id, "number": extraction.municipality.number}
    return session.scalars(_BY_MUNICIPALITY, values).first()


#: ``_by_municipality``'s statement, built once (parameters ``event_id`` and ``number``).
_BY_MUNICIPALITY = select(Registration).where(
    Registration.event_id == bindparam("event_id"),
    Registration.municipality_number == bindparam("number"),
)


def registration_for_municipality(
    session: Session, event: Event, number: str
) -> Registration | None:
    return session.scalars(
        select(Registration).where(
            Registration.event_id == event.id, Registration.municipality_number == number
        )
    ).first()


def _by_sender(session: Session, event: Event, sender: str) -> Registration | None:
    found = session.scalars(_BY_SENDER, {"sender": sender}).first()
    return _of_event(session, event, found)


#: ``_by_sender``'s statement, built once (parameter ``sender``).
_BY_SENDER = (
    select(InboundMessage.registration_id)
    .where(
        InboundMessage.sender == bindparam("sender"), InboundMessage.registration_id.is_not(None)
    )
    .order_by(InboundMessage.id.desc())
)


def _of_event(session: Session, event: Event, reg_id: int | None) -> Registration | None:
    if reg_id is None:
        return None
    registration = session.get(Registration, reg_id)
    return registration if registration and registration.event_id == event.id else None


def open_registration(
    session: Session,
    event: Event,
    extraction: Extraction,
    sender: str,
    at: datetime,
    message: InboundMessage | None = None,
) -> Registration:
    """A new registration, flushed for its id. ``message``, the one that opens it, is given
    it before that flush, so the message's row is written once with its registration and
    what the pass had set on it (one UPDATE instead of two)."""
    registration = Registration(
        event_id=event.id,
        municipality_number=extraction.municipality.number if extraction.municipality else None,
        municipality_name=extraction.municipality.name if extraction.municipality else None,
        contact_address=sender,
        language=extraction.language,
        first_message_at=at,
        status="open",
    )
    session.add(registration)
    if message is not None:
        message.registration = registration
    session.flush()
    return registration


def learn_municipality(
    session: Session, registration: Registration, extraction: Extraction
) -> None:
    """A registration opened without a municipality takes it from a later message, unless
    another registration of the event already holds it."""
    found = extraction.municipality
    if registration.municipality_number is not None or found is None:
        return
    taken = session.scalars(
        select(Registration.id).where(
            Registration.event_id == registration.event_id,
            Registration.municipality_number == found.number,
        )
    ).first()
    if taken is None:
        registration.municipality_number = found.number
        registration.municipality_name = found.name


def record_changes(
    session: Session, registration: Registration, extraction: Extraction, message: InboundMessage
) -> list[Change]:
    """Turn one message's extraction into change rows and rebuild the current list."""
    current = derive_members(registration.changes)
    changes = list(_changes_for(extraction, current, signs_up_again(registration, extraction)))
    for change in changes:
        change.registration = registration
        change.message_id = message.id
        change.actor = ChangeActor.MESSAGE
        session.add(change)
    if changes:
        rebuild_participants(session, registration)
    return changes


def _changes_for(
    extraction: Extraction, current: Sequence[Person], afresh: bool = False
) -> Iterable[Change]:
    """``afresh``: a whole new list after the municipality withdrew by mail (``signs_up_again``)
    is a new sign-up: the registration is reinstated and whoever it does not list is taken
    off, so the old group is not carried into the new one."""
    if extraction.kind == "withdrawal":
        yield Change(action=ChangeAction.WITHDRAW)
        return
    known = {person_key(p.name): p for p in current}
    if afresh:
        yield Change(action=ChangeAction.REINSTATE)
        listed = {person_key(p.name) for p in extraction.participants}
        for member in current:
            if person_key(member.name) not in listed:
                yield Change(action=ChangeAction.REMOVE, name=member.name)
                known.pop(person_key(member.name), None)
    for name in extraction.removed:
        match = _match_removed(name, current)
        if match is not None and person_key(match.name) in known:
            yield Change(action=ChangeAction.REMOVE, name=match.name)
            known.pop(person_key(match.name), None)
    for person in extraction.participants:
        before = known.get(person_key(person.name))
        if before is None:
            yield Change(
                action=ChangeAction.ADD, name=person.name, role=person.role, sector=person.sector
            )
            known[person_key(person.name)] = Person(person.name, person.role, person.sector, None)
        elif person.role and (person.role, person.sector) != (before.role, before.sector):
            yield Change(
                action=ChangeAction.SET_ROLE,
                name=before.name,
                role=person.role,
                sector=person.sector,
            )


def unmatched_removals(registration: Registration, extraction: Extraction) -> list[str]:
    """Names the message takes off that match nobody on the current list: applying it would
    change nothing, and a confirmation would still list a person the sender took off. A name
    that matches someone taken off before ("… i staden for Silje", after Silje Bøe Tveit
    was taken off) is already done."""
    if extraction.kind != "update":
        return []
    current = derive_members(registration.changes)
    former = former_members(registration.changes, current)
    return [
        name
        for name in extraction.removed
        if _match_removed(name, current) is None and _match_removed(name, former) is None
    ]


def former_members(changes: Iterable[Change], current: Sequence[Person]) -> list[Person]:
    """People the record took off who are not on the current list again."""
    on_list = {person_key(p.name) for p in current}
    gone: dict[str, Person] = {}
    for change in changes:
        key = person_key(change.name or "")
        if change.action == ChangeAction.REMOVE and key and key not in on_list:
            gone[key] = Person(change.name or "", None, "annet", None)
    return list(gone.values())


def signs_up_again(registration: Registration, extraction: Extraction) -> bool:
    """A list of a whole group (``RESTATED_LIST`` or more) after the municipality withdrew
    by mail: it signs up again, as a new group. A withdrawal the organiser made stands."""
    return (
        extraction.kind in ("registration", "update")
        and len(extraction.participants) >= RESTATED_LIST
        and withdrawn_by_mail(registration.changes)
    )


#: An update that lists this many persons, this many of them on the list already, restates
#: the list rather than adding to it.
RESTATED_LIST = 3
RESTATED_KNOWN = 2


def left_out_unsaid(registration: Registration, extraction: Extraction) -> list[str]:
    """Persons on the current list that an update restating the list leaves out without
    taking them off ("Her er den oppdaterte lista: …" without one of the earlier names):
    applied as written, the confirmation would still list them; taken off, the sender may
    only have forgotten them. Neither answer is sure."""
    if extraction.kind != "update" or len(extraction.participants) < RESTATED_LIST:
        return []
    if signs_up_again(registration, extraction):
        return []
    current = derive_members(registration.changes)
    listed = {person_key(p.name) for p in extraction.participants}
    if len(listed & {person_key(p.name) for p in current}) < RESTATED_KNOWN:
        return []
    removed = [_match_removed(name, current) for name in extraction.removed]
    gone = {person_key(p.name) for p in removed if p is not None}
    return [p.name for p in current if person_key(p.name) not in listed | gone]


def joins_as_own_sign_up(
    registration: Registration, extraction: Extraction, min_participants: int
) -> bool:
    """A sign-up of its own that may join the registration from a colleague who is not yet
    a contact: a registration (no update, no withdrawal) listing a whole group by itself,
    taking nobody off, changing the sector of nobody already listed, to a registration that
    is not withdrawn. What it can do is add people, as opening a registration could."""
    if extraction.kind != "registration" or extraction.removed:
        return False
    if registration.status == RegistrationStatus.WITHDRAWN:
        return False
    listed = {person_key(p.name): p for p in extraction.participants if p.name.strip()}
    if len(listed) < min_participants:
        return False
    current = {person_key(p.name): p for p in derive_members(registration.changes)}
    return all(
        current[key].sector == person.sector for key, person in listed.items() if key in current
    )


def _match_removed(name: str, current: Sequence[Person]) -> Person | None:
    """Exact name, else the only person whose name contains all the given words."""
    wanted = person_key(name)
    for person in current:
        if person_key(person.name) == wanted:
            return person
    words = set(wanted.split())
    candidates = [p for p in current if words <= set(person_key(p.name).split())]
    return candidates[0] if len(candidates) == 1 else None


PERSON_ACTIONS = frozenset(
    {ChangeAction.ADD, ChangeAction.REMOVE, ChangeAction.SET_ROLE, ChangeAction.RENAME}
)


@dataclass(frozen=True)
class Replay:
    """The current list, and the automatic changes that were not applied because the
    organiser had already decided about that person."""

    members: list[Person]
    overridden: frozenset[int]


def replay(changes: Iterable[Change]) -> Replay:
    """Replay the record in order: the current list in the order people were first added.

    The organiser's word wins: once an organiser's change has touched a person (added,
    removed, renamed or given a role by hand), later automatic changes to that person are
    kept in the record but not applied. So a new mail that repeats a misread role, or
    lists a misspelt name the organiser corrected, never undoes the correction.
    """
    members: dict[str, Person] = {}
    decided: set[str] = set()
    overridden: set[int] = set()
    known_roles: dict[str, tuple[str, str]] = {}  # the last role the record gave each person
    for change in changes:
        if change.action not in PERSON_ACTIONS:
            continue
        key = person_key(change.name or "")
        old_key = person_key(change.old_name or "")
        if change.actor != ChangeActor.ORGANISER and (
            key in decided or (old_key and old_key in decided)
        ):
            overridden.add(change.id)
            continue
        if change.actor == ChangeActor.ORGANISER:
            decided.update(k for k in (key, old_key) if k)
        members = _apply_person_change(members, change, key, old_key, known_roles)
        if key in members and members[key].role:
            known_roles[key] = (members[key].role or "", members[key].sector)
    return Replay(list(members.values()), frozenset(overridden))


def _apply_person_change(
    members: dict[str, Person],
    change: Change,
    key: str,
    old_key: str,
    known_roles: dict[str, tuple[str, str]],
) -> dict[str, Person]:
    """One change applied to the list. A person a message adds again without a role ("Per
    Ås er med likevel", after an earlier mail took him off) keeps the role the record last
    gave him (``known_roles``): the sender wrote it once, and asking for it again would be
    a wrong correction request. The change row stays as written."""
    by_organiser = change.actor == ChangeActor.ORGANISER
    if change.action == ChangeAction.ADD and (key not in members or by_organiser):
        before = members.get(key)
        role, sector = change.role, change.sector or "annet"
        if role is None and not by_organiser and key in known_roles:
            role, sector = known_roles[key]
        members[key] = Person(
            change.name or "",
            role,
            sector,
            before.message_id if before else change.message_id,
        )
    elif change.action == ChangeAction.REMOVE:
        members.pop(key, None)
    elif change.action == ChangeAction.SET_ROLE and key in members:
        old = members[key]
        members[key] = Person(old.name, change.role, change.sector or old.sector, old.message_id)
    elif change.action == ChangeAction.RENAME and old_key in members:
        # The person keeps their place in the list under the new name.
        renamed: dict[str, Person] = {}
        for k, person in members.items():
            if k == old_key:
                renamed[key] = Person(
                    change.name or "", person.role, person.sector, person.message_id
                )
            elif k != key:
                renamed[k] = person
        return renamed
    return members


def derive_members(changes: Iterable[Change]) -> list[Person]:
    """The current list (see ``replay``)."""
    return replay(changes).members


def record_judgement(
    registration: Registration, codes: Sequence[str], *, complete: bool, at: datetime
) -> None:
    """Keep the rules' findings on the registration and set its status after them: withdrawn
    when its changes say so, else complete or open (the first time it was complete is kept)."""
    registration.last_findings = list(codes)
    if is_withdrawn(registration.changes):
        registration.status = RegistrationStatus.WITHDRAWN
    elif complete:
        registration.status = RegistrationStatus.COMPLETE
        registration.first_complete_at = registration.first_complete_at or at
    else:
        registration.status = RegistrationStatus.OPEN


def is_withdrawn(changes: Iterable[Change]) -> bool:
    """A withdrawal holds until reinstated; a later automatic sign-up undoes a withdrawal
    made by mail, but not one the organiser made."""
    return _withdrawal(changes)[0]


def withdrawn_by_mail(changes: Iterable[Change]) -> bool:
    """Withdrawn, and by a message rather than by the organiser."""
    withdrawn, by_organiser = _withdrawal(changes)
    return withdrawn and not by_organiser


def _withdrawal(changes: Iterable[Change]) -> tuple[bool, bool]:
    """(withdrawn, by the organiser) after the record."""
    withdrawn = by_organiser = False
    for change in changes:
        if change.action == ChangeAction.WITHDRAW:
            withdrawn, by_organiser = True, change.actor == ChangeActor.ORGANISER
        elif change.action == ChangeAction.REINSTATE or (
            change.action == ChangeAction.ADD and not by_organiser
        ):
            withdrawn = False
    return withdrawn, by_organiser


def is_late_accepted(changes: Iterable[Change]) -> bool:
    """The organiser accepted this registration although it came after the deadline."""
    return any(c.action == ChangeAction.ACCEPT_LATE for c in changes)


def changes_of_message(session: Session, message_id: int) -> list[Change]:
    return list(
        session.scalars(select(Change).where(Change.message_id == message_id).order_by(Change.id))
    )


def record_organiser_change(
    session: Session, registration: Registration, account: str, change: Change
) -> Change:
    """One change made at the desk, with the account that made it; the list is rebuilt."""
    change.registration = registration
    change.actor = ChangeActor.ORGANISER
    change.account = account
    session.add(change)
    session.flush()
    rebuild_participants(session, registration)
    return change


def rebuild_participants(session: Session, registration: Registration) -> None:
    """Make the ``participants`` rows match the record, touching only the rows that differ.

    Rewriting every row after every message made the statements per message grow with the
    registration; an unchanged list now costs no write at all.
    """
    session.flush()
    session.refresh(registration, ["changes"])
    members = derive_members(registration.changes)
    rows = registration.participants
    for position, person in enumerate(members):
        wanted = (position, person.name, person.role, person.sector, person.message_id)
        if position < len(rows):
            row = rows[position]
            if (row.position, row.name, row.role, row.sector, row.message_id) != wanted:
                row.position, row.name, row.role = position, person.name, person.role
                row.sector, row.message_id = person.sector, person.message_id
        else:
            rows.append(
                Participant(
                    position=position,
                    name=person.name,
                    role=person.role,
                    sector=person.sector,
                    message_id=person.message_id,
                )
            )
    del rows[len(members) :]
    session.flush()


def all_registrations(session: Session) -> list[Registration]:
    """Every registration, oldest first."""
    return list(session.scalars(select(Registration).order_by(Registration.id)))


def completed_ahead_of(session: Session, registration: Registration) -> int:
    """How many registrations of the same event, not withdrawn, became complete before this
    one (the same moment: the lower id first). Counts for the waiting list."""
    assert registration.first_complete_at is not None
    earlier = (Registration.first_complete_at < registration.first_complete_at) | (
        (Registration.first_complete_at == registration.first_complete_at)
        & (Registration.id < registration.id)
    )
    query = select(func.count(Registration.id)).where(
        Registration.event_id == registration.event_id,
        Registration.status != RegistrationStatus.WITHDRAWN,
        Registration.first_complete_at.is_not(None),
        earlier,
    )
    return session.scalar(query) or 0


def registered_numbers(session: Session, event_slug: str) -> set[str]:
    """The municipality numbers that have a registration for the event (withdrawn too:
    they answered)."""
    rows = session.scalars(
        select(Registration.municipality_number)
        .join(Event, Registration.event_id == Event.id)
        .where(Event.slug == event_slug, Registration.municipality_number.is_not(None))
    )
    return {number for number in rows if number}


def first_arrival_besides(
    session: Session, registration_id: int, message_id: int
) -> datetime | None:
    """When the registration's first message other than ``message_id`` arrived (None: none).

    An aggregate in the database: the messages themselves, raw bodies and all, are never
    loaded to answer it.
    """
    return session.scalar(
        select(func.min(InboundMessage.arrived_at)).where(
            InboundMessage.registration_id == registration_id, InboundMessage.id != message_id
        )
    )
