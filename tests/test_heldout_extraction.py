"""The 40 held-out mails through ``extract``: how well the extraction generalises.

The held-out set (``tests/fixtures/heldout``, built by ``make_heldout.py``) was written blind
to the extraction code, with other municipalities, people, roles and layouts than the
development corpus. The floors below start low on purpose and are meant to be raised as the
extraction improves; every mismatch is printed (run with ``-s``) and shown when a floor fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailbot.evaluation import EvalReport, evaluate, format_report
from tests.set_scoring import figure as figure_of

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"

FLOORS = [
    ("kind", 0.97),
    ("municipality", 0.97),
    ("language", 0.97),
    ("names", 0.98),
    ("role", 0.98),
    ("sector", 0.97),
    ("removed", 0.95),
]


@pytest.fixture(scope="module")
def report() -> EvalReport:
    result = evaluate(HELDOUT)
    print("\nheld-out set\n" + format_report(result))
    return result


def test_heldout_set_is_complete(report: EvalReport) -> None:
    assert report.files == 40
    ids = [
        json.loads(p.read_text(encoding="utf-8"))["message_id"]
        for p in sorted(HELDOUT.glob("*.json"))
    ]
    assert len(ids) == 40
    assert all("heldout-" in i for i in ids)


def test_heldout_eml_bytes_use_crlf() -> None:
    for eml in sorted(HELDOUT.glob("*.eml")):
        raw = eml.read_bytes()
        assert b"\n" not in raw.replace(b"\r\n", b""), eml.name


@pytest.mark.parametrize(("figure", "floor"), FLOORS)
def test_heldout_floor(report: EvalReport, figure: str, floor: float) -> None:
    assert figure_of(report, figure) >= floor, format_report(report)
