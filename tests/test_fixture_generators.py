"""Each blind set's generator (``tests/fixtures/<set>/make_<set>.py``) makes the very bytes
that are committed: the gold folders are reproducible, and a change to a generator or to the
shared builders (``tests/fixtures/mailbuild.py``) that would alter a mail is seen.

A generator writes beside itself, so it runs from a copy in a temporary folder laid out like
the repository (with the shared builders and the municipality register it reads).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus import FIXTURES, REPO

GENERATORS = sorted(FIXTURES.glob("*/make_*.py"))
#: What a generator may read besides itself.
SHARED = ("tests/fixtures/mailbuild.py", "parsers/data/kommuner-2020.csv")


@pytest.mark.parametrize("generator", GENERATORS, ids=lambda p: p.parent.name)
def test_the_generator_makes_the_committed_bytes(generator: Path, tmp_path: Path) -> None:
    for shared in SHARED:
        (tmp_path / shared).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / shared, tmp_path / shared)
    folder = tmp_path / generator.parent.relative_to(REPO)
    folder.mkdir(parents=True)
    copy = shutil.copyfile(generator, folder / generator.name)

    run = subprocess.run(
        [sys.executable, str(copy)], cwd=tmp_path, capture_output=True, text=True, check=False
    )

    assert run.returncode == 0, run.stdout + run.stderr
    made = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != generator.name)
    committed = sorted(p.name for p in generator.parent.iterdir() if p.suffix in (".eml", ".json"))
    assert set(committed) <= set(made)
    assert len(committed) >= 40
    differ = [n for n in made if (folder / n).read_bytes() != (generator.parent / n).read_bytes()]
    assert differ == []


def test_every_gold_set_but_the_corpus_has_its_generator() -> None:
    with_generator = {g.parent.name for g in GENERATORS}

    assert {"heldout", "blind2", "blind8"} <= with_generator
