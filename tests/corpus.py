"""The registration corpus the tests read: 40 raw mails with gold answers, carried in the
repository (tests/fixtures/corpus) so that a clone in any folder runs the suite on its own.
Every test finds the corpus through this module, and none reads a path outside the clone."""

from __future__ import annotations

import re
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


_ID_RE = re.compile(rb"<([^<>@\s]+)@")
_ADDRESS_RE = re.compile(rb"([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+)")
_THREAD_HEADERS = (b"message-id", b"in-reply-to", b"references")


def corpus_copy(raw: bytes, copy: int) -> bytes:
    """Copy number ``copy`` of a corpus mail, for volume: fresh Message-IDs (thread headers
    rewritten alike, so a copied reply answers the copied message) and a tagged sender
    (``name+b3@domain``); the body is untouched. Copy 0 is the mail itself.

    The benchmark and the count tests use it to make a larger inbox as realistic as the
    corpus without any copy being a duplicate of another.
    """
    if copy == 0:
        return raw
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    end = min(ends) if ends else len(raw)
    head, body = raw[:end], raw[end:]
    lines = re.split(rb"(\r?\n)(?=\S)", head)
    out = []
    seen_id = False
    tag = b".b%d@" % copy
    for line in lines:
        name = line.split(b":", 1)[0].strip().lower()
        if name in _THREAD_HEADERS:
            line = _ID_RE.sub(lambda m: b"<" + m.group(1) + tag, line)
            seen_id |= name == b"message-id"
        elif name == b"from":
            line = _ADDRESS_RE.sub(lambda m: m.group(1) + b"+b%d@" % copy + m.group(2), line, 1)
        out.append(line)
    if not seen_id:
        out.append(b"\nMessage-ID: <corpus-copy-%d-%d@copies.invalid>" % (copy, len(raw)))
    return b"".join(out) + body


def corpus_copies(count: int) -> list[bytes]:
    """``count`` messages: the corpus, then its copies 1, 2, … in the same order."""
    mails = [f.read_bytes() for f in corpus_files()]
    return [corpus_copy(mails[i % len(mails)], i // len(mails)) for i in range(count)]
