"""The organiser's decisions on held messages (the review queue).

A held message waits with status ``needs_review``; each decision ends that wait and is
recorded with the account. Decisions that answer the sender go through the same apply →
rules → compose path as an automatic answer, so the reply has the same headers and loop
rules, as a new outbox row for that message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.inbound import held_for_earlier, later_withdrawal, waits_behind_another
from db.models import InboundMessage, OutboundMessage, Registration
from db.outbox import enqueue
from db.registry import (
    changes_of_message,
    ensure_event,
    registration_for_municipality,
)
from db.states import ChangeActor, HoldReason, MessageStatus, ReplyKind
from mailbot.answering import Case, answer_draft, compose, organiser_answer_for
from mailbot.edits import reassess_findings
from mailbot.event import Event
from mailbot.processing import HOLD_NOTES, Outcome, Processor, answer_message, apply_message
from parsers.mime import parse, valid_address
from parsers.register import municipality_entries, sector_of_role, to_municipality
from parsers.types import (
    ANSWERED_KINDS,
    KINDS,
    SECTORS,
    Extraction,
    MessageKind,
    Municipality,
    ParsedEmail,
    Participant,
    Sector,
)
from rules.base import Finding
from rules.registry import RuleResult

CLOSED_NOTE = "closed by the organiser without a reply"
ANSWERED_NOTE = "answered by the organiser"
#: Kinds the organiser answers in words of their own: mailbot has no reading to apply.
ANSWERABLE_KINDS = (MessageKind.QUESTION, MessageKind.OTHER)
#: The longest answer the desk takes (a long letter, far from any limit of the mail).
MAX_ANSWER = 20_000
RELEASED_NOTE = "released: the earlier message it waited for is decided"
ORGANISER_REQUEST = "organiser_request"
#: Why a held sign-up that a later withdrawal overtook is not accepted as it stands, and
#: what the organiser can do (the desk, ``mailbot review show`` and the refusal say it).
OVERTAKEN_NOTE = (
    "Avsenderen trakk påmeldingen i en senere melding, og avmeldingen er bekreftet. "
    "Å godta denne meldingen nå ville åpne påmeldingen igjen. Vil du ha den med likevel: "
    "gjeninnsett påmeldingen først, og godta så denne meldingen. Ellers: lukk den, "
    "eller be om retting."
)


class ReviewError(ValueError):
    """The decision cannot be carried out; the text is for the organiser (bokmål)."""


def _check_held(message: InboundMessage) -> None:
    if message.status != "needs_review":
        raise ReviewError("Meldingen venter ikke lenger på en beslutning.")


def overtaking_withdrawal(session: Session, message: InboundMessage) -> InboundMessage | None:
    """The later withdrawal that keeps a held sign-up or update from being accepted as it
    stands (``db.inbound.later_withdrawal``), told before the organiser decides; None for a
    message that no longer waits, for a withdrawal itself, and once the registration is
    reinstated."""
    if message.status != MessageStatus.NEEDS_REVIEW:
        return None
    if (message.extraction or {}).get("kind") == MessageKind.WITHDRAWAL:
        return None
    return later_withdrawal(session, message)


def desk_processor(event: Event, clock: Callable[[], datetime]) -> Processor:
    """Processing as the desk runs it: on the reading stored with the message, so the web
    process never loads the language model."""

    def no_extractor(parsed: ParsedEmail) -> Extraction:
        raise RuntimeError("the desk decides on stored readings; it never reads mail itself")

    return Processor(event=event, extractor=no_extractor, clock=clock)


def accept(
    session: Session,
    message: InboundMessage,
    processor: Processor,
    account: str,
    reading: Extraction | None = None,
) -> Outcome:
    """Apply the reading (the stored one, or the organiser's corrected one) and send the
    reply it causes, exactly as an automatic pass would have. Returns the outcome."""
    _check_held(message)
    parsed = parse(message.raw)
    edited = reading is not None
    reading = reading or stored_reading(message, parsed)
    if reading.kind not in ANSWERED_KINDS:
        raise ReviewError(
            "Meldingen ble ikke lest som en påmelding, endring eller avmelding. "
            "Bruk «Rett og godta», be om retting, eller lukk den."
        )
    if reading.kind != MessageKind.WITHDRAWAL and later_withdrawal(session, message):
        raise ReviewError(OVERTAKEN_NOTE)
    message.kind, message.language = reading.kind, reading.language
    message.extraction = (
        reading.to_json() | {"edited_by": account} if edited else message.extraction
    )
    case = apply_message(session, message, parsed, reading, processor)
    _sign_changes(session, message, account, edited)
    outcome = answer_message(session, case, processor)
    release_unblocked(session)
    return outcome


def ask_for_correction(
    session: Session, message: InboundMessage, processor: Processor, account: str, text: str
) -> Outcome:
    """Answer the sender with a correction request: the organiser's own words first, then
    whatever the rules find missing in the registration as it stands."""
    _check_held(message)
    request = " ".join(text.split())
    if not request:
        raise ReviewError("Skriv hva avsenderen må rette eller sende.")
    parsed = parse(message.raw)
    reading = stored_reading(message, parsed)
    registration = message.registration or Registration(
        municipality_name=reading.municipality.name if reading.municipality else None,
        contact_address=parsed.sender,
        language=reading.language,
    )
    asked = Finding(ORGANISER_REQUEST, "error", request, request)
    findings = (asked, *(f for f in _current_errors(registration, processor)))
    case = Case(
        message,
        parsed,
        reading,
        registration,
        RuleResult(findings, (ORGANISER_REQUEST,), ()),
        ReplyKind.CORRECTION_REQUEST,
        changed=True,  # the organiser asks: never skipped as "nothing changed"
    )
    outcome = answer_message(session, case, processor)
    release_unblocked(session)
    return outcome


def answer_draft_for(message: InboundMessage, event: Event) -> str:
    """The answer form's starting text: greeting and closing in the sender's written
    standard (read from the message), room for the organiser's words between them."""
    return answer_draft(parse(message.raw), _language(message), event)


def answer(
    session: Session, message: InboundMessage, processor: Processor, account: str, text: str
) -> OutboundMessage:
    """Queue the organiser's own answer to a question (or a message not understood), to its
    sender, in the thread, as written; the message no longer waits. The outbox's unique
    (inbound message, kind) keeps a second answer, of a double click or a second desk, from
    being queued: the later one is refused. Returns the queued row."""
    _check_held(message)
    if (message.extraction or {}).get("kind") not in ANSWERABLE_KINDS:
        raise ReviewError(
            "Bare et spørsmål, eller en melding mailbot ikke forsto, besvares med egne ord. "
            "Godta meldingen, eller be om retting."
        )
    parsed = parse(message.raw)
    draft = answer_draft(parsed, _language(message), processor.event)
    if not text.strip() or _words(text) == _words(draft):
        raise ReviewError("Skriv svaret til avsenderen mellom hilsenen og avslutningen.")
    if len(text) > MAX_ANSWER:
        raise ReviewError(f"Svaret er for langt (mer enn {MAX_ANSWER} tegn).")
    if not valid_address(parsed.sender):
        raise ReviewError("Meldingen har ingen gyldig avsenderadresse å svare til.")
    now = processor.clock()
    out = organiser_answer_for(
        parsed, message.registration_id, _language(message), processor.event, text
    )
    message.status = MessageStatus.PROCESSED
    message.note = ANSWERED_NOTE
    message.processed_at = now
    session.flush()  # the transaction has written before the savepoint (SQLite's too)
    row = compose(message, parsed, out, processor.event, now)
    try:
        with session.begin_nested():
            enqueue(session, row)
    except IntegrityError:
        raise ReviewError("Meldingen er allerede besvart.") from None
    release_unblocked(session)
    return row


def _language(message: InboundMessage) -> str:
    return (
        "nn" if (message.language or (message.extraction or {}).get("language")) == "nn" else "nb"
    )


def _words(text: str) -> list[str]:
    return text.split()


def attach(
    session: Session, message: InboundMessage, event: Event, account: str, number: str
) -> Registration | None:
    """Attach a held message to another municipality (mailbot read the wrong one, or none):
    it joins that municipality's registration when there is one, and its reading names the
    municipality, so accepting it later applies it there (or opens the registration). The
    message stays in the queue for the decision; nothing is applied or sent yet."""
    _check_held(message)
    wanted = number.strip()
    if wanted not in municipality_entries():
        raise ReviewError("Velg en kommune fra listen.")
    municipality = to_municipality(wanted)
    event_row = ensure_event(session, event.slug, event.title)
    registration = registration_for_municipality(session, event_row, wanted)
    message.registration = registration
    reading = dict(message.extraction or {})
    reading["municipality"] = {"number": municipality.number, "name": municipality.name}
    reading["municipality_candidates"] = []
    reading["attached_by"] = account
    message.extraction = reading
    session.flush()
    return registration


def close_without_reply(session: Session, message: InboundMessage, at: datetime) -> None:
    """Done with it: nothing is applied and nothing is sent."""
    _check_held(message)
    message.status = "processed"
    message.note = CLOSED_NOTE
    message.processed_at = at
    release_unblocked(session)


def release_unblocked(session: Session) -> list[InboundMessage]:
    """After a decision, every message held because an earlier one waited, and behind which
    nothing of its registration (or sender) waits any longer, goes through the flow again:
    only-``earlier_held`` ones become new, so the worker takes them on its next pass in the
    order they arrived (and holds one again if it must, without a second receipt); one held
    for other reasons too stays in the queue with those reasons alone. So nothing is left
    waiting on a decided message. Returns the messages sent back to the flow."""
    session.flush()
    released: list[InboundMessage] = []
    for later in held_for_earlier(session):
        if waits_behind_another(session, later):
            continue
        others = [r for r in later.held_for or [] if r != HoldReason.EARLIER_HELD]
        later.held_for = others or None
        if others:
            later.note = "Venter på deg: " + "; ".join(HOLD_NOTES[HoldReason(r)] for r in others)
            continue
        later.status = MessageStatus.NEW
        later.note = RELEASED_NOTE
        later.processed_at = None
        later.attempts = 0
        session.flush()
        released.append(later)
    return released


def _sign_changes(session: Session, message: InboundMessage, account: str, edited: bool) -> None:
    """The changes the accepted message made carry the account that accepted it; when the
    organiser corrected the reading, they are the organiser's word (which later automatic
    passes do not undo)."""
    for change in changes_of_message(session, message.id):
        change.account = account
        if edited:
            change.actor = ChangeActor.ORGANISER


def _current_errors(registration: Registration, processor: Processor) -> list[Finding]:
    if registration.id is None:
        return []
    return [
        f
        for f in reassess_findings(registration, processor.event)
        if f.severity == "error" and f.code != "late"
    ]


def stored_reading(message: InboundMessage, parsed: ParsedEmail) -> Extraction:
    """What mailbot read from the message when it held it (the JSON stored on it), with the
    thread ids taken from the message itself."""
    data: dict[str, Any] = dict(message.extraction or {})
    municipality = data.get("municipality")
    return Extraction(
        message_id=parsed.message_id,
        kind=_kind(str(data.get("kind") or "other")),
        language="nn" if data.get("language") == "nn" else "nb",
        municipality=(
            Municipality(str(municipality["number"]), str(municipality["name"]))
            if isinstance(municipality, dict)
            else None
        ),
        participants=tuple(
            Participant(str(p["name"]), p.get("role") or None, _sector(p.get("sector")))
            for p in data.get("participants", [])
            if isinstance(p, dict) and p.get("name")
        ),
        removed=tuple(str(n) for n in data.get("removed", [])),
        municipality_candidates=tuple(
            Municipality(str(m["number"]), str(m["name"]))
            for m in data.get("municipality_candidates", [])
            if isinstance(m, dict)
        ),
        sender=parsed.sender,
        sender_name=parsed.sender_name,
        subject=parsed.subject,
        date=parsed.date,
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
        auto_signals=parsed.auto_signals,
    )


def edited_reading(
    base: Extraction,
    *,
    kind: str,
    municipality_number: str,
    participants_text: str,
    removed_text: str,
    event: Event,
) -> Extraction:
    """The organiser's corrected reading: one participant per line, ``Navn; rolle; sektor``
    (the sector may be left out: it is then taken from the role, as the ``event``'s reader
    files it: a role tied to the sector that may not be alone is that sector's)."""
    if kind not in ANSWERED_KINDS:
        raise ReviewError("Velg påmelding, endring eller avmelding.")
    number = municipality_number.strip()
    municipality = base.municipality
    if number:
        if number not in municipality_entries():
            raise ReviewError("Velg en kommune fra listen.")
        municipality = to_municipality(number)
    return replace(
        base,
        kind=_kind(kind),
        municipality=municipality,
        participants=tuple(
            _participant(line, event.extraction_context().guarded_sector)
            for line in _lines(participants_text)
        ),
        removed=tuple(_lines(removed_text)),
    )


def participants_text(reading: Extraction) -> str:
    """The reading's participants as the edit form shows them."""
    return "\n".join(
        "; ".join(part for part in (p.name, p.role or "", p.sector)) for p in reading.participants
    )


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _participant(line: str, guarded: Sector | None) -> Participant:
    parts = [part.strip() for part in line.split(";")]
    name = parts[0]
    if not name or len(name) > 200:
        raise ReviewError(f"Ugyldig navn på linjen «{line[:60]}».")
    role = parts[1] if len(parts) > 1 and parts[1] else None
    chosen = parts[2].lower() if len(parts) > 2 else ""
    sector = _sector(chosen) if chosen in SECTORS else sector_of_role(role, guarded)
    return Participant(name, role, sector)


def _kind(value: str) -> MessageKind:
    return MessageKind(value) if value in KINDS else MessageKind.OTHER


def _sector(value: object) -> Sector:
    return value if value in SECTORS else "annet"
