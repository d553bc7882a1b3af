"""Queries for the organiser's desk: the board, a registration's page, the review queue,
and the desk's audit record."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from db.models import (
    Change,
    DeskAction,
    Event,
    InboundMessage,
    OutboundMessage,
    Registration,
)
from db.registry import replay
from db.states import ChangeAction, ChangeActor, DeskActionKind
from parsers.types import SECTORS, person_key


def record_action(
    session: Session,
    *,
    account: str,
    action: DeskActionKind,
    at: datetime,
    registration_id: int | None = None,
    inbound_id: int | None = None,
    outbound_id: int | None = None,
) -> DeskAction:
    row = DeskAction(
        account=account,
        action=action,
        registration_id=registration_id,
        inbound_id=inbound_id,
        outbound_id=outbound_id,
        created_at=at,
    )
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class BoardRow:
    """One municipality on the board."""

    registration_id: int
    municipality_name: str | None
    municipality_number: str | None
    group: str  # complete, incomplete, late, withdrawn
    participants: int
    sectors: tuple[tuple[str, int], ...]
    findings: tuple[str, ...]
    contact: str
    first_message_at: datetime
    first_complete_at: datetime | None
    held: int
    place: int | None = None
    """Place in the order of completion (1 = first complete), for complete ones."""


@dataclass(frozen=True)
class Board:
    rows: tuple[BoardRow, ...]
    held_without_registration: int
    held_total: int
    sector_counts: tuple[tuple[str, int, int], ...]
    """(sector, participants in complete registrations, in every active one)."""

    def group(self, name: str) -> list[BoardRow]:
        return [row for row in self.rows if row.group == name]


def board(session: Session, event_slug: str, search: str = "") -> Board:
    """Every municipality that wrote, grouped by status, complete ones in order of
    completion; ``search`` keeps those whose municipality, participants or addresses
    contain it (case-insensitive)."""
    event = session.scalars(select(Event).where(Event.slug == event_slug)).first()
    registrations: list[Registration] = []
    if event is not None:
        registrations = list(
            session.scalars(
                select(Registration)
                .where(Registration.event_id == event.id)
                .options(selectinload(Registration.participants))
                .order_by(Registration.first_message_at, Registration.id)
            )
        )
    held = _held_by_registration(session)
    addresses = _sender_addresses(session, [r.id for r in registrations])
    rows = [
        _board_row(r, held.get(r.id, 0))
        for r in registrations
        if _matches(r, addresses.get(r.id, ()), search)
    ]
    return Board(
        rows=tuple(_in_order_of_completion(rows)),
        held_without_registration=held.get(None, 0),
        held_total=sum(held.values()),
        sector_counts=_sector_counts(registrations),
    )


def _held_by_registration(session: Session) -> dict[int | None, int]:
    rows = session.execute(
        select(InboundMessage.registration_id, func.count())
        .where(InboundMessage.status == "needs_review")
        .group_by(InboundMessage.registration_id)
    ).all()
    return {reg_id: count for reg_id, count in rows}


def _sender_addresses(session: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    rows = session.execute(
        select(InboundMessage.registration_id, InboundMessage.sender)
        .where(InboundMessage.registration_id.in_(ids), InboundMessage.sender.is_not(None))
        .distinct()
    ).all()
    for reg_id, sender in rows:
        if reg_id is not None and sender is not None:
            found.setdefault(reg_id, []).append(sender)
    return {k: tuple(v) for k, v in found.items()}


def _matches(registration: Registration, senders: tuple[str, ...], search: str) -> bool:
    wanted = search.strip().casefold()
    if not wanted:
        return True
    haystack = [
        registration.municipality_name or "",
        registration.municipality_number or "",
        registration.contact_address,
        *senders,
        *(p.name for p in registration.participants),
        *(p.role or "" for p in registration.participants),
    ]
    return any(wanted in text.casefold() for text in haystack)


def board_group(registration: Registration) -> str:
    if registration.status == "withdrawn":
        return "withdrawn"
    if registration.status == "complete":
        return "complete"
    if "late" in (registration.last_findings or []):
        return "late"
    return "incomplete"


def _board_row(registration: Registration, held: int) -> BoardRow:
    sectors = Counter(p.sector for p in registration.participants)
    return BoardRow(
        registration_id=registration.id,
        municipality_name=registration.municipality_name,
        municipality_number=registration.municipality_number,
        group=board_group(registration),
        participants=len(registration.participants),
        sectors=tuple(sorted(sectors.items(), key=lambda item: (-item[1], item[0]))),
        findings=tuple(registration.last_findings or ()),
        contact=registration.contact_address,
        first_message_at=registration.first_message_at,
        first_complete_at=registration.first_complete_at,
        held=held,
    )


def _in_order_of_completion(rows: list[BoardRow]) -> list[BoardRow]:
    complete = sorted(
        (r for r in rows if r.group == "complete"),
        key=lambda r: (r.first_complete_at or r.first_message_at, r.registration_id),
    )
    placed = [replace(row, place=n) for n, row in enumerate(complete, start=1)]
    return placed + [r for r in rows if r.group != "complete"]


def _sector_counts(registrations: list[Registration]) -> tuple[tuple[str, int, int], ...]:
    complete: Counter[str] = Counter()
    active: Counter[str] = Counter()
    for registration in registrations:
        if registration.status == "withdrawn":
            continue
        for person in registration.participants:
            active[person.sector] += 1
            if registration.status == "complete":
                complete[person.sector] += 1
    return tuple((sector, complete[sector], active[sector]) for sector in SECTORS)


@dataclass(frozen=True)
class RegistrationView:
    """Everything the registration page shows, read in a handful of queries."""

    registration: Registration
    messages: tuple[InboundMessage, ...]
    replies: tuple[OutboundMessage, ...]
    changes: tuple[Change, ...]
    overridden: frozenset[int]
    actions: tuple[DeskAction, ...]

    def replies_to(self, message_id: int) -> list[OutboundMessage]:
        return [r for r in self.replies if r.inbound_id == message_id]

    def answers(self) -> dict[int, DeskAction]:
        """The organiser's written answers on this registration, by their outbox row."""
        return {
            a.outbound_id: a
            for a in self.actions
            if a.action == DeskActionKind.ANSWER and a.outbound_id is not None
        }

    def replies_without_message(self) -> list[OutboundMessage]:
        ids = {m.id for m in self.messages}
        return [r for r in self.replies if r.inbound_id not in ids]


