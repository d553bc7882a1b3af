"""The sectors in the words people read, bokmål and nynorsk (data in ``sectors.toml``).

Texts that name a sector (a finding, the digest, the desk, a reminder) take the sector from
the event and its words from here, so a second event with another excluded sector needs a new
event file and no code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class SectorWords:
    """One sector in one written standard."""

    name: str
    """Indefinite, lower case: ``kulturskole``."""
    the: str
    """Definite, for a sentence: ``kulturskolen``."""
    someone: str | None = None
    """A person from it, for advice (``en politiker``); None for an institution."""


@cache
def _data() -> dict[str, Any]:
    text = resources.files("rules").joinpath("sectors.toml").read_text("utf-8")
    return tomllib.loads(text)


def _standard(language: str) -> str:
    return "nn" if language == "nn" else "nb"


def sector_words(sector: str, language: str) -> SectorWords:
    """The words for ``sector`` in ``language`` (``nb``/``nn``); a sector the data does not
    know is written as its code rather than failing a reply."""
    known = _data()["sectors"].get(sector)
    if known is None:
        return SectorWords(sector, sector)
    return SectorWords(**known[_standard(language)])


def one_of(items: list[str], language: str) -> str:
    """``a, b eller c``: alternatives as a sentence lists them."""
    word = _data()["phrases"][_standard(language)]["or"]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def others_than(excluded: str, language: str) -> str:
    """Who may come besides the excluded sector, for "for eksempel …": ``en politiker, en
    leder i en annen tjeneste, en ansatt i skole eller barnehage eller noen fra det lokale
    kulturlivet`` when the kulturskole is excluded."""
    items: list[str] = []
    institutions: list[str] = []
    for sector in _data()["advice"]:
        if sector == excluded:
            continue
        words = sector_words(sector, language)
        if words.someone is not None:
            items.append(words.someone)
            continue
        if not institutions:
            items.append("")  # the staff's place in the list, filled in below
        institutions.append(words.name)
    if institutions:
        staff = _data()["phrases"][_standard(language)]["staff"]
        items = [item or staff.format(one_of(institutions, language)) for item in items]
    return one_of(items, language)
