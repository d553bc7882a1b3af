"""Tables and columns as clients and clerks write them (blind27): a name cell that holds the
role too, beside a cell of contact data; columns typed with tabs to line up on the screen;
abbreviated roles in running text; a person with two roles; the parents' councils, a South
Sami school and the sender marked in English. Every text is invented, in bokmål and nynorsk.
"""

from __future__ import annotations

import pytest

from parsers.extraction import extract
from parsers.nlp.tables import cells_under
from parsers.types import Extraction
from tests.extraction_support import EVENT, codes, people, reader, sure_people
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


TAB_ALIGNED_LOOSELY = [
    # tabs as the writer's font needed them, not eight columns apart: a row with a cell
    # under every header cell takes them in order, a shorter row the nearest ones
    (
        "Hei\n\nVik kommune stiller med disse:\n\n"
        "Navn:\t\t\t\tRolle:\t\t\tArbeidssted:\n"
        "Tone Bakke Lund\t\t\tleder\t\t\tVik bibliotek\n"
        "Margrethe Nilsen Vikhammer\trektor\t\tVik ungdomsskole\n"
        "Per Ås\t\t\t\tordfører\n"
        "Lise Dahl\t\t\tkulturskolerektor\n"
        "\nMvh\nTone",
        {
            "Tone Bakke Lund": ("leder", "kulturliv"),
            "Margrethe Nilsen Vikhammer": ("rektor", "skole"),
            "Per Ås": ("ordfører", "politikk"),
            "Lise Dahl": ("kulturskolerektor", "kulturskole"),
        },
    ),
    (
        "Hei\n\nVik kommune stiller med desse:\n\n"
        "Namn:\t\t\t\tRolle:\t\t\tArbeidsstad:\n"
        "Tone Bakke Lund\t\t\tleiar\t\t\tVik bibliotek\n"
        "Margrethe Nilsen Vikhammer\trektor\t\tVik ungdomsskule\n"
        "Per Ås\t\t\t\tordførar\n"
        "Lise Dahl\t\t\tkulturskulerektor\n"
        "\nHelsing\nTone",
        {
            "Tone Bakke Lund": ("leiar", "kulturliv"),
            "Margrethe Nilsen Vikhammer": ("rektor", "skole"),
            "Per Ås": ("ordførar", "politikk"),
            "Lise Dahl": ("kulturskulerektor", "kulturskole"),
        },
    ),
]


