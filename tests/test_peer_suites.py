"""Other projects' reply-parser suites (tests/fixtures/peer/): mailbot's own words agree with
what each project's tests expect, and no mail of theirs breaks mailbot.

Fixtures in bokmål, nynorsk, Danish, Swedish, German and English must agree; fixtures in other
languages that do not agree yet are expected failures (strict), each with its reason in
``expected.toml``, so that a fix shows up and a regression fails.
"""

from __future__ import annotations

import re

import pytest

from parsers.degenerate import MAX_CHUNK, MAX_SYMBOL_RUN
from parsers.errors import ParseError
from parsers.extraction import extract_parsed, load_pipeline, readable_view
from parsers.mime import parse
from parsers.types import Extraction, ParsedEmail
from tests.peer_suites import (
    AGREEMENT_SUITES,
    LISTED_LANGUAGES,
    PEER,
    SUITES,
    Case,
    all_mails,
    load_cases,
    problems,
    raw_message,
)

CASES = load_cases()
MAILS = all_mails()
#: Known failures still allowed in the listed languages; this number only goes down.
LISTED_KNOWN_FAILURES_CEILING = 0
SYMBOL_RUN = re.compile(rf"(?:_|[^\w\s]){{{MAX_SYMBOL_RUN + 1},}}")


def params(cases: list[Case]) -> list[object]:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=case.known_failure)]
            if case.known_failure
            else [],
        )
        for case in cases
    ]


@pytest.mark.parametrize("case", params(CASES))
def test_own_words_agree_with_the_peer_suite(case: Case) -> None:
    parsed = parse(raw_message(case.path, case.sender))
    found = problems(case, parsed)
    assert not found, f"{case.id} ({case.source}):\n" + "\n".join(found)


def test_the_table_names_real_fixtures_in_known_languages() -> None:
    assert len({case.id for case in CASES}) == len(CASES)
    assert all(case.path.is_file() for case in CASES)
    assert {case.suite for case in CASES} >= set(AGREEMENT_SUITES)
    for case in CASES:
        assert case.own is not None or case.own_has or case.own_lacks, case.id
        assert re.fullmatch(r"[a-z]{2}", case.language), case.id


def test_known_failures_in_the_listed_languages_only_go_down() -> None:
    listed = [c.id for c in CASES if c.known_failure and c.language in LISTED_LANGUAGES]
    assert len(listed) <= LISTED_KNOWN_FAILURES_CEILING, listed


def test_every_licence_travels_with_its_fixtures() -> None:
    folders = sorted(p for p in PEER.iterdir() if p.is_dir())
    assert [f.name for f in folders] == sorted(SUITES)
    for folder in folders:
        assert list(folder.glob("LICENSE*")), folder.name
    assert (PEER / "mail-parser" / "NOTICE.txt").is_file()
    assert "Apache" in (PEER / "talon" / "LICENSE").read_text("utf-8")


def assert_bounded(text: str, original: str) -> None:
    """What the understanding stage reads is no longer than what was sent, and holds no
    stretch the tokenizer or a pattern could spend quadratic time on."""
    assert len(text) <= len(original)
    assert all(len(chunk) <= MAX_CHUNK for chunk in text.split())
    assert not SYMBOL_RUN.search(text)


@pytest.mark.parametrize("path", MAILS, ids=[str(p.relative_to(PEER)) for p in MAILS])
def test_every_peer_mail_reads_or_raises_parse_error(path) -> None:  # type: ignore[no-untyped-def]
    try:
        parsed = parse(raw_message(path))
    except ParseError as exc:
        assert str(exc)
        return
    assert isinstance(parsed, ParsedEmail)
    view = readable_view(parsed)
    for field in ("text", "own_text", "quoted_text", "forwarded_text", "signature"):
        assert_bounded(getattr(view, field), getattr(parsed, field))
    assert isinstance(extract_parsed(parsed, load_pipeline()), Extraction)
