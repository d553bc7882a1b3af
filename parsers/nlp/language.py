"""Bokmål or nynorsk: a marker-word vote over the sender's own new words.

Client boilerplate ("Sendt fra min iPhone") is dropped first: it says nothing about the writer;
so are e-mail addresses and web addresses ("kulturskulen@x.kommune.no" is a mailbox name, not
the writer's words).
"""

from __future__ import annotations

import re
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
