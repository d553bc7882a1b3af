"""The outbox: replies and digests written in the same transaction as the registry change,
drained later by the sender.

A row goes pending → sending → sent (or failed). A row found in ``sending`` after a crash is
marked ``uncertain`` and shown to the organiser instead of being sent again: the invariant is
that nothing is sent twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Text,
    bindparam,
    cast,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from db.models import InboundMessage, OutboundMessage
from db.states import OutboxStatus, ReplyKind


def enqueue(session: Session, row: OutboundMessage) -> OutboundMessage:
    session.add(row)
    session.flush()
    return row


def replies_to_since(session: Session, recipient: str, since: datetime) -> int:
    """How many messages other than digests went (or are going) to one address since a
    moment (the reminders' own cap)."""
    return (
        session.scalar(
            select(func.count(OutboundMessage.id)).where(
                OutboundMessage.recipient == recipient,
                OutboundMessage.kind != ReplyKind.DIGEST,
                OutboundMessage.created_at >= since,
            )
        )
        or 0
    )


#: The organiser's own mail (the digest to the organiser, reminders the organiser sends to
#: invitees, the organiser's written answer to a question): not automatic answers, so the
#: sending caps do not count them.
ORGANISER_KINDS = (ReplyKind.DIGEST, ReplyKind.REMINDER, ReplyKind.ANSWER)


@dataclass(frozen=True)
class RecentReplies:
    """What the sending caps count, from one statement: automatic answers queued in the last
    hour, and when each answer of the day that may have gone to one domain was queued, with
    every address it went to (recipient and copies)."""

    last_hour: int
    to_domain: list[tuple[datetime, list[str]]]


#: Non-ASCII characters whose lower case is ASCII (KELVIN SIGN lowers to ``k``): an address
#: written with them can belong to an ASCII domain that a case-folding ``LIKE`` misses.
_FOLDS_TO_ASCII = ("\u212a", "\\u212a")


def recent_replies(session: Session, domain: str, since: datetime, hour: datetime) -> RecentReplies:
    """Automatic answers (not ``ORGANISER_KINDS``) since ``hour`` counted, and those since
    ``since`` that may have an address at ``domain`` (a superset; the caller decides exactly).

    Why: loading every answer of the day for each new reply cost about a millisecond per
    message and grew with the day's volume; only the rows of one domain can count towards
    the per-address and per-domain caps. The statement is built once (``_recent_statement``)
    and only its parameters change: building it anew cost more than running it."""
    plain = _may_reach_plainly(domain)
    values: dict[str, object] = {"since": since, "hour": hour}
    if plain:
        values["domain"] = f"%{_like_escaped(domain)}%"
    result = session.execute(_recent_statement(plain), values).all()
    return RecentReplies(
        last_hour=result[0][0] if result else 0,
        to_domain=[(at, [to, *(cc or [])]) for _, at, to, cc in result if at is not None],
    )


def _may_reach_plainly(domain: str) -> bool:
    """Can the rows reaching ``domain`` be told by a ``LIKE`` on the stored text? A domain
    that JSON would escape cannot: every row is read then."""
    return domain.isascii() and domain.isprintable() and '"' not in domain and "\\" not in domain


def _like_escaped(text: str) -> str:
    """``text`` matched literally by ``LIKE ... ESCAPE '/'`` (what ``autoescape`` does)."""
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


@cache
def _recent_statement(plain: bool) -> Select[Any]:
    """The caps' statement, with parameters ``since``, ``hour`` and (when ``plain``)
    ``domain``, the ``LIKE`` pattern of the domain in lower case."""
    automatic = OutboundMessage.kind.not_in(ORGANISER_KINDS)
    counted = (
        select(func.count(OutboundMessage.id).label("n"))
        .where(automatic, OutboundMessage.created_at >= bindparam("hour"))
        .subquery()
    )
    rows = (
        select(OutboundMessage.created_at, OutboundMessage.recipient, OutboundMessage.cc)
        .where(
            automatic,
            OutboundMessage.created_at >= bindparam("since"),
            _may_reach() if plain else true(),
        )
        .subquery()
    )
    return select(counted.c.n, rows.c.created_at, rows.c.recipient, rows.c.cc).select_from(
        counted.outerjoin(rows, true())
    )


def _may_reach() -> ColumnElement[bool]:
    """Rows whose recipient or copies (JSON text) hold the ``domain`` parameter in any case:
    every row with an address at the domain and a few more."""
    pattern = bindparam("domain", type_=String)
    recipient = func.lower(OutboundMessage.recipient)
    copies = func.lower(cast(OutboundMessage.cc, Text))
    return or_(
        recipient.like(pattern, escape="/"),
        copies.like(pattern, escape="/"),
        *(OutboundMessage.recipient.contains(c, autoescape=True) for c in _FOLDS_TO_ASCII),
        *(cast(OutboundMessage.cc, Text).contains(c, autoescape=True) for c in _FOLDS_TO_ASCII),
    )


def last_reply_for(session: Session, registration_id: int) -> OutboundMessage | None:
    return session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.registration_id == registration_id, OutboundMessage.kind != "digest")
        .order_by(OutboundMessage.id.desc())
        .limit(1)
    ).first()


