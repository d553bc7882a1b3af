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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from mailparser_reply.parser import EmailMessage  # type: ignore[import-untyped]

from parsers import html_text
from parsers.degenerate import shorten_degenerate

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


HEADER_KEYS: Final = (
    r"fra|frå|from|von|de|sendt|sent|dato|date|til|to|emne|subject|kopi|cc|"
    r"blindkopi|bcc|svar til|reply-to|organisasjon|organization"
)
HEADER_LINE: Final = _rx(rf"^\s*\*?(?:{HEADER_KEYS})\*?\s*:\s*\S")
HEADER_FROM: Final = _rx(r"^\s*\*?(?:fra|frå|from|von|de|sender)\*?\s*:\s*\S")
TIME_OR_ADDRESS: Final = _rx(r"\d{1,2}[:.]\d{2}|@|\d{4}")

#: Markers in the order they are tried on each line; the earliest matching line wins.
MARKERS: Final[tuple[Marker, ...]] = (
    # Gmail / Thunderbird / Android forward separators, bokmål, nynorsk and English.
    Marker(
        "forward-dashes",
        "forward",
        _rx(
            r"^\s*-{2,}\s*(?:videresendt|vidaresendt|vidaresend|videresend|forwarded)\s+"
            r"(?:melding|message|e-post|epost|meddelelse)\s*-*\s*$"
        ),
    ),
    # Apple Mail forward line: "Begin forwarded message:" and its Norwegian versions.
    Marker(
        "forward-apple",
        "forward",
        _rx(
            r"^\s*(?:begin forwarded message|start på (?:videresendt|vidaresendt|vidaresend) "
            r"melding|(?:videresendt|vidaresendt) melding)\s*:\s*$"
        ),
    ),
    # Outlook 2010 plain text and Samsung/Android: "-----Opprinnelig melding-----".
    Marker(
        "original-message",
        "reply",
        _rx(
            r"^\s*-{2,}\s*(?:opprinnelig|opprinneleg|opphavleg|original|oprindelig|"
            r"ursprüngliche)\s+(?:melding|message|meddelelse|nachricht)\s*-{2,}\s*$"
        ),
    ),
    # Outlook / OWA separator line before the header block.
    Marker("underscores", "reply", _rx(r"^\s*_{10,}\s*$"), needs_header_block=True),
    # Outlook header block: "Fra: ... / Sendt: ... / Til: ... / Emne: ..." (and English).
    Marker("header-block", "reply", HEADER_FROM, needs_header_block=True),
    # English attribution: "On Mon, 4 May 2020 at 14:03, Ola <ola@x.no> wrote:".
    Marker("on-wrote", "reply", _rx(r"^\s*On\b.{4,300}\bwrote\s*:\s*$")),
    # Norwegian attribution, Gmail "man. 4. mai 2020 kl. 14:03 skrev Ola <...>:", Apple
    # "Den 27. apr. 2020 kl. 10:12 skrev ...:" / "27. apr. 2020 kl. 10:12 skrev ...:",
    # Thunderbird "Den 24.04.2020 13:17, skrev Ola:"; nynorsk clients also write "skreiv".
    Marker("skrev", "reply", _rx(r"^\s*(?:den\s+)?\S.{0,120}\b(?:skrev|skreiv)\b.{0,300}:\s*$")),
    # Plain "> " quoting.
    Marker("quote-prefix", "reply", _rx(r"^\s*>")),
)

FORWARD_SUBJECT: Final = _rx(r"^\s*(?:fwd?|vs|vidaresend|videresend|wg|tr)\s*:")

