"""rules.sectors: the sectors' words are data, in bokmål and nynorsk, and the advice leaves
the excluded sector out whichever it is."""

from __future__ import annotations

import pytest

from mailbot.digest import sector_label
from mailbot.web.formatting import sector
from parsers.types import SECTORS
from rules.sectors import others_than, sector_words


@pytest.mark.parametrize(
    ("code", "language", "name", "the"),
    [
        ("kulturskole", "nb", "kulturskole", "kulturskolen"),
        ("kulturskole", "nn", "kulturskule", "kulturskulen"),
        ("skole", "nb", "skole", "skolen"),
        ("skole", "nn", "skule", "skulen"),
        ("barnehage", "nn", "barnehage", "barnehagen"),
    ],
)
def test_each_sector_has_its_words_in_both_standards(
    code: str, language: str, name: str, the: str
) -> None:
    words = sector_words(code, language)
    assert (words.name, words.the) == (name, the)


def test_every_contract_sector_has_words() -> None:
    for code in SECTORS:
        assert sector_words(code, "nb").name and sector_words(code, "nn").name


def test_an_unknown_sector_is_written_as_its_code() -> None:
    assert sector_words("bibliotek", "nb").the == "bibliotek"


@pytest.mark.parametrize(
    ("excluded", "language", "advice"),
    [
        (
            "barnehage",
            "nb",
            "en politiker, en leder i en annen tjeneste, en ansatt i skole eller kulturskole "
            "eller noen fra det lokale kulturlivet",
        ),
        (
            "barnehage",
            "nn",
            "ein politikar, ein leiar i ei anna teneste, ein tilsett i skule eller kulturskule "
            "eller nokon frå det lokale kulturlivet",
        ),
        (
            "kulturliv",
            "nb",
            "en politiker, en leder i en annen tjeneste eller en ansatt i skole, barnehage "
            "eller kulturskole",
        ),
        (
            "politikk",
            "nn",
            "ein leiar i ei anna teneste, ein tilsett i skule, barnehage eller kulturskule "
            "eller nokon frå det lokale kulturlivet",
        ),
    ],
)
def test_the_advice_names_everyone_but_the_excluded_sector(
    excluded: str, language: str, advice: str
) -> None:
    assert others_than(excluded, language) == advice


def test_the_organisers_sector_labels_are_unchanged() -> None:
    """The digest and the terminal write the bokmål name, the desk capitalises it."""
    assert [sector_label(s) for s in SECTORS] == [
        "kulturskole",
        "skole",
        "barnehage",
        "politikk",
        "administrasjon",
        "kulturliv",
        "annet",
    ]
    assert sector_label("ukjent") == "annet"
    assert [sector(s) for s in ("kulturskole", "barnehage", "annet")] == [
        "Kulturskole",
        "Barnehage",
        "Annet",
    ]
