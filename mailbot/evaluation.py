"""Score the extraction against a folder of gold answers (``NNN.eml`` + ``NNN.json``).

Each name read that nobody signed up, and each name missed, is shown with the reader that
read it (or came closest, or "no reader"): ``mailbot.eval_attribution``.

Names and roles are compared after Unicode NFC, whitespace normalisation and case folding,
because the gold keeps names "as written" while a reader may differ only in spacing or case;
municipality is compared by number. Every mismatch is listed, so a drop in a figure can be
traced to the message that caused it.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mailbot.eval_attribution import AsRead
from mailbot.event import load_event
from parsers.extraction import extract, load_pipeline
from parsers.mime import parse
from parsers.types import ExtractionContext


@dataclass(frozen=True)
class Mismatch:
    file: str
    field: str
    expected: object
    got: object
    #: For a name: the reader that read it, or for a miss the one that came closest.
    reader: str = ""


@dataclass
class Tally:
    """Correct out of total for an accuracy figure."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class PRF:
    """Counts for precision, recall and F1 over sets of strings."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    files: int = 0
    kind: Tally = field(default_factory=Tally)
    municipality: Tally = field(default_factory=Tally)
    language: Tally = field(default_factory=Tally)
    names: PRF = field(default_factory=PRF)
    role: Tally = field(default_factory=Tally)
    sector: Tally = field(default_factory=Tally)
    removed: PRF = field(default_factory=PRF)
    mismatches: list[Mismatch] = field(default_factory=list)


def norm(text: str | None) -> str | None:
    """NFC, collapsed whitespace, case-folded: the comparison key of names and roles."""
    if text is None:
        return None
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def municipality_number(value: dict[str, Any] | None) -> str | None:
    return value["number"] if value else None


def score_file(
    report: EvalReport,
    name: str,
    gold: dict[str, Any],
    got: dict[str, Any],
    read: AsRead | None = None,
) -> None:
    """Add one message's comparison to ``report`` (``read``: the message as read, whose
    evidence names the reader of each name)."""
    report.files += 1
    for key, tally in (("kind", report.kind), ("language", report.language)):
        ok = gold[key] == got[key]
        tally.add(ok)
        if not ok:
            why = read.language_read() if read and key == "language" else ""
            report.mismatches.append(Mismatch(name, key, gold[key], got[key], why))
    expected_m, got_m = (
        municipality_number(gold["municipality"]),
        municipality_number(got["municipality"]),
    )
    report.municipality.add(expected_m == got_m)
    if expected_m != got_m:
        why = read.municipality_read() if read else ""
        report.mismatches.append(
            Mismatch(name, "municipality", gold["municipality"], got["municipality"], why)
        )
    score_participants(report, name, gold["participants"], got["participants"], read)
    score_removed(report, name, gold["removed"], got["removed"])


def score_participants(
    report: EvalReport,
    name: str,
    gold: list[dict[str, Any]],
    got: list[dict[str, Any]],
    read: AsRead | None = None,
) -> None:
    expected = {norm(p["name"]): p for p in gold}
    found = {norm(p["name"]): p for p in got}
    for key, person in expected.items():
        if key not in found:
            report.names.fn += 1
            why = read.closest_to(person["name"]) if read else ""
            report.mismatches.append(Mismatch(name, "name (missed)", person["name"], None, why))
            continue
        report.names.tp += 1
        other = found[key]
        role_ok = norm(person["role"]) == norm(other["role"])
        report.role.add(role_ok)
        if not role_ok:
            report.mismatches.append(
                Mismatch(name, f"role of {person['name']}", person["role"], other["role"])
            )
        sector_ok = person["sector"] == other["sector"]
        report.sector.add(sector_ok)
        if not sector_ok:
            report.mismatches.append(
                Mismatch(name, f"sector of {person['name']}", person["sector"], other["sector"])
            )
    for key, person in found.items():
        if key not in expected:
            report.names.fp += 1
            why = read.reader_of(person["name"]) if read else ""
            report.mismatches.append(Mismatch(name, "name (extra)", None, person["name"], why))


def score_removed(report: EvalReport, name: str, gold: list[str], got: list[str]) -> None:
    expected, found = {norm(n) for n in gold}, {norm(n) for n in got}
    report.removed.tp += len(expected & found)
    report.removed.fn += len(expected - found)
    report.removed.fp += len(found - expected)
    if expected != found:
        report.mismatches.append(Mismatch(name, "removed", sorted(gold), sorted(got)))


def evaluate(
    gold_dir: Path, nlp: Any = None, context: ExtractionContext | None = None
) -> EvalReport:
    """Run ``extract`` on every ``*.eml`` with a ``.json`` beside it and score the result,
    read as the event (the packaged default unless ``context`` says) would read it."""
    nlp = nlp or load_pipeline()
    context = context or load_event().extraction_context()
    report = EvalReport()
    for eml in sorted(Path(gold_dir).glob("*.eml")):
        gold_path = eml.with_suffix(".json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        raw = eml.read_bytes()
        extraction = extract(raw, nlp, context, explain=True)
        score_file(report, eml.name, gold, extraction.to_json(), AsRead(extraction, parse(raw)))
    return report


def tally_line(label: str, tally: Tally) -> str:
    return f"{label:<20}{tally.accuracy:.3f}  ({tally.correct}/{tally.total})"


def prf_line(label: str, prf: PRF) -> str:
    return f"{label:<20}{prf.f1:.3f}  (tp {prf.tp}, fp {prf.fp}, fn {prf.fn})"


def format_report(report: EvalReport) -> str:
    """The figures, one per line, then every mismatch (file, field, expected, got)."""
    lines = [
        f"files evaluated     {report.files}",
        tally_line("kind accuracy", report.kind),
        tally_line("municipality acc.", report.municipality),
        tally_line("language accuracy", report.language),
        f"names precision     {report.names.precision:.3f}",
        f"names recall        {report.names.recall:.3f}",
        prf_line("names F1", report.names),
        tally_line("role accuracy", report.role),
        tally_line("sector accuracy", report.sector),
        prf_line("removed F1", report.removed),
        f"mismatches          {len(report.mismatches)}",
    ]
    for m in report.mismatches:
        reader = f"\t{m.reader}" if m.reader else ""
        lines.append(f"  {m.file}\t{m.field}\texpected={m.expected!r}\tgot={m.got!r}{reader}")
    return "\n".join(lines)


CORPUS_IN_REPOSITORY = Path("tests") / "fixtures" / "corpus"


def default_gold_dir() -> Path:
    """MAILBOT_CORPUS, else the corpus the repository carries (``tests/fixtures/corpus``) in
    the checkout mailbot runs from or the current folder: an installed package has no tests."""
    env = os.environ.get("MAILBOT_CORPUS")
    if env:
        return Path(env)
    repo_root = Path(__file__).resolve().parent.parent
    for base in (repo_root, Path.cwd()):
        if (base / CORPUS_IN_REPOSITORY).is_dir():
            return base / CORPUS_IN_REPOSITORY
    return Path.cwd() / CORPUS_IN_REPOSITORY


def main(gold_dir: Path | None = None) -> int:
    """Print the report; 0 when the folder held gold files, 2 when it held none."""
    directory = Path(gold_dir) if gold_dir else default_gold_dir()
    if not directory.is_dir():
        print(f"no gold directory: {directory}", file=sys.stderr)
        return 2
    report = evaluate(directory)
    print(format_report(report))
    return 0 if report.files else 2


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
