"""``mailbot eval --replies``: run the whole embedded pipeline over a gold folder and score
the automatic replies against each message's ``expected_reply``.

A message's reply is what the outbox holds for it (its ``X-Mailbot-Reply`` kind), or ``none``.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from db.models import InboundMessage, OutboundMessage
from mailbot.app import App
from mailbot.evaluation import default_gold_dir
from mailbot.settings import load_settings
from mailbot.worker import run_cycle


@dataclass(frozen=True)
class ReplyScore:
    total: int
    correct: int
    mismatches: tuple[tuple[str, str, str], ...]  # (file, expected, got)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


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
        app.engine.dispose()
    mismatches = []
    gold_files = sorted(gold_dir.glob("*.json"))
    for gold_file in gold_files:
        expected = json.loads(gold_file.read_text("utf-8"))["expected_reply"]
        actual = got.get(gold_file.stem + ".eml", "none")
        if actual != expected:
            mismatches.append((gold_file.stem, expected, actual))
    return ReplyScore(len(gold_files), len(gold_files) - len(mismatches), tuple(mismatches))


def _replies_by_file(app: App) -> dict[str, str]:
    with app.factory() as session:
        rows = session.execute(
            select(InboundMessage.uid, OutboundMessage.kind).join(
                OutboundMessage, OutboundMessage.inbound_id == InboundMessage.id
            )
        )
        return {uid: kind for uid, kind in rows}


def main(gold_dir: Path | None = None) -> int:
    folder = gold_dir or default_gold_dir()
    score = score_replies(folder)
    print(f"replies: {score.correct}/{score.total} as expected ({score.accuracy:.1%})")
    for name, expected, got in score.mismatches:
        print(f"  {name}: expected {expected}, got {got}")
    return 0
