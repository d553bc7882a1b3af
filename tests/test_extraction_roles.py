"""Role lexicon, role trimming and sectors (small hand-written cases)."""

from __future__ import annotations

import pytest

from parsers.nlp.roles import clean_role, has_role_word
from parsers.nlp.sectors import classify_sector
from tests.extraction_support import FROM_GUARDED, NOT_FROM_GUARDED


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "leiar i hovudutval for oppvekst og kultur, Sp",
            "leiar i hovudutval for oppvekst og kultur",
        ),
        ("kulturskolerektor (meg)", "kulturskolerektor"),
        ("kulturskolelærer (dans)", "kulturskolelærer (dans)"),
        ("leder av hovedutvalg (NSR)", "leder av hovedutvalg"),
        ("rektor ola@x.no / 926 14 380", "rektor"),
        (
            "Leder av oppvekststyret (bystyrerepresentant)",
            "Leder av oppvekststyret (bystyrerepresentant)",
        ),
    ],
)
def test_clean_role_cuts_party_contact_and_self_marker(raw: str, expected: str) -> None:
    assert clean_role(raw) == expected


@pytest.mark.parametrize(
    "word",
    [
        "kulturskulerektor",
        "rådgjevar",
        "einingsleiar",
        "enhetsleder",
        "varaordførar",
        "etatsdirektør",
        "helsesykepleier",
        "UKM-koordinator",
        "Spesialrådgiver",
        "styrar",
    ],
)
def test_lexicon_knows_compounds_and_both_standards(word: str) -> None:
    assert has_role_word(word)


@pytest.mark.parametrize(
    ("role", "sector"),
    [
        ("rektor ved Hunstad skole", "skole"),
        ("rektor i kulturskulen", "kulturskole"),
        ("dirigent i Elverum skolekorps", "kulturliv"),
        ("Etatsdirektør, Etat for skole", "administrasjon"),
        ("kulturskulerektor og leiar i korpset", "kulturskole"),
        ("lærar ved Ole Bull Akademiet", "kulturliv"),
        ("Byråd for kultur, idrett og frivillighet", "politikk"),
        ("biblioteksjef", "kulturliv"),
        ("skolesjef", "administrasjon"),
        ("pedagogisk leiar i Palmafossen barnehage", "barnehage"),
        ("helsesykepleier", "annet"),
        ("medlem av kommunestyret", "politikk"),
        ("leiar i ungdomsrådet", "kulturliv"),
        ("Spesialrådgiver, Byrådsavdeling for utdanning", "administrasjon"),
        ("styrer i Máze mánáidgárdi", "barnehage"),
    ],
)
def test_sector_follows_role_and_context(role: str, sector: str) -> None:
    assert classify_sector(role) == sector


def test_bare_rektor_is_kulturskole_only_when_written_by_it() -> None:
    assert classify_sector("rektor", **FROM_GUARDED) == "kulturskole"
    assert classify_sector("rektor", **NOT_FROM_GUARDED) == "skole"


def test_no_role_is_annet() -> None:
    assert classify_sector(None) == "annet"
