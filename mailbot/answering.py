"""Whether and how to answer one understood message: the reply policy, then the outbox row.

Kept apart from the flow so that the policy reads as one list of reasons not to answer,
each recorded on the message when it applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import InboundMessage, OutboundMessage, Registration
from db.outbox import last_reply_for, replies_to_since
from mailbot.event import Event
from mailbot.replies import ReplyContext, build_reply, make_message_id
from parsers.types import Extraction, ParsedEmail
from rules.base import Member
from rules.registry import RuleResult


@dataclass(frozen=True)
class Case:
    """One message after apply and rules: everything the answer depends on."""

    message: InboundMessage
    parsed: ParsedEmail
    extraction: Extraction
    registration: Registration
    result: RuleResult
    reply_kind: str
    changed: bool


def reason_not_to_answer(session: Session, case: Case, event: Event, now: datetime) -> str | None:
    """The first reason this message gets no automatic answer, or None."""
    if case.reply_kind == "none":
        return "no reply needed"
    if case.parsed.auto_signals:
        return "automatic mail: " + ", ".join(case.parsed.auto_signals)
    if (
        case.reply_kind == "correction_request"
        and not case.changed
        and _same_request(session, case)
    ):
        return "nothing changed since our last correction request"
    limit = event.replies.max_per_address_per_day
    if replies_to_since(session, case.parsed.sender, now - timedelta(hours=24)) >= limit:
        return f"rate limit: {limit} replies in 24 h reached"
    return None


def _same_request(session: Session, case: Case) -> bool:
    last = last_reply_for(session, case.registration.id)
    return (
        last is not None
        and last.kind == "correction_request"
        and sorted(last.findings or []) == sorted(case.result.codes)
    )


def compose(session: Session, case: Case, event: Event, now: datetime) -> OutboundMessage:
    """The reply as an outbox row, rendered once with its fixed Message-ID."""
    message_id = make_message_id(event.own_domain)
    email = build_reply(
        "withdrawal_confirmation" if case.extraction.kind == "withdrawal" else case.reply_kind,
        _context(session, case, event),
        to=case.parsed.sender,
        original_subject=case.parsed.subject,
        in_reply_to=case.parsed.message_id,
        references=case.parsed.references,
        message_id=message_id,
        from_address=event.inbox_address,
        from_name=event.organisers,
        date=now,
    )
    return OutboundMessage(
        message_id=message_id,
        inbound_id=case.message.id,
        registration_id=case.registration.id,
        kind=case.reply_kind,
        sender=event.inbox_address,
        recipient=case.parsed.sender,
        subject=str(email["Subject"]),
        raw=email.as_bytes(),
        findings=list(case.result.codes),
        status="pending",
        next_attempt_at=now,
        created_at=now,
    )


def _context(session: Session, case: Case, event: Event) -> ReplyContext:
    registration = case.registration
    waiting = None
    if case.reply_kind == "confirmation":
        waiting = waiting_position(session, registration, event)
    return ReplyContext(
        event=event,
        language=case.extraction.language,
        municipality_name=registration.municipality_name,
        members=tuple(Member(p.name, p.role, p.sector) for p in registration.participants),
        findings=case.result.errors,
        recipient_name=case.parsed.sender_name,
        waiting_position=waiting,
    )


def waiting_position(session: Session, registration: Registration, event: Event) -> int | None:
    """Place on the waiting list when the event keeps one and the target is already met by
    registrations that became complete earlier (withdrawn ones free their place)."""
    if not event.capacity.waiting_list or registration.first_complete_at is None:
        return None
    earlier = (Registration.first_complete_at < registration.first_complete_at) | (
        (Registration.first_complete_at == registration.first_complete_at)
        & (Registration.id < registration.id)
    )
    ahead = session.scalar(
        select(func.count(Registration.id)).where(
            Registration.event_id == registration.event_id,
            Registration.status != "withdrawn",
            Registration.first_complete_at.is_not(None),
            earlier,
        )
    )
    beyond = (ahead or 0) + 1 - event.capacity.target_max
    return beyond if beyond > 0 else None