@pytest.mark.parametrize(("body", "expected"), TAB_ALIGNED + TAB_ALIGNED_LOOSELY)
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


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei!\n\nNå har vi fått med barnehagen også: Lene Aas, ped. leder i Solsida "
            "barnehage. Hun har ledet et prosjekt med dans for de minste.\n\nHilsen\nSiri",
            ("Lene Aas", "ped. leder i Solsida barnehage", "barnehage"),
        ),
        (
            "Hei!\n\nNo har vi fått med barnehagen òg: Lene Aas, ped. leiar i Solsida "
            "barnehage. Ho har leia eit prosjekt med dans for dei minste.\n\nHelsing\nSiri",
            ("Lene Aas", "ped. leiar i Solsida barnehage", "barnehage"),
        ),
        (
            "Hei!\n\nFra skolen kommer Jonas Brekke, ass. rektor ved Lia skole.\n\nHilsen\nSiri",
            ("Jonas Brekke", "ass. rektor ved Lia skole", "skole"),
        ),
        (
            "Hei!\n\nFrå skulen kjem Jonas Brekke, ass. rektor ved Lia skule.\n\nHelsing\nSiri",
            ("Jonas Brekke", "ass. rektor ved Lia skule", "skole"),
        ),
    ],
)
def test_an_abbreviated_role_after_a_name_in_a_sentence_is_read_through_its_dots(
    body: str, expected: tuple[str, str, str]
) -> None:
    ex = read(body)
    assert people(ex) == [expected]
    assert "role_unread" not in codes(ex)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei!\n\nVi melder på:\n"
            "- Kari Moen, kulturskolerektor\n"
            "- Trond Li, rektor ved Haug skole og kommunestyrerepresentant (Sp)\n"
            "- Randi Sve, varaordfører og leder av Vik bygdekvinnelag\n"
            "- Nils Dahl, FAU-leder ved Haug skole\n\nHilsen\nKari",
            {
                "Trond Li": ("rektor ved Haug skole og kommunestyrerepresentant", "skole"),
                "Randi Sve": ("varaordfører og leder av Vik bygdekvinnelag", "politikk"),
                "Nils Dahl": ("FAU-leder ved Haug skole", "annet"),
            },
        ),
        (
            "Hei!\n\nVi melder på:\n"
            "- Kari Moen, kulturskulerektor\n"
            "- Trond Li, rektor ved Haug skule og kommunestyremedlem (Sp)\n"
            "- Randi Sve, varaordførar og leiar i Vik bygdekvinnelag\n"
            "- Nils Dahl, FAU-leiar ved Haug skule\n\nHelsing\nKari",
            {
                "Trond Li": ("rektor ved Haug skule og kommunestyremedlem", "skole"),
                "Randi Sve": ("varaordførar og leiar i Vik bygdekvinnelag", "politikk"),
                "Nils Dahl": ("FAU-leiar ved Haug skule", "annet"),
            },
        ),
    ],
)
def test_two_roles_file_the_person_under_the_first_and_a_parents_council_is_no_school(
    body: str, expected: dict[str, tuple[str, str]]
) -> None:
    found = {n: (r, s) for n, r, s in people(read(body))}
    assert {n: found[n] for n in expected} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei!\n\nFra Vik kommer:\n- Elle Kappfjell, lærer ved Åarjel-saemiej skuvle\n"
            "- Kari Moen – kulturskolerektor (myself)\n\nHilsen\nKari Moen",
            [
                ("Elle Kappfjell", "lærer ved Åarjel-saemiej skuvle", "skole"),
                ("Kari Moen", "kulturskolerektor", "kulturskole"),
            ],
        ),
        (
            "Hei!\n\nFrå Vik kjem:\n- Elle Kappfjell, lærar ved Åarjel-saemiej skuvle\n"
            "- Kari Moen – kulturskulerektor (myself)\n\nHelsing\nKari Moen",
            [
                ("Elle Kappfjell", "lærar ved Åarjel-saemiej skuvle", "skole"),
                ("Kari Moen", "kulturskulerektor", "kulturskole"),
            ],
        ),
    ],
)
def test_a_south_sami_school_and_the_sender_marked_in_english(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    assert people(read(body, sender="kari.moen@vik.kommune.no", sender_name="Kari Moen")) == (
        expected
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei igjen!\n\nNå har vi svar fra barnehagen: Ingrid Fosse, styrer i Lia barnehage "
            "blir også med. Håper det går fint.\n\nHilsen\nSiri",
            ("Ingrid Fosse", "styrer i Lia barnehage", "barnehage"),
        ),
        (
            "Hei igjen!\n\nNo har vi svar frå barnehagen: Ingrid Fosse, styrar i Lia barnehage "
            "blir òg med. Håpar det går fint.\n\nHelsing\nSiri",
            ("Ingrid Fosse", "styrar i Lia barnehage", "barnehage"),
        ),
    ],
)
def test_the_join_verb_after_a_role_without_a_comma_is_no_part_of_it(
    body: str, expected: tuple[str, str, str]
) -> None:
    assert people(read(body)) == [expected]


@pytest.mark.parametrize(
    ("opening", "header", "rows", "closing"),
    [
        (
            "Hei!\n\nVik kommune melder på:",
            ["Navn", "Rolle", "Deltar 4. juni"],
            [
                ["Kari Moen", "kulturskolerektor", "Ja"],
                ["Lars Moe", "ordfører", "Nei"],
                ["Hanne Sunde", "lærer ved Vik skole", "Ja"],
                ["Tor Dal", "styrer i Lia barnehage", "Ja"],
            ],
            "Hilsen Kari",
        ),
        (
            "Hei!\n\nVik kommune melder på:",
            ["Namn", "Rolle", "Deltek 4. juni"],
            [
                ["Kari Moen", "kulturskulerektor", "Ja"],
                ["Lars Moe", "ordførar", "Nei"],
                ["Hanne Sunde", "lærar ved Vik skule", "Ja"],
                ["Tor Dal", "styrar i Lia barnehage", "Ja"],
            ],
            "Helsing Kari",
        ),
    ],
)
def test_an_outlook_html_table_keeps_its_rows_under_its_header(
    opening: str, header: list[str], rows: list[list[str]], closing: str
) -> None:
    # Outlook writes each cell as a paragraph: its rows must not come apart into blocks, or
    # the "Nei" of the attendance column is no longer read and a non-participant is listed
    html = render_html([opening, ("table", header, rows), closing], "outlook")
    found = people(read_html(html, sender="kari.moen@vik.kommune.no"))
    assert [name for name, _, _ in found] == ["Kari Moen", "Hanne Sunde", "Tor Dal"]
