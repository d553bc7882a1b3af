"""The registration corpus the tests read: 40 raw mails with gold answers, carried in the
repository (tests/fixtures/corpus) so that a clone in any folder runs the suite on its own.
Every test finds the corpus through this module, and none reads a path outside the clone."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fixtures" / "corpus"
REFERENCE = REPO / "tests" / "fixtures" / "reference"
FIXTURES = REPO / "tests" / "fixtures"
#: Where the set test's floors are kept, one row per gold folder.
SET_FLOORS = FIXTURES / "set_floors.toml"


def corpus_dir() -> Path:
    """The folder of NNN.eml / NNN.json pairs (the gold folder for `mailbot eval`)."""
    return CORPUS


def gold_sets() -> dict[str, Path]:
    """Every gold folder under tests/fixtures (``NNN.eml`` with its ``NNN.json``), by name:
    the corpus, the held-out set and the blind sets."""
    return {
        folder.name: folder
        for folder in sorted(FIXTURES.iterdir())
        if folder.is_dir() and any(folder.glob("[0-9][0-9][0-9].json"))
    }


def mail_fixture(name: str) -> bytes:
    """The raw bytes of a hand-written test mail in tests/fixtures/mail."""
    return (FIXTURES / "mail" / name).read_bytes()


def corpus_files() -> list[Path]:
    """The 40 raw messages, in order."""
    return sorted(CORPUS.glob("*.eml"))


def corpus_bytes(number: str) -> bytes:
    """The raw bytes of corpus message ``number`` ("001" … "040"), exactly as received."""
    return (CORPUS / f"{number}.eml").read_bytes()
