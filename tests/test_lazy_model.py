"""``mailbot run --once`` loads the language model only when a message is to be read.

Loading spaCy and the NER model is most of a worker's start-up; an inbox with nothing
waiting needs neither. Checked in a fresh interpreter (this one may have loaded spaCy for
other tests) by what it imported, never by how long it took.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.flow import make_maildir

PROBE = """
import sys
from tests.flow import run_once
from pathlib import Path
code = run_once(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
print(code, "spacy" in sys.modules)
"""


def run_once_in_a_fresh_process(tmp_path: Path, *names: str) -> str:
    maildir = make_maildir(tmp_path / "Maildir", *names)
    outbox = tmp_path / "out"
    outbox.mkdir()
    database = f"sqlite:///{tmp_path / 'm.db'}"
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(maildir), str(outbox), database],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    )
    return done.stdout.strip()


def test_an_empty_inbox_is_polled_without_loading_the_model(tmp_path: Path) -> None:
    out = run_once_in_a_fresh_process(tmp_path).splitlines()
    assert out == ["stored 0, processed 0, failed 0, replies 0, sent 0", "0 False"]


def test_a_waiting_message_loads_the_model_and_is_read(tmp_path: Path) -> None:
    out = run_once_in_a_fresh_process(tmp_path, "005").splitlines()
    assert out[0].startswith("stored 1, processed 1, failed 0")
    assert out[-1] == "0 True"
