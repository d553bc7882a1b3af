"""Separate the sender's own new words from quoted replies, forwarded mail and signatures.

Why this matters: replies to the invitation quote the invitation (which names Torkel Øien
and Gunhild Aarvik), updates quote the earlier registration, and signatures name the sender.
None of those people are participants unless the new text signs them up, so the extraction
layer must know which words are new. Nothing is thrown away: every line of the input ends
up in exactly one of ``own``, ``signature``, ``quoted`` or ``forwarded`` (forwarded header
lines are the one exception: they are dropped from ``forwarded`` but remain in the text).

How: the text is cut at the first reply or forward marker found by a table of line patterns
(``MARKERS``, data, not code). mail-parser-reply (``mailparser_reply``) has no Norwegian and
no Nynorsk patterns and, by default, treats a ``- Name`` line as a signature, which would
lose participant lists; so our own table carries the Norwegian (bokmål and nynorsk) Outlook,
Gmail, Apple Mail and forward markers, and mail-parser-reply is only asked, as a fallback,
about the other languages it knows (with ``keep_hyphen_lists``). When the plain text shows no
marker, the HTML body's structure (blockquote, gmail_quote, divRplyFwdMsg, <hr>) decides.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from mailparser_reply.parser import EmailMessage  # type: ignore[import-untyped]

from parsers import html_text
from parsers.degenerate import shorten_degenerate
from parsers.nlp.names import is_person_name
from parsers.nlp.resources import load_toml

CutKind = Literal["reply", "forward"]


@dataclass(frozen=True)
class OwnWords:
    """The parts of a body. ``signature`` holds the sign-off block (closing line, name,
    title, municipality, phone) and any legal footer: the extraction layer reads the
    sender's name and municipality from it."""

    own: str
    quoted: str = ""
    forwarded: str = ""
    signature: str = ""


