"""Typed values that the parsing and understanding stages hand downstream.

They are frozen dataclasses so that a parsed message can be shared between stages without
anyone mutating it behind another stage's back.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal


class MessageKind(StrEnum):
    """What a message is, as the understanding stage reads it (stored in ``inbound.kind``).

    Defined here, not in ``db/states.py`` with the other states, because ``parsers`` imports
    nothing downstream; ``db.states`` re-exports it.
    """

    REGISTRATION = "registration"
    UPDATE = "update"
    WITHDRAWAL = "withdrawal"
    QUESTION = "question"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    OTHER = "other"


class ReplyKind(StrEnum):
    """What an outgoing message is; also its ``X-Mailbot-Reply`` header value (stored in
    ``outbound.kind``). Here beside ``MessageKind`` because ``rules`` decides the first three
    and may import only ``parsers.types``; ``db.states`` re-exports it."""

    CONFIRMATION = "confirmation"
    CORRECTION_REQUEST = "correction_request"
    LATE_NOTICE = "late_notice"
    #: The message is held for the organiser; the sender is told it arrived, nothing more.
    RECEIPT = "receipt"
    #: Tells a registration's contacts that someone else asked to change it.
    CHANGE_NOTICE = "change_notice"
    #: Tells a registration's contacts that a colleague who is no contact had its own list
    #: join the registration (``mailbot.authority.Standing.COLLEAGUE``).
    JOIN_NOTICE = "join_notice"
    #: The organiser's own answer to a question, written at the desk (or with ``mailbot
    #: review answer``) and sent in the thread.
    ANSWER = "answer"
    DIGEST = "digest"
    #: One polite reminder to an invited municipality that has not answered.
    REMINDER = "reminder"


#: Kinds that carry a list of people: the registry applies them and the rules judge them.
LIST_KINDS = frozenset({MessageKind.REGISTRATION, MessageKind.UPDATE})
#: Kinds that change the registry and are answered automatically.
ANSWERED_KINDS = LIST_KINDS | {MessageKind.WITHDRAWAL}
#: Automatic mail and what was not understood: applied to nothing, never answered (RFC 3834).
IGNORED_KINDS = frozenset({MessageKind.AUTO_REPLY, MessageKind.BOUNCE, MessageKind.OTHER})
#: Kinds that get no automatic answer: the ignored ones, and questions (a person answers).
NO_REPLY_KINDS = IGNORED_KINDS | {MessageKind.QUESTION}
Language = Literal["nb", "nn"]
Sector = Literal[
    "kulturskole", "skole", "barnehage", "politikk", "administrasjon", "kulturliv", "annet"
]
KINDS: tuple[MessageKind, ...] = tuple(MessageKind)
SECTORS: tuple[Sector, ...] = (
    "kulturskole",
    "skole",
    "barnehage",
    "politikk",
    "administrasjon",
    "kulturliv",
    "annet",
)


#: The part names of a message (``Evidence.part``, ``Doubt.part``): the own words, the
#: forwarded part, an attachment ("attachment <filename>"), and where a municipality or the
#: written standard may be read besides them.
BODY, FORWARDED, ATTACHMENT = "body", "forwarded", "attachment"
SIGNATURE, SUBJECT, SENDER, WHOLE_TEXT = "signature", "subject", "sender", "message"
#: The quoted history of a reply (the sender's own earlier message, where it is theirs).
QUOTED = "quoted"


@dataclass(frozen=True)
class LinePlace:
    """Where one line of an attachment's text stands in its file: a spreadsheet's sheet and
    the row as Excel numbers it (empty rows counted), or a Word table's row (its first row
    is 1; ``sheet`` is empty). The text drops what a reader does not need (empty rows, the
    table's borders), so its line numbers alone would point the organiser to the wrong row."""

    sheet: str = ""
    row: int = -1


@dataclass(frozen=True)
class Attachment:
    """One attachment; ``text`` is what could be read from it (None when unreadable)."""

    filename: str
    content_type: str
    size: int
    text: str | None = None
    error: str | None = None
    #: Where each line of ``text`` stands in the file (a spreadsheet's sheet and row, a
    #: Word table's row), for files whose text is not the file's own lines; else empty.
    places: tuple[LinePlace, ...] = ()


@dataclass(frozen=True)
class ParsedEmail:
    """A message after MIME parsing, before any understanding.

    ``text`` is the whole readable body (plain part, else HTML rendered to text with tables as
    rows and lists as lines). ``own_text`` is the sender's own new words; ``quoted_text`` and
    ``forwarded_text`` keep what was separated out, so that nothing is thrown away.
    ``auto_signals`` names every reason to treat the message as automatic mail (empty for mail
    written by a person).
    """

    message_id: str | None
    sender: str
    sender_name: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    date: datetime | None
    in_reply_to: str | None
    references: tuple[str, ...]
    text: str
    own_text: str
    quoted_text: str = ""
    forwarded_text: str = ""
    signature: str = ""
    html: str | None = None
    attachments: tuple[Attachment, ...] = ()
    auto_signals: tuple[str, ...] = ()
    is_bounce: bool = False
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    defects: tuple[str, ...] = ()

    def header(self, name: str) -> str | None:
        """First value of a header, case-insensitively, or None."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None


@dataclass(frozen=True)
class Municipality:
    """A 2020 municipality: four-digit number and SSB 2020 name."""

    number: str
    name: str


def person_key(name: str) -> str:
    """The form under which two written names are the same person: NFC, case folding, single
    spaces, and "Etternavn, Fornavn" in the order "Fornavn Etternavn" (so "Berg, Kari" and
    "Kari Berg" are one person; the name itself is kept as written). The registry and the
    rules must agree on it, so it is defined once here."""
    text = unicodedata.normalize("NFC", name).casefold()
    family, comma, given = text.partition(",")
    if comma and family.strip() and given.strip() and "," not in given:
        text = f"{given} {family}"
    return " ".join(text.split())


@dataclass(frozen=True)
class Participant:
    name: str
    role: str | None
    sector: Sector


def place_words(part: str, line_no: int, row: int = -1, column: str = "", sheet: str = "") -> str:
    """ "attachment deltakere.xlsx line 4, sheet Påmelding, row 3, column Navn"."""
    where = f"{part} line {line_no}" if line_no > 0 else part
    if sheet:
        where += f", sheet {sheet}"
    if row >= 0:
        where += f", row {row}"
    return f"{where}, column {column}" if column else where


@dataclass(frozen=True)
class Evidence:
    """Where a participant was read: ``source`` is ``own`` (the sender's new words),
    ``forwarded`` or ``attachment``, and ``part`` names the part of the message: ``body``,
    ``forwarded`` or ``attachment <filename>``; ``line`` is that line of the part, as written
    there (a table row holds its cells), ``line_no`` its number in that part; for a table row
    ``row`` is its row in the table (the first line of the table is row 1; in a spreadsheet
    the row as Excel numbers it, on the sheet ``sheet``) and ``column`` the column the name
    stands in (the header's cell, else its number). ``reader`` names the reader that read it
    (``parsers.nlp.readers``). For a reading that did not stand, ``note`` says why
    (``Extraction.set_aside``).

    The municipality and the written standard carry evidence of the same shape: ``name`` is
    the words that decided (the municipality's name as written, "nn"/"nb"), ``reader`` is
    ``municipality`` or ``language``, ``note`` what weighed; ``part`` may then also be the
    signature, the subject or the sender's address."""

    name: str
    source: str
    line: str
    reader: str = ""
    line_no: int = -1
    note: str = ""
    part: str = ""
    row: int = -1
    column: str = ""
    sheet: str = ""

    @property
    def place(self) -> str:
        """ "attachment deltakere.csv line 3, row 3, column Navn", "body line 4"."""
        return place_words(
            self.part or self.source, self.line_no, self.row, self.column, self.sheet
        )

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "source": self.source,
            "line": self.line,
            "line_no": self.line_no,
            "reader": self.reader,
            "part": self.part,
            "row": self.row,
            "column": self.column,
            "sheet": self.sheet,
            **({"note": self.note} if self.note else {}),
        }


DoubtCode = Literal[
    "unexplained_name",
    "stated_count",
    "unread_line",
    "unread_attachment",
    "self_not_read",
    "signup_not_read",
    "passed_on",
    "role_unread",
    "role_swallows_name",
    "role_runs_on",
    "joint_municipalities",
    "asks_approval",
    "municipality_unread",
]


@dataclass(frozen=True)
class Doubt:
    """One reason to think the reading may be wrong; ``detail`` points at the words that
    raised it (for the organiser, never for a log). ``part`` and ``line_no`` say where they
    stand (``Evidence``: the own words are "body", an attachment "attachment <filename>");
    for a table row ``row``, ``column`` and a spreadsheet's ``sheet`` too. ``name`` is the
    person the doubt is about, where there is one (it finds the row's column)."""

    code: DoubtCode
    detail: str
    part: str = ""
    line_no: int = -1
    line: str = ""
    row: int = -1
    column: str = ""
    sheet: str = ""
    name: str = ""

    @property
    def place(self) -> str:
        """ "attachment deltakere.xlsx line 4, sheet Påmelding, row 3"; "" when unknown."""
        return (
            place_words(self.part, self.line_no, self.row, self.column, self.sheet)
            if self.part
            else ""
        )

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "detail": self.detail,
            "part": self.part,
            "line_no": self.line_no,
            "line": self.line,
            "row": self.row,
            "column": self.column,
            "sheet": self.sheet,
        }


@dataclass(frozen=True)
class ExtractionContext:
    """What the event tells the reader and the text cannot. The reader holds no event
    vocabulary of its own: all of this comes from the event file (``mailbot/events``).

    ``organiser_names`` are the organisers and the contacts the invitation names (never
    participants, their names explained wherever they occur). ``guarded_sector`` is the
    sector that may not be alone: a person tied to it is filed under it. A message whose
    signature matches ``writer_signature_patterns`` or whose words match
    ``writer_patterns`` is written from that sector, so a bare role of ``bare_roles``
    ("rektor") is that sector's own; words matching ``staff_patterns`` ("alle fire jobbar i
    kulturskulen") say everyone listed works there. Patterns are regular expressions,
    matched case-insensitively. ``unit_words`` are what the writer's own unit is called as a
    sentence's subject beside "vi" and "kommunen" ("kulturskulen trekkjer seg", "Vik
    kulturskule ønskjer å delta"; a compound of the first counts where a group withdraws:
    "kulturskuleavdelinga trekkjer seg"); ``gathering_words`` name the event itself ("me
    deltek ikkje på verkstaden"). Both are plain words, matched case-insensitively.
    """

    organiser_names: tuple[str, ...] = ()
    organiser_addresses: tuple[str, ...] = ()
    invitation_message_ids: tuple[str, ...] = ()
    guarded_sector: Sector | None = None
    writer_signature_patterns: tuple[str, ...] = ()
    writer_patterns: tuple[str, ...] = ()
    staff_patterns: tuple[str, ...] = ()
    bare_roles: tuple[str, ...] = ()
    unit_words: tuple[str, ...] = ()
    gathering_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """What a message says, as the registry needs it.

    ``municipality`` is None when it cannot be told; ``municipality_candidates`` then lists the
    municipalities a given name could mean (more than one: ambiguous).
    """

    message_id: str | None
    kind: MessageKind
    language: Language
    municipality: Municipality | None
    participants: tuple[Participant, ...] = ()
    removed: tuple[str, ...] = ()
    municipality_candidates: tuple[Municipality, ...] = ()
    sender: str = ""
    sender_name: str = ""
    subject: str = ""
    date: datetime | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    auto_signals: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    #: Reasons to doubt the reading; none means the reader is sure.
    doubts: tuple[Doubt, ...] = ()
    #: Readings that did not stand, each with its ``note`` (a line read before, a removed
    #: name, not a sign-up): what ``mailbot eval`` shows for a name it missed.
    set_aside: tuple[Evidence, ...] = ()
    #: Where the municipality was read (the strongest mention of it; the sender's domain
    #: when only that named it), and where the written standard was read.
    municipality_evidence: tuple[Evidence, ...] = ()
    language_evidence: tuple[Evidence, ...] = ()

    @property
    def ambiguous_municipality(self) -> bool:
        return self.municipality is None and len(self.municipality_candidates) > 1

    @property
    def sure(self) -> bool:
        """No consistency check raised a doubt: an automatic answer may rely on it."""
        return not self.doubts

    def to_json(self) -> dict[str, object]:
        """The ``mailbot extract --json`` contract of DESIGN.md (plus extra keys)."""
        return {
            "message_id": self.message_id,
            "kind": self.kind,
            "language": self.language,
            "municipality": (
                {"number": self.municipality.number, "name": self.municipality.name}
                if self.municipality
                else None
            ),
            "participants": [
                {"name": p.name, "role": p.role, "sector": p.sector} for p in self.participants
            ],
            "removed": list(self.removed),
            "municipality_candidates": [
                {"number": m.number, "name": m.name} for m in self.municipality_candidates
            ],
            "auto_signals": list(self.auto_signals),
            "verdict": "sure" if self.sure else "unsure",
            "doubts": [d.to_json() for d in self.doubts],
            "evidence": [e.to_json() for e in self.evidence],
            "municipality_evidence": [e.to_json() for e in self.municipality_evidence],
            "language_evidence": [e.to_json() for e in self.language_evidence],
        }
