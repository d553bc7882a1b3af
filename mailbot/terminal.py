"""The desk's counterparts for a terminal user: ``mailbot status`` (the board) and
``mailbot review`` (list, show, and the decisions of the desk's review card: accept, close,
answer, correct, add-contact, reinstate, attach, edit), as readable tables (rich).

The same queries and the same decisions as the desk (``db.desk``, ``mailbot.review``):
accepting here answers exactly as accepting on the desk, and every decision is recorded with
the account named by ``--account``.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Mapping
from datetime import datetime

from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from db.desk import board, inbound_by_id, record_action, review_queue
from db.models import InboundMessage, Registration, utcnow
from db.session import make_engine, make_session_factory
from db.states import DeskActionKind, MessageStatus
from mailbot import review
from mailbot.digest import (
    ATTENTION_LABELS,
    HOLD_LABELS,
    REPLY_LABELS,
    finding_label,
    sector_label,
)
from mailbot.digest_job import read_municipality
from mailbot.edits import EditError, add_contact_address, set_withdrawn
from mailbot.errors import UserError
from mailbot.event import Event
from mailbot.evidence_words import doubt_text, evidence_place
from mailbot.processing import Outcome, Processor
from mailbot.web.conversation import shown_message
from mailbot.web.formatting import KIND_LABELS, note, when
from mailbot.web.registration import number_of
from parsers.mime import parse

GROUPS = (
    ("complete", "Fullført"),
    ("incomplete", "Ufullstendige"),
    ("late", "Kom etter fristen"),
    ("withdrawn", "Trukket"),
)


def default_account() -> str:
    """Who decides from this terminal (``MAILBOT_ACCOUNT``, else the login name)."""
    return os.environ.get("MAILBOT_ACCOUNT") or f"terminal:{getpass.getuser()}"


def console() -> Console:
    """Wide enough that a name is never cut, whether or not the output is a terminal."""
    return Console(width=None if sys.stdout.isatty() else 160, highlight=False)


def status(url: str, event: Event) -> int:
    """The board: every municipality that wrote, by status, with counts by sector."""
    engine = make_engine(url)
    out = console()
    try:
        with make_session_factory(engine)() as session:
            shown = board(session, event.slug)
            complete = shown.group("complete")
            low, high = event.capacity.target_min, event.capacity.target_max
            out.print(
                f"[bold]{event.title}[/bold]: {len(complete)} fullført (målet er {low}–{high}), "
                f"{shown.held_total} til gjennomgang"
            )
            for group, title in GROUPS:
                rows = shown.group(group)
                table = Table(title=f"{title} ({len(rows)})", title_justify="left")
                for column in ("#", "Kommune", "Deltakere", "Sektorer", "Merknader", "Kontakt"):
                    table.add_column(column, overflow="fold")
                for n, row in enumerate(rows, start=1):
                    place = row.municipality_name or "Ukjent kommune"
                    number = f" ({row.municipality_number})" if row.municipality_number else ""
                    marker = str(row.place or n)
                    if group == "complete" and row.place and row.place > high:
                        marker += " venteliste" if event.capacity.waiting_list else " over målet"
                    table.add_row(
                        marker,
                        place + number + (f" · {row.held} venter" if row.held else ""),
                        str(row.participants),
                        ", ".join(f"{sector_label(s)} {c}" for s, c in row.sectors),
                        ", ".join(finding_label(c, event) for c in row.findings),
                        row.contact,
                    )
                out.print(table)
            sectors = Table(title="Deltakere per sektor", title_justify="left")
            for column in ("Sektor", "I fullførte", "I alle aktive"):
                sectors.add_column(column)
            for sector, done, active in shown.sector_counts:
                sectors.add_row(sector_label(sector), str(done), str(active))
            out.print(sectors)
    finally:
        engine.dispose()
    return 0


def _reasons(message: InboundMessage) -> str:
    held = [HOLD_LABELS.get(r, r) for r in message.held_for or []]
    if held:
        return "; ".join(held)
    if message.kind == "question":
        return ATTENTION_LABELS["question"]
    if message.kind == "other":
        return ATTENTION_LABELS["not_understood"]
    return "til vurdering"


def review_list(url: str) -> int:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            held = review_queue(session)
            table = Table(title=f"Til gjennomgang ({len(held)})", title_justify="left")
            for column in ("Nr.", "Mottatt", "Fra", "Emne", "Kommune", "Hvorfor"):
                table.add_column(column, overflow="fold")
            for m in held:
                table.add_row(
                    str(m.id),
                    when(m.arrived_at),
                    m.sender or "ukjent",
                    m.subject or "",
                    (m.registration.municipality_name or "") if m.registration else _read_place(m),
                    _reasons(m),
                )
            console().print(table)
    finally:
        engine.dispose()
    return 0


def _read_place(message: InboundMessage) -> str:
    """A message without a registration: the municipality mailbot read in it, marked so."""
    read = read_municipality(message.extraction)
    return f"{read} (lest, ingen påmelding ennå)" if read else ""


def _held(session_message: InboundMessage | None, number: int) -> InboundMessage:
    if session_message is None:
        raise UserError(f"no message {number}; 'mailbot review list' shows the waiting ones")
    return session_message


def review_show(url: str, number: int) -> int:
    """One message as the desk's review card shows it: why it waits (the hold reasons, each
    doubt with the words and the place it was read), a later withdrawal that overtook it,
    the message, and what mailbot read, with where each name, the municipality and the
    written standard were read."""
    engine = make_engine(url)
    out = console()
    try:
        with make_session_factory(engine)() as session:
            message = _held(inbound_by_id(session, number), number)
            read = message.extraction or {}
            out.print(f"[bold]Melding {message.id}[/bold] fra {message.sender or 'ukjent'}")
            out.print(f"Mottatt {when(message.arrived_at)}. Emne: {message.subject or ''}")
            out.print(f"Hvorfor: {_reasons(message)}")
            for doubt in read.get("doubts", []):
                out.print(f"  - {doubt_text(doubt)}", markup=False)
            withdrawal = review.overtaking_withdrawal(session, message)
            if withdrawal is not None:
                where = (
                    " Påmeldingen gjeninnsettes på pulten: "
                    f"/registrering/{withdrawal.registration_id}"
                    if withdrawal.registration_id is not None
                    else ""
                )
                out.print(
                    f"Trukket senere (melding {withdrawal.id}, {when(withdrawal.arrived_at)}): "
                    f"{review.OVERTAKEN_NOTE}{where}",
                    markup=False,
                )
            out.print()
            out.print(shown_message(message, 1, []).text, markup=False)
            facts = Table(title="Dette leste mailbot", title_justify="left")
            for column in ("Navn", "Rolle", "Sektor", "Hvor"):
                facts.add_column(column, overflow="fold")
            places: dict[str, str] = {}
            for e in read.get("evidence", []):
                places.setdefault(str(e.get("name", "")), evidence_place(e))
            for p in read.get("participants", []):
                name = p.get("name", "")
                facts.add_row(
                    name,
                    p.get("role") or "–",
                    sector_label(str(p.get("sector", ""))),
                    places.get(name) or "–",
                )
            municipality = read.get("municipality") or {}
            out.print(
                f"Type: {KIND_LABELS.get(str(read.get('kind')), '–')}. Kommune: "
                f"{municipality.get('name', '–')} {municipality.get('number', '')}".rstrip()
                + _places(read.get("municipality_evidence", []), "name")
                + ". Målform: "
                + ("nynorsk" if read.get("language") == "nn" else "bokmål")
                + _places(read.get("language_evidence", []), "line"),
                markup=False,
            )
            out.print(facts)
    finally:
        engine.dispose()
    return 0


def _places(evidence: list[dict[str, object]], words: str) -> str:
    """`` («Vik», e-posten, linje 3)``: where the municipality or the written standard was
    read, as the desk shows it; "" when no place is known."""
    shown = [
        f"«{' '.join(str(e.get(words) or '').split())}», {place}"
        for e in evidence
        if (place := evidence_place(e))
    ]
    return "".join(f" ({s})" for s in shown)


#: The decisions ``mailbot review`` takes on one message, with the desk's audit action.
DECISIONS = {
    "accept": DeskActionKind.ACCEPT,
    "close": DeskActionKind.CLOSE_WITHOUT_REPLY,
    "answer": DeskActionKind.ANSWER,
    "correct": DeskActionKind.CORRECTION_REQUEST,
    "add-contact": DeskActionKind.ADD_CONTACT,
    "reinstate": DeskActionKind.REINSTATE,
    "attach": DeskActionKind.ATTACH,
    "edit": DeskActionKind.EDIT_AND_ACCEPT,
}


def review_decide(
    url: str,
    event: Event,
    number: int,
    action: str,
    account: str,
    text: str = "",
    choices: Mapping[str, str] | None = None,
) -> int:
    """One decision on a held message, as the desk's card takes it: ``accept`` (apply the
    stored reading and queue the reply), ``close`` (no reply), ``answer`` (the organiser's
    own answer to a question, ``text``), ``correct`` (a correction request in the organiser's
    words, ``text``), ``add-contact`` (the sender becomes a contact of the message's
    registration; the message still waits), ``reinstate`` (the registration a later
    withdrawal took back is reinstated, so the held sign-up can be accepted), ``attach``
    (to the municipality in ``choices``; it still waits) or ``edit`` (the reading corrected
    by ``choices``: kind, municipality, participants, removed; then accepted)."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            message = _held(inbound_by_id(session, number), number)
            now: datetime = utcnow()
            try:
                done, outbound_id = _decision(
                    session, event, message, action, account, text, now, choices or {}
                )
            except (review.ReviewError, EditError) as error:
                raise UserError(str(error)) from None
            record_action(
                session,
                account=account,
                action=DECISIONS[action],
                at=now,
                registration_id=message.registration_id,
                inbound_id=message.id,
                outbound_id=outbound_id,
            )
    finally:
        engine.dispose()
    print(done)
    return 0


