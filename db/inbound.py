"""The inbound store: every message kept raw, exactly once, before anything reads it."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import InboundMessage, utcnow
from db.states import MessageStatus


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
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # Another worker stored it between our look-up and our insert.
        existing = _find_existing(session, source, uidvalidity, uid, message_id, digest)
        if existing is None:
            raise
        return StoreResult(existing, created=False)
    return StoreResult(row, created=True)


def _find_existing(
    session: Session,
    source: str,
    uidvalidity: int,
    uid: str,
    message_id: str | None,
    digest: str,
) -> InboundMessage | None:
    same_slot = (
        (InboundMessage.source == source)
        & (InboundMessage.uidvalidity == uidvalidity)
        & (InboundMessage.uid == uid)
    )
    condition: ColumnElement[bool] = same_slot
    if message_id is not None:
        condition = or_(
            same_slot, (InboundMessage.message_id == message_id) & (InboundMessage.sha256 == digest)
        )
    return session.scalars(select(InboundMessage).where(condition).limit(1)).first()


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


def claim_next(session: Session, skip: Collection[int] = ()) -> InboundMessage | None:
    """The oldest message waiting to be processed, or None.

    Called at the start of a transaction that processes exactly this message. On PostgreSQL
    the row is locked with SKIP LOCKED so that several workers never take the same message;
    SQLite serialises writers anyway. Oldest arrival first, so that a reply is read after
    the message it answers. ``skip`` holds messages this pass has already tried.
    """
    query = (
        select(InboundMessage)
        .where(InboundMessage.status == "new", InboundMessage.id.not_in(list(skip)))
        .order_by(InboundMessage.arrived_at, InboundMessage.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.scalars(query).first()


def held_earlier(
    session: Session, registration_id: int | None, thread_ids: Collection[str], sender: str
) -> bool:
    """Does an earlier change to this registration or conversation wait for the organiser?

    A message held for the organiser was not applied; until it is decided, a later message
    of the same registration (or, when it opened none, of the same thread or sender) cannot be
    answered on the list without it.
    """
    same: list[ColumnElement[bool]] = [
        (InboundMessage.registration_id.is_(None)) & (InboundMessage.sender == sender)
    ]
    if registration_id is not None:
        same.append(InboundMessage.registration_id == registration_id)
    if thread_ids:
        same.append(InboundMessage.message_id.in_(list(thread_ids)))
    rows = session.scalars(
        select(InboundMessage.held_for).where(
            InboundMessage.status == MessageStatus.NEEDS_REVIEW, or_(*same)
        )
    )
    return any(bool(held) for held in rows)


def held_message_uids(session: Session) -> set[str]:
    """The uids of the messages waiting for the organiser."""
    query = select(InboundMessage.uid).where(InboundMessage.status == MessageStatus.NEEDS_REVIEW)
    return set(session.scalars(query))
