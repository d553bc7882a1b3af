"""The organiser's daily digest: where the registrations stand and what needs a person.

``DigestData`` is a plain snapshot (the job that queries the database fills it), so the
wording can be tested without a database. The text is for the organiser, in bokmål.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime as rfc5322_date
from typing import Literal

from mailbot.event import Event
from mailbot.mail_policy import OUTGOING_POLICY
from mailbot.replies import clean_header_text, header_address
from rules.base import Member
from rules.norsk import format_date, format_datetime, format_time

Status = Literal["complete", "incomplete", "withdrawn"]
AttentionReason = Literal["question", "failed", "unreadable", "needs_review"]

# Finding codes in the organiser's words.
CODE_LABELS: dict[str, str] = {
    "too_few": "for få deltakere",
    "all_kulturskole": "alle fra kulturskolen",
    "missing_role": "rolle mangler",
    "no_municipality": "ukjent kommune",
    "ambiguous_municipality": "kommunenavnet passer på flere kommuner",
    "late": "kom etter fristen",
    "duplicate_person": "samme person flere ganger",
    "sender_domain": "avsender utenfor kommunens domene",
}
ATTENTION_LABELS: dict[str, str] = {
    "question": "Spørsmål",
    "failed": "Feilet under behandling",
    "unreadable": "Kunne ikke leses",
    "needs_review": "Til vurdering",
}
REPLY_LABELS: dict[str, str] = {
    "confirmation": "bekreftelse",
    "correction_request": "ber om retting",
    "late_notice": "etter fristen",
}
COUNT_LABELS: dict[str, str] = {
    "received": "Meldinger mottatt",
    "processed": "Behandlet",
    "ignored": "Ignorert (automatiske svar o.l.)",
    "failed": "Feilet",
    "needs_review": "Til vurdering",
    "replies_pending": "Svar som venter på sending",
}


def sector_spread(members: Iterable[Member]) -> tuple[tuple[str, int], ...]:
    """``(("kulturskole", 2), ("politikk", 1))``: sectors by count, then name."""
    counts = Counter(m.sector for m in members)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class RegistrationLine:
    """One municipality's registration as it stands now."""

    municipality_name: str | None
    municipality_number: str | None
    status: Status
    member_count: int
    sectors: tuple[tuple[str, int], ...] = ()
    finding_codes: tuple[str, ...] = ()
    first_complete_at: datetime | None = None
    contact: str = ""


@dataclass(frozen=True)
class AttentionItem:
    """A message a person must look at (a question, something we could not read ...)."""

    reason: AttentionReason
    sender: str
    subject: str
    received_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class SentReply:
    recipient: str
    kind: str
    sent_at: datetime | None = None
    municipality_name: str | None = None


@dataclass(frozen=True)
class BouncedReply:
    """One of our own replies that came back undelivered."""

    recipient: str
    kind: str
    bounced_at: datetime | None = None
    reason: str = ""


@dataclass(frozen=True)
class DigestData:
    """Snapshot for one digest; ``counts`` keys are those of ``COUNT_LABELS`` (others shown raw)."""

    generated_at: datetime
    registrations: tuple[RegistrationLine, ...] = ()
    attention: tuple[AttentionItem, ...] = ()
    replies_sent: tuple[SentReply, ...] = ()
    bounces: tuple[BouncedReply, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)
    since: datetime | None = None

    def by_status(self, status: Status) -> tuple[RegistrationLine, ...]:
        return tuple(r for r in self.registrations if r.status == status)

    def completion_order(self) -> tuple[RegistrationLine, ...]:
        """Every registration that was ever complete, in the order it first became so."""
        ever = [r for r in self.registrations if r.first_complete_at is not None]
        return tuple(sorted(ever, key=lambda r: r.first_complete_at or self.generated_at))


def _local(value: datetime, event: Event) -> datetime:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(event.tz)


def _when(value: datetime | None, event: Event) -> str:
    return format_datetime(_local(value, event), "nb") if value else "(ukjent tid)"


def _place(line: RegistrationLine) -> str:
    name = clean_header_text(line.municipality_name) or "(ukjent kommune)"
    return f"{name} ({line.municipality_number})" if line.municipality_number else name


def _members(line: RegistrationLine) -> str:
    noun = "deltaker" if line.member_count == 1 else "deltakere"
    spread = ", ".join(f"{sector} {count}" for sector, count in line.sectors)
    return f"{line.member_count} {noun}" + (f" ({spread})" if spread else "")


def _codes(codes: Iterable[str]) -> str:
    return ", ".join(CODE_LABELS.get(code, code) for code in codes)


def _target(complete: int, event: Event) -> str:
    low, high = event.capacity.target_min, event.capacity.target_max
    goal = f"målet er {low}–{high} kommuner" if low != high else f"målet er {low} kommuner"
    if complete < low:
        return f"{goal}; {low - complete} til trengs"
    if complete <= high:
        return f"{goal}; målet er nådd"
    return f"{goal}; {complete - high} utover målet"


