"""The reply-parser suites of other projects (tests/fixtures/peer/), read as mailbot reads mail.

Each project's fixture files are kept as their authors wrote them (see the folder's README for
sources and licences); ``expected.toml`` holds what each of them should give as the sender's
own words, written from the project's own tests: the exact own text where the project gives
it, else strings that must be, or must not be, in the own words.

A bare body (.txt) is wrapped in a minimal UTF-8 text/plain message, an HTML body (.html) in a
text/html one; anything else is read as the raw message it is.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from parsers.types import ParsedEmail

PEER = Path(__file__).parent / "fixtures" / "peer"
#: Languages whose fixtures must all pass; the others may be listed as known failures.
LISTED_LANGUAGES = frozenset({"nb", "nn", "da", "sv", "de", "en"})
#: The suites whose own-text agreement is reported in the README.
AGREEMENT_SUITES = ("crisp", "github", "zapier", "mail-parser-reply")
#: Every vendored project (a folder of PEER each, with its licence).
SUITES = (*AGREEMENT_SUITES, "talon", "mail-parser")


@dataclass(frozen=True)
class Case:
    """One fixture and what its own words must be."""

    suite: str
    file: str
    language: str
    source: str
    own: str | None = None
    own_has: tuple[str, ...] = ()
    own_lacks: tuple[str, ...] = ()
    sender: str = "Peer Sender"
    known_failure: str | None = None

    @property
    def id(self) -> str:
        return f"{self.suite}/{self.file}"

    @property
    def path(self) -> Path:
        return PEER / self.suite / "mails" / self.file


def load_cases() -> list[Case]:
    data = tomllib.loads((PEER / "expected.toml").read_text("utf-8"))
    texts: dict[str, str] = data.get("texts", {})
    cases = []
    for entry in data["case"]:
        own = entry.get("own")
        if "own_text" in entry:
            own = texts[entry["own_text"]]
        cases.append(
            Case(
                suite=entry["suite"],
                file=entry["file"],
                language=entry["language"],
                source=entry["source"],
                own=own,
                own_has=tuple(entry.get("own_has", ())),
                own_lacks=tuple(entry.get("own_lacks", ())),
                sender=entry.get("sender", "Peer Sender"),
                known_failure=entry.get("known_failure"),
            )
        )
    return cases


#: talon keeps expected results beside its mails in files named like these.
NOT_MAILS = re.compile(r"_(?:sender|signature|reply_text)$")


def all_mails() -> list[Path]:
    """Every vendored mail of every suite (expected results or not)."""
    found = PEER.glob("*/mails/**/*")
    return sorted(p for p in found if p.is_file() and not NOT_MAILS.search(p.name))


HEADERS = (
    "From: {sender} <peer@example.org>\r\nTo: mailbot@example.no\r\n"
    "Subject: Re: peer fixture\r\nDate: Mon, 4 May 2020 10:00:00 +0200\r\n"
    "Message-ID: <peer-fixture@example.org>\r\nMIME-Version: 1.0\r\n"
    "Content-Type: text/{subtype}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
)


def raw_message(path: Path, sender: str = "Peer Sender") -> bytes:
    """The fixture as a message: bare .txt and .html bodies get a minimal header."""
    data = path.read_bytes()
    if path.suffix == ".txt" or path.name.endswith("_body"):
        return HEADERS.format(subtype="plain", sender=sender).encode() + data
    if path.suffix == ".html":
        return HEADERS.format(subtype="html", sender=sender).encode() + data
    return data


def tidy(text: str) -> str:
    """Compare own words without trailing blanks, blank-line runs or outer blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def problems(case: Case, parsed: ParsedEmail) -> list[str]:
    """What is wrong with the own words of ``parsed`` against ``case`` (empty: agrees)."""
    own = tidy(parsed.own_text)
    found = []
    if case.own is not None and own != tidy(case.own):
        found.append(f"own text differs:\n--- expected\n{tidy(case.own)}\n--- got\n{own}")
    found.extend(f"missing from own words: {s!r}" for s in case.own_has if s not in own)
    found.extend(f"wrongly in own words: {s!r}" for s in case.own_lacks if s in own)
    return found


def figure(cases: list[Case], agrees: dict[str, bool]) -> str:
    """ "agreeing/total (share)" of ``cases``."""
    if not cases:
        return "–"
    ok = sum(agrees[case.id] for case in cases)
    return f"{ok}/{len(cases)} ({100 * ok / len(cases):.0f} %)"


def agreement(cases: list[Case], agrees: dict[str, bool]) -> Iterator[tuple[str, str, str]]:
    """(row, figure over the listed languages, figure over all) per suite, then per language
    of the agreement suites, then over the agreement suites together."""
    counted = [c for c in cases if c.suite in AGREEMENT_SUITES]
    for suite in dict.fromkeys(c.suite for c in cases):
        mine = [c for c in cases if c.suite == suite]
        listed = [c for c in mine if c.language in LISTED_LANGUAGES]
        yield suite, figure(listed, agrees), figure(mine, agrees)
    for language in sorted({c.language for c in counted}):
        mine = [c for c in counted if c.language == language]
        yield (
            language,
            figure(mine, agrees) if language in LISTED_LANGUAGES else "–",
            figure(mine, agrees),
        )
    listed = [c for c in counted if c.language in LISTED_LANGUAGES]
    yield " + ".join(AGREEMENT_SUITES), figure(listed, agrees), figure(counted, agrees)
