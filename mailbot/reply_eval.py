"""``mailbot eval --replies``: run the whole embedded pipeline over a gold folder and score
the automatic replies against each message's ``expected_reply``.

A message's reply is the outgoing message to its sender that the outbox holds for it (its
``X-Mailbot-Reply`` kind), or ``none``. Each message is then *right* (the expected answer),
*held* (a receipt, or kept for the organiser without one, where an answer was expected: a
person decides), *wrong* (an automatic answer other than the expected one — a receipt where
no answer was expected included) or *unanswered* (no answer, not held, where one was
expected).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.inbound import held_doubts, held_reasons
from db.outbox import reply_kinds_by_inbound_uid
from db.states import HoldReason, ReplyKind
from mailbot.app import App
from mailbot.evaluation import default_gold_dir
from mailbot.settings import load_settings
from mailbot.worker import run_cycle
from parsers.types import place_words


@dataclass(frozen=True)
class ReplyScore:
    total: int
    correct: int
    mismatches: tuple[tuple[str, str, str], ...]  # (file, expected, got)
    held: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()
    #: Why each held message was held: its doubts, each with where it stands.
    doubts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: The other reasons a held message waits ("not_a_contact", "left_out_unsaid", …; an
    #: unsure reading's doubts say more than "unsure").
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def safe(self) -> float:
        """Share of messages that got no wrong automatic answer (right or held)."""
        return (self.correct + len(self.held)) / self.total if self.total else 0.0


def score_replies(gold_dir: Path, app: App | None = None) -> ReplyScore:
    """Process ``gold_dir`` in a throwaway SQLite database and compare replies with gold."""
    with tempfile.TemporaryDirectory(prefix="mailbot-eval-") as tmp:
        if app is None:
            settings = load_settings(
                None,
                database_url=f"sqlite:///{tmp}/eval.db",
                maildir=gold_dir,
                outbox_dir=Path(tmp) / "outbox",
            )
            app = App.build(settings)
        run_cycle(app)
        got = _replies_by_file(app)
        doubts = _held_doubts(app)
        with app.factory() as session:
            reasons = held_reasons(session)
        waiting = set(doubts)
        app.engine.dispose()
    mismatches: list[tuple[str, str, str]] = []
    held: list[str] = []
    wrong: list[str] = []
    unanswered: list[str] = []
    gold_files = sorted(gold_dir.glob("*.json"))
    for gold_file in gold_files:
        name = gold_file.stem
        expected = json.loads(gold_file.read_text("utf-8"))["expected_reply"]
        actual = got.get(name + ".eml", "none")
        if actual == expected:
            continue
        mismatches.append((name, expected, actual))
        if expected != "none" and (actual == ReplyKind.RECEIPT or name + ".eml" in waiting):
            held.append(name)
        elif actual == "none":
            unanswered.append(name)
        else:
            wrong.append(name)
    return ReplyScore(
        len(gold_files),
        len(gold_files) - len(mismatches),
        tuple(mismatches),
        tuple(held),
        tuple(wrong),
        tuple(unanswered),
        {name: doubts.get(name + ".eml", ()) for name in held},
        {
            name: tuple(r for r in reasons.get(name + ".eml", []) if r != HoldReason.UNSURE)
            for name in held
        },
    )


def _replies_by_file(app: App) -> dict[str, str]:
    """The kind of the answer each message's sender got (a change notice goes elsewhere)."""
    with app.factory() as session:
        return reply_kinds_by_inbound_uid(session)


def _held_doubts(app: App) -> dict[str, tuple[str, ...]]:
    """Each held message's doubts as ``doubt_line`` says them, by file."""
    with app.factory() as session:
        return {
            uid: tuple(doubt_line(d) for d in doubts)
            for uid, doubts in held_doubts(session).items()
        }


def doubt_line(doubt: dict[str, Any]) -> str:
    """ "unread_attachment 'Eva Li\tlærer' (attachment liste.xlsx line 4, sheet Ark1, row
    5, column Navn)": a stored doubt and where it stands."""
    part = str(doubt.get("part") or "")
    where = (
        place_words(
            part,
            int(doubt.get("line_no", -1)),
            int(doubt.get("row", -1)),
            str(doubt.get("column") or ""),
            str(doubt.get("sheet") or ""),
        )
        if part
        else "no place"
    )
    return f"{doubt.get('code')} {str(doubt.get('detail') or '')!r} ({where})"


def main(gold_dir: Path | None = None) -> int:
    folder = gold_dir or default_gold_dir()
    score = score_replies(folder)
    print(f"replies: {score.correct}/{score.total} as expected ({score.accuracy:.1%})")
    print(f"  right       {score.correct}")
    print(f"  held        {len(score.held)}  (a person decides)")
    print(f"  wrong       {len(score.wrong)}  (a wrong automatic answer was sent)")
    print(f"  unanswered  {len(score.unanswered)}")
    for name, expected, got in score.mismatches:
        tag = "held" if name in score.held else "wrong" if name in score.wrong else "unanswered"
        print(f"  {name}: expected {expected}, got {got} [{tag}]")
        for reason in score.reasons.get(name, ()):
            print(f"      held for {reason}")
        for line in score.doubts.get(name, ()):
            print(f"      doubt {line}")
    return 0
