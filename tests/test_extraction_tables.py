"""Tables and columns as clients and clerks write them (blind27): a name cell that holds the
role too, beside a cell of contact data; columns typed with tabs to line up on the screen.
Every text is invented, in bokmål and nynorsk.
"""

from __future__ import annotations

import pytest

from parsers.extraction import extract
from parsers.nlp.tables import cells_under
from parsers.types import Extraction
from tests.extraction_support import EVENT, people, reader, sure_people
from tests.fixtures.mailbuild import render_html
from tests.mailmaker import make_mail

read = reader("siri.vold@vik.kommune.no", None)


def read_html(html: str, sender: str = "siri.vold@vik.kommune.no") -> Extraction:
    """A mail whose only body is ``html`` (no plain part: the HTML is what is read)."""
    return extract(make_mail(sender, "", html=html), context=EVENT)


NAME_ROLE_IN_ONE_CELL = [
    (
        "Hei,\n\nVik kommune melder på disse til verkstedet:",
        ("Deltaker", "E-post"),
        [
            ("Siri Vold – kultursjef", "siri.vold@vik.kommune.no"),
            ("Arne Tveit – rektor, Vik kulturskole", "arne.tveit@vik.kommune.no"),
            ("Mona Lie – styrer i Bakken barnehage", "mona.lie@vik.kommune.no"),
            ("Geir Haug – leder av oppvekstutvalget", "geir.haug@vik.kommune.no"),
        ],
        "Med hilsen\nSiri Vold",
        {
            "Siri Vold": ("kultursjef", "administrasjon"),
            "Arne Tveit": ("rektor, Vik kulturskole", "kulturskole"),
            "Mona Lie": ("styrer i Bakken barnehage", "barnehage"),
            "Geir Haug": ("leder av oppvekstutvalget", "politikk"),
        },
    ),
    (
        "Hei,\n\nVik kommune melder på desse til verkstaden:",
        ("Deltakar", "E-post"),
        [
            ("Siri Vold – kultursjef", "siri.vold@vik.kommune.no"),
            ("Arne Tveit – rektor, Vik kulturskule", "arne.tveit@vik.kommune.no"),
            ("Mona Lie – styrar i Bakken barnehage", "mona.lie@vik.kommune.no"),
            ("Geir Haug – leiar i oppvekstutvalet", "geir.haug@vik.kommune.no"),
        ],
        "Helsing\nSiri Vold",
        {
            "Siri Vold": ("kultursjef", "administrasjon"),
            "Arne Tveit": ("rektor, Vik kulturskule", "kulturskole"),
            "Mona Lie": ("styrar i Bakken barnehage", "barnehage"),
            "Geir Haug": ("leiar i oppvekstutvalet", "politikk"),
        },
    ),
]


@pytest.mark.parametrize("style", ["outlook", "owa", "gmail"])
@pytest.mark.parametrize(
    ("opening", "header", "rows", "closing", "expected"), NAME_ROLE_IN_ONE_CELL
)
def test_a_name_cell_holding_the_role_beside_an_address_cell_is_read_whole(
    style: str,
    opening: str,
    header: tuple[str, str],
    rows: list[tuple[str, str]],
    closing: str,
    expected: dict[str, tuple[str, str]],
) -> None:
    html = render_html([opening, ("table", list(header), [list(r) for r in rows]), closing], style)
    assert sure_people(read_html(html)) == expected


@pytest.mark.parametrize(
    ("opening", "rows", "closing", "expected"),
    [
        (
            "Hei!\n\nHer er listen fra Vik:",
            [("Lars Moe – ordfører", "917 22 410"), ("Hanne Sunde – lærer ved Vik skole", "")],
            "Hilsen Siri",
            {
                "Lars Moe": ("ordfører", "politikk"),
                "Hanne Sunde": ("lærer ved Vik skole", "skole"),
            },
        ),
        (
            "Hei!\n\nHer er lista frå Vik:",
            [("Lars Moe – ordførar", "917 22 410"), ("Hanne Sunde – lærar ved Vik skule", "")],
            "Helsing Siri",
            {
                "Lars Moe": ("ordførar", "politikk"),
                "Hanne Sunde": ("lærar ved Vik skule", "skole"),
            },
        ),
    ],
)
def test_rows_without_a_header_whose_other_cells_are_contact_data(
    opening: str, rows: list[tuple[str, str]], closing: str, expected: dict[str, tuple[str, str]]
) -> None:
    body = "\n".join([opening, "", *("\t".join(c for c in r if c) for r in rows), "", closing])
    assert {n: (r, s) for n, r, s in people(read(body))} == expected


TAB_ALIGNED = [
    # the header's name is short, so four tabs reach the role column; each row as many as
    # its name needs (8 columns a tab)
    (
        "Hei\n\nVik kommune stiller med disse:\n\n"
        "Navn\t\t\t\tRolle\n"
        "Tone Bakke Lund\t\t\tkulturskolerektor\n"
        "Per Ås\t\t\t\tass. rådm.\n"
        "Margrethe Nilsen Vik\t\tvaraordfører\n"
        "Ole Bjørn Fosse\t\t\tlærer Vik ungdomsskole / FAU-leder\n"
        "\nMvh\nTone",
        {
            "Tone Bakke Lund": ("kulturskolerektor", "kulturskole"),
            "Per Ås": ("ass. rådm.", "administrasjon"),
            "Margrethe Nilsen Vik": ("varaordfører", "politikk"),
            "Ole Bjørn Fosse": ("lærer Vik ungdomsskole / FAU-leder", "skole"),
        },
    ),
    (
        "Hei\n\nVik kommune stiller med desse:\n\n"
        "Namn\t\t\tStilling\t\tArbeidsstad\n"
        "Tone Bakke Lund\t\tkulturskulerektor\n"
        "Per Ås\t\t\tass. rådm.\t\tRådhuset\n"
        "Margrethe Nilsen Vik\tvaraordførar\n"
        "Ole Bjørn Fosse\t\tlærar\t\t\tVik ungdomsskule\n"
        "\nHelsing\nTone",
        {
            "Tone Bakke Lund": ("kulturskulerektor", "kulturskole"),
            "Per Ås": ("ass. rådm.", "administrasjon"),
            "Margrethe Nilsen Vik": ("varaordførar", "politikk"),
            "Ole Bjørn Fosse": ("lærar", "skole"),
        },
    ),
]


@pytest.mark.parametrize(("body", "expected"), TAB_ALIGNED)
def test_columns_typed_with_tabs_to_line_up_are_read_by_where_they_stand(
    body: str, expected: dict[str, tuple[str, str]]
) -> None:
    assert sure_people(read(body)) == expected


def test_a_row_with_as_many_cells_as_its_header_is_read_cell_by_cell() -> None:
    # a rendered HTML table: one tab between cells however long they are
    header = "Navn\tSted\tRolle"
    assert cells_under(header, "Kari Nordmann Berg\tVik skule\trektor") == [
        "Kari Nordmann Berg", "Vik skule", "rektor",
    ]  # fmt: skip
    assert cells_under("Navn\t\t\tRolle", "Kari Berg\t\trektor") == ["Kari Berg", "", "", "rektor"]
