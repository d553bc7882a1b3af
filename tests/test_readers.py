"""The readers' table: every reader reads its own form, in bokmål and nynorsk, and the
resolver uses the table's order as the precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.nlp import readers
from parsers.nlp.candidate import read_doc
from parsers.nlp.patterns import pattern
from parsers.nlp.readers import READERS, DuplicateReaderError, Reader, check_table
from parsers.nlp.resolve import TextReading, read_text, resolve, sweeps
from parsers.nlp.resources import load_toml
from parsers.types import ExtractionContext

SENDER = "Sender Person"

#: reader -> (bokmål text, nynorsk text, (name, role) that reader must read in both)
EXAMPLES: dict[str, tuple[str, str, tuple[str, str | None]]] = {
    "header_table": (
        "Navn;Stilling;Deltar\nKari Berg;rektor;Ja\nPer Ås;ordfører;Nei\n",
        "Namn\tRolle\tDeltek\nKari Berg\trektor\tJa\nPer Ås\tordførar\tNei\n",
        ("Kari Berg", "rektor"),
    ),
    "labelled_fields": (
        "Navn: Per Ås\nStilling: kultursjef\n\nNavn: Kari Berg\nRolle: rektor\n",
        "Namn: Per Ås\nStilling: kultursjef\n\nNamn: Kari Berg\nRolle: rektor\n",
        ("Kari Berg", "rektor"),
    ),
    "wrapped_semicolons": (
        "Fra oss kommer: Kari Berg, rektor; Per Ås,\nordfører; Eli Dal, kultursjef\n",
        "Frå oss kjem: Kari Berg, rektor; Per Ås,\nordførar; Eli Dal, kultursjef\n",
        ("Kari Berg", "rektor"),
    ),
    "sender_line": (
        "Deltakere:\n- meg selv, kultursjef\n- Kari Berg, rektor\n",
        "Deltakarar:\n- meg sjølv, kultursjef\n- Kari Berg, rektor\n",
        (SENDER, "kultursjef"),
    ),
    "several_on_line": (
        "Kari Berg og Eli Hauge, begge rektor ved Vik skole\n",
        "Kari Berg og Eli Hauge, båe rektor ved Vik skule\n",
        ("Kari Berg", None),  # the role as written, checked below
    ),
    "list_line": (
        "- Per Ås (ordfører)\n- Kari Berg, rektor\n",
        "- Per Ås (ordførar)\n- Kari Berg, rektor\n",
        ("Kari Berg", "rektor"),
    ),
    "family_first": (
        "Berg, Kari - rektor\nÅs, Per - ordfører\n",
        "Berg, Kari – rektor\nÅs, Per – ordførar\n",
        ("Berg, Kari", "rektor"),
    ),
    "role_first": (
        "Disse kommer:\nRektor Kari Berg\n",
        "Desse kjem:\nRektor Kari Berg\n",
        ("Kari Berg", "Rektor"),
    ),
    "neighbour_cells": (
        "Per Ås\tordfører\nKari Berg\t900 00 000\n",
        "Per Ås\tordførar\nKari Berg\t900 00 000\n",
        ("Kari Berg", None),
    ),
    "given_name_only": (
        "Vi blir:\n- Per Ås, ordfører\n- Kari, rektor\n\nKontaktperson er Kari Berg.\n",
        "Vi blir:\n- Per Ås, ordførar\n- Kari, rektor\n\nKontaktperson er Kari Berg.\n",
        ("Kari Berg", "rektor"),
    ),
    "name_then_sector": (
        "- Per Ås, ordfører\nKari Berg fra barnehagen\n",
        "- Per Ås, ordførar\nKari Berg frå barnehagen\n",
        ("Kari Berg", None),  # the role as written, checked in test_extraction_lines_classes
    ),
    "name_then_role": (
        "Per Ås\nordfører\n\nKari Berg\nrektor\n",
        "Per Ås\nordførar\n\nKari Berg\nrektor\n",
        ("Kari Berg", "rektor"),
    ),
    "neighbour_name": (
        "- Per Ås, ordfører\nKari Berg\n",
        "- Per Ås, ordførar\nKari Berg\n",
        ("Kari Berg", None),
    ),
    "bare_self": (
        "Jeg er kultursjef. Vi blir disse:\n\nMeg selv\nKari Berg, rektor\n",
        "Eg er kultursjef. Vi blir desse:\n\nEg sjølv\nKari Berg, rektor\n",
        (SENDER, "kultursjef"),
    ),
    "in_same_order": (
        "Deltakere: Kari Berg og Per Ås.\nRoller i samme rekkefølge: rektor og ordfører.\n",
        "Deltakarar: Kari Berg og Per Ås.\nRollene i same rekkjefølgje: rektor og ordførar.\n",
        ("Kari Berg", "rektor"),
    ),
    "first_names_told": (
        "Vi blir to: Kari og Per.\nKari Berg er rektor. Per Ås er ordfører.\n",
        "Me blir to: Kari og Per.\nKari Berg er rektor. Per Ås er ordførar.\n",
        ("Kari Berg", "rektor"),
    ),
    "prose_people": (
        "Fra oss kommer Kari Berg, som er rektor.\n",
        "Frå oss kjem Kari Berg, som er rektor.\n",
        ("Kari Berg", "rektor"),
    ),
    "prose_self": (
        "Jeg kommer selv, som kultursjef.\n",
        "Eg kjem sjølv, som kultursjef.\n",
        (SENDER, "kultursjef"),
    ),
    "run_on_list": (
        "hei, fra oss: tone vik rektor på Dal skole, geir nes ordfører og Eli Dal kultursjef\n",
        "hei, frå oss: tone vik rektor på Dal skule, geir nes ordførar og Eli Dal kultursjef\n",
        ("tone vik", None),  # the role as written, checked in tests/test_run_on.py
    ),
    "later_role": (
        "Vi blir tre: Kari Berg, Jon Wold og Eli Dal. Kari er rektor.\n",
        "Me blir tre: Kari Berg, Jon Wold og Eli Dal. Kari er rektor.\n",
        ("Kari Berg", "rektor"),
    ),
    "correction": (
        "Kari Berg er ikke lærer, men rektor.\n",
        "Kari Berg er ikkje lærar, men rektor.\n",
        ("Kari Berg", "rektor"),
    ),
    "removal": (
        "Kari Berg kan dessverre ikke likevel.\n",
        "Kari Berg kan diverre ikkje likevel.\n",
        ("Kari Berg", None),
    ),
}


def read(text: str, table: tuple[Reader, ...] = READERS) -> TextReading:
    doc = read_doc(text, sender_name=SENDER, known=text)
    return read_text(doc, ExtractionContext(), table)


def test_every_reader_has_an_example() -> None:
    assert set(EXAMPLES) == {r.name for r in READERS}


@pytest.mark.parametrize("language", [0, 1], ids=["nb", "nn"])
@pytest.mark.parametrize("name", list(EXAMPLES))
def test_reader_reads_its_form(name: str, language: int) -> None:
    text, (person, role) = EXAMPLES[name][language], EXAMPLES[name][2]
    reading = read(text)
    if name == "removal":
        assert reading.removed == [person]
        return
    found = {c.name: c for c in reading.people}
    assert person in found, (name, text)
    # the person is attributed to the reader that read it (a later role to the person's)
    expected = "prose_people" if name == "later_role" else name
    assert found[person].reader == expected
    if role is not None:
        assert found[person].role == role


@pytest.mark.parametrize("text", EXAMPLES["several_on_line"][:2])
def test_several_on_line_gives_both_the_shared_role(text: str) -> None:
    roles = {c.name: c.role for c in read(text).people}
    assert roles["Kari Berg"] == roles["Eli Hauge"]
    assert roles["Kari Berg"] is not None and roles["Kari Berg"].startswith("rektor ved Vik")


@pytest.mark.parametrize("text", [EXAMPLES["header_table"][0], EXAMPLES["header_table"][1]])
def test_a_row_saying_no_signs_nobody_up(text: str) -> None:
    assert "Per Ås" not in {c.name for c in read(text).people}


@pytest.mark.parametrize(
    "text",
    ["Navn\tStilling\nKari Berg\trektor\n", "Namn\tStilling\nKari Berg\trektor\n"],
    ids=["nb", "nn"],
)
def test_the_table_order_is_the_precedence(text: str) -> None:
    """A row both the header reader and the list-line reader can read goes to whichever
    comes first in the table the resolver is given."""
    assert [c.reader for c in read(text).people] == ["header_table"]
    by_name = {r.name: r for r in READERS}
    swapped = (by_name["list_line"], *(r for r in READERS if r.name != "list_line"))
    assert [c.reader for c in read(text, swapped).people] == ["list_line"]


def test_sweeps_keep_the_table_order() -> None:
    flat = [reader for group in sweeps(READERS) for reader in group]
    assert flat == list(READERS)
    line_groups = [[r.name for r in g] for g in sweeps(READERS) if g[0].read_line is not None]
    assert line_groups == [
        ["sender_line", "several_on_line", "list_line", "family_first"],
        ["role_first"],
        [
            "neighbour_cells",
            "given_name_only",
            "name_then_sector",
            "name_then_role",
            "neighbour_name",
            "bare_self",
        ],
    ]


@pytest.mark.parametrize(
    "text",
    ["Kari Berg\nPer Ås\nrektor\n", "Kari Berg\nPer Ås\nrektor\n"],
    ids=["nb", "nn"],
)
def test_a_sweep_reads_line_by_line(text: str) -> None:
    """ "Per Ås / rektor" is a two-line entry; the bare name above it was offered first,
    when no list line stood next to it, so it stays unread."""
    assert [(c.name, c.reader) for c in read(text).people] == [("Per Ås", "name_then_role")]


def test_a_reader_name_is_registered_once() -> None:
    with pytest.raises(DuplicateReaderError):
        check_table((*READERS, READERS[0]))


@pytest.mark.parametrize(
    "text",
    [
        "Kari Berg, lærer\nKari Berg er ikke lærer, men rektor.\n",
        "Kari Berg, lærar\nKari Berg er ikkje lærar, men rektor.\n",
    ],
    ids=["nb", "nn"],
)
def test_a_correction_replaces_every_reading_of_the_name(text: str) -> None:
    assert [(c.name, c.role, c.reader) for c in read(text).people] == [
        ("Kari Berg", "rektor", "correction")
    ]


@pytest.mark.parametrize("language", [0, 1], ids=["nb", "nn"])
def test_a_reading_that_does_not_stand_says_why(language: int) -> None:
    table = EXAMPLES["header_table"][language]
    removal = EXAMPLES["removal"][language]
    own = read_doc(table + "\n" + removal, sender_name=SENDER, known=table + removal)
    resolution = resolve(own, None, (), ExtractionContext())

    assert [c.name for c in resolution.people] == []
    assert {(c.name, c.reader, why) for c, why in resolution.set_aside} == {
        ("Per Ås", "header_table", "its row says the person does not take part"),
        ("Kari Berg", "header_table", "removed by the text"),
    }


def test_every_pattern_of_the_readers_is_data_in_use() -> None:
    """Each pattern in ``readers.toml`` compiles and a reader module names it."""
    folder = Path(readers.__file__).parent
    source = "".join(p.read_text("utf-8") for p in folder.glob("*.py"))
    for key in load_toml("readers.toml")["patterns"]:
        assert pattern(key).pattern
        assert f'"{key}"' in source, key


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "Fra Lunner kommer Siri Holm, Geir Tangen, Mona Lie Dahl og Petter Brun. Siri "
            "(meg) er kultursjef, Geir er ordfører, Mona er rektor på Grua skole og Petter "
            "er leder i Lunner skolekorps.\n",
            ["kultursjef", "ordfører", "rektor på Grua skole", "leder i Lunner skolekorps"],
        ),
        (
            "Frå Vinje kjem Siri Holm, Geir Tangen, Mona Lie Dahl og Petter Brun. Siri (eg) "
            "er kultursjef, Geir er no ordførar, Mona er rektor på Åmot skule og Petter har "
            "rolla som leiar i Vinje skulekorps.\n",
            ["kultursjef", "ordførar", "rektor på Åmot skule", "leiar i Vinje skulekorps"],
        ),
    ],
    ids=["nb", "nn"],
)
def test_later_roles_by_first_name_each_go_to_their_person(text: str, roles: list[str]) -> None:
    """ "Mona er rektor på … og Petter er leiar i …": the role ends where the next first
    name's clause begins, and each role joins the one person with that first name."""
    people = read(text).people

    assert [c.name for c in people] == ["Siri Holm", "Geir Tangen", "Mona Lie Dahl", "Petter Brun"]
    assert [c.role for c in people] == roles


@pytest.mark.parametrize(
    "text",
    [
        "- Kari Berg\n- Ola Dal, ordfører\n\nKari er rektor ved Vik skole.\n",
        "- Kari Berg\n- Ola Dal, ordførar\n\nKari er no rektor ved Vik skule.\n",
    ],
    ids=["nb", "nn"],
)
def test_a_later_role_joins_a_person_any_reader_read_without_one(text: str) -> None:
    roles = {c.name: c.role for c in read(text).people}

    assert roles["Kari Berg"] is not None and roles["Kari Berg"].startswith("rektor ved Vik")


@pytest.mark.parametrize(
    "text",
    [
        "Vi kommer tre: Kari Berg, Kari Dal og Ola Ås. Kari er rektor, Ola er ordfører.\n",
        "Me kjem tre: Kari Berg, Kari Dal og Ola Ås. Kari er rektor, Ola er ordførar.\n",
    ],
    ids=["nb", "nn"],
)
def test_a_first_name_two_persons_share_gives_no_role(text: str) -> None:
    roles = {c.name: c.role for c in read(text).people}

    assert roles["Kari Berg"] is None and roles["Kari Dal"] is None
    assert roles["Ola Ås"] in ("ordfører", "ordførar")
