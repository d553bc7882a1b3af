"""Scoring and printed report shared by the set tests (test_heldout/blind{2,3,4,5}_extraction).

``evaluated`` runs ``evaluate`` over a fixture folder and prints the report (run with
``pytest -s``); ``figure`` reads one figure of it (F1 where the figure has one, else accuracy);
``scored_replies`` scores the expected replies of a folder and prints every mismatch.
"""

from __future__ import annotations

from pathlib import Path

from mailbot.evaluation import EvalReport, evaluate, format_report
from mailbot.reply_eval import ReplyScore, score_replies


def evaluated(folder: Path) -> EvalReport:
    result = evaluate(folder)
    print()
    print(format_report(result))
    return result


def figure(report: EvalReport, name: str) -> float:
    value = getattr(report, name)
    return value.f1 if hasattr(value, "f1") else value.accuracy


def figures(report: EvalReport) -> dict[str, float]:
    """The seven figures the targets name, keyed as the set tests' floors are."""
    return {
        "kind": report.kind.accuracy,
        "municipality": report.municipality.accuracy,
        "language": report.language.accuracy,
        "names_f1": report.names.f1,
        "role": report.role.accuracy,
        "sector": report.sector.accuracy,
        "removed_f1": report.removed.f1,
    }


def scored_replies(folder: Path) -> ReplyScore:
    score = score_replies(folder)
    print()
    print(f"replies: {score.correct}/{score.total} as expected ({score.accuracy:.1%})")
    for name, expected, got in score.mismatches:
        print(f"  {name}: expected {expected}, got {got}")
    return score
