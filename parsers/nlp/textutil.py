"""Plain-text helpers: normalise, cut quoted history, split body from sign-off and signature.

The MIME stage already separates quoted and forwarded text; these cuts are a second line of
defence so that the invitation or an earlier message never leaks into what we read as the
sender's own words, whatever client wrote the mail.
"""

from __future__ import annotations

import re
import unicodedata

QUOTE_START_RES = (
    re.compile(r"^\s*(?:Fra|From|Fr[åa])\s*:\s*.+", re.IGNORECASE),
    re.compile(
        r"^\s*-{2,}\s*(?:Opprinnelig melding|Original Message|Videresendt melding|"
        r"Forwarded message|Videresend melding)\s*-*",
        re.IGNORECASE,
    ),
    re.compile(r"^.{0,80}\b(?:skrev|wrote|skreiv)\b.{0,120}:\s*$", re.IGNORECASE),
    re.compile(r"^\s*_{10,}\s*$"),
    re.compile(r"^\s*>"),
)
SIGN_OFF_RE = re.compile(
    r"^\s*(?:med\s+vennlig\s+hilsen|vennlig\s+hilsen|venleg\s+helsing|vennleg\s+helsing|"
    r"beste\s+hilsen|med\s+hilsen|hilsen|helsing|helsingar|mvh|mvh\.|vh|hilsing|"
    r"beste\s+helsing|med\s+venleg\s+helsing|giitu|takk\s+og\s+hilsen)\b[\s,!.]*(.*)$",
    re.IGNORECASE,
)
SIG_DASHES_RE = re.compile(r"^--\s*$")
DEVICE_LINE_RE = re.compile(
    r"^\s*(?:Sendt|Sent)\s+(?:fra|frå|from)\s+(?:min|my)\b.*$", re.IGNORECASE | re.MULTILINE
)


def normalise(text: str) -> str:
    """NFC, unified line ends, no non-breaking spaces or zero-width characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return text


def cut_quoted(text: str) -> str:
    """The text above the first line that starts quoted history (a reply header, '> ')."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if any(r.match(line) for r in QUOTE_START_RES):
            return "\n".join(lines[:i])
    return text


def split_sign_off(text: str) -> tuple[str, str]:
    """(body, signature): the signature starts at the sign-off ("Hilsen", "Mvh") or '-- '."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if SIG_DASHES_RE.match(line):
            return "\n".join(lines[:i]), "\n".join(lines[i + 1 :])
        match = SIGN_OFF_RE.match(line)
        if match and len(line.strip()) < 60:
            rest = match.group(1).strip()
            tail = ([rest] if rest else []) + lines[i + 1 :]
            return "\n".join(lines[:i]), "\n".join(tail)
    return text, ""


def strip_device_lines(text: str) -> str:
    """Drop "Sendt fra min iPhone" lines: client boilerplate, not the writer's language."""
    return DEVICE_LINE_RE.sub("", text)


def collapse_spaces(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()
