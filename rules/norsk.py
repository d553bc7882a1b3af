"""Norwegian dates, times and lists for rules, replies, the digest and the desk.

Dates and lists come from CLDR through Babel (bokmål ``nb`` and nynorsk ``nn``); times keep
the style of the invitation, "kl. 10.00", where CLDR would write "10:00". Kept in ``rules``
because rules must stay importable without the mail side; ``mailbot`` may import ``rules``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Literal

from babel.dates import format_date as babel_date
from babel.lists import format_list

Lang = Literal["nb", "nn"]


def _locale(language: str) -> str:
    return "nn" if language == "nn" else "nb"


def format_date(value: date, language: str = "nb") -> str:
    """``torsdag 4. juni 2020`` (``date`` or ``datetime``; no time zone conversion here)."""
    return babel_date(value, "EEEE d. MMMM y", locale=_locale(language))


def format_day_month_year(value: date, language: str = "nb") -> str:
    """``4. juni 2020``."""
    return babel_date(value, "d. MMMM y", locale=_locale(language))


def format_time(value: time | datetime) -> str:
    """``10.00``: Norwegian writes hours and minutes with a full stop."""
    return f"{value.hour:02d}.{value.minute:02d}"


def format_datetime(value: datetime, language: str = "nb") -> str:
    """``fredag 8. mai 2020 kl. 23.59``."""
    return f"{format_date(value, language)} kl. {format_time(value)}"


def join_names(names: Iterable[str], language: str = "nb") -> str:
    """``A``, ``A og B``, ``A, B og C``."""
    items = list(names)
    return format_list(items, locale=_locale(language)) if items else ""
