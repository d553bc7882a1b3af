"""Every doubt, the municipality and the written standard say where they were read (issue 8):
the part of the message (the own words, the forwarded part, an attachment by its file name),
the line there, and for a table row its row and column; a spreadsheet's row is named by its
sheet and its row as Excel numbers it, empty rows counted. ``mailbot eval`` and the
organiser's review desk show it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailbot.evaluation import evaluate, format_report
from mailbot.reply_eval import score_replies
from mailbot.web.formatting import evidence_place
from mailbot.web.serve import add_user
from mailbot.worker import run_cycle
from parsers.extraction import extract
from parsers.types import Doubt, Extraction
from tests.desk_support import EMAIL, PASSWORD, desk_client
from tests.flow import add_to_maildir, embedded_app, make_maildir
from tests.mailmaker import DOCX, XLSX, make_grouped_docx, make_mail, make_xlsx

SENDER = "kari.berg@vik.kommune.no"

#: A sign-up of four in the own words, and a spreadsheet beside it whose last row (Excel
#: row 6, after an empty row) names a fifth person nobody read.
FOUR_AND_A_SHEET = {
    "nb": (
        "Hei!\n\nVi melder på disse fra Vik kommune:\n\n- Ola Vik, rektor\n"
        "- Per Ås, ordfører\n- Siv Ek, kulturskolelærer\n- Tor Bø, kommunalsjef\n\n"
        "Vedlagt er også listen.\n\nHilsen Kari",
        [["Påmelding Vik kommune"], [], ["Navn", "Stilling"], ["Ola Vik", "rektor"], []],
        ["Eva Li", "lærer"],
    ),
    "nn": (
        "Hei!\n\nMe melder på desse frå Vik kommune:\n\n- Ola Vik, rektor\n"
        "- Per Ås, ordførar\n- Siv Ek, kulturskulelærar\n- Tor Bø, kommunalsjef\n\n"
        "Lista ligg òg ved.\n\nHelsing Kari",
        [["Påmelding Vik kommune"], [], ["Namn", "Stilling"], ["Ola Vik", "rektor"], []],
        ["Eva Li", "lærar"],
    ),
}


def four_and_a_sheet(language: str) -> bytes:
    body, rows, unread = FOUR_AND_A_SHEET[language]
    sheet = make_xlsx([*rows, unread], title="Påmelding")
    return make_mail(
        SENDER, body, sender_name="Kari Berg", attachments=(("deltakere.xlsx", XLSX, sheet),)
    )


def only_doubt(extraction: Extraction) -> Doubt:
    [doubt] = extraction.doubts
    return doubt


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_an_unread_attachment_row_names_the_file_the_sheet_and_the_excel_row(
    language: str,
) -> None:
    doubt = only_doubt(extract(four_and_a_sheet(language)))
    header = FOUR_AND_A_SHEET[language][1][2]

    assert doubt.code == "unread_attachment"
    assert (doubt.part, doubt.sheet, doubt.row, doubt.column) == (
        "attachment deltakere.xlsx",
        "Påmelding",
        6,  # rows 2 and 5 are empty: Excel's row, not the fourth row of text
        header[0],
    )
    assert doubt.line == "\t".join(FOUR_AND_A_SHEET[language][2])
    assert evidence_place(doubt.to_json()) == (
        f"vedlegget deltakere.xlsx, ark Påmelding, rad 6, kolonne {header[0]}"
    )


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            "Hei!\n\nVik kommune er med. Vi blir fem:\n\n- Ola Vik, rektor\n"
            "- Per Ås, ordfører\n- Siv Ek, kulturskolelærer\n- Tor Bø, kommunalsjef\n\n"
            "Hilsen Kari",
            "Vi blir fem",
        ),
        (
            "Hei!\n\nVik kommune er med. Me blir fem:\n\n- Ola Vik, rektor\n"
            "- Per Ås, ordførar\n- Siv Ek, kulturskulelærar\n- Tor Bø, kommunalsjef\n\n"
            "Helsing Kari",
            "Me blir fem",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_doubt_in_the_own_words_points_at_its_line(body: str, said: str) -> None:
    doubt = only_doubt(extract(make_mail(SENDER, body, sender_name="Kari Berg")))

    assert doubt.code == "stated_count"
    assert (doubt.part, doubt.line_no, doubt.row) == ("body", 3, -1)
    assert said in doubt.line
    assert doubt.place == "body line 3"


@pytest.mark.parametrize(
    ("title", "rows"),
    [
        (
            "Deltakere fra Vik kommune",
            [["Navn", "Stilling"], ["Ola Vik", "rektor"], ["Per Ås", "ordfører"]],
        ),
        (
            "Deltakarar frå Vik kommune",
            [["Namn", "Stilling"], ["Ola Vik", "rektor"], ["Per Ås", "ordførar"]],
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_municipality_and_a_standard_read_only_in_an_attachment_point_at_its_sheet(
    title: str, rows: list[list[str]]
) -> None:
    sheet = make_xlsx([[title], [], *rows], title="Ark1")
    raw = make_mail(
        "kari.berg@gmail.com",  # no municipality's domain, no name in the words
        "Hei!\n\nSe vedlegg.\n\nKari",
        sender_name="Kari Berg",
        attachments=(("deltakere.xlsx", XLSX, sheet),),
    )
    extraction = extract(raw)
    [municipality] = extraction.municipality_evidence
    [standard] = extraction.language_evidence

    assert extraction.municipality is not None and extraction.municipality.name == "Vik"
    assert (municipality.name, municipality.part, municipality.sheet, municipality.row) == (
        "Vik",
        "attachment deltakere.xlsx",
        "Ark1",
        1,
    )
    assert municipality.line == title
    assert evidence_place(municipality.to_json()) == "vedlegget deltakere.xlsx, ark Ark1, rad 1"
    assert (standard.name, standard.part) == (extraction.language, "attachment deltakere.xlsx")
    assert standard.line == title


@pytest.mark.parametrize(
    ("own", "forwarded", "language"),
    [
        ("Jeg sender denne videre.", "Vik kommune melder på disse:", "nb"),
        ("Eg sender denne vidare.", "Vik kommune melder på desse:", "nn"),
    ],
    ids=["nb", "nn"],
)
def test_a_municipality_read_only_in_the_forwarded_part_points_at_its_line(
    own: str, forwarded: str, language: str
) -> None:
    body = (
        f"Hei!\n\n{own}\n\nKari\n\n---------- Videresendt melding ----------\n"
        "Fra: Ola Vik <ola.vik@gmail.com>\nDato: 27. april 2020\nEmne: Deltakere\n\n"
        f"Hei,\n{forwarded}\n\n- Ola Vik, rektor\n- Per Ås, lærer\n- Siv Ek, inspektør\n"
        "- Tor Bø, kommunalsjef\n\nOla\n"
    )
    extraction = extract(make_mail("kari.berg@gmail.com", body, sender_name="Kari Berg"))
    [municipality] = extraction.municipality_evidence
    [standard] = extraction.language_evidence

    assert (municipality.part, municipality.line_no, municipality.line) == (
        "forwarded",
        2,
        forwarded,
    )
    assert (extraction.language, standard.part, standard.line_no) == (language, "body", 3)


@pytest.mark.parametrize(
    ("rows", "column"),
    [
        (
            [["Navn", "Stilling"], ["Ola Vik", "rektor"], ["Skole"], ["Per Ås", "lærer"]],
            "Navn",
        ),
        (
            [["Namn", "Stilling"], ["Ola Vik", "rektor"], ["Skule"], ["Per Ås", "lærar"]],
            "Namn",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_word_table_goes_on_past_a_merged_group_row(rows: list[list[str]], column: str) -> None:
    data = make_grouped_docx("Deltakere fra Vik", rows)
    raw = make_mail(
        SENDER, "Hei!\n\nSe vedlegget.\n\nKari", attachments=(("liste.docx", DOCX, data),)
    )
    evidence = {e.name: e for e in extract(raw).evidence}

    per = evidence["Per Ås"]
    assert (per.part, per.row, per.column) == ("attachment liste.docx", 4, column)
    assert per.line_no == 5  # the title paragraph is the text's first line


def gold_folder(tmp_path: Path, raw: bytes, **gold: object) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "m01.eml").write_bytes(raw)
    (folder / "m01.json").write_text(json.dumps(gold), "utf-8")
    return folder


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_eval_replies_shows_where_each_doubt_of_a_held_message_stands(
    tmp_path: Path, language: str
) -> None:
    folder = gold_folder(tmp_path, four_and_a_sheet(language), expected_reply="confirmation")

    score = score_replies(folder)

    assert score.held == ("m01",)
    [line] = score.doubts["m01"]
    assert line.startswith("unread_attachment 'Eva Li\\t")
    assert line.endswith(
        "(attachment deltakere.xlsx line 5, sheet Påmelding, row 6, column "
        f"{FOUR_AND_A_SHEET[language][1][2][0]})"
    )


def test_eval_shows_where_a_municipality_read_wrong_was_read(tmp_path: Path) -> None:
    raw = four_and_a_sheet("nn")
    gold = {
        "kind": "registration",
        "language": "nn",
        "municipality": {"number": "4640", "name": "Sogndal"},
        "participants": [],
        "removed": [],
    }
    report = format_report(evaluate(gold_folder(tmp_path, raw, **gold)))

    [line] = [line for line in report.splitlines() if "\tmunicipality\t" in line]
    assert line.endswith("read 'Vik' (body line 3: weight 3)")


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_review_desk_shows_where_a_doubt_and_the_municipality_were_read(
    tmp_path: Path, language: str
) -> None:
    database = f"sqlite:///{tmp_path / 'desk.db'}"
    maildir = make_maildir(tmp_path / "Maildir")
    add_to_maildir(maildir, "0001.eml", four_and_a_sheet(language))
    app = embedded_app(database, maildir, tmp_path / "outbox")
    run_cycle(app)
    app.engine.dispose()
    add_user(database, EMAIL, PASSWORD)
    header = FOUR_AND_A_SHEET[language][1][2]

    for client in desk_client(database):
        client.sign_in(EMAIL, PASSWORD)
        page = client.get("/gjennomgang").text

    assert f"vedlegget deltakere.xlsx, ark Påmelding, rad 6, kolonne {header[0]}" in page
    assert "«Vik», e-posten, linje 3" in page
