"""Small Norwegian wording helpers shared by rules, replies and the digest.

Kept here (not in ``mailbot``) because rules must stay importable without the mail side;
``mailbot`` may import ``rules``, never the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Literal

Lang = Literal["nb", "nn"]

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "nb": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    "nn": ("måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"),
}
MONTHS: tuple[str, ...] = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def format_date(value: date, language: str = "nb") -> str:
    """``torsdag 4. juni 2020`` (``date`` or ``datetime``; no time zone conversion here)."""
    days = WEEKDAYS["nn" if language == "nn" else "nb"]
    return f"{days[value.weekday()]} {value.day}. {MONTHS[value.month - 1]} {value.year}"


def format_time(value: time | datetime) -> str:
    """``10.00``: Norwegian writes hours and minutes with a full stop."""
    return f"{value.hour:02d}.{value.minute:02d}"


def format_datetime(value: datetime, language: str = "nb") -> str:
    """``fredag 8. mai 2020 kl. 23.59``."""
    return f"{format_date(value, language)} kl. {format_time(value)}"


def join_names(names: Iterable[str]) -> str:
    """``A``, ``A og B``, ``A, B og C`` (same conjunction in bokmål and nynorsk)."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"
