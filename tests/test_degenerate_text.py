"""Degenerate stretches (long runs of punctuation, over-long chunks) never reach spaCy or the
patterns of the understanding stage uncut: the rule bounds the text, whatever the machine."""

from __future__ import annotations

import random
import re
import string

import pytest

from parsers.degenerate import MAX_CHUNK, MAX_SYMBOL_RUN, shorten_degenerate
from parsers.extraction import extract, load_pipeline, read_own_words
from parsers.nlp.components import MailContext

MEGABYTE = 1_000_000
LIST = "Hei!\n\nVi melder på:\n- Kari Nordmann, rektor\n"
SYMBOL_RUN = re.compile(rf"(?:_|[^\w\s]){{{MAX_SYMBOL_RUN + 1},}}")


def assert_bounded(text: str) -> None:
    assert all(len(chunk) <= MAX_CHUNK for chunk in text.split())
    assert not SYMBOL_RUN.search(text)


@pytest.mark.parametrize("char", list(string.punctuation))
def test_a_megabyte_run_of_any_ascii_punctuation_is_cut_before_tokenizing(char: str) -> None:
    text = f"{LIST}{char * MEGABYTE}\nMvh Ola"
    shortened = shorten_degenerate(text)
    assert len(shortened.text) <= len(LIST) + MAX_SYMBOL_RUN + len("\nMvh Ola")
    assert_bounded(shortened.text)
    assert shortened.text.startswith(LIST) and shortened.text.endswith("\nMvh Ola")


@pytest.mark.parametrize(
    "chunk",
    ["<>" * (MEGABYTE // 2), "http://x.no/" * 80_000, "a" * MEGABYTE, "=a" * (MEGABYTE // 2)],
    ids=["alternating", "url-like", "letters", "mixed"],
)
def test_a_megabyte_chunk_without_spaces_is_cut(chunk: str) -> None:
    shortened = shorten_degenerate(f"{LIST}{chunk}\nMvh Ola")
    assert len(shortened.text) <= len(LIST) + MAX_CHUNK + len("\nMvh Ola")
    assert_bounded(shortened.text)


def test_ordinary_text_is_left_alone() -> None:
    text = (
        "Hei!\n---------------\nKari Nordmann, rektor (kulturskolen) – https://www.bodo.kommune.no/"
    )
    shortened = shorten_degenerate(text)
    assert shortened.text == text
    assert not shortened.changed


def test_offsets_point_at_the_original_text() -> None:
    rng = random.Random(13)
    pieces = ["Kari Nordmann", " ", "\n", ">" * 40, "*-" * 30, "x" * 300, "rektor", "…" * 20]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
        shortened = shorten_degenerate(text)
        assert_bounded(shortened.text)
        assert shortened.text.count("\n") == text.count("\n")
        for position, char in enumerate(shortened.text):
            assert text[shortened.original_offset(position)] == char
        for found in re.finditer("Kari Nordmann", shortened.text):
            start = shortened.original_offset(found.start())
            assert text[start : start + len("Kari Nordmann")] == "Kari Nordmann"


def test_the_pipeline_tokenizes_the_cut_text() -> None:
    doc = read_own_words(load_pipeline(), f"{LIST}{'>' * MEGABYTE}\nMvh Ola", MailContext())
    assert len(doc.text) <= len(LIST) + MAX_SYMBOL_RUN + len("\nMvh Ola")
    assert [p.name for p in doc._.participants] == ["Kari Nordmann"]


def test_a_megabyte_line_in_the_own_words_still_extracts_the_people() -> None:
    raw = (
        "From: Ola Hansen <ola@bodo.kommune.no>\r\nTo: pamelding@ks.no\r\n"
        "Subject: Påmelding\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        f"{LIST}{'*' * MEGABYTE}\nMvh Ola Hansen\n"
    ).encode()
    extraction = extract(raw)
    assert [p.name for p in extraction.participants] == ["Kari Nordmann"]
