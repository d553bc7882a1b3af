"""One message through the flow: parse → understand → apply → rules → reply → outbox.

A worker first claims a message in a short transaction of its own (``processing``, attempt
counted, a lease until a given time), then processes it in a second transaction, which
commits only while the claim is still the worker's: the registry change and the reply it
causes are committed together or not at all. A message that raises keeps its claim until
the lease runs out, like one whose worker was killed, and is then claimed again; after
``max_attempts`` claims it is set aside as ``failed`` (kept, shown in the digest). So a
message that kills the process never blocks the messages behind it, and two workers never
process one message.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.contacts import add_contact, contact_addresses
from db.inbound import (
    Earlier,
    LeaseLost,
    claim_batch,
    give_up,
    held_earlier,
    leased,
    raw_of,
    release,
    unclaim,
)
from db.models import Event as EventRow
from db.models import InboundMessage, Registration, utcnow
from db.outbox import enqueue, has_outgoing
from db.registry import (
    ensure_event,
    find_registration,
    first_arrival_besides,
    is_late_accepted,
    is_withdrawn,
    joins_as_own_sign_up,
    learn_municipality,
    left_out_unsaid,
    open_registration,
    record_changes,
    record_judgement,
    unmatched_removals,
)
from db.states import ChangeAction, ContactSource, HoldReason, MessageStatus, ReplyKind
from mailbot.answering import (
    Case,
    Outgoing,
    answer_for,
    change_notice_for,
    compose,
    join_notice_for,
    reason_not_to_answer,
    reason_not_to_send,
    receipt_for,
)
from mailbot.authority import Authority, Standing
from mailbot.bounces import record_bounce
from mailbot.event import Event
from mailbot.organiser_mail import NOTE as ORGANISER_NOTE
from mailbot.organiser_mail import is_from_organiser, is_our_automatic_mail, keep_organiser_mail
from mailbot.read_ahead import Extractor, Reading, batch_size, read_ahead
from parsers.errors import ParseError
from parsers.limits import DEFAULT_LIMITS, Limits, is_cut
from parsers.mime import parse
from parsers.register import municipalities_of
from parsers.types import (
    IGNORED_KINDS,
    SECTORS,
    Extraction,
    MessageKind,
    ParsedEmail,
    Sector,
    person_key,
)
from rules.base import Group, Member
from rules.registry import RuleResult, decide_reply, run_rules

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Processor:
    """What processing needs, built once at start-up (the NLP pipeline is loaded there)."""

    event: Event
    extractor: Extractor
    clock: Callable[[], datetime]
    max_attempts: int = 3
    authority: Authority = Authority()
    limits: Limits = DEFAULT_LIMITS
    #: How long a claim on a message holds; a claim that runs out is taken again.
    lease: timedelta = timedelta(minutes=5)
    #: Messages claimed and read together when the extractor reads batches
    #: (``mailbot.read_ahead``); each is still stored in a transaction of its own.
    batch: int = 16
    #: The event's row once a committed transaction has read or made it (its id never
    #: changes): every message needs it, and it was a query of its own each time.
    known_event: list[EventRow] = field(default_factory=list, compare=False, repr=False)


@dataclass(frozen=True)
class Outcome:
    """What processing did with one message: the status it left it in, the note the organiser
    reads (also on the message), the reply queued for the sender if any, and why a held
    message waits. A value, so callers ask ``outcome.reply`` instead of parsing a string."""

    status: MessageStatus
    note: str
    reply: ReplyKind | None = None
    held_for: tuple[HoldReason, ...] = ()

    def __str__(self) -> str:
        return f"{self.status}: {self.note}"


@dataclass
class PassStats:
    processed: int = 0
    failed: int = 0
    replies: int = 0
    outcomes: list[Outcome] = field(default_factory=list)


def process_pending(
    factory: sessionmaker[Session],
    processor: Processor,
    should_stop: Callable[[], bool] = lambda: False,
) -> PassStats:
    """Process every waiting message, each processed in a transaction of its own after
    being claimed (a few at a time, read ahead together: ``mailbot.read_ahead``);
    ``should_stop`` is asked between messages so that SIGTERM stops the worker after the
    current one (claims not yet used are given back)."""
    stats = PassStats()
    worker = worker_id()
    claimed: deque[int] = deque()
    readings: dict[int, Reading] = {}
    while not should_stop():
        if not claimed:
            claimed.extend(_claim(factory, processor, worker))
            if not claimed:
                return stats
            _know_event(factory, processor)
            readings = _read(factory, claimed, processor)
        message_id = claimed.popleft()
        if message_id < 0:
            stats.failed += 1
            continue
        reading = readings.pop(message_id, None)
        outcome = _process_claimed(factory, message_id, processor, worker, reading)
        if outcome is None:
            stats.failed += 1
            continue
        stats.processed += 1
        stats.replies += outcome.reply is not None
        stats.outcomes.append(outcome)
    _give_back(factory, [i for i in claimed if i > 0], worker)
    return stats


def worker_id() -> str:
    """Names the process and thread holding a claim (logged, and stored in the lease)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{threading.get_ident() % 10**6}"


