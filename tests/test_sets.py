"""Every gold folder through ``extract`` and through the whole pipeline, against its floors.

The gold folders are the development corpus, the held-out set and the blind sets under
``tests/fixtures`` (each written blind to the code; see its README). Their floors are data,
one row per set in ``tests/fixtures/set_floors.toml``: each sits at the figure measured when it
was last raised, less what one message (or one name) can move it, so a drop of one message
fails. Wrong replies and false names may not rise at all. A failure prints the set's report
with every mismatch; ``pytest -s`` prints it for every set.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from typing import Any

import pytest

from mailbot.evaluation import EvalReport, evaluate, format_report
from mailbot.reply_eval import ReplyScore, score_replies
from tests.corpus import SET_FLOORS, gold_sets

FLOORS: dict[str, dict[str, Any]] = tomllib.loads(SET_FLOORS.read_text("utf-8"))
SETS = sorted(FLOORS)
#: The figures of ``mailbot eval``, as the floor table names them.
EXTRACTION_FIGURES = ("kind", "municipality", "language", "names", "role", "sector", "removed")


@cache
def report_of(name: str) -> EvalReport:
    report = evaluate(gold_sets()[name])
    print(f"\n{name}\n{format_report(report)}")
    return report


@cache
def replies_of(name: str) -> ReplyScore:
    score = score_replies(gold_sets()[name])
    print(f"\n{name}: replies {score.correct}/{score.total} as expected")
    for file, expected, got in score.mismatches:
        print(f"  {file}: expected {expected}, got {got}")
    return score


def figure(report: EvalReport, name: str) -> float:
    """F1 for the name figures, accuracy for the others."""
    value = getattr(report, name)
    return float(value.f1 if hasattr(value, "f1") else value.accuracy)


def test_every_gold_folder_has_its_row_of_floors() -> None:
    assert set(gold_sets()) == set(FLOORS), "a new gold folder needs a row in set_floors.toml"


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_whole(name: str) -> None:
    folder = gold_sets()[name]
    mails = sorted(p.stem for p in folder.glob("*.eml"))
    golds = sorted(p.stem for p in folder.glob("*.json"))
    ids = [json.loads((folder / f"{g}.json").read_text("utf-8"))["message_id"] for g in golds]

    assert mails == golds
    assert len(mails) == FLOORS[name]["messages"]
    assert len(set(ids)) == len(ids)
    for mail in mails:
        raw = (folder / f"{mail}.eml").read_bytes()
        assert b"\n" not in raw.replace(b"\r\n", b""), f"{name}/{mail}.eml: bare LF"


@pytest.mark.parametrize("name", SETS)
def test_extraction_stays_above_its_floors(name: str) -> None:
    report = report_of(name)
    row = FLOORS[name]

    below = {
        f: (round(figure(report, f), 3), row[f][1])
        for f in EXTRACTION_FIGURES
        if figure(report, f) < row[f][1]
    }

    assert report.files == row["messages"]
    assert not below, f"{name} below its floors (figure, floor): {below}\n{format_report(report)}"
    assert report.names.fp <= row["false_names"], format_report(report)


@pytest.mark.parametrize("name", SETS)
def test_replies_stay_above_their_floor(name: str) -> None:
    score = replies_of(name)
    row = FLOORS[name]

    assert score.total == row["messages"]
    assert score.accuracy >= row["replies"][1], score.mismatches
    assert len(score.wrong) <= row["wrong_replies"], score.mismatches


def test_a_floor_is_one_message_below_the_figure() -> None:
    """The table keeps its own rule: no floor sits more than one message (or name) below."""
    for name, row in FLOORS.items():
        one_message = 1 / row["messages"]
        for f in ("kind", "municipality", "language", "replies"):
            measured, floor = row[f]
            assert measured - one_message - 0.001 <= floor <= measured, (name, f)
