"""Abbreviated role words are found alike in text with and without a dot: a text without
one is searched with only the dotless abbreviations (faster), which must find exactly what
the whole pattern finds there."""

from __future__ import annotations

import pytest

from parsers.nlp.abbreviations import (
    abbreviation_regex,
    ends_with_dotted_abbreviation,
    find_abbreviations,
)

LINES = [
    "Kari Berg, ped leder i Solsikken barnehage",  # bokmål, no dot
    "Ola Dal, PED  LEIAR ved Haugen barnehage",  # nynorsk, no dot, spaced
    "Kari Berg, ped. leder, og Per Li, komm.dir.",  # bokmål, dotted
    "Ola Dal (kult.sjef) og Siri Nes, rådgj.",  # nynorsk, dotted
    "speed leder og pedleiar er ingen forkortingar",  # inside longer words
    "ingen rolle her",
]


@pytest.mark.parametrize("line", LINES)
def test_found_as_the_whole_pattern_finds_them(line: str) -> None:
    whole = [(m.start(), m.end()) for m in abbreviation_regex().finditer(line)]
    assert [(start, end) for start, end, _, _ in find_abbreviations(line)] == whole


def test_dotless_abbreviations_are_found_in_text_without_a_dot() -> None:
    assert [s for _, _, s, _ in find_abbreviations("Kari Berg, ped leder")] == ["barnehage"]
    assert [s for _, _, s, _ in find_abbreviations("Ola Dal, ped leiar")] == ["barnehage"]
    assert not ends_with_dotted_abbreviation("Ola Dal, ped leiar")
    assert ends_with_dotted_abbreviation("Per Li, komm.dir.")