def _completion_section(data: DigestData, event: Event) -> list[str]:
    lines: list[str] = []
    position = 0
    for line in data.completion_order():
        when = _when(line.first_complete_at, event)
        text = f"{_place(line)} – komplett {when} – {_members(line)}"
        if line.status != "complete":
            now = "trukket" if line.status == "withdrawn" else "ufullstendig"
            lines.append(f"  -  {text} – nå {now}")
            continue
        position += 1
        extra = ""
        if position > event.capacity.target_max:
            extra = " – venteliste" if event.capacity.waiting_list else " – utover målet"
        notes = [c for c in line.finding_codes if c in CODE_LABELS]
        if notes:
            extra += f" – merknad: {_codes(notes)}"
        lines.append(f"  {position}. {text}{extra}")
    return lines or ["  (ingen ennå)"]


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", title, *(lines or ["  (ingen)"])]


def render_digest(data: DigestData, event: Event, language: str = "nb") -> tuple[str, str]:
    """The digest as ``(subject, body)``, plain text in bokmål for the organiser.

    Only bokmål exists: the organiser is one reader with one language; any other value
    raises ``ValueError`` rather than silently mixing standards.
    """
    if language != "nb":
        raise ValueError("the digest is written in bokmål (nb) only")
    complete = data.by_status("complete")
    incomplete = data.by_status("incomplete")
    withdrawn = data.by_status("withdrawn")
    today = format_date(_local(data.generated_at, event), "nb")
    subject = (
        f"Dagsoversikt «{event.title}» {today}: {len(complete)} av "
        f"{event.capacity.target_min}–{event.capacity.target_max} kommuner komplette"
    )
    shop = event.workshop
    body: list[str] = [
        f"Dagsoversikt for «{event.title}», laget {_when(data.generated_at, event)}.",
        f"Svarfrist: {format_date(event.deadline_at, 'nb')}. Verksted: "
        f"{format_date(shop.date, 'nb')} kl. {format_time(shop.start)}–{format_time(shop.end)}.",
    ]
    if data.since:
        body.append(f"Meldinger og svar siden {_when(data.since, event)}.")
    body += _section(
        "STATUS",
        [
            f"  Komplette påmeldinger: {len(complete)} ({_target(len(complete), event)})",
            f"  Ufullstendige: {len(incomplete)}",
            f"  Trukket: {len(withdrawn)}",
        ],
    )
    body += ["", "KOMPLETTE, I DEN REKKEFØLGEN DE BLE KOMPLETTE", *_completion_section(data, event)]
    body += _section(
        "UFULLSTENDIGE (venter på svar fra kommunen)",
        [
            f"  - {_place(r)} – {_members(r)} – mangler: {_codes(r.finding_codes) or 'ukjent'}"
            + (f" – kontakt: {r.contact}" if r.contact else "")
            for r in incomplete
        ],
    )
    body += _section("TRUKKET", [f"  - {_place(r)}" for r in withdrawn])
    body += _section(
        f"TRENGER EN PERSON ({len(data.attention)})",
        [
            f"  - {ATTENTION_LABELS.get(a.reason, a.reason)}: {clean_header_text(a.sender)}, "
            f"«{clean_header_text(a.subject) or '(uten emne)'}», {_when(a.received_at, event)}"
            + (f" – {clean_header_text(a.note, 300)}" if a.note else "")
            for a in data.attention
        ],
    )
    kinds = Counter(r.kind for r in data.replies_sent)
    summary = ", ".join(f"{REPLY_LABELS.get(k, k)} {n}" for k, n in sorted(kinds.items()))
    body += _section(
        f"SVAR SENDT ({len(data.replies_sent)})",
        ([f"  {summary}"] if summary else [])
        + [
            f"  - {_when(r.sent_at, event)}: {REPLY_LABELS.get(r.kind, r.kind)} til "
            f"{r.recipient}" + (f" ({r.municipality_name})" if r.municipality_name else "")
            for r in data.replies_sent
        ],
    )
    body += _section(
        f"SVAR SOM KOM I RETUR ({len(data.bounces)})",
        [
            f"  - {REPLY_LABELS.get(b.kind, b.kind)} til {b.recipient}, "
            + _when(b.bounced_at, event)
            + (f": {clean_header_text(b.reason, 300)}" if b.reason else "")
            for b in data.bounces
        ],
    )
    body += _section("TALL", [f"  {COUNT_LABELS.get(k, k)}: {v}" for k, v in data.counts.items()])
    body += ["", "Denne oversikten er laget automatisk av mailbot."]
    return clean_header_text(subject), "\n".join(body) + "\n"


def build_digest(
    data: DigestData,
    event: Event,
    *,
    to: str,
    message_id: str,
    from_address: str,
    from_name: str,
    date: datetime,
    language: str = "nb",
) -> EmailMessage:
    """The digest as a message for the outbox, marked ``Auto-Submitted: auto-generated``."""
    subject, body = render_digest(data, event, language)
    msg = EmailMessage(policy=OUTGOING_POLICY)
    msg["From"] = header_address(from_address, from_name)
    msg["To"] = header_address(to)
    msg["Subject"] = subject
    msg["Date"] = rfc5322_date(date if date.tzinfo else date.replace(tzinfo=UTC))
    msg["Message-ID"] = clean_header_text(message_id, limit=998)
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    msg["X-Mailbot-Reply"] = "digest"
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    msg["Content-Language"] = language
    return msg
