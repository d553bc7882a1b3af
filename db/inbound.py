"""The inbound store: every message kept raw, exactly once, before anything reads it."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    Update,
    bindparam,
    case,
    cast,
    func,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from db.models import InboundMessage, Registration, utcnow
from db.states import HoldReason, MessageKind, MessageStatus, RegistrationStatus


@dataclass(frozen=True)
class StoreResult:
    message: InboundMessage
    created: bool


def store_raw(
    session: Session,
    *,
    source: str,
    uidvalidity: int,
    uid: str,
    raw: bytes,
    arrived_at: datetime | None,
) -> StoreResult:
    """Insert a message unless it is already stored (same mailbox slot or same Message-ID and
    bytes). Flushes but does not commit: the caller commits, then acknowledges on the server.

    When another worker stores the same message between our look-up and our insert, the
    flush raises ``IntegrityError`` and the transaction is lost: the caller stores again in
    a new one, which finds the other worker's row (``mailbot.ingest``). No savepoint is taken
    for that rare race: it cost two statements for every message stored.
    """
    digest = hashlib.sha256(raw).hexdigest()
    message_id = header_message_id(raw)
    existing = _find_existing(session, source, uidvalidity, uid, message_id, digest)
    if existing is not None:
        return StoreResult(existing, created=False)
    row = InboundMessage(
        source=source,
        uidvalidity=uidvalidity,
        uid=uid,
        message_id=message_id,
        sha256=digest,
        raw=raw,
        size=len(raw),
        arrived_at=arrived_at or utcnow(),
        status="new",
    )
    session.add(row)
    session.flush()
    return StoreResult(row, created=True)


def _find_existing(
    session: Session,
    source: str,
    uidvalidity: int,
    uid: str,
    message_id: str | None,
    digest: str,
) -> InboundMessage | None:
    values: dict[str, object] = {
        "source": source,
        "uidvalidity": uidvalidity,
        "uid": uid,
        "sha256": digest,
    }
    if message_id is not None:
        values["message_id"] = message_id
    statement = _existing_statement(message_id is not None)
    return session.scalars(statement, values).first()


@cache
def _existing_statement(has_message_id: bool) -> Select[InboundMessage]:
    """The stored message in the same mailbox slot, or with the same Message-ID and bytes
    (built once; parameters ``source``, ``uidvalidity``, ``uid``, ``sha256`` and, when
    ``has_message_id``, ``message_id``)."""
    same_slot = (
        (InboundMessage.source == bindparam("source"))
        & (InboundMessage.uidvalidity == bindparam("uidvalidity"))
        & (InboundMessage.uid == bindparam("uid"))
    )
    # The same bytes under another slot (UIDVALIDITY changed, the message was copied) are the
    # same message, with or without a Message-ID: answering it again would answer twice.
    same_id = (
        InboundMessage.message_id == bindparam("message_id")
        if has_message_id
        else InboundMessage.message_id.is_(None)
    )
    condition = or_(same_slot, same_id & (InboundMessage.sha256 == bindparam("sha256")))
    return select(InboundMessage).where(condition).limit(1)


def stored_sizes(session: Session, source: str) -> dict[str, int]:
    """File key → size of every message stored from a file source, in one query (the
    Maildir source reads only files not in it)."""
    rows = session.execute(
        select(InboundMessage.uid, InboundMessage.size).where(
            InboundMessage.source == source, InboundMessage.uidvalidity == 0
        )
    )
    return {uid: size for uid, size in rows}


def header_message_id(raw: bytes) -> str | None:
    """The Message-ID header, read cheaply from the header block only."""
    try:
        headers = BytesHeaderParser().parsebytes(raw[: 256 * 1024])
        value = headers.get("Message-ID")
    except Exception:  # noqa: BLE001 - a broken header block must not stop storing
        return None
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text[:998] or None


class LeaseLost(RuntimeError):
    """Our claim on a message ran out and another worker took it: roll back, do not commit."""


def claim(
    session: Session, worker: str, now: datetime, lease: timedelta, max_attempts: int
) -> InboundMessage | None:
    """The oldest message that is waiting, or whose claim ran out, claimed for ``worker``
    (``claim_batch`` of one). None: nothing waits."""
    found = claim_batch(session, worker, now, lease, max_attempts, 1)
    return found[0] if found else None


def claim_batch(
    session: Session,
    worker: str,
    now: datetime,
    lease: timedelta,
    max_attempts: int,
    size: int,
) -> list[InboundMessage]:
    """Claim up to ``size`` of the oldest messages that are waiting, or the oldest one whose
    claim ran out (its worker died or failed on it), for ``worker`` until ``now + lease``;
    counts the attempt. Empty: nothing waits. A message that has had ``max_attempts``
    already is set aside as ``failed`` instead (returned so, for the caller to log): so a
    message that kills the process is tried a few times and then no longer blocks the ones
    behind it.

    A message claimed again is claimed alone: when a worker dies on one message of a
    batch, each of the others is then tried by itself, so only the one that kills the
    process uses up its attempts.

    Runs in its own short transaction, which the caller commits at once, so that the
    attempt is counted even if processing then kills the process. Both look-ups read the
    (status, arrived_at, id) index in order; on PostgreSQL the rows are locked with SKIP
    LOCKED so that two workers never claim one message (SQLite serialises writers).
    """
    expired = _oldest(
        session,
        (InboundMessage.status == MessageStatus.PROCESSING) & (InboundMessage.lease_until < now),
        1,
    )
    waiting = _oldest(session, InboundMessage.status == MessageStatus.NEW, size)
    if expired:
        first = _order(expired[0])
        older = [m for m in waiting if _order(m) < first]
        chosen = older or expired
    else:
        chosen = waiting
    for message in chosen:
        if message.attempts >= max_attempts:
            last = message.error or "processing never finished (the worker stopped while on it)"
            give_up(message, f"set aside after {message.attempts} attempts: {last}", now)
            continue
        message.status = MessageStatus.PROCESSING
        message.attempts += 1
        message.lease_owner = worker
        message.lease_until = now + lease
    return chosen


def _order(message: InboundMessage) -> tuple[datetime, int]:
    return (message.arrived_at, message.id)


def _oldest(session: Session, condition: ColumnElement[bool], size: int) -> list[InboundMessage]:
    query = (
        select(InboundMessage)
        .where(condition)
        .order_by(InboundMessage.arrived_at, InboundMessage.id)
        .limit(size)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(session.scalars(query))


def unclaim(session: Session, message_ids: Collection[int], worker: str) -> None:
    """Give back claims ``worker`` did not get to (it was told to stop): the messages wait
    again at once, their attempt not spent."""
    if not message_ids:
        return
    session.execute(
        update(InboundMessage)
        .where(
            InboundMessage.id.in_(list(message_ids)),
            InboundMessage.lease_owner == worker,
            InboundMessage.status == MessageStatus.PROCESSING,
        )
        .values(
            status=MessageStatus.NEW,
            attempts=InboundMessage.attempts - 1,
            lease_owner=None,
            lease_until=None,
        )
        .execution_options(synchronize_session=False)
    )


def raw_of(session: Session, message_ids: Collection[int], largest: int) -> dict[int, bytes]:
    """The raw bytes of those of several messages no larger than ``largest`` bytes, in one
    query."""
    rows = session.execute(
        select(InboundMessage.id, InboundMessage.raw).where(
            InboundMessage.id.in_(list(message_ids)), InboundMessage.size <= largest
        )
    )
    return {message_id: raw for message_id, raw in rows}


def leased(session: Session, message_id: int, worker: str) -> InboundMessage | None:
    """The message ``worker`` claimed, locked for this transaction on PostgreSQL, or None
    when the claim is no longer ours."""
    postgres = session.get_bind().dialect.name == "postgresql"
    return session.scalars(
        _leased_statement(postgres), {"id": message_id, "worker": worker}
    ).first()


@cache
def _leased_statement(lock: bool) -> Select[InboundMessage]:
    query = select(InboundMessage).where(
        InboundMessage.id == bindparam("id"),
        InboundMessage.lease_owner == bindparam("worker"),
        InboundMessage.status == MessageStatus.PROCESSING,
    )
    return query.with_for_update() if lock else query


def release(session: Session, message: InboundMessage, worker: str) -> None:
    """End ``worker``'s claim as the processing transaction commits; raises ``LeaseLost``
    (so that nothing is committed) if another worker has taken the message meanwhile.

    What processing set on the message's own columns since they were last written (its
    status and note at least) goes into the same UPDATE that ends the claim, on the
    condition that the claim is still ``worker``'s: one statement instead of the ORM's
    UPDATE of the message followed by the release's own. Everything else (the message's
    registration, changes, outbox rows) is flushed first as before."""
    values = _unwritten_columns(message)
    session.flush()
    statement = _release_statement(tuple(values))
    parameters = {f"new_{key}": value for key, value in values.items()}
    parameters.update(claimed_id=message.id, worker=worker)
    result = session.execute(statement, parameters)
    if getattr(result, "rowcount", 0) != 1:
        raise LeaseLost(f"message {message.id}: claim of {worker} was taken over")


def _unwritten_columns(message: InboundMessage) -> dict[str, Any]:
    """The message's column attributes changed since they were last flushed, with their new
    values, marked as written so that the next flush leaves them to ``release``'s UPDATE
    (a change of the ``registration`` relationship is left to the flush)."""
    state = inspect(message)
    values: dict[str, Any] = {}
    for key in sorted(state.committed_state):
        if key not in _COLUMN_KEYS:
            continue
        if state.attrs[key].history.added:
            values[key] = state.dict[key]
    for key, value in values.items():
        set_committed_value(message, key, value)
    return values


#: The column attributes of a message that ``release`` may write (not its key, not the
#: lease, which ``release`` itself clears).
_COLUMN_KEYS = frozenset(
    attribute.key
    for attribute in inspect(InboundMessage).column_attrs
    if attribute.key not in {"id", "lease_owner", "lease_until"}
)


@cache
def _release_statement(keys: tuple[str, ...]) -> Update:
    """``release``'s statement for one set of columns written with it, built once for each
    set (parameters ``claimed_id``, ``worker`` and ``new_<column>`` for each of ``keys``)."""
    table = InboundMessage.metadata.tables[InboundMessage.__tablename__]
    written: dict[Any, Any] = {
        table.c[key]: bindparam(f"new_{key}", type_=table.c[key].type) for key in keys
    }
    written.update({table.c.lease_owner: None, table.c.lease_until: None})
    return (
        update(table)
        .where(table.c.id == bindparam("claimed_id"), table.c.lease_owner == bindparam("worker"))
        .values(written)
    )


def give_up(message: InboundMessage, reason: str, now: datetime) -> None:
    """Set a message aside for good: ``failed``, kept, shown to the organiser."""
    message.status = MessageStatus.FAILED
    message.error = reason[:2000]
    message.note = reason[:2000]
    message.processed_at = now
    message.lease_owner = None
    message.lease_until = None


class Earlier(Enum):
    """What waits for the organiser before a message of the same registration or thread."""

    #: Nothing: the message may be applied and answered.
    NOTHING = 0
    #: A message no reader understood (read as no list, kept for the organiser without a
    #: hold reason): it may have changed the list, so a correction request that follows it
    #: could complain of what it held; a confirmation of the group as it stands may go.
    NOT_UNDERSTOOD = 1
    #: A change held for a reason: nothing later can be answered on the list without it.
    HELD = 2


def held_earlier(
    session: Session, registration_id: int | None, thread_ids: Collection[str], sender: str
) -> Earlier:
    """Does an earlier change to this registration or conversation wait for the organiser?

    A message held for the organiser was not applied; until it is decided, a later message
    of the same registration (or, when it opened none, of the same thread or sender) cannot be
    answered on the list without it. A question waiting for the organiser changes no list.
    """
    values: dict[str, object] = {"sender": sender}
    if registration_id is not None:
        values["registration_id"] = registration_id
    if thread_ids:
        values["thread_ids"] = list(thread_ids)
    statement = _held_earlier_statement(registration_id is not None, bool(thread_ids))
    found = session.scalar(statement, values)
    if found is None:
        return Earlier.NOTHING
    return Earlier.HELD if found else Earlier.NOT_UNDERSTOOD


@cache
def _held_earlier_statement(by_registration: bool, by_thread: bool) -> Select[tuple[int]]:
    """``held_earlier``'s statement, built once for each shape (parameters ``sender`` and,
    as the shape says, ``registration_id`` and ``thread_ids``): 1 for a message held for a
    reason (first), 0 for one nobody understood, no row for neither."""
    same: list[ColumnElement[bool]] = [
        (InboundMessage.registration_id.is_(None)) & (InboundMessage.sender == bindparam("sender"))
    ]
    if by_registration:
        same.append(InboundMessage.registration_id == bindparam("registration_id"))
    if by_thread:
        same.append(InboundMessage.message_id.in_(bindparam("thread_ids", expanding=True)))
    held = case((_has_reasons(), 1), else_=0)
    return (
        select(held)
        .where(
            # Not by the status index: it would visit every held message of every
            # registration; the registration, sender and Message-ID indexes find few.
            func.lower(InboundMessage.status) == MessageStatus.NEEDS_REVIEW,
            or_(*same),
            _has_reasons() | (InboundMessage.kind == MessageKind.OTHER),
        )
        .order_by(held.desc())
        .limit(1)
    )


def _has_reasons() -> ColumnElement[bool]:
    """``held_for`` lists a reason: neither SQL NULL nor JSON ``null`` nor ``[]``. Asked in
    the query, which stops at the first such message, instead of reading the column of
    every held message: a column stored after ``raw`` is read by walking the raw body's
    pages, so that cost grew with the number of held messages."""
    return InboundMessage.held_for.is_not(None) & cast(InboundMessage.held_for, Text).not_in(
        ["null", "[]"]
    )


def held_message_uids(session: Session) -> set[str]:
    """The uids of the messages waiting for the organiser."""
    query = select(InboundMessage.uid).where(InboundMessage.status == MessageStatus.NEEDS_REVIEW)
    return set(session.scalars(query))


def held_doubts(session: Session) -> dict[str, list[dict[str, Any]]]:
    """The doubts stored on each message waiting for the organiser, by uid (what
    ``Extraction.to_json`` wrote: code, detail and where they stand)."""
    query = select(InboundMessage.uid, InboundMessage.extraction).where(
        InboundMessage.status == MessageStatus.NEEDS_REVIEW
    )
    return {
        uid: [d for d in (read or {}).get("doubts", []) if isinstance(d, dict)]
        for uid, read in session.execute(query)
    }


def held_reasons(session: Session) -> dict[str, list[str]]:
    """Why each message waiting for the organiser waits (its ``held_for``), by uid."""
    query = select(InboundMessage.uid, InboundMessage.held_for).where(
        InboundMessage.status == MessageStatus.NEEDS_REVIEW
    )
    return {uid: list(reasons or []) for uid, reasons in session.execute(query)}


def _related(message: InboundMessage) -> ColumnElement[bool]:
    """Messages of the same registration, or without one from the same sender."""
    same_sender = (InboundMessage.registration_id.is_(None)) & (
        InboundMessage.sender == message.sender
    )
    if message.registration_id is None:
        return same_sender
    return or_(InboundMessage.registration_id == message.registration_id, same_sender)


def held_for_earlier(session: Session) -> list[InboundMessage]:
    """Messages held (among other reasons or alone) because an earlier one waited for the
    organiser, oldest first."""
    rows = session.scalars(
        select(InboundMessage)
        .where(InboundMessage.status == MessageStatus.NEEDS_REVIEW)
        .order_by(InboundMessage.arrived_at, InboundMessage.id)
    )
    return [m for m in rows if HoldReason.EARLIER_HELD in (m.held_for or [])]


def waits_behind_another(session: Session, message: InboundMessage) -> bool:
    """Does an earlier message of the same registration (or sender) still wait for the
    organiser?"""
    earlier = (InboundMessage.arrived_at < message.arrived_at) | (
        (InboundMessage.arrived_at == message.arrived_at) & (InboundMessage.id < message.id)
    )
    found = session.scalars(
        select(InboundMessage.id)
        .where(
            InboundMessage.status == MessageStatus.NEEDS_REVIEW,
            InboundMessage.id != message.id,
            _related(message),
            earlier,
        )
        .limit(1)
    ).first()
    return found is not None


def later_withdrawal(session: Session, message: InboundMessage) -> InboundMessage | None:
    """A withdrawal from the same registration or sender, answered after ``message`` arrived,
    that still holds: its registration is withdrawn (or it found none).

    A withdrawal is confirmed even while an earlier sign-up of the thread waits for the
    organiser; accepting that sign-up afterwards would re-open what the municipality withdrew
    (an automatic sign-up undoes a withdrawal made by mail), so the desk asks first. Once the
    organiser has reinstated the registration, the withdrawal no longer stands in the way:
    accepting then adds to what the organiser re-opened."""
    later = (InboundMessage.arrived_at > message.arrived_at) | (
        (InboundMessage.arrived_at == message.arrived_at) & (InboundMessage.id > message.id)
    )
    same = InboundMessage.sender == message.sender
    if message.registration_id is not None:
        same = same | (InboundMessage.registration_id == message.registration_id)
    holds = InboundMessage.registration_id.is_(None) | (
        Registration.status == RegistrationStatus.WITHDRAWN
    )
    return session.scalars(
        select(InboundMessage)
        .outerjoin(Registration, InboundMessage.registration_id == Registration.id)
        .where(
            InboundMessage.kind == MessageKind.WITHDRAWAL,
            InboundMessage.status == MessageStatus.PROCESSED,
            same,
            later,
            holds,
        )
        .order_by(InboundMessage.arrived_at, InboundMessage.id)
        .limit(1)
    ).first()


def sender_addresses(session: Session) -> set[str]:
    """Every address that has written to the inbox (lower case)."""
    rows = session.scalars(
        select(InboundMessage.sender).where(InboundMessage.sender.is_not(None)).distinct()
    )
    return {sender.lower() for sender in rows if sender}
