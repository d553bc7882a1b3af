"""Fill the organiser's digest from the database and put it in the outbox (or print it).

The wording lives in ``mailbot.digest``; this module only reads the store, so the same
snapshot can be printed by ``mailbot digest`` or sent by the worker each morning.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from db.digest import (
    changes_since,
    messages_needing_attention,
    pending_reply_count,
    registrations_in_order_of_completion,
    replies_not_delivered,
    replies_since,
)
from db.models import InboundMessage, OutboundMessage
from db.outbox import enqueue
from db.session import make_engine, make_session_factory
from db.states import ChangeAction, ChangeActor, MessageKind
from db.stats import inbound_counts_by_status
from mailbot.app import App
from mailbot.digest import (
    AttentionItem,
    AttentionReason,
    BouncedReply,
    ChangeLine,
    DigestData,
    InviteeLine,
    RegistrationLine,
    SentReply,
    build_digest,
    render_digest,
    sector_spread,
)
from mailbot.event import Event, load_event
from mailbot.invitees import load_invitees, not_answered
from mailbot.replies import make_message_id
from mailbot.review import overtaking_withdrawal
from rules.base import Member

STATUS = {"complete": "complete", "withdrawn": "withdrawn"}


def collect(
    session: Session,
    now: datetime,
    since: datetime | None = None,
    desk_url: str | None = None,
    event: Event | None = None,
) -> DigestData:
    """A snapshot of the registry and of what happened since ``since`` (default: a day);
    with the ``event``, its invitees that have not answered too."""
    since = since or now - timedelta(days=1)
    event = event or load_event()
    invited = load_invitees(event)
    return DigestData(
        generated_at=now,
        since=since,
        registrations=tuple(_registration_lines(session)),
        attention=tuple(_attention(session)),
        replies_sent=tuple(_replies(session, since)),
        bounces=tuple(_bounces(session)),
        counts=_counts(session, since),
        changes=tuple(_changes(session, since)),
        desk_url=desk_url,
        not_answered=tuple(
            InviteeLine(
                w.invitee.name, w.invitee.number, ", ".join(w.invitee.addresses), w.reminded_at
            )
            for w in not_answered(session, event, invited)
        ),
        invited=len(invited),
    )


def _changes(session: Session, since: datetime) -> list[ChangeLine]:
    return [
        ChangeLine(
            municipality_name=name,
            action=change.action,
            name=change.name,
            role=change.role
            if change.action in (ChangeAction.ADD, ChangeAction.SET_ROLE)
            else None,
            by_organiser=change.account if change.actor == ChangeActor.ORGANISER else None,
            at=change.created_at,
        )
        for change, name in changes_since(session, since)
    ]


def _registration_lines(session: Session) -> list[RegistrationLine]:
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
            members=tuple(Member(p.name, p.role, p.sector) for p in r.participants),
            registration_id=r.id,
            first_message_at=r.first_message_at,
        )
        for r in registrations_in_order_of_completion(session)
    ]


def _attention(session: Session) -> list[AttentionItem]:
    return [
        AttentionItem(
            reason=_attention_reason(m),
            sender=m.sender or "(ukjent)",
            subject=m.subject or "",
            received_at=m.arrived_at,
            held_for=tuple(m.held_for or ()),
            municipality_name=m.registration.municipality_name if m.registration else None,
            message_id=m.id,
            doubts=tuple(d for d in (m.extraction or {}).get("doubts", []) if isinstance(d, dict)),
            withdrawn_later_at=withdrawal.arrived_at
            if (withdrawal := overtaking_withdrawal(session, m)) is not None
            else None,
            read_municipality=None if m.registration else read_municipality(m.extraction),
        )
        for m in messages_needing_attention(session)
    ]


def read_municipality(reading: dict[str, Any] | None) -> str | None:
    """The municipality a stored reading names (``Vestby``), or the candidates it could not
    choose between (``Herøy (Nordland) eller Herøy (Møre og Romsdal)``); None for none."""
    data = reading or {}
    found = data.get("municipality")
    if isinstance(found, dict) and found.get("name"):
        return str(found["name"])
    names = [
        str(c["name"])
        for c in data.get("municipality_candidates", [])
        if isinstance(c, dict) and c.get("name")
    ]
    return " eller ".join(names) or None


def _attention_reason(message: InboundMessage) -> AttentionReason:
    if message.kind == MessageKind.QUESTION:
        return "question"
    if message.status == "failed":
        return "unreadable" if (message.error or "").startswith("unreadable") else "failed"
    if message.kind == "other":
        return "not_understood"
    return "needs_review"


def _replies(session: Session, since: datetime) -> list[SentReply]:
    return [
        SentReply(recipient=o.recipient, kind=o.kind, sent_at=o.sent_at, municipality_name=name)
        for o, name in replies_since(session, since)
    ]


def _bounces(session: Session) -> list[BouncedReply]:
    return [
        BouncedReply(
            recipient=o.recipient,
            kind=o.kind,
            bounced_at=o.bounced_at,
            returned=o.bounced_at is not None,
        )
        for o in replies_not_delivered(session)
    ]


def _counts(session: Session, since: datetime) -> dict[str, int]:
    by_status = Counter(inbound_counts_by_status(session))
    return {
        "received": sum(by_status.values()),
        "processed": by_status["processed"],
        "ignored": by_status["ignored"],
        "failed": by_status["failed"],
        "needs_review": by_status["needs_review"],
        "replies_pending": pending_reply_count(session),
    }


def queue_digest(
    session: Session,
    event: Event,
    recipient: str,
    now: datetime,
    desk_url: str | None = None,
) -> OutboundMessage:
    data = collect(session, now, desk_url=desk_url, event=event)
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
        queue_digest(session, app.event, recipient, app.clock(), app.settings.web.public_url)


def _event_file(config: Path | None) -> Path | None:
    if config is None:
        return None
    value = tomllib.loads(config.read_text("utf-8")).get("event_file")
    return Path(value) if value else None


def _desk_url(config: Path | None) -> str | None:
    if config is None:
        return None
    web = tomllib.loads(config.read_text("utf-8")).get("web", {})
    value = web.get("public_url") if isinstance(web, dict) else None
    return str(value) if value else None


def print_or_send_digest(url: str, *, send: bool, config: Path | None) -> int:
    """``mailbot digest``: print today's digest, or with ``--send`` queue it in the outbox."""
    event = load_event(_event_file(config))
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            now = datetime.now(event.tz)
            desk = _desk_url(config)
            if send:
                row = queue_digest(session, event, event.organiser_address, now, desk)
                print(f"digest queued for {row.recipient}")
            else:
                subject, body = render_digest(
                    collect(session, now, desk_url=desk, event=event), event
                )
                print(f"Subject: {subject}\n\n{body}")
    finally:
        engine.dispose()
    return 0
