"""The desk's words: dates in Oslo time and labels in the organiser's bokmål.

Template filters only; the codes stay English in the database and the contract.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from mailbot.digest import finding_label
from mailbot.event import Event
from mailbot.evidence_words import DOUBT_LABELS, attachment_lines, doubt_text, evidence_place
from rules.norsk import format_day_month_year, format_time
from rules.sectors import sector_words

OSLO = ZoneInfo("Europe/Oslo")
# Findings the organiser should see but that do not make a registration incomplete.
WARNING_CODES = frozenset({"sender_domain", "duplicate_person"})

MESSAGE_STATUS_LABELS: dict[str, str] = {
    "new": "venter",
    "processing": "under behandling",
    "processed": "behandlet",
    "ignored": "ikke besvart",
    "failed": "feilet",
    "needs_review": "til gjennomgang",
    "closed": "lukket",
}
KIND_LABELS: dict[str, str] = {
    "registration": "påmelding",
    "update": "endring",
    "withdrawal": "avmelding",
    "question": "spørsmål",
    "auto_reply": "automatisk svar",
    "bounce": "returmelding",
    "other": "annet",
    "organiser": "fra arrangøren",
}
REPLY_KIND_LABELS: dict[str, str] = {
    "confirmation": "bekreftelse",
    "correction_request": "ber om retting",
    "late_notice": "etter fristen",
    "receipt": "kvittering",
    "change_notice": "varsel om endring",
    "join_notice": "varsel om ny liste",
    "answer": "svar fra arrangøren",
    "digest": "oversikt",
}
OUTBOX_STATUS_LABELS: dict[str, str] = {
    "pending": "venter på sending",
    "sending": "sendes nå",
    "sent": "sendt",
    "failed": "feilet",
    "uncertain": "usikkert om den kom fram",
    "delivered": "levert (bekreftet av arrangør)",
}
CHANGE_LABELS: dict[str, str] = {
    "add": "la til",
    "remove": "fjernet",
    "set_role": "endret rolle",
    "rename": "endret navn",
    "withdraw": "trakk påmeldingen",
    "reinstate": "gjeninnsatte påmeldingen",
    "accept_late": "godtok sen påmelding",
    "set_municipality": "satte kommune",
    "add_contact": "la til kontakt",
    "remove_contact": "fjernet kontakt",
}


# Notes processing writes on a message (English in the store), in the organiser's words.
NOTE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("from the organiser", "Fra arrangøren: vist her, aldri besvart automatisk."),
    ("our own message", "Vår egen melding."),
    ("closed by the organiser", "Lukket av arrangøren uten svar."),
    ("answered by the organiser", "Besvart av arrangøren."),
    ("not understood as a registration", "Ikke forstått som en påmelding."),
    ("question for the organiser", "Et spørsmål til arrangøren."),
    ("no reply to", "Ingen automatisk svar (automatisk e-post, retur eller annet)."),
    ("no reply needed", "Trengte ikke svar."),
    ("automatic mail", "Automatisk e-post: ikke besvart."),
    ("rate limit", "Ikke besvart: grensen for svar til denne adressen er nådd."),
    (
        "nothing changed since",
        "Ikke besvart: ingenting er endret siden forrige anmodning om retting.",
    ),
    ("unreadable message", "Meldingen kunne ikke leses."),
)


HOLD_REASON_LABELS: dict[str, str] = {
    "unsure": "mailbot er ikke sikker på at den leste meldingen riktig",
    "not_a_contact": "avsenderen er ikke kontakt for denne påmeldingen",
    "removal_unmatched": "ber om å ta av noen som ikke står på listen",
    "earlier_held": "en tidligere melding om samme påmelding venter på deg",
    "left_out_unsaid": "en ny liste mangler noen fra før, uten at det står at de går ut",
}
CONTACT_SOURCE_LABELS: dict[str, str] = {
    "opener": "sendte den første meldingen",
    "domain": "skrev fra kommunens domene",
    "organiser": "lagt til av arrangøren",
    "copied": "fikk kopi av en kontakts melding",
}


def note(value: str | None) -> str:
    text = value or ""
    for prefix, words in NOTE_PREFIXES:
        if text.startswith(prefix):
            return words
    return text


def when(value: datetime | None) -> str:
    """``4. mai 2020 kl. 10.12`` in Oslo time; an empty string for no value."""
    if value is None:
        return ""
    local = value.astimezone(OSLO)
    return f"{format_day_month_year(local)} kl. {format_time(local)}"


def short_when(value: datetime | None) -> str:
    """``4.5. 10.12``: for dense tables."""
    if value is None:
        return ""
    local = value.astimezone(OSLO)
    return f"{local.day}.{local.month}. {format_time(local)}"


def _label(table: dict[str, str]) -> Callable[[Any], str]:
    def label(value: Any) -> str:
        return table.get(str(value), str(value or ""))

    return label


def sector(value: Any) -> str:
    """``Kulturskole``: the sector's bokmål name (``rules/sectors.toml``), capitalised."""
    return sector_words(str(value or ""), "nb").name.capitalize()


def finding(code: Any, event: Event) -> str:
    """``{{ code|finding(event) }}``: the label names the desk's event's excluded sector."""
    return finding_label(str(code), event)


FILTERS: dict[str, Callable[..., Any]] = {
    "evidence_place": evidence_place,
    "when": when,
    "short_when": short_when,
    "sector": sector,
    "finding": finding,
    "message_status": _label(MESSAGE_STATUS_LABELS),
    "kind": _label(KIND_LABELS),
    "reply_kind": _label(REPLY_KIND_LABELS),
    "outbox_status": _label(OUTBOX_STATUS_LABELS),
    "change": _label(CHANGE_LABELS),
    "note": note,
    "hold_reason": _label(HOLD_REASON_LABELS),
    "doubt": _label(DOUBT_LABELS),
    "doubt_text": doubt_text,
    "attachment_lines": attachment_lines,
    "contact_source": _label(CONTACT_SOURCE_LABELS),
}