def claim_due(session: Session, now: datetime) -> OutboundMessage | None:
    """The next row to send, marked ``sending`` (the caller commits before sending)."""
    query = (
        select(OutboundMessage)
        .where(OutboundMessage.status == "pending", OutboundMessage.next_attempt_at <= now)
        .order_by(OutboundMessage.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    row = session.scalars(query).first()
    if row is not None:
        row.status = "sending"
        row.attempts += 1
        row.next_attempt_at = now  # while sending: when the claim was made
    return row


def mark_sent(row: OutboundMessage, now: datetime) -> None:
    row.status = "sent"
    row.sent_at = now
    row.last_error = None


def mark_retry(row: OutboundMessage, error: str, now: datetime, max_attempts: int) -> None:
    """Back off exponentially (1, 2, 4 … minutes, at most an hour); give up after
    ``max_attempts``."""
    row.last_error = error[:2000]
    if row.attempts >= max_attempts:
        row.status = "failed"
        return
    row.status = "pending"
    row.next_attempt_at = now + timedelta(minutes=min(60, 2 ** (row.attempts - 1)))


def mark_failed(row: OutboundMessage, error: str) -> None:
    row.status = "failed"
    row.last_error = error[:2000]


def release_claim(row: OutboundMessage, error: str) -> None:
    """Nothing was tried (our login was refused): the row is due again, the attempt unspent."""
    row.status = "pending"
    row.attempts = max(0, row.attempts - 1)
    row.last_error = error[:2000]


def mark_uncertain(row: OutboundMessage, error: str) -> None:
    """The content left us without a final answer: it may have arrived, so never resend."""
    row.status = "uncertain"
    row.last_error = error[:2000]


def mark_interrupted(session: Session, claimed_before: datetime) -> int:
    """Rows left in ``sending`` by a crash: we cannot know whether they went out.

    Only claims older than ``claimed_before`` count, so a row another worker is sending right
    now is left alone.
    """
    result = session.execute(
        update(OutboundMessage)
        .where(
            OutboundMessage.status == "sending", OutboundMessage.next_attempt_at < claimed_before
        )
        .values(status="uncertain", last_error="interrupted while sending; not resent")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def mark_delivered(row: OutboundMessage, now: datetime) -> None:
    """The organiser confirmed that an ``uncertain`` reply arrived (e.g. the recipient said
    so): it counts as sent from now on."""
    row.status = "sent"
    row.sent_at = now
    row.last_error = None


def requeue(row: OutboundMessage, now: datetime) -> None:
    """The organiser asked to send an ``uncertain`` or ``failed`` reply again: the same row,
    with the same Message-ID, so a copy that did arrive is recognised as one message."""
    row.status = "pending"
    row.next_attempt_at = now
    row.last_error = None


def all_outbound(session: Session) -> list[OutboundMessage]:
    """Every outgoing message, in the order it was queued."""
    return list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)))


def last_unbounced_sent_to(session: Session, address: str) -> OutboundMessage | None:
    """The latest message sent to an address that no bounce has been recorded against."""
    query = (
        select(OutboundMessage)
        .where(
            OutboundMessage.recipient == address,
            OutboundMessage.status == OutboxStatus.SENT,
            OutboundMessage.bounced_at.is_(None),
        )
        .order_by(OutboundMessage.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


#: Outgoing kinds written to a registration's contacts about someone else's message, not to
#: its sender.
THIRD_PARTY_KINDS = (ReplyKind.CHANGE_NOTICE, ReplyKind.JOIN_NOTICE)


def reply_kinds_by_inbound_uid(session: Session) -> dict[str, str]:
    """The kind of the answer each inbound message's sender got, by the message's uid
    (change and join notices go to others and are left out)."""
    query = (
        select(InboundMessage.uid, OutboundMessage.kind)
        .join(OutboundMessage, OutboundMessage.inbound_id == InboundMessage.id)
        .where(OutboundMessage.kind.not_in(THIRD_PARTY_KINDS))
    )
    return {uid: kind for uid, kind in session.execute(query)}


def has_outgoing(session: Session, inbound_id: int, kind: str) -> bool:
    """Has this inbound message already caused an outgoing message of this kind (a receipt
    when it was held before)?"""
    found = session.scalar(
        select(OutboundMessage.id)
        .where(OutboundMessage.inbound_id == inbound_id, OutboundMessage.kind == kind)
        .limit(1)
    )
    return found is not None


def reminders_sent(session: Session) -> dict[str, datetime]:
    """Every address a reminder was queued for (To or Cc), with when it was queued."""
    rows = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.kind == ReplyKind.REMINDER)
        .order_by(OutboundMessage.id)
    )
    sent: dict[str, datetime] = {}
    for row in rows:
        for address in (row.recipient, *(row.cc or [])):
            sent.setdefault(address.lower(), row.created_at)
    return sent
