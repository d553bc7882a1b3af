"""The 40 corpus mails through ``extract``: every field must stay above its floor."""

from __future__ import annotations

import pytest

from mailbot.evaluation import evaluate, format_report
from tests.corpus import corpus_dir


@pytest.fixture(scope="module")
def report():  # noqa: ANN201 - EvalReport
    return evaluate(corpus_dir())


def test_corpus_is_complete(report) -> None:  # noqa: ANN001
    assert report.files == 40


@pytest.mark.parametrize(
    ("figure", "floor"),
    [
        ("kind", 0.95),
        ("municipality", 0.97),
        ("language", 0.95),
        ("names", 0.95),
        ("role", 0.92),
        ("sector", 0.90),
        ("removed", 0.90),
    ],
)
def test_floor(report, figure: str, floor: float) -> None:  # noqa: ANN001
    value = getattr(report, figure)
    score = value.f1 if hasattr(value, "f1") else value.accuracy
    assert score >= floor, format_report(report)
