"""The invited municipalities, who has not answered, and one polite reminder to them.

The event file may name a CSV of invitees (``invitees = "inviterte.csv"``, relative to the
event file): ``number,address`` and optionally ``malform`` (``nb``/``nn``), one row per
address. A municipality has answered once it has a registration or anyone at one of its
invited addresses has written. A reminder goes to the addresses of each municipality that
has not, once, in its official written standard (the CSV's column, else the register's,
else bokmål), through the outbox and within the sending caps; a municipality reminded once
is never reminded again.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from db.inbound import sender_addresses
from db.models import OutboundMessage
from db.outbox import enqueue, reminders_sent, replies_to_since
from db.registry import registered_numbers
from db.states import OutboxStatus, ReplyKind
from mailbot.errors import UserError
from mailbot.event import Event
from mailbot.replies import ReplyContext, build_reply, make_message_id
from parsers.register import municipality_entries, official_language

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Invitee:
    """One invited municipality and the addresses the invitation went to."""

    number: str
    name: str
    addresses: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class Waiting:
    """An invitee that has not answered, and when it was reminded (None: not yet)."""

    invitee: Invitee
    reminded_at: datetime | None


@dataclass(frozen=True)
class ReminderRun:
    queued: tuple[str, ...] = ()
    """Municipality numbers reminded now."""
    already: int = 0
    """Not answered, but reminded before: never twice."""
    capped: int = 0
    """Held back by the per-address daily cap (tried again on the next run)."""


def load_invitees(event: Event) -> tuple[Invitee, ...]:
    """The event's invitee list (empty when it names none), grouped by municipality in the
    order of the file."""
    if event.invitees is None:
        return ()
    try:
        text = event.invitees.read_text("utf-8-sig")
    except OSError as error:
        raise UserError(f"invitee list {event.invitees}: {error.strerror or error}") from None
    entries = municipality_entries()
    found: dict[str, tuple[list[str], str | None]] = {}
    reader = csv.DictReader(io.StringIO(text))
    if not {"number", "address"} <= set(reader.fieldnames or ()):
        raise UserError(f"invitee list {event.invitees}: needs the columns number,address")
    for line, row in enumerate(reader, start=2):
        number = (row.get("number") or "").strip().zfill(4)
        address = (row.get("address") or "").strip().lower()
        malform = (row.get("malform") or "").strip().lower() or None
        if number not in entries:
            raise UserError(f"invitee list {event.invitees}, line {line}: no municipality {number}")
        if "@" not in address:
            raise UserError(f"invitee list {event.invitees}, line {line}: no e-mail address")
        if malform not in (None, "nb", "nn"):
            raise UserError(f"invitee list {event.invitees}, line {line}: malform is nb or nn")
        addresses, language = found.setdefault(number, ([], malform))
        if address not in addresses:
            addresses.append(address)
        if malform and language is None:
            found[number] = (addresses, malform)
    return tuple(
        Invitee(
            number,
            entries[number].display,
            tuple(addresses),
            language or official_language(number) or "nb",
        )
        for number, (addresses, language) in found.items()
    )


def not_answered(session: Session, event: Event, invitees: tuple[Invitee, ...]) -> list[Waiting]:
    """The invitees that have neither registered nor written, in the file's order."""
    registered = registered_numbers(session, event.slug)
    written = sender_addresses(session)
    reminded = reminders_sent(session)
    return [
        Waiting(i, min((reminded[a] for a in i.addresses if a in reminded), default=None))
        for i in invitees
        if i.number not in registered and not any(a in written for a in i.addresses)
    ]


def queue_reminders(session: Session, event: Event, now: datetime) -> ReminderRun:
    """One reminder to every invitee that has not answered and was never reminded."""
    queued: list[str] = []
    already = capped = 0
    limit = event.replies.max_per_address_per_day
    for waiting in not_answered(session, event, load_invitees(event)):
        invitee = waiting.invitee
        if waiting.reminded_at is not None:
            already += 1
            continue
        if any(
            replies_to_since(session, a, now - timedelta(hours=24)) >= limit
            for a in invitee.addresses
        ):
            capped += 1
            continue
        enqueue(session, _reminder(invitee, event, now))
        queued.append(invitee.number)
    log.info("reminders: %d queued, %d reminded before, %d capped", len(queued), already, capped)
    return ReminderRun(tuple(queued), already, capped)


def reminders_due(event: Event, now: datetime) -> bool:
    """Is it time for the scheduled reminders (opt-in in the event file): from the set number
    of days before the deadline until the deadline."""
    days = event.reminders.days_before_deadline
    if days is None:
        return False
    deadline = event.deadline_at
    start = (deadline - timedelta(days=days)).astimezone(event.tz).date()
    return start <= now.astimezone(event.tz).date() and now <= deadline


def _reminder(invitee: Invitee, event: Event, now: datetime) -> OutboundMessage:
    nn = invitee.language == "nn"
    title = event.title_in(invitee.language)
    message_id = make_message_id(event.own_domain)
    email = build_reply(
        ReplyKind.REMINDER.value,
        ReplyContext(
            event=event,
            language=invitee.language,
            municipality_name=invitee.name,
            members=(),
            findings=(),
            recipient_name=None,
        ),
        to=invitee.addresses[0],
        also_to=invitee.addresses[1:],
        subject=f"{'Påminning' if nn else 'Påminnelse'}: {title}",
        original_subject="",
        in_reply_to=None,
        references=(),
        message_id=message_id,
        from_address=event.inbox_address,
        from_name=event.organisers,
        date=now,
        auto_submitted="auto-generated",
    )
    return OutboundMessage(
        message_id=message_id,
        inbound_id=None,
        registration_id=None,
        kind=ReplyKind.REMINDER.value,
        sender=event.inbox_address,
        recipient=invitee.addresses[0],
        cc=list(invitee.addresses[1:]) or None,
        subject=str(email["Subject"]),
        raw=email.as_bytes(),
        findings=[],
        status=OutboxStatus.PENDING.value,
        next_attempt_at=now,
        created_at=now,
    )


def remind_command(url: str, event: Event, *, dry_run: bool) -> int:
    """``mailbot remind``: queue the reminders now (the worker's send job delivers them), or
    with ``--dry-run`` list who would get one."""
    from datetime import UTC

    from db.session import make_engine, make_session_factory

    if event.invitees is None:
        raise UserError('the event file names no invitee list (invitees = "FILE.csv")')
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            now = datetime.now(UTC)
            if dry_run:
                waiting = not_answered(session, event, load_invitees(event))
                for w in waiting:
                    state = "reminded before" if w.reminded_at else "would be reminded"
                    print(f"{w.invitee.number} {w.invitee.name}: {state}")
                print(f"{len(waiting)} invited municipalities have not answered")
                session.rollback()
                return 0
            run = queue_reminders(session, event, now)
    finally:
        engine.dispose()
    print(
        f"reminders queued: {len(run.queued)}; reminded before: {run.already}; "
        f"held back by the daily cap: {run.capped}"
    )
    return 0
