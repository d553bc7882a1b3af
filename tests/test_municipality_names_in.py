"""``names_in`` finds exactly what the pattern of every municipality name finds (issue 11:
the pattern is built from the names whose first word the text holds)."""

from __future__ import annotations

import pytest

from parsers.nlp.municipality import name_regex, names_in

TEXTS = [
    # bokmål
    "Hei! Vi i Nord-Aurdal kommune melder på to fra Indre Østfold og én fra Bø i Telemark.",
    "Påmelding fra Kulturskolen i Sandefjord (tidligere Stokke), 3241 Sandefjord.",
    "Ingeborg Nes og Ola Våler kommer fra Herøy; Aurskog-Høland sender ingen.",
    # nynorsk and Sami parallel names
    "Påmelding frå Sunnfjord kommune: vi er tre frå Førde og ein frå Kautokeino/Guovdageaidnu.",
    "Me i Porsanger – Porsáŋgu – Porsanki kommune kjem alle, og Nordre Land òg.",
    # no name at all, and a name inside longer words or after a hyphen
    "Takk for invitasjonen, vi gleder oss!",
    "Bøker frå Osloområdet og e-post til x-Bø kommune.",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    "spelling",
    [
        str,
        str.upper,
        str.lower,
        str.swapcase,
        lambda t: t.replace("k", "\u212a"),
        lambda t: t.replace("s", "\u017f"),
    ],
)
def test_names_in_finds_what_the_whole_pattern_finds(text: str, spelling: object) -> None:
    variant = spelling(text)  # type: ignore[operator]
    expected = [(m.span(), m.group(1)) for m in name_regex().finditer(variant)]
    assert [(m.span(), m.group(1)) for m in names_in(variant)] == expected


def test_the_texts_hold_names() -> None:
    assert sum(bool(list(names_in(text))) for text in TEXTS) == len(TEXTS) - 2
