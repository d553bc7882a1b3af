"""Bokmål or nynorsk: a marker-word vote over the sender's own new words.

Client boilerplate ("Sendt fra min iPhone") is dropped first: it says nothing about the writer;
so are e-mail addresses and web addresses ("kulturskulen@x.kommune.no" is a mailbox name, not
the writer's words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from parsers.nlp.resources import load_toml
from parsers.nlp.textutil import normalise, strip_device_lines
from parsers.types import Language, ParsedEmail

WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
ADDRESS_RE = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+", re.IGNORECASE)


@cache
def markers() -> tuple[frozenset[str], frozenset[str]]:
    data = load_toml("language.toml")
    return frozenset(data["nn"]), frozenset(data["nb"])


def language_scores(text: str) -> tuple[int, int]:
    """(nynorsk hits, bokmål hits) in ``text``."""
    nn, nb = markers()
    plain = ADDRESS_RE.sub(" ", strip_device_lines(text))
    words = [w.casefold() for w in WORD_RE.findall(plain)]
    return sum(w in nn for w in words), sum(w in nb for w in words)


@dataclass(frozen=True)
class LanguageVote:
    """The standard, and where it was read: the part whose marker words weighed most for
    it, the first line there holding one, and the counts ("" part: no marker anywhere,
    bokmål by default)."""

    language: Language
    part: str = ""
    line_index: int = -1
    words: tuple[str, ...] = ()
    nn: int = 0
    nb: int = 0


def vote_parts(*levels: Sequence[tuple[str, str]]) -> LanguageVote:
    """``detect_language`` over levels of (part name, text) pairs: the parts of one level
    vote together (their counts add up, as if they were one text), the first level with any
    marker decides."""
    for level in levels:
        counts = [(part, text, *language_scores(text)) for part, text in level]
        nn = sum(c[2] for c in counts)
        nb = sum(c[3] for c in counts)
        if not (nn or nb):
            continue
        language: Language = "nn" if nn > nb else "nb"
        side = markers()[0 if language == "nn" else 1]
        won = 2 if language == "nn" else 3
        part, text = max(counts, key=lambda c: c[won])[:2]
        index, words = _first_marker_line(text, side)
        return LanguageVote(language, part, index, words, nn, nb)
    return LanguageVote("nb")


def _first_marker_line(text: str, side: frozenset[str]) -> tuple[int, tuple[str, ...]]:
    """The first line of ``text`` holding a marker word of ``side``, and its markers."""
    for index, line in enumerate(text.split("\n")):
        plain = ADDRESS_RE.sub(" ", strip_device_lines(line))
        found = tuple(w for w in WORD_RE.findall(plain) if w.casefold() in side)
        if found:
            return index, found
    return -1, ()


def detect_language(*texts: str) -> Language:
    """The standard of the first text that has any marker; later texts are fall-backs."""
    for text in texts:
        nn, nb = language_scores(text)
        if nn or nb:
            return "nn" if nn > nb else "nb"
    return "nb"


def bounce_language(parsed: ParsedEmail) -> Language:
    """A bounce's language is the returned message's (the DSN text is the server's English)."""
    returned = [
        normalise(a.text)
        for a in parsed.attachments
        if a.content_type == "message/rfc822" and a.text
    ]
    return detect_language(normalise(parsed.forwarded_text), *returned, normalise(parsed.text))
