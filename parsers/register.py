"""The municipality register and the sector of a role, as the rest of mailbot may ask them
(parsers' public surface: ``mailbot`` never imports ``parsers.nlp``, so that the readers'
inner modules can change without touching the service)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from parsers.nlp.municipality import Entry, domain_numbers, name_index, register
from parsers.nlp.municipality import to_municipality as _to_municipality
from parsers.nlp.resources import load_csv
from parsers.nlp.sectors import classify_sector
from parsers.types import Municipality, Sector

__all__ = [
    "Entry",
    "municipalities_of",
    "municipality_entries",
    "numbers_named",
    "official_language",
    "sector_of_role",
    "to_municipality",
]


def municipalities_of(address: str) -> frozenset[str]:
    """Numbers of the municipalities whose registered domain (or a parent domain of it) the
    address is on: ``municipalities_of("kari@kulturskolen.bodo.kommune.no") == {"1804"}``."""
    return frozenset(domain_numbers(address))


def municipality_entries() -> Mapping[str, Entry]:
    """Every 2020 municipality by number (name in its Norwegian form, county, domains)."""
    return register()


def to_municipality(number: str) -> Municipality:
    """The municipality with this 4-digit number (KeyError for an unknown number)."""
    return _to_municipality(number)


def numbers_named(name: str) -> tuple[frozenset[str], bool]:
    """The numbers a municipality name may mean (old and Sami names too), and whether it is
    only a pre-2020 name; empty when nobody bears it."""
    return name_index().get(name.strip().casefold(), (frozenset(), False))


def sector_of_role(role: str | None, guarded: Sector | None = None) -> Sector:
    """The sector a role alone says (the desk's and the organiser's edits use it when no
    sector is chosen); ``guarded`` is the event's sector that may not be alone, which a
    role tied to it is filed under (``ExtractionContext.guarded_sector``)."""
    return classify_sector(role, guarded=guarded)


def official_language(number: str) -> str | None:
    """The municipality's official written standard (``nb`` or ``nn``) where the register
    knows it, else None (neutral, or not recorded).

    ``malform-2020.csv`` lists the municipalities whose council chose nynorsk (Språkrådet's
    record of målvedtak); it is partial: only municipalities entered so far are there.
    """
    return _official_languages().get(number)


@cache
def _official_languages() -> dict[str, str]:
    return {
        row["number"]: row["malform"]
        for row in load_csv("malform-2020.csv")
        if row["malform"] in ("nb", "nn")
    }