def registration_view(session: Session, registration_id: int) -> RegistrationView | None:
    registration = session.get(Registration, registration_id)
    if registration is None:
        return None
    messages = tuple(
        session.scalars(
            select(InboundMessage)
            .where(InboundMessage.registration_id == registration_id)
            .order_by(InboundMessage.arrived_at, InboundMessage.id)
        )
    )
    replies = tuple(
        session.scalars(
            select(OutboundMessage)
            .where(
                (OutboundMessage.registration_id == registration_id)
                | OutboundMessage.inbound_id.in_([m.id for m in messages])
            )
            .order_by(OutboundMessage.id)
        )
    )
    actions = tuple(
        session.scalars(
            select(DeskAction)
            .where(DeskAction.registration_id == registration_id)
            .order_by(DeskAction.id)
        )
    )
    changes = tuple(registration.changes)
    return RegistrationView(
        registration, messages, replies, changes, replay(changes).overridden, actions
    )


def registration_by_id(session: Session, registration_id: int) -> Registration | None:
    return session.get(Registration, registration_id)


def outbound_by_id(session: Session, outbound_id: int) -> OutboundMessage | None:
    return session.get(OutboundMessage, outbound_id)


@dataclass(frozen=True)
class ExportRow:
    """One participant as the organiser's spreadsheet lists them."""

    municipality: str
    municipality_number: str
    position: int
    name: str
    role: str
    sector: str
    status: str  # complete, incomplete, late, withdrawn (board groups)
    registered_at: datetime | None
    source: str
    source_message_id: str