def _claim(factory: sessionmaker[Session], processor: Processor, worker: str) -> list[int]:
    """Claim the next messages and commit at once: the ids to process, a negative id for
    each set aside because its attempts ran out; empty when nothing waits."""
    size = batch_size(processor.extractor, processor.batch)
    with factory() as session, session.begin():
        now = processor.clock()
        messages = claim_batch(session, worker, now, processor.lease, processor.max_attempts, size)
        ids = []
        for message in messages:
            if message.status == MessageStatus.FAILED:
                log.error("message %s: %s", message.id, message.error)
                ids.append(-message.id)
                continue
            if message.attempts > 1:
                log.warning("message %s: claimed again, attempt %d", message.id, message.attempts)
            ids.append(message.id)
        return ids


def _read(
    factory: sessionmaker[Session], claimed: deque[int], processor: Processor
) -> dict[int, Reading]:
    """The claimed messages read ahead together ({} for a batch of one: it is read in its
    own transaction). A message over ``READ_AHEAD_BYTES`` is not: it is read alone in its
    own transaction, so a batch holds at most one large message in memory at a time, as
    one-by-one processing did."""
    ids = [i for i in claimed if i > 0]
    if batch_size(processor.extractor, processor.batch) < 2 or len(ids) < 2:
        return {}
    with factory() as session:
        raws = raw_of(session, ids, READ_AHEAD_BYTES)
    return read_ahead(raws, processor.extractor, processor.event, processor.limits)


#: The largest message read ahead with its batch (a sign-up with a few attached documents
#: is well below it; the raw size limit is 25 MB).
READ_AHEAD_BYTES = 1024 * 1024


def _know_event(factory: sessionmaker[Session], processor: Processor) -> None:
    """Read (or make) the event's row once, in a transaction of its own; a concurrent
    worker making it at the same moment is read instead."""
    if processor.known_event:
        return
    for attempt in range(2):
        try:
            with factory() as session, session.begin():
                row = ensure_event(session, processor.event.slug, processor.event.title)
        except IntegrityError:
            if attempt:
                raise
            continue
        processor.known_event.append(row)
        return


def _event_row(session: Session, processor: Processor) -> EventRow:
    """The event's row: the one the worker knows, else read (or made) in this session."""
    if processor.known_event:
        return processor.known_event[0]
    return ensure_event(session, processor.event.slug, processor.event.title)


def _give_back(factory: sessionmaker[Session], message_ids: list[int], worker: str) -> None:
    if message_ids:
        with factory() as session, session.begin():
            unclaim(session, message_ids, worker)


#: Times a message is processed again, within one claim, when a concurrent worker created
#: the same row first (the event, or the registration of the same municipality).
CONFLICT_RETRIES = 3


def _process_claimed(
    factory: sessionmaker[Session],
    message_id: int,
    processor: Processor,
    worker: str,
    reading: Reading | None = None,
) -> Outcome | None:
    """Process a claimed message; None when it failed (the claim then runs out and the
    message is tried again, or it is set aside after its last attempt).

    Losing a race to create a row another worker created at the same moment (a unique
    constraint) is not the message's fault: it is processed again at once, against the
    row the other worker made, without spending an attempt."""
    for retry in range(CONFLICT_RETRIES + 1):
        try:
            return _process_leased(factory, message_id, processor, worker, reading)
        except IntegrityError as error:
            if retry == CONFLICT_RETRIES:
                _count_failure(factory, message_id, worker, error, processor)
                return None
            log.info("message %s: a concurrent worker created the same row; again", message_id)
        except LeaseLost as error:
            log.warning("%s; not committed", error)
            return None
        except Exception as error:  # noqa: BLE001 - one bad message must not stop the rest
            _count_failure(factory, message_id, worker, error, processor)
            return None
    return None