#: Sign-off lines: a closing formula alone or followed by a short name ("Helsing Liv").
CLOSING: Final = _rx(
    r"^\s*(?:"
    r"(?:med\s+)?(?:vennlig|vennleg|venleg|venlig|beste|god|gode|varm|varme|kjærlig|"
    r"kjærleg|hjertelig)\s+(?:hilsen|hilsener|helsing|helsingar|hälsning)"
    r"|med\s+hilsen|med\s+helsing"
    r"|mvh\.?|m\.v\.h\.?|vh\.?|hilsen|hilsner|helsing|helsingar|helse|beste\s+hilsen"
    r"|best regards|kind regards|regards|best wishes|cheers|thanks|takk|tusen takk"
    r")(?![^\W\d_])[\s,.!:]*(?:[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){0,3})?[\s,.!]*$"
)
SIGNATURE_DELIMITER: Final = re.compile(r"^--\s*$")
SENT_FROM: Final = _rx(
    r"^\s*(?:sendt fra min|sendt frå min|sendt fra|sent from my|sent from|get outlook for|"
    r"hent outlook for|skickat från)\b"
)
DISCLAIMER: Final = _rx(
    r"taushetsbelagt|taushetsplikt|teieplikt|konfidensiell|fortrolig|"
    r"kan inneholde informasjon|kan innehalde informasjon|ikke rett mottaker|ikkje rett "
    r"mottakar|mottatt (?:denne )?e-posten ved en feil|offentleglova|offentlighetsloven|"
    r"sensitive personopplysninger|confidential|intended recipient|disclaimer|"
    r"elektronisk godkjent"
)
LIST_LINE: Final = re.compile(r"^\s*(?:[-–—•*·▪o]\s+\S|\d{1,2}[.)]\s+\S)")
PROSE_WORDS: Final = 9
MAX_SIGNATURE_LINES: Final = 14

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
    """Lines taken by the attribution that starts the quote: 2 when wrapped, else 1."""
    if not lines or lines[0].lstrip().startswith(">"):
        return 0
    single = any(m.pattern.match(lines[0]) for m in MARKERS if m.name in {"on-wrote", "skrev"})
    return 2 if not single and match_wrapped_attribution(lines, 0) else 1


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
    """The first line where a quoted or forwarded message begins, and which of the two."""
    for index in range(len(lines)):
        marker = match_marker(lines, index)
        if marker is None:
            continue
        kind = marker.kind
        if marker.name in {"header-block", "underscores"} and FORWARD_SUBJECT.match(subject):
            kind = "forward"
        return index, kind
    fallback = find_cut_by_mailparser_reply(lines)
    return (fallback, "reply") if fallback is not None else None


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
        if marker.name in {"on-wrote", "skrev"} and not TIME_OR_ADDRESS.search(line):
            continue
        return marker
    return match_wrapped_attribution(lines, index)


def match_wrapped_attribution(lines: Sequence[str], index: int) -> Marker | None:
    """An attribution line wrapped in two ("On ..., Ola <ola@\\nx.no> wrote:")."""
    if index + 1 >= len(lines) or lines[index].lstrip().startswith(">"):
        return None
    joined = f"{lines[index].strip()} {lines[index + 1].strip()}"
    for marker in MARKERS:
        if (
            marker.name in {"on-wrote", "skrev"}
            and marker.pattern.match(joined)
            and TIME_OR_ADDRESS.search(lines[index])
        ):
            return marker
    return None


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


def split_signature(lines: Sequence[str], sender_name: str = "") -> tuple[list[str], list[str]]:
    """Own lines and signature lines (sign-off block and legal footer).

    The signature starts at the first line that is a closing formula ("Mvh", "Helsing Liv"),
    a "-- " delimiter, a "Sent from my iPhone" line or a legal footer, provided that what
    follows looks like a signature: no list line (participants are never signature) and no
    prose, except in a legal footer. Without any of those, a line that is just the sender's
    name, followed by signature-like lines, starts it.
    """
    lines = list(lines)
    for index, line in enumerate(lines):
        if is_signature_start(line) and looks_like_signature(lines[index:]):
            return lines[:index], lines[index:]
    wanted = " ".join(sender_name.split()).casefold()
    if wanted:
        for index, line in enumerate(lines):
            same = index and " ".join(line.split()).casefold() == wanted
            if same and looks_like_signature(lines[index:]):
                return lines[:index], lines[index:]
    return lines, []


def is_signature_start(line: str) -> bool:
    stripped = line.strip()
    if not stripped or LIST_LINE.match(line):
        return False
    return bool(
        CLOSING.match(stripped)
        or SIGNATURE_DELIMITER.match(line)
        or SENT_FROM.match(stripped)
        or DISCLAIMER.search(stripped)
    )


def looks_like_signature(block: Sequence[str]) -> bool:
    """A signature has no list lines and no prose before its legal footer.

    A legal footer found mid-text ("hun har taushetsplikt ...") does not count: a footer
    starting the block must be near the end (at most a few short lines after it).
    """
    first = block[0]
    if DISCLAIMER.search(first) and not SIGNATURE_DELIMITER.match(first):
        rest = [line for line in block[1:] if line.strip()]
        return len(rest) <= 4 and not any(LIST_LINE.match(line) for line in rest)
    strict = not SIGNATURE_DELIMITER.match(first)
    short_lines = 0
    for line in block[1:]:
        if not line.strip():
            continue
        if LIST_LINE.match(line):
            return False
        if DISCLAIMER.search(line):
            return True
        if SIGNATURE_DELIMITER.match(line) or SENT_FROM.match(line.strip()):
            strict = False
        short_lines += 1
        if strict and (is_prose(line) or short_lines > MAX_SIGNATURE_LINES):
            return False
    return True


def is_prose(line: str) -> bool:
    """A sentence rather than a signature line (name, title, "Tlf. 12 34 | Mob. 56")."""
    if "|" in line:
        return False
    return len(re.findall(r"[^\W\d_]{2,}", line)) >= PROSE_WORDS
