"""``mailbot eval`` names the reader behind each name it gets wrong: the reader of a name
nobody signed up, and for a missed name the reader that read it (and why its reading fell),
the one that came closest, or "no reader"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailbot.evaluation import EvalReport, evaluate, format_report
from tests.mailmaker import make_mail

SENDER = "kari.berg@vik.kommune.no"


def gold_folder(tmp_path: Path, body: str, names: list[str]) -> Path:
    """One mail from Vik and its gold answer: ``names`` are the participants it signs up."""
    (tmp_path / "001.eml").write_bytes(make_mail(SENDER, body, sender_name="Kari Berg"))
    gold = {
        "message_id": "<001@vik>",
        "kind": "registration",
        "language": "nb",
        "municipality": {"number": "4639", "name": "Vik"},
        "participants": [{"name": n, "role": "rektor", "sector": "skole"} for n in names],
        "removed": [],
    }
    (tmp_path / "001.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def name_lines(report: EvalReport) -> dict[str, str]:
    """Each name mismatch of the printed report: name -> its reader column."""
    out = {}
    for line in format_report(report).splitlines():
        cells = line.strip().split("\t")
        if len(cells) == 5 and cells[1].startswith("name"):
            name = cells[2] if cells[1] == "name (missed)" else cells[3]
            out[name.split("=", 1)[1].strip("'")] = cells[4]
    return out


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVi melder på disse:\n\n- Ola Vik, rektor\n- Per Ås, ordfører\n\nHilsen Kari",
        "Hei!\n\nVi melder på desse:\n\n- Ola Vik, rektor\n- Per Ås, ordførar\n\nHelsing Kari",
    ],
    ids=["nb", "nn"],
)
def test_a_false_name_and_a_miss_name_their_reader(tmp_path: Path, body: str) -> None:
    report = evaluate(gold_folder(tmp_path, body, ["Ola Vik", "Eli Dal"]))
    names = name_lines(report)

    assert names["Per Ås"] == "reader=list_line (body line 6)"
    assert names["Eli Dal"] == "no reader (not written so in the message)"


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVi melder på:\n\n- Ola Vik, rektor\n- Per Ås, ordfører\n\n"
        "Per Ås kan dessverre ikke likevel.\n\nHilsen Kari",
        "Hei!\n\nVi melder på:\n\n- Ola Vik, rektor\n- Per Ås, ordførar\n\n"
        "Per Ås kan diverre ikkje likevel.\n\nHelsing Kari",
    ],
    ids=["nb", "nn"],
)
def test_a_miss_read_and_set_aside_says_why(tmp_path: Path, body: str) -> None:
    report = evaluate(gold_folder(tmp_path, body, ["Ola Vik", "Per Ås"]))

    assert name_lines(report)["Per Ås"] == (
        "reader=list_line (body line 6), set aside: removed by the text"
    )


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVi melder på:\n\n- Ola Vik, rektor\n- Per Ås Hansen, ordfører\n\nHilsen Kari",
        "Hei!\n\nVi melder på:\n\n- Ola Vik, rektor\n- Per Ås Hansen, ordførar\n\nHelsing Kari",
    ],
    ids=["nb", "nn"],
)
def test_a_miss_names_the_reading_that_came_closest(tmp_path: Path, body: str) -> None:
    report = evaluate(gold_folder(tmp_path, body, ["Ola Vik", "Per Ås"]))

    assert name_lines(report)["Per Ås"] == "closest=list_line (body line 6) read 'Per Ås Hansen'"


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVi melder på:\n\n- Ola Vik, rektor\n\nEli Dal vil gjerne vite mer.\n\nHilsen Kari",
        "Hei!\n\nVi melder på:\n\n- Ola Vik, rektor\n\n"
        "Eli Dal vil gjerne vite meir.\n\nHelsing Kari",
    ],
    ids=["nb", "nn"],
)
def test_a_miss_no_reader_read_says_where_it_is_written(tmp_path: Path, body: str) -> None:
    report = evaluate(gold_folder(tmp_path, body, ["Ola Vik", "Eli Dal"]))

    assert name_lines(report)["Eli Dal"] == "no reader (written in the own words, line 7)"
