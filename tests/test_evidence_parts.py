"""Evidence names the part of the message a person was read in (issue 8, item 2): the body,
the forwarded part, or one attachment by its file name, with the line in that part, and for a
table row (a CSV, a spreadsheet, a Word table) its row and column. The forwarded part and each
attachment are read as texts of their own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mailbot.eval_attribution import where
from mailbot.web.formatting import evidence_place
from parsers.extraction import extract
from parsers.types import Evidence, Extraction
from tests.fixtures.mailbuild import make_docx
from tests.mailmaker import make_mail, make_xlsx

SENDER = "kari.berg@vik.kommune.no"
CSV = "application/vnd.ms-excel"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_mail(body: str, *attachments: tuple[str, str, bytes]) -> Extraction:
    return extract(make_mail(SENDER, body, sender_name="Kari Berg", attachments=attachments))


def evidence_by_name(extraction: Extraction) -> dict[str, Evidence]:
    return {e.name: e for e in extraction.evidence}


@pytest.mark.parametrize(
    ("own", "intro", "mayor"),
    [
        ("Jeg sender videre listen fra rektor. Jeg kommer selv også.", "her er listen", "ordfører"),
        ("Eg sender vidare lista frå rektor. Eg kjem sjølv òg.", "her er lista", "ordførar"),
    ],
    ids=["nb", "nn"],
)
def test_a_forwarded_list_is_evidenced_in_the_forwarded_part(
    own: str, intro: str, mayor: str
) -> None:
    body = (
        f"Hei!\n\n{own}\n\nHilsen Kari\n\n"
        "---------- Videresendt melding ----------\n"
        "Fra: Ola Vik <ola.vik@vik.kommune.no>\nDato: 27. april 2020\nEmne: Deltakere\n\n"
        f"Hei Kari,\n{intro}:\n\n- Ola Vik, rektor\n- Per Ås, {mayor}\n\nHilsen Ola\n"
    )
    evidence = evidence_by_name(read_mail(body))

    assert (evidence["Kari Berg"].part, evidence["Kari Berg"].line_no) == ("body", 3)
    per = evidence["Per Ås"]
    assert (per.part, per.line_no, per.line) == ("forwarded", 5, f"- Per Ås, {mayor}")
    assert per.row == -1 and per.column == ""
    assert where(per) == "list_line (forwarded line 5)"


@pytest.mark.parametrize(
    ("body", "header", "rows"),
    [
        (
            "Hei!\n\nVedlagt er listen over deltakere fra Vik kommune.\n\nHilsen Kari",
            "Navn;Stilling;Arbeidssted",
            ["Ola Vik;rektor;Vik skole", "Per Ås;ordfører;Vik kommune"],
        ),
        (
            "Hei!\n\nVedlagt er lista over deltakarar frå Vik kommune.\n\nHelsing Kari",
            "Namn;Stilling;Arbeidsstad",
            ["Ola Vik;rektor;Vik skule", "Per Ås;ordførar;Vik kommune"],
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_csv_row_is_evidenced_by_file_row_and_column(
    body: str, header: str, rows: list[str]
) -> None:
    data = "\r\n".join([header, *rows]).encode("cp1252")
    extraction = read_mail(body, ("deltakere.csv", CSV, data))
    per = evidence_by_name(extraction)["Per Ås"]

    assert per.part == "attachment deltakere.csv"
    assert (per.line_no, per.row, per.column) == (3, 3, header.split(";")[0])
    assert per.line == rows[1]
    assert where(per) == (
        f"header_table (attachment deltakere.csv line 3, row 3, column {header.split(';')[0]})"
    )
    as_json = extraction.to_json()["evidence"]
    assert isinstance(as_json, list)
    assert as_json[1] | {"line": ""} == {
        "name": "Per Ås",
        "source": "attachment",
        "line": "",
        "line_no": 3,
        "reader": "header_table",
        "part": "attachment deltakere.csv",
        "row": 3,
        "column": header.split(";")[0],
        "sheet": "",
    }


@pytest.mark.parametrize(
    ("header", "mayor"),
    [(["Navn", "Stilling"], "ordfører"), (["Namn", "Stilling"], "ordførar")],
    ids=["nb", "nn"],
)
def test_a_word_table_row_is_evidenced_by_file_row_and_column(
    header: list[str], mayor: str
) -> None:
    rows = [["Ola Vik", "rektor"], ["Per Ås", mayor]]
    data = make_docx(
        "Deltakere fra Vik", header, rows, "Kari Berg", datetime(2020, 4, 27, tzinfo=UTC)
    )
    extraction = read_mail("Hei!\n\nSe vedlegget.\n\nHilsen Kari", ("liste.docx", DOCX, data))
    per = evidence_by_name(extraction)["Per Ås"]

    assert per.part == "attachment liste.docx"
    # the title paragraph and an empty one stand above the table: line 5 is its third row
    assert per.line == f"Per Ås\t{mayor}"
    assert (per.row, per.column) == (3, header[0])
    assert per.line_no == per.row + 2


@pytest.mark.parametrize(
    ("note", "header"),
    [("Vedlagt to lister.", ["Navn", "Rolle"]), ("Vedlagt to lister.", ["Namn", "Rolle"])],
    ids=["nb", "nn"],
)
def test_each_attachment_is_its_own_part_with_its_own_lines(note: str, header: list[str]) -> None:
    first = "\n".join(["\t".join(header), "Ola Vik\trektor", "Eva Li\tlærer"]).encode()
    second = make_xlsx([header, ["Per Ås", "ordfører"]])
    extraction = read_mail(
        f"Hei!\n\n{note}\n\nHilsen Kari",
        ("skole.txt", "text/plain", first),
        ("politikk.xlsx", XLSX, second),
    )
    evidence = evidence_by_name(extraction)

    assert [p.name for p in extraction.participants] == ["Ola Vik", "Eva Li", "Per Ås"]
    assert (evidence["Eva Li"].part, evidence["Eva Li"].line_no) == ("attachment skole.txt", 3)
    # the sheet's text starts with its title line ("[Sheet]"): the header is its line 2
    per = evidence["Per Ås"]
    assert (per.part, per.line_no, per.row, per.column) == (
        "attachment politikk.xlsx",
        3,
        2,
        header[0],
    )


def test_the_desk_names_the_part_in_bokmål() -> None:
    cell = {"part": "attachment deltakere.xlsx", "line_no": 3, "row": 2, "column": "Navn"}
    assert evidence_place(cell) == "vedlegget deltakere.xlsx, linje 3, rad 2, kolonne Navn"
    assert evidence_place({"part": "forwarded", "line_no": 5, "row": -1, "column": ""}) == (
        "den videresendte meldingen, linje 5"
    )
    # evidence stored before the parts had names: its source and line
    assert evidence_place({"source": "own", "line_no": 4}) == "e-posten, linje 4"
