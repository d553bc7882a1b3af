"""Sector of a role: which part of the municipality a careful organiser files the person under.

Order of evidence: a tie to the kulturskole wins (a person with two roles is filed under the
kulturskole one); then a strong head ("kommunalsjef" is administration whatever it is for);
then the organisation the role names ("lærar ved Ole Bull Akademiet" is cultural life); then
the head's default; a bare school head ("rektor") written from the kulturskole means the
kulturskole's own.
"""

from __future__ import annotations

from parsers.nlp.roles import (
    WORD_RE,
    find_heads,
    is_kulturskole_word,
    match_suffix,
    organisation_words,
)
from parsers.types import Sector

BARE_SCHOOL_HEADS = frozenset({"rektor", "rektoren", "inspektør", "lærer", "lærar"})


def organisation_sector(text: str) -> str | None:
    """Sector of the first organisation word in ``text`` (kulturskole included)."""
    for m in WORD_RE.finditer(text):
        word = m.group()
        if is_kulturskole_word(word):
            return "kulturskole"
        key = match_suffix(word, organisation_words())  # type: ignore[arg-type]
        if key is not None:
            return organisation_words()[key]
    return None


def classify_sector(role: str | None, from_kulturskole: bool = False) -> Sector:
    """Sector of one role text; ``from_kulturskole`` says the message is written by it."""
    if not role:
        return "annet"
    heads = find_heads(role)
    org = organisation_sector(role)
    if org == "kulturskole" or any(h.head.sector == "kulturskole" for h in heads):
        return "kulturskole"
    strong = [h for h in heads if h.head.strong]
    if strong:
        return strong[0].head.sector  # type: ignore[return-value]
    if org is not None:
        return org  # type: ignore[return-value]
    if heads:
        first = heads[0].head
        if from_kulturskole and first.head in BARE_SCHOOL_HEADS:
            return "kulturskole"
        return first.sector  # type: ignore[return-value]
    return "annet"