def _process_leased(
    factory: sessionmaker[Session],
    message_id: int,
    processor: Processor,
    worker: str,
    reading: Reading | None = None,
) -> Outcome:
    """One processing transaction, committed only while the claim is ``worker``'s."""
    with factory() as session, session.begin():
        message = leased(session, message_id, worker)
        if message is None:
            raise LeaseLost(f"message {message_id}: claim of {worker} was taken over")
        outcome = process_one(session, message, processor, reading)
        release(session, message, worker)
    return outcome


def _count_failure(
    factory: sessionmaker[Session],
    message_id: int,
    worker: str,
    error: Exception,
    processor: Processor,
) -> None:
    """Note why processing failed; the claim stays until its lease runs out (then the
    message is claimed again), or the message is set aside after its last attempt."""
    reason = f"{type(error).__name__}: {error}"
    with factory() as session, session.begin():
        message = leased(session, message_id, worker)
        if message is None:
            return
        message.error = reason[:2000]
        if message.attempts >= processor.max_attempts:
            reason = f"set aside after {message.attempts} attempts: {reason}"
            give_up(message, reason, processor.clock())
        log.error(
            "message %s failed (attempt %d): %s",
            message_id,
            message.attempts,
            type(error).__name__,
        )


def process_one(
    session: Session,
    message: InboundMessage,
    processor: Processor,
    reading: Reading | None = None,
) -> Outcome:
    """Run one stored message through the flow; returns what became of it. ``reading``:
    the message already parsed and understood (``mailbot.read_ahead``)."""
    try:
        parsed = reading.parsed if reading else parse(message.raw, limits=processor.limits)
    except ParseError as error:
        # The sender's fault, not ours: keep the message, say why, show the organiser.
        log.warning("message %s: unreadable: %s", message.id, error)
        return _finish(message, MessageStatus.FAILED, f"unreadable message: {error}")
    message.sender = parsed.sender[:320]
    message.subject = parsed.subject[:998]
    cuts = [defect for defect in parsed.defects if is_cut(defect)]
    for cut in cuts:
        log.warning("message %s: %s", message.id, cut)
    extraction = reading.extraction if reading else None
    outcome = _process_parsed(session, message, parsed, processor, extraction)
    if cuts:
        message.note = f"{message.note or ''} ({'; '.join(cuts)})".strip()
    return outcome