def export_rows(session: Session) -> list[ExportRow]:
    """Every participant of every registration: complete registrations first in order of
    completion, then the others in order of their first message."""
    registrations = list(
        session.scalars(
            select(Registration).options(
                selectinload(Registration.participants), selectinload(Registration.changes)
            )
        )
    )
    registrations.sort(
        key=lambda r: (
            r.first_complete_at is None or r.status != "complete",
            r.first_complete_at or r.first_message_at,
            r.first_message_at,
            r.id,
        )
    )
    messages = {
        m.id: m
        for m in session.scalars(
            select(InboundMessage).where(
                InboundMessage.registration_id.in_([r.id for r in registrations])
            )
        )
    }
    return [
        row
        for registration in registrations
        for row in _export_registration(registration, messages)
    ]


def _export_registration(
    registration: Registration, messages: dict[int, InboundMessage]
) -> list[ExportRow]:
    added_by_desk: dict[str, Change] = {}
    for change in registration.changes:
        if (
            change.actor == ChangeActor.ORGANISER
            and change.action in (ChangeAction.ADD, ChangeAction.RENAME)
            and change.name
        ):
            added_by_desk.setdefault(person_key(change.name), change)
    rows = []
    for position, person in enumerate(registration.participants, start=1):
        message = messages.get(person.message_id) if person.message_id else None
        desk_change = added_by_desk.get(person_key(person.name))
        if message is not None:
            registered_at, source = message.arrived_at, f"e-post fra {message.sender or '?'}"
        elif desk_change is not None:
            registered_at = desk_change.created_at
            source = f"lagt inn av {desk_change.account or 'arrangøren'}"
        else:
            registered_at, source = None, ""
        rows.append(
            ExportRow(
                municipality=registration.municipality_name or "",
                municipality_number=registration.municipality_number or "",
                position=position,
                name=person.name,
                role=person.role or "",
                sector=person.sector,
                status=board_group(registration),
                registered_at=registered_at,
                source=source,
                source_message_id=(message.message_id or "") if message else "",
            )
        )
    return rows


def review_queue(session: Session) -> list[InboundMessage]:
    """Messages waiting for the organiser, oldest first (held, questions, not understood)."""
    return list(
        session.scalars(
            select(InboundMessage)
            .where(InboundMessage.status == "needs_review")
            .options(selectinload(InboundMessage.registration))
            .order_by(InboundMessage.arrived_at, InboundMessage.id)
        )
    )


@dataclass(frozen=True)
class Answered:
    """A question the organiser answered in words of their own: who, when, and the reply."""

    action: DeskAction
    message: InboundMessage
    reply: OutboundMessage


def answered_questions(session: Session, limit: int = 20) -> list[Answered]:
    """The organiser's latest written answers, newest first (a question without a
    registration has no page of its own to show its answer)."""
    rows = session.execute(
        select(DeskAction, InboundMessage, OutboundMessage)
        .join(InboundMessage, InboundMessage.id == DeskAction.inbound_id)
        .join(OutboundMessage, OutboundMessage.id == DeskAction.outbound_id)
        .where(DeskAction.action == DeskActionKind.ANSWER)
        .order_by(DeskAction.id.desc())
        .limit(limit)
    ).all()
    return [Answered(action, message, reply) for action, message, reply in rows]


def held_of_registration_or_senders(
    session: Session, registration_id: int, senders: list[str]
) -> list[InboundMessage]:
    """Messages waiting for the organiser that belong to the registration or come from one
    of ``senders`` (a held sign-up that opened nothing has no registration of its own)."""
    mine = InboundMessage.registration_id == registration_id
    if senders:
        mine = mine | InboundMessage.sender.in_(senders)
    return list(
        session.scalars(
            select(InboundMessage)
            .where(InboundMessage.status == "needs_review", mine)
            .order_by(InboundMessage.arrived_at, InboundMessage.id)
        )
    )


def failed_messages(session: Session) -> list[InboundMessage]:
    return list(
        session.scalars(
            select(InboundMessage)
            .where(InboundMessage.status == "failed")
            .order_by(InboundMessage.arrived_at, InboundMessage.id)
        )
    )


def inbound_by_id(session: Session, message_id: int) -> InboundMessage | None:
    return session.get(InboundMessage, message_id)


def replies_needing_attention(session: Session) -> list[OutboundMessage]:
    """Replies whose delivery is uncertain (never resent on their own) or that failed."""
    return list(
        session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.status.in_(["uncertain", "failed"]))
            .order_by(OutboundMessage.id)
        )
    )
