"""The second blind held-out set (tests/fixtures/blind2) through ``extract``.

Forty mails written without looking at the extraction code. The floors are deliberately
low: the set measures generalisation, and the printed report (every figure and every
mismatch) is the point. Run with ``pytest -s`` to see it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.evaluation import evaluate, format_report

BLIND2 = Path(__file__).resolve().parent / "fixtures" / "blind2"


@pytest.fixture(scope="module")
def report():  # noqa: ANN201 - EvalReport
    result = evaluate(BLIND2)
    print()
    print(format_report(result))
    return result


def test_blind2_is_complete(report) -> None:  # noqa: ANN001
    assert report.files == 40


@pytest.mark.parametrize(
    ("figure", "floor"),
    [
        ("kind", 0.85),
        ("municipality", 0.85),
        ("language", 0.90),
        ("names", 0.85),
        ("role", 0.80),
        ("sector", 0.80),
        ("removed", 0.5),
    ],
)
def test_floor(report, figure: str, floor: float) -> None:  # noqa: ANN001
    value = getattr(report, figure)
    score = value.f1 if hasattr(value, "f1") else value.accuracy
    assert score >= floor, format_report(report)
