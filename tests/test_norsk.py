"""Norwegian dates, times and lists as the invitation writes them (rules/norsk.py, Babel)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from rules.norsk import format_date, format_datetime, format_time, join_names


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (date(2020, 6, 4), "nb", "torsdag 4. juni 2020"),
        (date(2020, 6, 4), "nn", "torsdag 4. juni 2020"),
        (date(2020, 5, 5), "nb", "tirsdag 5. mai 2020"),
        (date(2020, 5, 5), "nn", "tysdag 5. mai 2020"),
        (date(2020, 5, 9), "nn", "laurdag 9. mai 2020"),
    ],
)
def test_dates_in_bokmal_and_nynorsk(value: date, language: str, expected: str) -> None:
    assert format_date(value, language) == expected


def test_times_keep_the_invitations_full_stop() -> None:
    assert format_time(time(10, 0)) == "10.00"
    assert format_datetime(datetime(2020, 5, 8, 23, 59), "nb") == "fredag 8. mai 2020 kl. 23.59"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], ""),
        (["Kari"], "Kari"),
        (["Kari", "Ola"], "Kari og Ola"),
        (["A", "B", "C"], "A, B og C"),
    ],
)
def test_lists_join_with_og(names: list[str], expected: str) -> None:
    assert join_names(names) == expected
    assert join_names(names, "nn") == expected
