"""Whether and how to answer one message: the reply policy, then the outbox rows.

Kept apart from the flow so that the policy reads as one list of reasons not to answer,
each recorded on the message when it applies. Every outgoing message for an inbound one —
the answer, a receipt, a change or join notice — is an ``Outgoing`` composed here the same way, so
all carry the same threading and loop-protection headers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db.models import InboundMessage, OutboundMessage, Registration
from db.outbox import last_reply_for
from db.registry import completed_ahead_of
from db.states import OutboxStatus, ReplyKind
from mailbot.calendar import workshop_ics
from mailbot.event import Event
from mailbot.replies import ReplyContext, build_reply, make_message_id, render_answer_draft
from mailbot.reply_caps import cap_reached
from parsers.mime import valid_address
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
    #: What the rules decided: None, no automatic answer.
    reply_kind: ReplyKind | None
    changed: bool
    #: The people this message put on the list (a join notice names them).
    added: tuple[Member, ...] = ()


@dataclass(frozen=True)
class Outgoing:
    """One message to send for an inbound message, before it is rendered."""

    kind: ReplyKind
    template: str
    to: tuple[str, ...]
    context: ReplyContext
    registration_id: int | None
    findings: tuple[str, ...] = ()
    subject: str | None = None
    #: False for the organiser's own answer: written by a person, it is not marked
    #: ``Auto-Submitted`` (RFC 3834 section 5).
    automatic: bool = True


def reason_not_to_answer(session: Session, case: Case, event: Event, now: datetime) -> str | None:
    """The first reason this message gets no automatic answer, or None."""
    if case.reply_kind is None:
        return "no reply needed"
    if (
        case.reply_kind == ReplyKind.CORRECTION_REQUEST
        and not case.changed
        and _same_request(session, case)
    ):
        return "nothing changed since our last correction request"
    return reason_not_to_send(session, case.parsed, case.parsed.sender, event, now)


def reason_not_to_send(
    session: Session, parsed: ParsedEmail, recipient: str, event: Event, now: datetime
) -> str | None:
    """Why nothing automatic may go to ``recipient`` because of ``parsed``, or None: no
    valid address to write to, RFC 3834 (never answer automatic mail), the sending caps."""
    if not valid_address(recipient):
        return "no valid sender address to answer"
    if parsed.auto_signals:
        return "automatic mail: " + ", ".join(parsed.auto_signals)
    return cap_reached(session, recipient, event.replies, now)


def _same_request(session: Session, case: Case) -> bool:
    last = last_reply_for(session, case.registration.id)
    return (
        last is not None
        and last.kind == ReplyKind.CORRECTION_REQUEST
        and sorted(last.findings or []) == sorted(case.result.codes)
    )


def answer_for(session: Session, case: Case, event: Event) -> Outgoing:
    """The automatic answer a message gets after apply and rules."""
    kind = case.reply_kind
    if kind is None:
        raise ValueError("the rules decided on no answer")
    template = "withdrawal_confirmation" if case.extraction.kind == "withdrawal" else kind.value
    return Outgoing(
        kind=kind,
        template=template,
        to=(case.parsed.sender,),
        context=_context(session, case, event),
        registration_id=case.registration.id,
        findings=tuple(case.result.codes),
    )


def receipt_for(parsed: ParsedEmail, language: str, event: Event) -> Outgoing:
    """ "We got it, a person will look at it": reveals nothing of any registration."""
    return _to_sender(ReplyKind.RECEIPT, parsed, language, event, registration_id=None)


def _to_sender(
    kind: ReplyKind,
    parsed: ParsedEmail,
    language: str,
    event: Event,
    *,
    registration_id: int | None,
    text: str = "",
    automatic: bool = True,
) -> Outgoing:
    """A reply to the sender that lists no one (a receipt, the organiser's answer): its
    context names no municipality, members or findings, whatever the registration holds."""
    return Outgoing(
        kind=kind,
        template=kind.value,
        to=(parsed.sender,),
        context=ReplyContext(
            event=event,
            language=language,
            municipality_name=None,
            members=(),
            findings=(),
            recipient_name=parsed.sender_name,
            text=text,
        ),
        registration_id=registration_id,
        automatic=automatic,
    )


def change_notice_for(
    parsed: ParsedEmail, registration: Registration, contacts: list[str], event: Event
) -> Outgoing:
    """Tells a registration's contacts that another address asked to change it."""
    subject = f"Ønske om endring: {event.title_in(registration.language)}"
    return _contacts_notice(
        ReplyKind.CHANGE_NOTICE,
        subject,
        parsed,
        registration,
        contacts,
        event,
        registration.language,
    )


def join_notice_for(
    parsed: ParsedEmail,
    registration: Registration,
    contacts: list[str],
    event: Event,
    language: str,
    added: tuple[Member, ...] = (),
) -> Outgoing:
    """Tells a registration's contacts that a colleague who is no contact sent a list of its
    own and it was added, naming the people it put on the list (``added``), in the
    registration's written standard (``language``: the contacts', not the colleague's):
    they say so if it is wrong."""
    title = "Ny liste lagd til" if language == "nn" else "Ny liste lagt til"
    subject = f"{title}: {event.title_in(language)}"
    return _contacts_notice(
        ReplyKind.JOIN_NOTICE, subject, parsed, registration, contacts, event, language, added
    )


def _contacts_notice(
    kind: ReplyKind,
    subject: str,
    parsed: ParsedEmail,
    registration: Registration,
    contacts: list[str],
    event: Event,
    language: str,
    members: tuple[Member, ...] = (),
) -> Outgoing:
    """A notice to a registration's contacts about what another address sent (its template
    is named for its kind): who wrote, for which municipality, and for a list that joined,
    the people it added (``members``); a change notice, of a change that waits, names
    nobody."""
    return Outgoing(
        kind=kind,
        template=kind.value,
        to=tuple(contacts),
        context=ReplyContext(
            event=event,
            language=language,
            municipality_name=registration.municipality_name,
            members=members,
            findings=(),
            recipient_name=None,
            requester=parsed.sender,
        ),
        registration_id=registration.id,
        subject=subject,
    )


def organiser_answer_for(
    parsed: ParsedEmail,
    registration_id: int | None,
    language: str,
    event: Event,
    text: str,
) -> Outgoing:
    """The organiser's answer to a question, to its sender, in the thread: the body is the
    organiser's words as written (the greeting and closing come from the form's draft)."""
    return _to_sender(
        ReplyKind.ANSWER,
        parsed,
        language,
        event,
        registration_id=registration_id,
        text=text,
        automatic=False,
    )


def answer_draft(parsed: ParsedEmail, language: str, event: Event) -> str:
    """The text the organiser's answer starts from: greeting and closing in ``language``."""
    return render_answer_draft(
        ReplyContext(
            event=event,
            language=language,
            municipality_name=None,
            members=(),
            findings=(),
            recipient_name=parsed.sender_name,
        )
    )


def compose(
    message: InboundMessage, parsed: ParsedEmail, out: Outgoing, event: Event, now: datetime
) -> OutboundMessage:
    """The outgoing message as an outbox row, rendered once with its fixed Message-ID."""
    message_id = make_message_id(event.own_domain)
    email = build_reply(
        out.template,
        out.context,
        to=out.to[0],
        also_to=out.to[1:],
        subject=out.subject,
        original_subject=parsed.subject,
        in_reply_to=parsed.message_id,
        references=parsed.references,
        message_id=message_id,
        from_address=event.inbox_address,
        from_name=event.organisers,
        date=now,
        calendar=_calendar(out, event, now),
        auto_submitted="auto-replied" if out.automatic else "no",
    )
    return OutboundMessage(
        message_id=message_id,
        inbound_id=message.id,
        registration_id=out.registration_id,
        kind=out.kind.value,
        sender=event.inbox_address,
        recipient=out.to[0],
        cc=list(out.to[1:]) or None,
        subject=str(email["Subject"]),
        raw=email.as_bytes(),
        findings=list(out.findings),
        status=OutboxStatus.PENDING.value,
        next_attempt_at=now,
        created_at=now,
    )


def _calendar(out: Outgoing, event: Event, now: datetime) -> bytes | None:
    """A confirmation of a place carries the workshop as a calendar entry (not one that says
    the registration is on the waiting list, nor a withdrawal's)."""
    if (
        out.template != "confirmation"
        or out.registration_id is None
        or out.context.waiting_position is not None
    ):
        return None
    return workshop_ics(event, out.registration_id, out.context.language, now)


def _context(session: Session, case: Case, event: Event) -> ReplyContext:
    registration = case.registration
    waiting = None
    if case.reply_kind == ReplyKind.CONFIRMATION:
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
    """Place on the waiting list when the event keeps a waiting list and the target is already
    met by registrations that became complete earlier (withdrawn ones free their place)."""
    if not event.capacity.waiting_list or registration.first_complete_at is None:
        return None
    beyond = completed_ahead_of(session, registration) + 1 - event.capacity.target_max
    return beyond if beyond > 0 else None