def _process_parsed(
    session: Session,
    message: InboundMessage,
    parsed: ParsedEmail,
    processor: Processor,
    extraction: Extraction | None = None,
) -> Outcome:
    if is_our_automatic_mail(parsed, processor.event):
        return _finish(message, MessageStatus.IGNORED, "our own message")
    if is_from_organiser(parsed, processor.event):
        keep_organiser_mail(session, message, parsed, processor.event)
        return _finish(message, MessageStatus.IGNORED, ORGANISER_NOTE)
    if extraction is None:
        extraction = processor.extractor(parsed)
    _remember(message, extraction)
    if extraction.kind in IGNORED_KINDS:
        if extraction.kind == MessageKind.BOUNCE:
            record_bounce(session, message.raw, processor.clock())
        if extraction.kind == MessageKind.OTHER and not parsed.auto_signals:
            # Written by a person but not understood: a person should look at it.
            return _finish(message, MessageStatus.NEEDS_REVIEW, "not understood as a registration")
        return _finish(message, MessageStatus.IGNORED, f"no reply to {extraction.kind}")
    if extraction.kind == MessageKind.QUESTION:
        event_row = _event_row(session, processor)
        with session.no_autoflush:  # see below: one UPDATE of the message, not two
            message.registration = find_registration(session, event_row, extraction, parsed.sender)
        return _finish(message, MessageStatus.NEEDS_REVIEW, "question for the organiser")
    event_row = _event_row(session, processor)
    # The look-ups below only read. What this pass has set on the message so far (sender,
    # subject, kind, reading) is written with its registration or its status, in one
    # UPDATE, instead of in one of its own before the first look-up: none of them can see
    # the message itself by those columns (held_earlier wants a held message, and this one
    # is being processed; the others ask for messages of a registration, which this one
    # has none of in the database unless an earlier pass gave it, with the same sender).
    with session.no_autoflush:
        registration = find_registration(session, event_row, extraction, parsed.sender)
        if registration is None and _nobody_from_nowhere(extraction):
            # It may come from no municipality at all (an organisation's comment): every
            # automatic answer, a receipt too, could be wrong, so a person decides.
            return _finish(message, MessageStatus.NEEDS_REVIEW, NOBODY_FROM_NOWHERE_NOTE)
        contacts = contact_addresses(session, registration.id) if registration is not None else []
        standing = _standing(session, registration, parsed, processor, contacts)
        held = _hold_reasons(
            registration, extraction, standing, processor.event.rules.min_participants
        )
        thread = (*extraction.references, *filter(None, [extraction.in_reply_to]))
        reg_id = registration.id if registration is not None else None
        earlier = held_earlier(session, reg_id, thread, parsed.sender)
    if earlier is Earlier.HELD and extraction.kind != MessageKind.WITHDRAWAL:
        # A withdrawal takes the whole registration back whatever the held message said:
        # its confirmation cannot be wrong, so it need not wait behind it.
        held.append(HoldReason.EARLIER_HELD)
    if held:
        return _hold(session, message, parsed, extraction, registration, held, processor, contacts)
    # The contacts' written standard, before this message's own is recorded on the registration.
    standard = registration.language if registration is not None else extraction.language
    keeps = standing is Standing.COLLEAGUE
    if earlier is Earlier.NOT_UNDERSTOOD:
        case = _apply_unless_it_asks(
            session, message, parsed, extraction, registration, processor, keeps
        )
        if case is None:
            reasons = [HoldReason.EARLIER_HELD]
            return _hold(
                session, message, parsed, extraction, registration, reasons, processor, contacts
            )
    else:
        case = _apply(session, message, parsed, extraction, registration, processor, keeps)
    source = NEW_CONTACT_SOURCES.get(standing)
    if source is not None:
        add_contact(session, case.registration, parsed.sender, source)
    told = standing is Standing.COLLEAGUE and _tell_of_join(
        session, case, processor, contacts, standard
    )
    outcome = _answer(session, case, processor)
    if told:
        message.note = f"{message.note} ({JOIN_NOTICE_NOTE})"
        outcome = replace(outcome, note=message.note)
    return outcome


JOIN_NOTICE_NOTE = "kontaktene er varslet om listen"


def _tell_of_join(
    session: Session, case: Case, processor: Processor, contacts: list[str], standard: str
) -> bool:
    """A colleague who is no contact had its own list join the registration: the contacts
    (``contacts``, read before, in this transaction) are told whose list it was, in their
    registration's written standard (``standard``, as it was before the list), so that a
    forged From on the municipality's domain cannot add people unseen. Nothing is told when
    the list added nobody; a second pass of the message tells nobody again (``_send``)."""
    if not case.changed or not contacts:
        return False
    notice = join_notice_for(
        case.parsed, case.registration, contacts, processor.event, standard, case.added
    )
    return _send(session, case.message, case.parsed, notice, processor)


NOBODY_FROM_NOWHERE_NOTE = "en påmelding uten kommune og uten navn: ingen automatisk svar"


def _nobody_from_nowhere(extraction: Extraction) -> bool:
    """A sign-up read without a person and without any municipality (not even an ambiguous
    name): the correction request its rules ask for may go to someone who registers
    nothing."""
    return (
        extraction.kind == MessageKind.REGISTRATION
        and not extraction.participants
        and not extraction.removed
        and extraction.municipality is None
        and not extraction.municipality_candidates
    )


#: A sender who may change the registration without being a contact yet becomes one, and
#: the contact row says why.
NEW_CONTACT_SOURCES = {
    Standing.VERIFIED_DOMAIN: ContactSource.DOMAIN,
    Standing.COPIED: ContactSource.COPIED,
}


def _standing(
    session: Session,
    registration: Registration | None,
    parsed: ParsedEmail,
    processor: Processor,
    contacts: list[str],
) -> Standing:
    """A message that opens a registration makes its sender the opener: a contact."""
    if registration is None:
        return Standing.CONTACT
    return processor.authority.standing(session, registration, parsed, contacts)