def _decision(
    session: Session,
    event: Event,
    message: InboundMessage,
    action: str,
    account: str,
    text: str,
    now: datetime,
    choices: Mapping[str, str],
) -> tuple[str, int | None]:
    """Carry out one decision; returns what to tell the clerk and the outbox row it queued
    (for the audit record), if it queued one by itself."""
    processor = review.desk_processor(event, utcnow)
    if action == "accept":
        return _accepted(review.accept(session, message, processor, account)), None
    if action == "close":
        review.close_without_reply(session, message, now)
        return "Meldingen er lukket uten svar.", None
    if action == "edit":
        return _accepted(_edited(session, event, message, processor, account, choices)), None
    if action == "attach":
        review.attach(session, message, event, account, number_of(choices["municipality"]))
        name = (message.extraction or {}).get("municipality", {}).get("name", "")
        return f"Meldingen er knyttet til {name}. Den venter fortsatt på din beslutning.", None
    if action == "answer":
        row = review.answer(session, message, processor, account, text)
        return ANSWER_QUEUED, row.id
    if action == "correct":
        outcome = review.ask_for_correction(session, message, processor, account, text)
        if outcome.reply is None:
            return f"Ingen anmodning sendt: {note(outcome.note)}", None
        return "Anmodningen om retting ligger i utboksen og sendes ved neste utsending.", None
    _check_waiting(message)
    if action == "add-contact":
        registration = _registration_of(message)
        added = add_contact_address(session, registration, account, message.sender or "")
        return f"{added} er lagt til som kontakt. Meldingen venter fortsatt på deg.", None
    # The registration the later withdrawal took back (a held sign-up that opened nothing
    # has none of its own), as the desk's card links to it.
    withdrawal = review.overtaking_withdrawal(session, message)
    registration = _registration_of(withdrawal or message)
    set_withdrawn(session, registration, account, False, event, now)
    return "Påmeldingen er gjeninnsatt. Meldingen venter fortsatt på deg.", None


