"""The automatic answer to one inbound message: its body (Jinja2 templates) and its headers.

Bodies come from ``templates/{nb,nn}/<kind>.txt.j2`` so that a clerk's wording can be
changed without touching code; headers are built here, from sanitised values only, because
a name or subject taken from a stranger's e-mail must never be able to add a header.
"""

from __future__ import annotations

import re
import textwrap
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime as rfc5322_date
from email.utils import parseaddr

from mailbot.event import Event
from mailbot.mail_policy import HARD_LINE_LIMIT, MSG_ID, OUTGOING_POLICY
from mailbot.templating import environment
from rules.base import Finding, Member
from rules.norsk import format_date, format_time
from rules.sectors import sector_words

# Body templates a caller may ask for, and the X-Mailbot-Reply value each one carries.
REPLY_HEADER_VALUES: dict[str, str] = {
    "confirmation": "confirmation",
    "correction_request": "correction_request",
    "late_notice": "late_notice",
    "withdrawal_confirmation": "confirmation",  # a withdrawal is acknowledged = confirmed
    "receipt": "receipt",
    "change_notice": "change_notice",
    "join_notice": "join_notice",
    "reminder": "reminder",
    "answer": "answer",
}
# Reply prefixes mail clients add (English, Norwegian/Danish "SV", Swedish "VS", German "AW").
_PREFIX = re.compile(r"^\s*(?:(?:re|sv|vs|aw)\s*(?:\[\d+\])?\s*[:：]\s*)+", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
MAX_MSG_ID = HARD_LINE_LIMIT - len("In-Reply-To: ")
"""A longer msg-id could not stand on one header line; it is dropped (threading is lost)."""
MAX_REFERENCES = 20
MAX_SUBJECT = 200
WRAP_WIDTH = 76


@dataclass(frozen=True)
class ReplyContext:
    """Everything a reply body needs; ``members`` is the registration's full current list."""

    event: Event
    language: str
    municipality_name: str | None
    members: tuple[Member, ...]
    findings: tuple[Finding, ...]
    recipient_name: str | None
    waiting_position: int | None = None
    """Set when the event keeps a waiting list and this complete registration is beyond the
    target: its place on the list (1 = first)."""
    requester: str | None = None
    """For a change notice: the address that asked for the change; for a join notice: the
    address whose list joined."""
    text: str = ""
    """For the organiser's answer to a question: the whole body as the organiser wrote it."""


def make_message_id(domain: str) -> str:
    """A fresh Message-ID on our own domain: ``<mailbot.<uuid4hex>@domain>``."""
    clean = re.sub(r"[^A-Za-z0-9.-]", "", domain) or "localhost"
    return f"<mailbot.{uuid.uuid4().hex}@{clean}>"


def clean_header_text(value: str | None, limit: int = MAX_SUBJECT) -> str:
    """One line of header text: control characters (CR, LF, NUL, ...) become single spaces."""
    text = " ".join(_CONTROL.sub(" ", value or "").split())
    return text[:limit].rstrip()


def reply_subject(original: str | None, fallback: str = "") -> str:
    """``Re: <original>`` with every earlier Re:/SV:/VS:/AW: stripped, never ``Re: Re:``."""
    subject = _PREFIX.sub("", clean_header_text(original))
    return f"Re: {subject or clean_header_text(fallback)}".rstrip()


def municipality_display(name: str | None) -> str | None:
    """``Bodø kommune``; SSB's county suffix goes last: ``Herøy kommune (Nordland)``."""
    if not name or not name.strip():
        return None
    match = re.fullmatch(r"\s*(.+?)\s*(\([^()]+\))\s*", name)
    if match:
        return f"{match.group(1)} kommune {match.group(2)}"
    return f"{name.strip()} kommune"


def _one_line(text: str) -> str:
    """Stops a name from the inbound mail from forging extra lines in our body."""
    return " ".join(_CONTROL.sub(" ", text).split())


# Spaces a line must not break at: "4. juni", "kl. 10.00" (joined by _GLUE while wrapping).
_KEEP_TOGETHER = re.compile(r"(?<=\d\.) (?=[a-zæøå])|(?<=\bkl\.) (?=\d)")
_GLUE = "\x01"


def _wrap(body: str) -> str:
    """Wrap long lines at 76 columns, keeping list indentation (``- `` and ``  1. ``)."""
    out: list[str] = []
    for line in _KEEP_TOGETHER.sub(_GLUE, body).splitlines():
        if len(line) <= WRAP_WIDTH:
            out.append(line)
            continue
        bullet = re.match(r"^(\s*(?:- |\d+\. )?)", line)
        indent = " " * len(bullet.group(1)) if bullet else ""
        out.append(
            textwrap.fill(
                line,
                WRAP_WIDTH,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return ("\n".join(out) + "\n").replace(_GLUE, " ")


def reply_variables(ctx: ReplyContext) -> dict[str, object]:
    event, lang = ctx.event, ("nn" if ctx.language == "nn" else "nb")
    shop = event.workshop
    errors = [f for f in ctx.findings if f.severity == "error"]
    late = next((f for f in errors if f.code == "late"), None)
    return {
        "title": event.title_in(lang),
        "municipality": municipality_display(_one_line(ctx.municipality_name or "")),
        "members": [
            Member(_one_line(m.name), _one_line(m.role) if m.role else None, m.sector)
            for m in ctx.members
        ],
        "problems": [f.text(lang) for f in errors],
        "late_text": late.text(lang) if late else None,
        "recipient_name": _one_line(ctx.recipient_name or "") or None,
        "requester": _one_line(ctx.requester or "") or None,
        "text": _organiser_text(ctx.text),
        "waiting_position": ctx.waiting_position,
        "target_max": event.capacity.target_max,
        "workshop_when": (
            f"{format_date(shop.date, lang)} kl. {format_time(shop.start)}–{format_time(shop.end)}"
        ),
        "workshop_day": f"{shop.date.day}. {format_date(shop.date, lang).split()[2]}",
        "workshop_format": shop.format_nn if lang == "nn" else shop.format_nb,
        "deadline_day": format_date(event.deadline_at, lang),
        "min_participants": event.rules.min_participants,
        "excluded_sector": sector_words(event.rules.not_all_sector, lang).the,
        "organiser_name": event.organiser_name,
        "organisers": event.organisers,
    }


def _organiser_text(text: str) -> str:
    """The organiser's own words as a body: line ends made plain, control characters other
    than the line end dropped, trailing spaces and surplus blank lines at the ends gone."""
    lines = [_CONTROL.sub("", line).rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def render_answer_draft(ctx: ReplyContext) -> str:
    """What the organiser's answer form starts with, in the sender's written standard: the
    greeting, room for the answer, the closing (``templates/{nb,nn}/answer_draft.txt.j2``)."""
    lang = "nn" if ctx.language == "nn" else "nb"
    template = environment(ctx.event.templates).get_template(f"{lang}/answer_draft.txt.j2")
    return template.render(**reply_variables(ctx))


def render_reply(reply_kind: str, ctx: ReplyContext) -> str:
    """The plain-text body of one reply in the sender's written standard (nb or nn).

    ``reply_kind`` is a key of ``REPLY_HEADER_VALUES``; anything else raises ``ValueError``.
    """
    if reply_kind not in REPLY_HEADER_VALUES:
        raise ValueError(f"no template for reply kind {reply_kind!r}")
    lang = "nn" if ctx.language == "nn" else "nb"
    template = environment(ctx.event.templates).get_template(f"{lang}/{reply_kind}.txt.j2")
    return _wrap(template.render(**reply_variables(ctx)))


def _msg_id(value: str | None) -> str | None:
    """A Message-ID in angle brackets, or None when it is not one (then it is dropped).

    Only printable ASCII ids that fit on one header line are kept: they go on the wire as
    they are, never as encoded words (see ``mailbot.mail_policy``).
    """
    text = clean_header_text(value, limit=MAX_MSG_ID + 2).strip()
    if text and not text.startswith("<"):
        text = f"<{text}>"
    return text if len(text) <= MAX_MSG_ID and MSG_ID.fullmatch(text) else None


def reply_references(references: tuple[str, ...], in_reply_to: str | None) -> tuple[str, ...]:
    """The original References plus its Message-ID, deduplicated and bounded.

    When too long, the first ID (the thread's root) and the most recent ones are kept, as
    RFC 5322 section 3.6.4 suggests.
    """
    ids: list[str] = []
    for value in (*references, in_reply_to):
        good = _msg_id(value)
        if good and good not in ids:
            ids.append(good)
    if len(ids) > MAX_REFERENCES:
        ids = [ids[0], *ids[-(MAX_REFERENCES - 1) :]]
    return tuple(ids)


def header_address(value: str, display_name: str = "") -> Address | str:
    """A header-safe address; falls back to the cleaned text for unusual addresses.

    With ``Name <addr>`` the address in the final angle brackets wins, so a display name
    such as ``Kari Bcc: evil@example.org`` cannot redirect the reply.
    """
    text = clean_header_text(value, limit=998)
    bracketed = re.fullmatch(r"(.*)<([^<>\s]+@[^<>\s]+)>\s*", text)
    if bracketed:
        name, addr = bracketed.group(1).strip().strip('"').strip(), bracketed.group(2)
    else:
        name, addr = parseaddr(text)
    try:
        return Address(display_name=clean_header_text(display_name or name), addr_spec=addr)
    except (ValueError, IndexError):
        return clean_header_text(value, limit=998)


def build_reply(
    reply_kind: str,
    ctx: ReplyContext,
    *,
    to: str,
    original_subject: str,
    in_reply_to: str | None,
    references: tuple[str, ...],
    message_id: str,
    from_address: str,
    from_name: str,
    date: datetime,
    also_to: tuple[str, ...] = (),
    subject: str | None = None,
    calendar: bytes | None = None,
    auto_submitted: str = "auto-replied",
) -> EmailMessage:
    """The complete reply, marked as automatic (RFC 3834) and threaded to the original.

    No ``Precedence`` header: RFC 3834 discourages it; ``Auto-Submitted`` says it all.
    ``also_to`` adds recipients (a change notice goes to every contact); ``subject``
    replaces the ``Re: …`` subject (a change notice is not an answer to its recipients).
    ``calendar`` (an iCalendar entry) is attached as ``text/calendar; method=PUBLISH``.
    """
    own_id = _msg_id(message_id)
    if own_id is None:
        raise ValueError(f"not a Message-ID: {message_id!r}")
    lang = "nn" if ctx.language == "nn" else "nb"
    title = ctx.event.title_in(lang)
    msg = EmailMessage(policy=OUTGOING_POLICY)
    msg["From"] = header_address(from_address, from_name)
    msg["To"] = ", ".join(str(header_address(a)) for a in (to, *also_to))
    msg["Subject"] = (
        clean_header_text(subject) if subject else reply_subject(original_subject, fallback=title)
    )
    msg["Date"] = rfc5322_date(date if date.tzinfo else date.replace(tzinfo=UTC))
    msg["Message-ID"] = own_id
    parent = _msg_id(in_reply_to)
    if parent:
        msg["In-Reply-To"] = parent
    refs = reply_references(references, parent)
    if refs:
        msg["References"] = " ".join(refs)
    msg["Auto-Submitted"] = auto_submitted
    msg["X-Auto-Response-Suppress"] = "All"
    msg["X-Mailbot-Reply"] = REPLY_HEADER_VALUES.get(reply_kind, reply_kind)
    msg.set_content(render_reply(reply_kind, ctx), charset="utf-8", cte="quoted-printable")
    msg["Content-Language"] = lang  # after set_content, which clears Content-* headers
    if calendar is not None:
        msg.add_attachment(
            calendar,
            maintype="text",
            subtype="calendar",
            filename="verkstad.ics" if lang == "nn" else "verksted.ics",
            params={"method": "PUBLISH", "charset": "utf-8"},
        )
    return msg