def _hold_reasons(
    registration: Registration | None,
    extraction: Extraction,
    standing: Standing,
    min_participants: int,
) -> list[HoldReason]:
    """Why this change must wait for the organiser (empty: apply and answer it). A colleague
    who is no contact may only join a sign-up of its own (``joins_as_own_sign_up``)."""
    reasons = []
    if standing is Standing.OUTSIDER or (
        standing is Standing.COLLEAGUE
        and not (
            registration is not None
            and joins_as_own_sign_up(registration, extraction, min_participants)
        )
    ):
        reasons.append(HoldReason.NOT_A_CONTACT)
    if not extraction.sure:
        reasons.append(HoldReason.UNSURE)
    if registration is not None and unmatched_removals(registration, extraction):
        reasons.append(HoldReason.REMOVAL_UNMATCHED)
    if registration is not None and left_out_unsaid(registration, extraction):
        reasons.append(HoldReason.LEFT_OUT_UNSAID)
    return reasons


#: The organiser reads these in the digest and on the desk.
HOLD_NOTES = {
    HoldReason.NOT_A_CONTACT: "avsenderen er ikke kontakt for denne påmeldingen",
    HoldReason.UNSURE: "usikkert om meldingen er lest riktig",
    HoldReason.REMOVAL_UNMATCHED: "ber om å ta av noen som ikke står på listen",
    HoldReason.EARLIER_HELD: "en tidligere melding om samme påmelding venter på deg",
    HoldReason.LEFT_OUT_UNSAID: "sender en ny liste der noen fra før mangler, uten at det står "
    "at de går ut",
}


def _hold(
    session: Session,
    message: InboundMessage,
    parsed: ParsedEmail,
    extraction: Extraction,
    registration: Registration | None,
    reasons: list[HoldReason],
    processor: Processor,
    contacts: list[str],
) -> Outcome:
    """Keep the message for the organiser, apply nothing, and send only what cannot be
    wrong: a receipt to the sender and, when an outsider asked for a change, a notice to the
    registration's contacts (``contacts``: read before, in this transaction)."""
    message.registration = registration
    message.held_for = [r.value for r in reasons]
    outgoing = [receipt_for(parsed, extraction.language, processor.event)]
    if registration is not None and HoldReason.NOT_A_CONTACT in reasons and contacts:
        outgoing.append(change_notice_for(parsed, registration, contacts, processor.event))
    sent = [out.kind.value for out in outgoing if _send(session, message, parsed, out, processor)]
    note = "Venter på deg: " + "; ".join(HOLD_NOTES[r] for r in reasons)
    finished = _finish(
        message, MessageStatus.NEEDS_REVIEW, note + (f" (sendt: {', '.join(sent)})" if sent else "")
    )
    return replace(finished, held_for=tuple(reasons))


def _send(
    session: Session,
    message: InboundMessage,
    parsed: ParsedEmail,
    out: Outgoing,
    processor: Processor,
) -> bool:
    """Queue one outgoing message unless a sending rule forbids it, or the message already
    caused one of this kind (it was held before, and the organiser's decision on an earlier
    message sent it through the flow again). A message no pass has finished yet (it has
    no note) caused none, so the look-up is spared (the outbox's unique (inbound, kind)
    holds either way)."""
    now = processor.clock()
    if message.note is not None and has_outgoing(session, message.id, out.kind.value):
        return False
    if any(reason_not_to_send(session, parsed, to, processor.event, now) for to in out.to):
        return False
    enqueue(session, compose(message, parsed, out, processor.event, now))
    return True


def _apply(
    session: Session,
    message: InboundMessage,
    parsed: ParsedEmail,
    extraction: Extraction,
    registration: Registration | None,
    processor: Processor,
    keep_standard: bool = False,
) -> Case:
    """Apply the message to its registration (opening one if needed) and run the rules.
    ``keep_standard``: the sender is no contact (a colleague whose list joined), so the
    registration keeps the written standard its contacts write and are told in."""
    if registration is None:
        event_row = _event_row(session, processor)
        registration = open_registration(
            session, event_row, extraction, parsed.sender, message.arrived_at, message
        )
        add_contact(session, registration, parsed.sender, ContactSource.OPENER)
    else:
        learn_municipality(session, registration, extraction)
    message.registration = registration
    changes = record_changes(session, registration, extraction, message)
    group = _group(session, registration, extraction, message, processor.event)
    result = run_rules(group, processor.event.policy())
    if not keep_standard:
        registration.language = extraction.language
    _update_status(registration, result, message.arrived_at)
    reply_kind = decide_reply(extraction.kind, result)
    on_list = {person_key(p.name) for p in registration.participants}
    added = tuple(
        Member(c.name, c.role, _sector(c.sector))
        for c in changes
        if c.action == ChangeAction.ADD and c.name and person_key(c.name) in on_list
    )
    return Case(message, parsed, extraction, registration, result, reply_kind, bool(changes), added)