def _edited(
    session: Session,
    event: Event,
    message: InboundMessage,
    processor: Processor,
    account: str,
    choices: Mapping[str, str],
) -> Outcome:
    """Accept the message on the organiser's corrected reading, as the desk's «Rett og
    godta»: what is not given stays as mailbot read it."""
    stored = review.stored_reading(message, parse(message.raw))
    reading = review.edited_reading(
        stored,
        kind=choices.get("kind") or stored.kind,
        municipality_number=number_of(choices.get("municipality", "")),
        participants_text=choices.get("participants", review.participants_text(stored)),
        removed_text=choices.get("removed", "\n".join(stored.removed)),
        event=event,
    )
    return review.accept(session, message, processor, account, reading)


ANSWER_QUEUED = "Svaret ditt ligger i utboksen og sendes i samme tråd ved neste utsending."


def _accepted(outcome: Outcome) -> str:
    if outcome.reply is not None:
        kind = REPLY_LABELS.get(outcome.reply, "svar")
        return f"Godtatt. Svaret ({kind}) ligger i utboksen og sendes ved neste utsending."
    return f"Godtatt, men uten svar: {note(outcome.note)}"


def _check_waiting(message: InboundMessage) -> None:
    if message.status != MessageStatus.NEEDS_REVIEW:
        raise review.ReviewError("Meldingen venter ikke lenger på en beslutning.")


def _registration_of(message: InboundMessage) -> Registration:
    registration = message.registration
    if registration is None:
        raise review.ReviewError("Meldingen hører ikke til noen påmelding ennå.")
    return registration


def review_draft(url: str, event: Event, number: int) -> int:
    """Print the answer's starting text (greeting and closing in the sender's written
    standard), to be filled in and given back with ``review answer N --text-file F``."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            message = _held(inbound_by_id(session, number), number)
            sys.stdout.write(review.answer_draft_for(message, event))
    finally:
        engine.dispose()
    return 0
