"""The organiser's daily digest: what changed since yesterday, what waits for the organiser,
and who is in, by name.

``DigestData`` is a plain snapshot (``mailbot.digest_job`` fills it from the store), so the
wording can be tested without a database. The words live in the templates
``nb/digest.txt.j2`` and ``nb/digest.html.j2`` (sent together as multipart/alternative); this
module only turns the snapshot into plain values in the organiser's words, so no internal
code (a finding, a status, a hold reason) ever reaches a template.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime as rfc5322_date
from typing import Any, Literal

from db.states import ChangeAction
from mailbot.event import Event
from mailbot.evidence_words import doubt_text
from mailbot.mail_policy import OUTGOING_POLICY
from mailbot.replies import clean_header_text, header_address
from mailbot.templating import environment
from parsers.types import SECTORS
from rules.base import Member
from rules.norsk import format_date, format_datetime, format_time
from rules.sectors import sector_words

Status = Literal["complete", "incomplete", "withdrawn"]
AttentionReason = Literal["question", "failed", "unreadable", "needs_review", "not_understood"]

# Finding codes in the organiser's words (what must be put right); ``{sector}`` is the
# event's excluded sector (definite form), so read them through ``finding_label``.
CODE_LABELS: dict[str, str] = {
    "too_few": "for få deltakere",
    "all_kulturskole": "alle er fra {sector}",
    "missing_role": "noen deltakere står uten rolle",
    "no_municipality": "kommunen er ikke kjent",
    "ambiguous_municipality": "kommunenavnet passer på flere kommuner",
    "late": "kom etter fristen",
    "duplicate_person": "samme person står flere ganger",
    "sender_domain": "avsenderen skriver ikke fra kommunens domene",
}
ATTENTION_LABELS: dict[str, str] = {
    "question": "Spørsmål til deg",
    "failed": "Kunne ikke behandles",
    "unreadable": "Kunne ikke leses",
    "needs_review": "Holdt tilbake til du har sett på den",
    "not_understood": "Ikke forstått som påmelding",
}
HOLD_LABELS: dict[str, str] = {
    "unsure": "usikkert om den er lest riktig",
    "not_a_contact": "avsenderen er ikke kontakt for påmeldingen",
    "removal_unmatched": "ber om å ta av noen som ikke står på listen",
    "earlier_held": "en tidligere melding om samme påmelding venter på deg",
    "left_out_unsaid": "en ny liste mangler noen fra før, uten at det står at de går ut",
}
REPLY_LABELS: dict[str, str] = {
    "confirmation": "bekreftelse",
    "correction_request": "ber om retting",
    "late_notice": "svar etter fristen",
    "receipt": "kvittering",
    "change_notice": "varsel om endring",
    "join_notice": "varsel om ny liste",
    "answer": "svar fra arrangøren",
    "reminder": "påminnelse",
}
REGISTRATION_ACTIONS = frozenset(
    {
        ChangeAction.WITHDRAW,
        ChangeAction.REINSTATE,
        ChangeAction.ACCEPT_LATE,
        ChangeAction.SET_MUNICIPALITY,
    }
)
"""Changes to the registration as a whole: the line names no person."""
CHANGE_LABELS: dict[str, str] = {
    "add": "la til",
    "remove": "tok av",
    "set_role": "endret rollen til",
    "rename": "endret navnet til",
    "withdraw": "trakk påmeldingen",
    "reinstate": "gjeninnsatte påmeldingen",
    "accept_late": "godtok den sene påmeldingen",
    "set_municipality": "satte kommunen",
    "add_contact": "la til kontakten",
    "remove_contact": "fjernet kontakten",
}
COUNT_LABELS: dict[str, str] = {
    "received": "Meldinger mottatt i alt",
    "processed": "Behandlet",
    "ignored": "Uten svar (automatiske svar o.l.)",
    "failed": "Kunne ikke behandles",
    "needs_review": "Venter på deg",
    "replies_pending": "Svar som ikke er sendt ennå",
}


def finding_label(code: str, event: Event) -> str:
    """A finding code in the organiser's words, naming the event's excluded sector (the code
    ``all_kulturskole`` is the contract's under every event; its label is not)."""
    label = CODE_LABELS.get(code, code)
    return label.format(sector=sector_words(event.rules.not_all_sector, "nb").the)


def sector_label(sector: str) -> str:
    """A sector in the organiser's bokmål (``rules/sectors.toml``); an unknown one is "annet"."""
    return sector_words(sector if sector in SECTORS else "annet", "nb").name


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
    members: tuple[Member, ...] = ()
    registration_id: int | None = None
    first_message_at: datetime | None = None

    @property
    def waits_for_organiser(self) -> bool:
        """A late registration is the organiser's to accept or refuse, not the
        municipality's to fix."""
        return self.status == "incomplete" and "late" in self.finding_codes


@dataclass(frozen=True)
class AttentionItem:
    """A message a person must look at (a question, something we could not read ...)."""

    reason: AttentionReason
    sender: str
    subject: str
    received_at: datetime | None = None
    held_for: tuple[str, ...] = ()
    municipality_name: str | None = None
    message_id: int | None = None
    doubts: tuple[Mapping[str, Any], ...] = ()
    """What made mailbot unsure, as stored on the message (``Doubt.to_json``): each with the
    words that raised it and where they stand (part, line, sheet, row, column)."""
    withdrawn_later_at: datetime | None = None
    """When a later withdrawal overtook this held message (``db.inbound.later_withdrawal``):
    accepting it as it stands is refused until the registration is reinstated."""
    read_municipality: str | None = None
    """For a message without a registration: the municipality mailbot read in it (or the
    names it could not choose between, joined by «eller»)."""


@dataclass(frozen=True)
class SentReply:
    recipient: str
    kind: str
    sent_at: datetime | None = None
    municipality_name: str | None = None


@dataclass(frozen=True)
class BouncedReply:
    """One of our own replies that came back undelivered (or may not have arrived)."""

    recipient: str
    kind: str
    bounced_at: datetime | None = None
    returned: bool = True
    """True: it came back; False: the sending failed or may not have reached the server."""


@dataclass(frozen=True)
class ChangeLine:
    """One change to a registration since yesterday."""

    municipality_name: str | None
    action: str
    name: str | None = None
    role: str | None = None
    by_organiser: str | None = None
    """The account, when the organiser made the change at the desk."""
    at: datetime | None = None


@dataclass(frozen=True)
class InviteeLine:
    """An invited municipality that has not answered."""

    municipality_name: str
    municipality_number: str
    address: str
    reminded_at: datetime | None = None


@dataclass(frozen=True)
class DigestData:
    """Snapshot for one digest; ``counts`` keys are those of ``COUNT_LABELS``."""

    generated_at: datetime
    registrations: tuple[RegistrationLine, ...] = ()
    attention: tuple[AttentionItem, ...] = ()
    replies_sent: tuple[SentReply, ...] = ()
    bounces: tuple[BouncedReply, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)
    since: datetime | None = None
    changes: tuple[ChangeLine, ...] = ()
    not_answered: tuple[InviteeLine, ...] = ()
    invited: int = 0
    desk_url: str | None = None

    def by_status(self, status: Status) -> tuple[RegistrationLine, ...]:
        return tuple(r for r in self.registrations if r.status == status)

    def completion_order(self) -> tuple[RegistrationLine, ...]:
        """Every registration that was ever complete, in the order it first became so."""
        ever = [r for r in self.registrations if r.first_complete_at is not None]
        return tuple(sorted(ever, key=lambda r: r.first_complete_at or self.generated_at))


class _Words:
    """The snapshot in the organiser's words, for the templates."""

    def __init__(self, data: DigestData, event: Event) -> None:
        self.data, self.event = data, event

    def local(self, value: datetime) -> datetime:
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(self.event.tz)

    def when(self, value: datetime | None) -> str:
        return format_datetime(self.local(value), "nb") if value else "ukjent tid"

    def is_new(self, value: datetime | None) -> bool:
        return value is not None and self.data.since is not None and value >= self.data.since

    def place(self, name: str | None, number: str | None) -> str:
        clean = clean_header_text(name) or "Ukjent kommune"
        return f"{clean} ({number})" if number else clean

    def link(self, path: str) -> str | None:
        base = (self.data.desk_url or "").rstrip("/")
        return f"{base}{path}" if base else None

    def people(self, line: RegistrationLine) -> list[dict[str, str]]:
        return [
            {
                "name": clean_header_text(m.name),
                "role": clean_header_text(m.role) if m.role else "rolle ikke oppgitt",
                "sector": sector_label(m.sector),
            }
            for m in line.members
        ]

    def registration(self, line: RegistrationLine) -> dict[str, Any]:
        count = line.member_count
        return {
            "place": self.place(line.municipality_name, line.municipality_number),
            "count": f"{count} {'deltaker' if count == 1 else 'deltakere'}",
            "sectors": ", ".join(f"{sector_label(s)} {n}" for s, n in line.sectors),
            "people": self.people(line),
            "problems": [
                finding_label(c, self.event) for c in line.finding_codes if c in CODE_LABELS
            ],
            "contact": clean_header_text(line.contact, 320),
            "completed": self.when(line.first_complete_at),
            "link": self.link(f"/registrering/{line.registration_id}")
            if line.registration_id
            else None,
        }

    def change(self, change: ChangeLine) -> str:
        who = f"Du ({change.by_organiser})" if change.by_organiser else "Kommunen"
        what = CHANGE_LABELS.get(change.action, "endret påmeldingen")
        place = clean_header_text(change.municipality_name) or "ukjent kommune"
        name = clean_header_text(change.name) if change.name else ""
        role = f" ({clean_header_text(change.role)})" if change.role else ""
        if change.action in REGISTRATION_ACTIONS:
            return f"{place}: {who.lower() if who == 'Kommunen' else who} {what}"
        return f"{place}: {who} {what} {name}{role}".rstrip()

    def attention(self, item: AttentionItem) -> dict[str, Any]:
        reasons = [HOLD_LABELS[r] for r in item.held_for if r in HOLD_LABELS]
        return {
            "label": ATTENTION_LABELS.get(item.reason, "Til vurdering"),
            "sender": clean_header_text(item.sender, 320) or "ukjent avsender",
            "subject": clean_header_text(item.subject) or "uten emne",
            "when": self.when(item.received_at),
            "reasons": reasons,
            "doubts": [clean_header_text(doubt_text(d), 500) for d in item.doubts],
            "withdrawn_later": self.when(item.withdrawn_later_at)
            if item.withdrawn_later_at
            else None,
            "place": clean_header_text(item.municipality_name) or _read_place(item),
            "new": self.is_new(item.received_at),
            "link": self.link(f"/gjennomgang#m{item.message_id}") if item.message_id else None,
        }

    def target(self, complete: int) -> str:
        low, high = self.event.capacity.target_min, self.event.capacity.target_max
        goal = f"målet er {low}–{high} kommuner" if low != high else f"målet er {low} kommuner"
        if complete < low:
            return f"{goal}; {low - complete} til trengs"
        if complete <= high:
            return f"{goal}; målet er nådd"
        return f"{goal}; {complete - high} utover målet"

    def completed(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        position = 0
        for line in self.data.completion_order():
            row = self.registration(line)
            if line.status != "complete":
                row["position"] = None
                row["now"] = "nå trukket" if line.status == "withdrawn" else "nå ufullstendig"
                rows.append(row)
                continue
            position += 1
            row["position"] = position
            row["now"] = ""
            if position > self.event.capacity.target_max:
                row["now"] = "venteliste" if self.event.capacity.waiting_list else "utover målet"
            rows.append(row)
        return rows

    def variables(self) -> dict[str, Any]:
        data, event = self.data, self.event
        complete = data.by_status("complete")
        incomplete = [r for r in data.by_status("incomplete") if not r.waits_for_organiser]
        late = [r for r in data.by_status("incomplete") if r.waits_for_organiser]
        shop = event.workshop
        new_regs = [r for r in data.registrations if self.is_new(r.first_message_at)]
        newly_complete = [
            r
            for r in data.registrations
            if r.status == "complete" and self.is_new(r.first_complete_at)
        ]
        kinds = Counter(r.kind for r in data.replies_sent)
        return {
            "title": event.title,
            "made": self.when(data.generated_at),
            "since": self.when(data.since) if data.since else None,
            "deadline": format_date(self.local(event.deadline_at), "nb"),
            "workshop": f"{format_date(shop.date, 'nb')} kl. {format_time(shop.start)}–"
            f"{format_time(shop.end)}",
            "desk": self.link("/"),
            "desk_review": self.link("/gjennomgang"),
            "new_registrations": [
                self.place(r.municipality_name, r.municipality_number) for r in new_regs
            ],
            "newly_complete": [
                self.place(r.municipality_name, r.municipality_number) for r in newly_complete
            ],
            "changes": [self.change(c) for c in data.changes],
            "new_waiting": sum(1 for a in data.attention if self.is_new(a.received_at)),
            "replies_summary": ", ".join(
                f"{REPLY_LABELS.get(k, 'svar')} {n}" for k, n in sorted(kinds.items())
            ),
            "replies": [
                {
                    "kind": REPLY_LABELS.get(r.kind, "svar"),
                    "to": clean_header_text(r.recipient, 320),
                    "place": clean_header_text(r.municipality_name) or None,
                    "when": self.when(r.sent_at) if r.sent_at else "ikke sendt ennå",
                }
                for r in data.replies_sent
            ],
            "late": [self.registration(r) for r in late],
            "attention": [self.attention(a) for a in data.attention],
            "waiting_count": len(late) + len(data.attention),
            "complete_count": len(complete),
            "incomplete_count": len(incomplete),
            "withdrawn_count": len(data.by_status("withdrawn")),
            "target": self.target(len(complete)),
            "completed": self.completed(),
            "incomplete": [self.registration(r) for r in incomplete],
            "withdrawn": [
                self.place(r.municipality_name, r.municipality_number)
                for r in data.by_status("withdrawn")
            ],
            "not_answered": [
                {
                    "place": self.place(i.municipality_name, i.municipality_number),
                    "address": clean_header_text(i.address, 320),
                    "reminded": self.when(i.reminded_at) if i.reminded_at else None,
                }
                for i in data.not_answered
            ],
            "invited": data.invited,
            "bounces": [
                {
                    "kind": REPLY_LABELS.get(b.kind, "svar"),
                    "to": clean_header_text(b.recipient, 320),
                    "how": "kom i retur" if b.returned else "kom kanskje ikke fram",
                    "when": self.when(b.bounced_at) if b.bounced_at else "",
                }
                for b in data.bounces
            ],
            "counts": [(COUNT_LABELS[k], v) for k, v in data.counts.items() if k in COUNT_LABELS],
        }


def digest_subject(data: DigestData, event: Event) -> str:
    today = format_date(_local(data.generated_at, event), "nb")
    complete = len(data.by_status("complete"))
    waiting = len(data.attention) + sum(1 for r in data.registrations if r.waits_for_organiser)
    subject = (
        f"Dagsoversikt «{event.title}» {today}: {complete} av "
        f"{event.capacity.target_min}–{event.capacity.target_max} kommuner komplette"
    )
    if waiting:
        subject += f", {waiting} venter på deg"
    return clean_header_text(subject)


def _local(value: datetime, event: Event) -> datetime:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(event.tz)


def digest_variables(data: DigestData, event: Event) -> dict[str, Any]:
    """What the digest templates are given (also the sample the start-up check renders)."""
    return _Words(data, event).variables() | {"subject": digest_subject(data, event)}


def render_digest(data: DigestData, event: Event, language: str = "nb") -> tuple[str, str]:
    """The digest as ``(subject, plain text)`` in bokmål for the organiser.

    Only bokmål exists: the organiser is one reader with one language; any other value
    raises ``ValueError`` rather than silently mixing standards.
    """
    if language != "nb":
        raise ValueError("the digest is written in bokmål (nb) only")
    values = digest_variables(data, event)
    text = environment(event.templates).get_template("nb/digest.txt.j2").render(values)
    return values["subject"], text


def render_digest_html(data: DigestData, event: Event) -> str:
    values = digest_variables(data, event)
    return environment(event.templates).get_template("nb/digest.html.j2").render(values)


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
    """The digest as a message for the outbox (plain text and HTML as
    multipart/alternative), marked ``Auto-Submitted: auto-generated``."""
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
    msg.add_alternative(
        render_digest_html(data, event), subtype="html", charset="utf-8", cte="quoted-printable"
    )
    msg["Content-Language"] = language  # after the parts: set_content moves Content-* down
    return msg


def _read_place(item: AttentionItem) -> str | None:
    """Where a message without a registration says it comes from, as mailbot read it."""
    read = clean_header_text(item.read_municipality)
    return f"mailbot leste {read}; ingen påmelding ennå" if read else None