def _apply_unless_it_asks(
    session: Session,
    message: InboundMessage,
    parsed: ParsedEmail,
    extraction: Extraction,
    registration: Registration | None,
    processor: Processor,
    keep_standard: bool,
) -> Case | None:
    """Apply the message behind an earlier one nobody understood yet, unless the rules would
    ask for a correction: what the group lacks may be in that earlier message, so the
    request could be wrong. Then nothing is applied (None) and the message waits for the
    organiser's decision on the earlier one, like one behind a held change."""
    trial = session.begin_nested()
    try:
        case = _apply(session, message, parsed, extraction, registration, processor, keep_standard)
    except BaseException:
        trial.rollback()
        raise
    if case.reply_kind is ReplyKind.CORRECTION_REQUEST:
        trial.rollback()
        return None
    trial.commit()
    return case


def apply_message(
    session: Session,
    message: InboundMessage,
    parsed: ParsedEmail,
    extraction: Extraction,
    processor: Processor,
) -> Case:
    """Apply a reading to the registry and run the rules (the organiser's desk accepts a
    held message through this, so its answer follows the same path). The organiser's
    decision stands in for the sender's standing: no hold reason applies."""
    registration = message.registration
    if registration is None:
        event_row = _event_row(session, processor)
        registration = find_registration(session, event_row, extraction, parsed.sender)
    return _apply(session, message, parsed, extraction, registration, processor)


def answer_message(session: Session, case: Case, processor: Processor) -> Outcome:
    """Queue the reply a case causes, under the same sending rules as any automatic answer."""
    return _answer(session, case, processor)


def _answer(session: Session, case: Case, processor: Processor) -> Outcome:
    now = processor.clock()
    reason = reason_not_to_answer(session, case, processor.event, now)
    if reason is not None:
        return _finish(case.message, MessageStatus.PROCESSED, reason)
    answer = answer_for(session, case, processor.event)
    enqueue(session, compose(case.message, case.parsed, answer, processor.event, now))
    reply = answer.kind
    finished = _finish(case.message, MessageStatus.PROCESSED, f"reply: {reply}")
    return replace(finished, reply=reply)


def _remember(message: InboundMessage, extraction: Extraction) -> None:
    message.kind = extraction.kind
    message.language = extraction.language
    message.extraction = extraction.to_json()


def _finish(message: InboundMessage, status: MessageStatus, note: str) -> Outcome:
    message.status = status
    message.note = note
    message.error = note if status == MessageStatus.FAILED else None
    message.processed_at = utcnow()
    return Outcome(status, note)


def _group(
    session: Session,
    registration: Registration,
    extraction: Extraction,
    message: InboundMessage,
    event: Event,
) -> Group:
    members = tuple(Member(p.name, p.role, p.sector) for p in registration.participants)
    first_message = first_arrival_besides(session, registration.id, message.id)
    return Group(
        municipality_number=registration.municipality_number,
        municipality_name=registration.municipality_name,
        municipality_ambiguous=(
            registration.municipality_number is None and extraction.ambiguous_municipality
        ),
        members=members,
        arrived_at=message.arrived_at,
        sender=message.sender or "",
        sender_domain_matches=_domain_matches(
            message.sender or "", registration.municipality_number
        ),
        registered_on_time=(
            first_message is not None
            and first_message <= event.deadline_at
            and complete_by(registration, event.deadline_at)
        ),
        withdrawn=is_withdrawn(registration.changes),
        late_accepted=is_late_accepted(registration.changes),
    )


def _sector(value: str | None) -> Sector:
    return value if value in SECTORS else "annet"


def complete_by(registration: Registration, deadline: datetime) -> bool:
    """The registration met every error rule by the deadline: a later change to it is a
    change, not a late sign-up. One that was too few at the deadline and is completed after
    it did not keep the deadline (the organiser decides, by a late notice)."""
    done = registration.first_complete_at
    return done is not None and done <= deadline


def _domain_matches(sender: str, number: str | None) -> bool | None:
    """None when it cannot be told (no municipality yet); the rule only warns the organiser."""
    if number is None or not sender:
        return None
    return number in municipalities_of(sender)


def _update_status(registration: Registration, result: RuleResult, at: datetime) -> None:
    record_judgement(registration, result.codes, complete=result.complete, at=at)