@dataclass(frozen=True)
class Marker:
    """A line pattern that starts a quoted or forwarded message.

    ``needs_header_block``: the line only counts when a mail header block (Fra:/Sendt:/...)
    starts on it or right after it, e.g. Outlook's line of underscores, which people also
    use to decorate signatures.
    """

    name: str
    kind: CutKind
    pattern: re.Pattern[str]
    needs_header_block: bool = False


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _alternatives(words: Sequence[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


DATA: Final = load_toml("mail_markers.toml")
HEADER_KEYS: Final = _alternatives(DATA["header_keys"])
HEADER_LINE: Final = _rx(rf"^\s*\*?(?:{HEADER_KEYS})\*?\s*:\s*\S")
#: The keys that open a header block (the sender's line: "Fra", "From", "De", "Od", …).
HEADER_FROM_KEYS: Final = _alternatives(DATA["header_from_keys"])
HEADER_FROM: Final = _rx(rf"^\s*\*?(?:{HEADER_FROM_KEYS})\*?\s*:\s*\S")


def _marker(entry: dict[str, object]) -> Marker:
    pattern = str(entry["pattern"]) or HEADER_FROM.pattern
    kind: CutKind = "forward" if entry["kind"] == "forward" else "reply"
    return Marker(str(entry["name"]), kind, _rx(pattern), bool(entry.get("needs_header_block")))


#: Separator markers in the order they are tried on each line; the earliest matching line wins.
MARKERS: Final[tuple[Marker, ...]] = tuple(_marker(entry) for entry in DATA["marker"])
#: A forward separator line anywhere in a text (multi-line search), for the readers of the
#: understanding stage: the same markers, not a copy of them.
FORWARD_LINE: Final = re.compile(
    "|".join(f"(?:{m.pattern.pattern})" for m in MARKERS if m.kind == "forward"),
    re.IGNORECASE | re.MULTILINE,
)
#: A mail header field line, its value possibly empty ("Kopi:").
HEADER_FIELD: Final = _rx(rf"^\s*\*?(?:{HEADER_KEYS})\*?\s*:")
#: The understanding stage's second cut of quoted history (``parsers.nlp.textutil``): a line
#: matching one of these starts history the split above left in.
QUOTE_START: Final[tuple[re.Pattern[str], ...]] = tuple(_rx(p) for p in DATA["quote_start"])
#: A quoted message's From line or attribution within a line (``parsers.nlp.threads``).
QUOTE_HEADER: Final = _rx(DATA["quote_header"])
#: The same second cut for the signature: a sign-off line, group 1 what follows the formula.
SIGN_OFF: Final = _rx(DATA["sign_off"])
#: A device line ("Sendt fra min iPhone") anywhere in a text (multi-line).
SENT_FROM_LINE: Final = re.compile(DATA["sent_from_line"], re.IGNORECASE | re.MULTILINE)
#: Attributions ("On … wrote:", "… skrev …:", "Le … a écrit :"), over up to four lines.
ATTRIBUTION: Final = Marker(
    "attribution", "reply", _rx("|".join(f"(?:{p})" for p in DATA["attribution"]["patterns"]))
)
ATTRIBUTION_LINES: Final[int] = DATA["attribution"]["max_lines"]
TIME_OR_ADDRESS: Final = _rx(DATA["attribution"]["evidence"])
#: The longest line an attribution part may be.
ATTRIBUTION_LINE_CHARS: Final = 300
#: The end of an address wrapped onto its own line (">:"), which looks like a quote line.
WRAPPED_END: Final = re.compile(r"^>\s*:$")
DEVICE_LINE: Final = _rx(DATA["device"]["pattern"])
DEVICE_WORDS: Final = tuple(DATA["device"]["words"])
#: A link some clients append to their device line ("Get Outlook for iOS<https://…>").
LINK_TAIL: Final = re.compile(r"\s*<[^<>\s]+>\s*$")

#: A subject that says the message is forwarded ("VS:", "Fwd:"): a header block in it starts
#: forwarded content, not a quoted reply.
FORWARD_SUBJECT: Final = _rx(DATA["forward_subject"])
#: A subject that says the message is a reply ("Sv:", "Re:"): the rest is the subject of the
#: message replied to.
REPLY_SUBJECT: Final = _rx(DATA["reply_subject"])

SIGNATURE_DATA: Final = DATA["signature"]
#: Sign-off lines: a closing formula alone or followed by a name ("Helsing Liv"); the words
#: after the formula are checked to be capitalised (``is_closing``).
CLOSING: Final = _rx(
    rf"^\s*(?:(?P<gratitude>{'|'.join(SIGNATURE_DATA['gratitude'])})|"
    rf"{'|'.join(SIGNATURE_DATA['closings'])})(?![^\W\d_])[\s,.!:]*"
    r"(?P<name>[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){0,3})?(?:[\s,.!]|[^\w\s])*$"
)
NAME_SIGN_OFF: Final = re.compile(SIGNATURE_DATA["name_sign_off"])
SIGNATURE_DELIMITER: Final = re.compile(SIGNATURE_DATA["delimiter"])
SIGNATURE_RULE: Final = re.compile(SIGNATURE_DATA["rule"])
CONTACT: Final = _rx(SIGNATURE_DATA["contact"])
DISCLAIMER: Final = _rx(SIGNATURE_DATA["disclaimer"])
LIST_FOOTER_RULE: Final = re.compile(SIGNATURE_DATA["list_footer_rule"])
LIST_FOOTER_CUES: Final = _rx(SIGNATURE_DATA["list_footer_cues"])
LIST_LINE: Final = re.compile(r"^\s*(?:[-–—•*·▪o]\s+\S|\d{1,2}[.)]\s+\S)")
#: "Kari Nordmann, rektor", "Ola Hansen – lærer": a person, then what they are.
NAME_THEN_ROLE: Final = re.compile(r"^\s*(?P<name>[^,–—\t(]{3,60}?)\s*(?:,|\s[-–—]\s|\t|\()\s*\S")
PROSE_WORDS: Final = 9
MAX_SIGNATURE_LINES: Final = 14
#: Lines a signature may have after a "-- " delimiter or a device line.
MAX_LOOSE_SIGNATURE_LINES: Final = 60
#: Lines a signature after a rule of dashes has at least (name, title or place, contact).
MIN_RULED_SIGNATURE_LINES: Final = 3
#: Lines a mailing-list footer may take after its rule.
LIST_FOOTER_LINES: Final = 5

#: mail-parser-reply languages used only as a fallback for markers our table lacks.
FALLBACK_LANGUAGES: Final = ["en", "de", "fr", "es", "it", "nl", "pl", "da", "sv"]


def split(
    text: str, html: str | None = None, *, subject: str = "", sender_name: str = ""
) -> OwnWords:
    """Split a body into own words, quoted reply, forwarded content and signature.

    ``text`` is the readable body (plain part, or HTML rendered to text); ``html`` the HTML
    part when there is one, used when the text shows no marker; ``subject`` tells an
    Outlook forward ("VS:", "Fwd:") from a reply, since both use the same header block;
    ``sender_name`` (the From display name) finds a signature that has no closing formula.

    >>> split("Hei\n\n- Kari Nordmann, rektor\n\nMvh\nOla\n\n> quoted").own
    'Hei\n\n- Kari Nordmann, rektor'
    """
    lines = normalise(text).split("\n")
    cut = find_cut(lines, subject)
    if cut is None and html:
        lines, cut = cut_by_html(html, subject) or (lines, None)
    if cut is None:
        own, signature = split_signature(lines, sender_name)
        return OwnWords(own=join(own), signature=join(signature))
    index, kind = cut
    top = lines[:index]
    if kind == "reply":
        extra, quoted = split_interleaved(lines[index:])
        own, signature = split_signature(top + extra, sender_name)
        return OwnWords(own=join(own), quoted=join(quoted), signature=join(signature))
    own, signature = split_signature(top, sender_name)
    forwarded, quoted = split_forwarded(lines[index:])
    return OwnWords(
        own=join(own), quoted=join(quoted), forwarded=join(forwarded), signature=join(signature)
    )


def split_interleaved(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """Own lines written between or below "> " quoted lines, and the quoted rest.

    Bottom-posting and inline answers are common with Thunderbird and Apple Mail; the answers
    there are the sender's own words. Collection stops at the next mail header block or
    separator: what follows it is an older message. Only applies when the quote is made of
    "> " lines (an Outlook header block quotes without them).
    """
    own: list[str] = []
    quoted: list[str] = []
    if not any(line.lstrip().startswith(">") for line in lines[:3]):
        return own, list(lines)
    head = attribution_length(lines)
    quoted.extend(lines[:head])
    current = quoted
    for index in range(head, len(lines)):
        line = lines[index]
        if is_older_message_start(lines, index):
            quoted.extend(lines[index:])
            break
        if line.strip():
            if line.lstrip().startswith(">") or is_wrapped_quote(lines, index):
                current = quoted
            else:
                if current is quoted and own and own[-1].strip():
                    own.append("")  # keep separate answers apart
                current = own
        current.append(line)
    return own, quoted


def attribution_length(lines: Sequence[str]) -> int:
    """Lines taken by the attribution that starts the quote (up to four when wrapped)."""
    if not lines or lines[0].lstrip().startswith(">"):
        return 0
    return attribution_span(lines, 0) or 1


def is_wrapped_quote(lines: Sequence[str], index: int) -> bool:
    """A quoted line wrapped by a client without its "> " (lower-case word right after)."""
    previous = lines[index - 1] if index else ""
    stripped = lines[index].lstrip()
    return previous.lstrip().startswith(">") and previous.strip() != ">" and stripped[:1].islower()


def is_older_message_start(lines: Sequence[str], index: int) -> bool:
    """A header block, separator or attribution that is not itself "> " quoted."""
    if lines[index].lstrip().startswith(">"):
        return False
    marker = match_marker(lines, index)
    return marker is not None and marker.name != "quote-prefix"


def normalise(text: str) -> str:
    """One line ending, no NULs, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def join(lines: Sequence[str]) -> str:
    """Lines back to text without leading or trailing empty lines."""
    return "\n".join(lines).strip("\n")


def find_cut(lines: Sequence[str], subject: str = "") -> tuple[int, CutKind] | None:
    """The first line where a quoted or forwarded message begins, and which of the two.

    A device line ("Sent from my iPhone") that ends its block and has more text after it
    ends the own words too: what a phone client puts below it unquoted is the history. The
    device line itself stays above the cut (it is signature); when a marker starts right
    after it, that marker decides whether the rest is a reply or a forward, and a sign-off
    after it ("Mvh Kari") stays signature.
    """
    for index in range(len(lines)):
        marker = match_marker(lines, index)
        if marker is not None:
            kind = marker.kind
            if marker.name in {"header-block", "rule"} and FORWARD_SUBJECT.match(subject):
                kind = "forward"
            return index, kind
        if is_device_separator(lines, index):
            following = next_non_blank(lines, index + 1)
            assert following is not None
            if match_marker(lines, following) is None and not is_signature_start(lines[following]):
                return following, "reply"
    fallback = find_cut_by_mailparser_reply(lines)
    return (fallback, "reply") if fallback is not None else None


def is_device_line(line: str) -> bool:
    """ "Sent from my iPhone", "Sendt frå iPaden min", "Get Outlook for Android": a client's
    own line naming a device, not a sentence ("Sent from my desk, is much easier …")."""
    found = DEVICE_LINE.match(LINK_TAIL.sub("", line))
    if not found:
        return False
    words = re.findall(r"[^\W\d_]+", found.group("device").casefold())
    return 0 < len(words) <= 6 and any(word.startswith(DEVICE_WORDS) for word in words)


def is_device_separator(lines: Sequence[str], index: int) -> bool:
    """A device line that is the last line of its block, with more text after the block."""
    if not is_device_line(lines[index]):
        return False
    if index + 1 < len(lines) and lines[index + 1].strip():
        return False
    return next_non_blank(lines, index + 1) is not None


def match_marker(lines: Sequence[str], index: int) -> Marker | None:
    """The marker that starts at ``lines[index]``, if any."""
    line = lines[index]
    if not line.strip():
        return None
    for marker in MARKERS:
        if not marker.pattern.match(line):
            continue
        if marker.needs_header_block and not starts_header_block(lines, index):
            continue
        return marker
    return ATTRIBUTION if attribution_span(lines, index) else None


def attribution_span(lines: Sequence[str], index: int) -> int:
    """How many lines (1 to 4) the attribution starting at ``index`` takes; 0 when none.

    Clients wrap long attributions ("On Dec 16, 2011, at 12:47 PM, Corey Donohoe /
    <reply@reply.github.com> / wrote:"); a quoted-printable soft break left undecoded ("w=" /
    "rote:") is joined without a space. The whole must hold a time, a year or an address.
    An attribution that also matches from a later line that opens with a date ("Hello" /
    "02.04.2012 14:20 … <" / "bob@x.org> написал:") starts there: the line before it is the
    sender's. A wrapped address ("<ann@x.fi> kirjoitti:") opens no attribution.
    """
    span = wrapped_span(lines, index)
    for later in range(index + 1, index + span):
        opens = re.search(r"\d", lines[later]) and not lines[later].lstrip().startswith(("<", "("))
        if opens and later + wrapped_span(lines, later) == index + span:
            return 0
    return span


def wrapped_span(lines: Sequence[str], index: int) -> int:
    """``attribution_span`` without the check for a later start."""
    joined = ""
    for span in range(1, ATTRIBUTION_LINES + 1):
        if index + span > len(lines):
            return 0
        line = lines[index + span - 1].strip()
        continues = span > 1 and WRAPPED_END.match(line)
        if not line or (line.startswith(">") and not continues):
            return 0
        if len(line) > ATTRIBUTION_LINE_CHARS:
            return 0
        if joined.endswith("=") and not joined.endswith("=="):
            joined = joined[:-1] + line
        else:
            joined = f"{joined} {line}".strip()
        if ATTRIBUTION.pattern.match(joined) and TIME_OR_ADDRESS.search(joined):
            return span
    return 0


def starts_header_block(lines: Sequence[str], index: int) -> bool:
    """Whether a From:/Fra: line with two more header lines starts at or just after index."""
    start: int | None = index
    if not HEADER_FROM.match(lines[index]):
        start = next_non_blank(lines, index + 1)
        if start is None or start - index > 3 or not HEADER_FROM.match(lines[start]):
            return False
    assert start is not None
    window = lines[start : start + 8]
    return sum(1 for line in window if HEADER_LINE.match(line)) >= 3


def next_non_blank(lines: Sequence[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None


def find_cut_by_mailparser_reply(lines: Sequence[str]) -> int | None:
    """Ask mail-parser-reply for a reply header in the languages our table does not cover.

    It normalises the text (strips lines), so its header is located again by line content.
    Its patterns take quadratic time on degenerate lines, so it reads them shortened
    (``parsers.degenerate`` never removes a line break: line numbers stay the same).
    """
    shortened = shorten_degenerate("\n".join(lines)).text
    text = shortened
    try:
        message = EmailMessage(
            text=text, languages=list(FALLBACK_LANGUAGES), keep_hyphen_lists=True
        ).read()
    except re.error:
        return None
    if len(message.replies) < 2:
        return None
    header = message.replies[1].headers.strip()
    if not header:
        return None
    first = header.splitlines()[0].strip()
    for index, line in enumerate(shortened.split("\n")):
        if line.strip() and line.strip() == first:
            return index
    return None


def cut_by_html(html: str, subject: str) -> tuple[list[str], tuple[int, CutKind]] | None:
    """Cut by the HTML structure when the text has no marker.

    A bare <hr> or top-bordered div only counts when a mail header block follows it.
    """
    result = html_text.split_at_quote(html)
    if result is None:
        return None
    before, after = result
    before_lines = normalise(before).split("\n")
    after_lines = normalise(after).split("\n")
    first = next_non_blank(after_lines, 0)
    if first is None:
        return None
    marker = match_marker(after_lines, first)
    kind: CutKind = "reply"
    if marker is not None and (marker.kind == "forward" or FORWARD_SUBJECT.match(subject)):
        kind = "forward"
    return before_lines + after_lines, (len(before_lines), kind)


def split_forwarded(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """Forwarded body (content) and its own quoted tail (not content).

    The forward marker line and the forwarded header block (Fra:/Date:/Subject:/To:) are
    skipped: names in forwarded headers are not participants.
    """
    body_start = skip_forward_header(lines)
    body = list(lines[body_start:])
    cut = find_reply_cut(body)
    if cut is None:
        return body, []
    return body[:cut], body[cut:]


def skip_forward_header(lines: Sequence[str]) -> int:
    """Index of the first body line after the forward marker and header block."""
    index = 0
    if index < len(lines) and not HEADER_LINE.match(lines[index]):
        index += 1  # the marker line itself ("---------- Videresendt melding ---------")
    while index < len(lines):
        line = lines[index]
        if not line.strip() or HEADER_LINE.match(line) or re.match(r"^\s*_{10,}\s*$", line):
            index += 1
            continue
        break
    return index


def find_reply_cut(lines: Sequence[str]) -> int | None:
    """First reply marker (forward markers inside a forwarded body stay content)."""
    for index in range(len(lines)):
        marker = match_marker(lines, index)
        if marker is not None and marker.kind == "reply":
            return index
    return None


class Block:
    """Lines with the numbers of their non-blank lines, so that every look ahead or back
    jumps over blank runs and stops after a few lines: splitting stays linear in the size
    of the text, whatever the sender puts in it."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)
        self.filled = [i for i, line in enumerate(self.lines) if line.strip()]

    def following(self, index: int, count: int) -> list[int]:
        """Up to ``count`` non-blank line numbers after ``index``."""
        at = bisect_right(self.filled, index)
        return self.filled[at : at + count]

    def before(self, index: int) -> int | None:
        """The non-blank line number before ``index``."""
        at = bisect_left(self.filled, index)
        return self.filled[at - 1] if at else None


def split_signature(lines: Sequence[str], sender_name: str = "") -> tuple[list[str], list[str]]:
    """Own lines and signature lines (sign-off block and legal footer).

    The signature starts at the first line that is a closing formula ("Mvh", "Helsing Liv"),
    a "-- " delimiter, a device line ("Sent from my iPhone"), a legal footer or a
    mailing-list footer, provided that what follows looks like a signature: no list line and
    no list of people (participants are never signature) and no prose, except in a legal
    footer. A bare sign-off name ("-Abhishek Kona", "/John") starts it when nothing but a
    signature follows, and so does a rule of dashes before contact details. Without any of
    those, a line that is just the sender's name, followed by signature-like lines, starts it.
    """
    block = Block(lines)
    wanted = " ".join(sender_name.split()).casefold()
    for index in block.filled:
        if (
            (is_signature_start(block.lines[index]) and looks_like_signature(block, index))
            or is_list_footer(block, index)
            or is_name_sign_off(block, index)
            or is_signature_rule(block, index)
        ):
            index = name_above_device_line(block, index, wanted)
            return block.lines[:index], block.lines[index:]
    if wanted:
        for index in block.filled:
            same = index and " ".join(block.lines[index].split()).casefold() == wanted
            if same and looks_like_signature(block, index):
                return block.lines[:index], block.lines[index:]
    return block.lines, []


#: Lines a signature that opens with the sender's name may have before a device line.
MAX_NAME_SIGNATURE_LINES = 3


def name_above_device_line(block: Block, index: int, wanted: str) -> int:
    """Where a signature cut at ``index`` starts when it is a device line or a "-- "
    delimiter with the sender's name and title right above it, after a blank line ("Kari
    Berg" / "kultursjef Vik" / "" / "Sendt fra min iPhone"): at the name, when at most a few
    lines stand between and no other bare name stands on a line of its own above the device
    line (a list of names with their roles under them, the sender's among them)."""
    line = block.lines[index].strip()
    if not wanted or not (is_device_line(line) or SIGNATURE_DELIMITER.match(block.lines[index])):
        return index
    for at in block.filled:
        if at >= index:
            break
        if " ".join(block.lines[at].split()).casefold() != wanted:
            continue
        above = block.before(at)
        if above is None or at - above < 2 or not looks_like_signature(block, at):
            return index
        between = [i for i in block.filled if at < i < index]
        if len(between) > MAX_NAME_SIGNATURE_LINES:
            return index
        if any(
            is_person_name(block.lines[i].strip()) for i in block.filled if i < index and i != at
        ):
            return index
        return at
    return index


def is_signature_start(line: str) -> bool:
    stripped = line.strip()
    if not stripped or LIST_LINE.match(line):
        return False
    return bool(
        is_closing(stripped)
        or SIGNATURE_DELIMITER.match(line)
        or is_device_line(stripped)
        or DISCLAIMER.search(stripped)
    )


def is_closing(line: str) -> bool:
    """A closing formula, alone or with a name after it: "Thanks, John", not "Thanks for
    your help!" (the words after thanks must all be capitalised)."""
    found = CLOSING.match(line)
    if not found:
        return False
    if not found.group("gratitude"):
        return True
    name = found.group("name") or ""
    return all(word[:1].isupper() for word in name.split())


def is_name_sign_off(block: Block, index: int) -> bool:
    """A "-Name" or "/Name" line that ends the own words: not inside a list (the line before
    is no list line and introduces none), and nothing but blank lines or a signature after
    it."""
    lines = block.lines
    if not NAME_SIGN_OFF.match(lines[index]):
        return False
    before = block.before(index)
    if before is not None and (
        LIST_LINE.match(lines[before])
        or NAME_SIGN_OFF.match(lines[before])
        or lines[before].rstrip().endswith(":")
    ):
        return False
    after = block.following(index, 1)
    if not after:
        return True
    if is_list_footer(block, after[0]):
        return True
    return is_signature_start(lines[after[0]]) and looks_like_signature(block, after[0])


def is_signature_rule(block: Block, index: int) -> bool:
    """A rule of dashes that opens a signature: what follows looks like one (no list, no
    prose, no names in a row) and holds contact details (an address, a link, a phone)."""
    lines = block.lines
    if not SIGNATURE_RULE.match(lines[index]):
        return False
    rest = block.following(index, MAX_SIGNATURE_LINES + 1)
    if not MIN_RULED_SIGNATURE_LINES <= len(rest) <= MAX_SIGNATURE_LINES:
        return False
    if not any(CONTACT.search(lines[i]) for i in rest):
        return False
    return not people_in_a_row(lines[index + 1 : rest[-1] + 1]) and looks_like_signature(
        block, index
    )


def people_in_a_row(lines: Sequence[str]) -> bool:
    """Two lines in a row that each start with a person's name: a list of people."""
    previous = False
    for line in lines:
        current = bool(line.strip()) and is_person_name(person_part(line))
        if current and previous:
            return True
        previous = current
    return False


def person_part(line: str) -> str:
    """The part of a line before a comma, dash, tab or parenthesis ("Kari Nordmann")."""
    found = NAME_THEN_ROLE.match(line)
    return found.group("name") if found else line.strip()


def is_list_footer(block: Block, index: int) -> bool:
    """A mailing-list footer: a rule of underscores, then a few lines naming the list."""
    if not LIST_FOOTER_RULE.match(block.lines[index]):
        return False
    rest = block.following(index, LIST_FOOTER_LINES + 1)
    return 0 < len(rest) <= LIST_FOOTER_LINES and any(
        LIST_FOOTER_CUES.search(block.lines[i]) for i in rest
    )


def introduces_people(line: str, named: int) -> tuple[bool, int]:
    """Whether ``line`` shows a list of people, given how many "Name, role" lines came
    before it: a line introducing a list ("Vi kommer tre:"), or a second line that starts
    with a person's name followed by what they are ("Kari Nordmann, rektor"). Returns the
    verdict and the new count."""
    stripped = line.strip()
    if stripped.endswith(":") and not HEADER_LINE.match(stripped):
        return True, named
    found = NAME_THEN_ROLE.match(line)
    if found and is_person_name(found.group("name")):
        named += 1
    return named >= 2, named


def looks_like_signature(block: Block, index: int) -> bool:
    """A signature (from ``index`` on) has no list lines, lists no people and has no prose
    before its legal footer; it has at most ``MAX_SIGNATURE_LINES`` lines after a closing
    formula and ``MAX_LOOSE_SIGNATURE_LINES`` after a "-- " delimiter or a device line.

    A legal footer found mid-text ("hun har taushetsplikt ...") does not count: a footer
    starting the block must be near the end (at most a few short lines after it).
    """
    lines = block.lines
    first = lines[index]
    if is_list_footer(block, index):
        return True
    if DISCLAIMER.search(first) and not SIGNATURE_DELIMITER.match(first):
        rest = block.following(index, 5)
        return len(rest) <= 4 and not any(LIST_LINE.match(lines[i]) for i in rest)
    strict = not SIGNATURE_DELIMITER.match(first)
    named = 0
    following = block.following(index, MAX_LOOSE_SIGNATURE_LINES + 1)
    for short_lines, at in enumerate(following, start=1):
        line = lines[at]
        if LIST_LINE.match(line):
            return False
        if DISCLAIMER.search(line) or is_list_footer(block, at):
            return True
        if strict:
            people, named = introduces_people(line, named)
            if people:
                return False
        if SIGNATURE_DELIMITER.match(line) or is_device_line(line.strip()):
            strict = False
        if short_lines > MAX_LOOSE_SIGNATURE_LINES:
            return False
        if strict and (is_prose(line) or short_lines > MAX_SIGNATURE_LINES):
            return False
    return True


def is_prose(line: str) -> bool:
    """A sentence rather than a signature line (name, title, "Tlf. 12 34 | Mob. 56")."""
    if "|" in line:
        return False
    return len(re.findall(r"[^\W\d_]{2,}", line)) >= PROSE_WORDS
