"""Which reader a name of ``mailbot eval`` came from: for a name read that nobody signed up,
the reader that read it; for a name missed, the reader that read it and why its reading did
not stand, else the reader whose reading came closest, else "no reader".

It reads only the ``Evidence`` an ``Extraction`` carries (``evidence`` for the participants,
``set_aside`` for the readings that fell), so it needs nothing of ``parsers.nlp``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from parsers.types import Evidence, Extraction


def words(name: str) -> set[str]:
    return set(unicodedata.normalize("NFC", name).casefold().split())


def where(e: Evidence) -> str:
    """ "list_line (own line 4)": the reader and the line it read."""
    return f"{e.reader or 'unnamed reader'} ({e.source} line {e.line_no})"


def produced_by(name: str, extraction: Extraction) -> str:
    """The reader that read a participant, as ``where`` says it."""
    key = words(name)
    found = next((e for e in extraction.evidence if words(e.name) == key), None)
    return f"reader={where(found)}" if found else "reader=unknown"


def closest_to(name: str, extraction: Extraction) -> str:
    """For a missed name: who read it and why it fell, else the nearest reading by shared
    words of the name, else "no reader"."""
    key = words(name)
    same = next((e for e in extraction.set_aside if words(e.name) == key), None)
    if same is not None:
        return f"reader={where(same)}, set aside: {same.note}"
    near = nearest(key, (*extraction.evidence, *extraction.set_aside))
    if near is None:
        return "no reader"
    fell = f", set aside: {near.note}" if near.note else ""
    return f"closest={where(near)} read {near.name!r}{fell}"


def nearest(key: set[str], readings: Iterable[Evidence]) -> Evidence | None:
    """The reading whose name shares the largest part of its words with ``key``."""
    best, score = None, 0.0
    for e in readings:
        other = words(e.name)
        overlap = len(key & other) / len(key | other) if key | other else 0.0
        if overlap > score:
            best, score = e, overlap
    return best
