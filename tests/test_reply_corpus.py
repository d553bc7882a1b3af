"""Each corpus message gets its expected reply when the whole embedded pipeline runs over it
(``mailbot run --once --maildir``), judged as the corpus README says."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.reply_eval import score_replies
from tests.corpus import REPO, corpus_dir

FLOOR = 0.95


@pytest.mark.parametrize(
    "folder", [corpus_dir(), REPO / "tests/fixtures/heldout"], ids=["corpus", "heldout"]
)
def test_the_pipeline_gives_the_expected_reply(folder: Path) -> None:
    score = score_replies(folder)

    assert score.total == 40
    assert score.wrong == (), score.mismatches
    assert score.accuracy >= FLOOR, score.mismatches
