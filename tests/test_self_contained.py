"""The repository carries the test data it needs: a clone in any folder runs the suite."""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path

from tests.corpus import CORPUS, REPO, corpus_files

TESTS = REPO / "tests"
# What a test once used to reach data beside the clone; none may come back. Spelled in pieces
# so that this guard is not itself found by a plain text search for those paths.
OUTSIDE = re.compile(
    "|".join(
        [r"\.\./" + "shared", "/work/", "MAILBOT_" + "CORPUS", r"REPO\.parent", r"parents\[2\]"]
        + [r"['\"]shared['\"]"]
    )
)


def test_the_corpus_is_forty_raw_mails_each_with_its_gold_answer() -> None:
    files = corpus_files()

    assert len(files) == 40
    for path in files:
        raw = path.read_bytes()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert gold["message_id"] == message["Message-ID"], path.name


def test_raw_mail_keeps_its_crlf_bytes() -> None:
    for path in corpus_files():
        raw = path.read_bytes()
        assert b"\r\n" in raw, path.name
        assert raw.count(b"\n") == raw.count(b"\r\n"), path.name


def test_git_is_told_not_to_convert_raw_mail() -> None:
    rules = (REPO / ".gitattributes").read_text(encoding="utf-8").splitlines()

    assert "*.eml -text" in rules
    assert (CORPUS / ".gitattributes").read_text(encoding="utf-8").split() == ["*.eml", "-text"]


def test_no_test_reaches_outside_the_repository() -> None:
    sources = [p for p in TESTS.rglob("*.py") if p != Path(__file__).resolve()]
    offenders = [
        f"{p.relative_to(REPO)}:{n}"
        for p in sources
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]

    assert offenders == []


def test_the_guard_sees_a_path_beside_the_clone() -> None:
    assert OUTSIDE.search('CORPUS = Path("../' + 'shared/corpus/registrations")')
    assert OUTSIDE.search('open("/work/' + 'main/x.eml")')
    assert not OUTSIDE.search('CORPUS = REPO / "tests" / "fixtures" / "corpus"')
