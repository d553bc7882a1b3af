"""Plain-text helpers: normalise, cut quoted history, split body from sign-off and signature.

The MIME stage already separates quoted and forwarded text; these cuts are a second line of
defence so that the invitation or an earlier message never leaks into what we read as the
sender's own words, whatever client wrote the mail. Their markers (quote, forward, sign-off
and device lines) are data in ``parsers/data/mail_markers.toml``, loaded by
``parsers/own_words.py`` with the first cut's own.
"""

from __future__ import annotations

import re
import unicodedata

from parsers.own_words import QUOTE_START, SENT_FROM_LINE, SIGN_OFF, SIGNATURE_DELIMITER


def normalise(text: str) -> str:
    """NFC, unified line ends, no non-breaking spaces or zero-width characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return text


def cut_quoted(text: str) -> str:
    """The text above the first line that starts quoted history (a reply header, '> ')."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if any(r.match(line) for r in QUOTE_START):
            return "\n".join(lines[:i])
    return text


def split_sign_off(text: str) -> tuple[str, str]:
    """(body, signature): the signature starts at the sign-off ("Hilsen", "Mvh") or '-- '."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if SIGNATURE_DELIMITER.match(line):
            return "\n".join(lines[:i]), "\n".join(lines[i + 1 :])
        match = SIGN_OFF.match(line)
        if match and len(line.strip()) < 60:
            rest = match.group(1).strip()
            tail = ([rest] if rest else []) + lines[i + 1 :]
            return "\n".join(lines[:i]), "\n".join(tail)
    return text, ""


def strip_device_lines(text: str) -> str:
    """Drop "Sendt fra min iPhone" lines: client boilerplate, not the writer's language."""
    return SENT_FROM_LINE.sub("", text)


def collapse_spaces(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()
