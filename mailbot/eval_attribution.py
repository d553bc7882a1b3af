"""Which reader a name of ``mailbot eval`` came from: for a name read that nobody signed up,
the reader that read it; for a name missed, the reader that read it and why its reading did
not stand, else the reader whose reading came closest, else "no reader" and where in the
message the name is written (the own words, the forwarded part, an attachment, the quoted
text, the signature), so the reader that should have read it can be found.

It reads only the ``Evidence`` an ``Extraction`` carries (``evidence`` for the participants,
``set_aside`` for the readings that fell, ``municipality_evidence`` and ``language_evidence``
for a municipality or a standard read wrong), so it needs nothing of ``parsers.nlp``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from parsers.types import Evidence, Extraction, ParsedEmail


def words(name: str) -> set[str]:
    return set(unicodedata.normalize("NFC", name).casefold().split())


def where(e: Evidence) -> str:
    """ "list_line (body line 4)", "header_table (attachment liste.csv line 3, row 3, column
    Navn)": the reader and the part, line and cell it read."""
    return f"{e.reader or 'unnamed reader'} ({e.place})"


def produced_by(name: str, extraction: Extraction) -> str:
    """The reader that read a participant, as ``where`` says it."""
    key = words(name)
    found = next((e for e in extraction.evidence if words(e.name) == key), None)
    return f"reader={where(found)}" if found else "reader=unknown"


def closest_to(name: str, extraction: Extraction, parsed: ParsedEmail | None = None) -> str:
    """For a missed name: who read it and why it fell, else the nearest reading by shared
    words of the name, else "no reader" (and where ``parsed`` writes the name)."""
    key = words(name)
    same = next((e for e in extraction.set_aside if words(e.name) == key), None)
    if same is not None:
        return f"reader={where(same)}, set aside: {same.note}"
    near = nearest(key, (*extraction.evidence, *extraction.set_aside))
    if near is None:
        return f"no reader ({written_at(name, parsed)})" if parsed else "no reader"
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


def parts_of(parsed: ParsedEmail) -> list[tuple[str, str]]:
    """The parts of a message by name, in the order a reader meets them."""
    return [
        ("own words", parsed.own_text or parsed.text),
        ("forwarded part", parsed.forwarded_text),
        *(("attachment", a.text or "") for a in parsed.attachments),
        ("quoted text", parsed.quoted_text),
        ("signature", parsed.signature),
        ("subject", parsed.subject),
    ]


def written_at(name: str, parsed: ParsedEmail) -> str:
    """ "written in the own words, line 5": the first line that holds the name as written
    (case and spacing aside), or "not written so in the message"."""
    key = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    for part, text in parts_of(parsed):
        for number, line in enumerate(text.split("\n"), 1):
            if key in " ".join(unicodedata.normalize("NFC", line).casefold().split()):
                return f"written in the {part}, line {number}"
    return "not written so in the message"


@dataclass(frozen=True)
class AsRead:
    """One message as ``mailbot eval`` read it: the extraction and the parsed message."""

    extraction: Extraction
    parsed: ParsedEmail | None = None

    def reader_of(self, name: str) -> str:
        return produced_by(name, self.extraction)

    def closest_to(self, name: str) -> str:
        return closest_to(name, self.extraction, self.parsed)

    def municipality_read(self) -> str:
        """ "read 'Vik kommune' (attachment liste.xlsx line 2, sheet Ark1, row 1)": where
        the municipality was read, or that nothing named one."""
        return read_at(self.extraction.municipality_evidence, "no municipality named")

    def language_read(self) -> str:
        """ "read 'nn' (body line 3: eg, ikkje)": where the written standard was read."""
        return read_at(self.extraction.language_evidence, "no marker words")


def read_at(evidence: Iterable[Evidence], nothing: str) -> str:
    """Each piece of evidence as "read 'words' (place: note)"."""
    found = [f"read {e.name!r} ({e.place}: {e.note})" if e.part else e.note for e in evidence]
    return "; ".join(found) or nothing
