"""Fill the organiser's digest from the database and put it in the outbox (or print it).

The wording lives in ``mailbot.digest``; this module only reads the store, so the same
snapshot can be printed by ``mailbot digest`` or sent by the worker each morning.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import InboundMessage, OutboundMessage, Registration
from db.outbox import enqueue
from db.session import make_engine, make_session_factory
from mailbot.app import App
from mailbot.digest import (
    AttentionItem,
    AttentionReason,
    BouncedReply,
    DigestData,
    RegistrationLine,
    SentReply,
    build_digest,
    render_digest,
    sector_spread,
)
from mailbot.event import Event, load_event
from mailbot.replies import make_message_id
from rules.base import Member

STATUS = {"complete": "complete", "withdrawn": "withdrawn"}


def collect(session: Session, now: datetime, since: datetime | None = None) -> DigestData:
    """A snapshot of the registry and of what happened since ``since`` (default: a day)."""
    since = since or now - timedelta(days=1)
    return DigestData(
        generated_at=now,
        since=since,
        registrations=tuple(_registration_lines(session)),
        attention=tuple(_attention(session)),
        replies_sent=tuple(_replies(session, since)),
        bounces=tuple(_bounces(session)),
        counts=_counts(session, since),
    )


def _registration_lines(session: Session) -> list[RegistrationLine]:
    rows = session.scalars(
        select(Registration).order_by(
            Registration.first_complete_at.is_(None),
            Registration.first_complete_at,
            Registration.id,
        )
    )
    return [
        RegistrationLine(
            municipality_name=r.municipality_name,
            municipality_number=r.municipality_number,
            status=STATUS.get(r.status, "incomplete"),  # type: ignore[arg-type]
            member_count=len(r.participants),
            sectors=sector_spread(Member(p.name, p.role, p.sector) for p in r.participants),
            finding_codes=tuple(r.last_findings or ()),
            first_complete_at=r.first_complete_at,
            contact=r.contact_address,
        )
        for r in rows
    ]


def _attention(session: Session) -> list[AttentionItem]:
    rows = session.scalars(
        select(InboundMessage)
        .where(InboundMessage.status.in_(["needs_review", "failed"]))
        .order_by(InboundMessage.arrived_at)
    )
    return [
        AttentionItem(
            reason=_attention_reason(m),
            sender=m.sender or "(ukjent)",
            subject=m.subject or "",
            received_at=m.arrived_at,
            note=m.note or m.error or "",
        )
        for m in rows
    ]


def _attention_reason(message: InboundMessage) -> AttentionReason:
    if message.kind == "question":
        return "question"
    if message.status == "failed":
        return "unreadable" if (message.error or "").startswith("unreadable") else "failed"
    return "needs_review"


def _replies(session: Session, since: datetime) -> list[SentReply]:
    rows = session.execute(
        select(OutboundMessage, Registration.municipality_name)
        .outerjoin(Registration, OutboundMessage.registration_id == Registration.id)
        .where(OutboundMessage.kind != "digest", OutboundMessage.created_at >= since)
        .order_by(OutboundMessage.id)
    )
    return [
        SentReply(recipient=o.recipient, kind=o.kind, sent_at=o.sent_at, municipality_name=name)
        for o, name in rows
    ]


def _bounces(session: Session) -> list[BouncedReply]:
    rows = session.scalars(
        select(OutboundMessage)
        .where(
            (OutboundMessage.bounced_at.is_not(None))
            | (OutboundMessage.status.in_(["failed", "uncertain"]))
        )
        .order_by(OutboundMessage.id)
    )
    return [
        BouncedReply(
            recipient=o.recipient,
            kind=o.kind,
            bounced_at=o.bounced_at,
            reason=o.last_error or ("bounced" if o.bounced_at else o.status),
        )
        for o in rows
    ]


def _counts(session: Session, since: datetime) -> dict[str, int]:
    by_status = Counter(
        dict(
            session.execute(
                select(InboundMessage.status, func.count()).group_by(InboundMessage.status)
            ).all()
        )
    )
    return {
        "received": sum(by_status.values()),
        "processed": by_status["processed"],
        "ignored": by_status["ignored"],
        "failed": by_status["failed"],
        "needs_review": by_status["needs_review"],
        "replies_pending": session.scalar(
            select(func.count())
            .select_from(OutboundMessage)
            .where(OutboundMessage.status == "pending")
        )
        or 0,
    }


def queue_digest(session: Session, event: Event, recipient: str, now: datetime) -> OutboundMessage:
    data = collect(session, now)
    message_id = make_message_id(event.own_domain)
    message = build_digest(
        data,
        event,
        to=recipient,
        message_id=message_id,
        from_address=event.inbox_address,
        from_name="mailbot",
        date=now,
    )
    return enqueue(
        session,
        OutboundMessage(
            message_id=message_id,
            kind="digest",
            sender=event.inbox_address,
            recipient=recipient,
            subject=str(message["Subject"]),
            raw=message.as_bytes(),
            status="pending",
            next_attempt_at=now,
            created_at=now,
        ),
    )


def send_digest(app: App) -> None:
    """The worker's morning job: queue the digest; the send job delivers it."""
    recipient = app.settings.digest_recipient or app.event.organiser_address
    with app.factory() as session, session.begin():
        queue_digest(session, app.event, recipient, app.clock())


def _event_file(config: Path | None) -> Path | None:
    if config is None:
        return None
    value = tomllib.loads(config.read_text("utf-8")).get("event_file")
    return Path(value) if value else None


def print_or_send_digest(url: str, *, send: bool, config: Path | None) -> int:
    """``mailbot digest``: print today's digest, or with ``--send`` queue it in the outbox."""
    event = load_event(_event_file(config))
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            now = datetime.now(event.tz)
            if send:
                row = queue_digest(session, event, event.organiser_address, now)
                print(f"digest queued for {row.recipient}")
            else:
                subject, body = render_digest(collect(session, now), event)
                print(f"Subject: {subject}\n\n{body}")
    finally:
        engine.dispose()
    return 0
