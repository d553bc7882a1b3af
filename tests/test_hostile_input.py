"""Broken, truncated and mangled mail never crashes understanding: it either reads or raises
``ParseError`` (which the worker records against the message)."""

from __future__ import annotations

import random

import pytest

from parsers.errors import ParseError
from parsers.extraction import extract, load_pipeline
from tests.corpus import corpus_files

FILES = corpus_files()


def mutations(raw: bytes, rng: random.Random) -> list[bytes]:
    """Seeded damage of the kinds real mail shows: cut short, bytes flipped, headers doubled,
    boundaries lost, NUL bytes, a charset nobody knows."""
    cut = rng.randrange(1, len(raw))
    flipped = bytearray(raw)
    for _ in range(20):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    header_end = raw.find(b"\r\n\r\n")
    return [
        raw[:cut],
        bytes(flipped),
        raw[:header_end] * 3 + raw[header_end:],
        raw.replace(b"boundary=", b"boundary-lost="),
        raw.replace(b"\r\n", b"\r\n\x00", 5),
        raw.replace(b"charset=", b"charset=x-unknown-", 3),
        raw.replace(b"Content-Transfer-Encoding: base64", b"Content-Transfer-Encoding: x-bogus"),
    ]


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_damaged_mail_reads_or_raises_parse_error(path) -> None:  # type: ignore[no-untyped-def]
    nlp = load_pipeline()
    rng = random.Random(path.stem)
    for damaged in mutations(path.read_bytes(), rng):
        try:
            extraction = extract(damaged, nlp)
        except ParseError:
            continue
        assert extraction.kind in {
            "registration",
            "update",
            "withdrawal",
            "question",
            "auto_reply",
            "bounce",
            "other",
        }


@pytest.mark.parametrize(
    "raw",
    [b"", b"\x00" * 100, b"not mail at all", b"From: a@b\r\n\r\n", b"\xff\xfe" * 5000],
    ids=["empty", "nul", "text", "headers-only", "binary"],
)
def test_junk_is_refused_or_read_never_crashes(raw: bytes) -> None:
    try:
        extract(raw, load_pipeline())
    except ParseError as error:
        assert str(error)
