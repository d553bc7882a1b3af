"""The long-running worker: it polls, replies, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.flow import make_maildir, outbox_messages


def test_the_worker_answers_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    outbox = tmp_path / "outbox"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mailbot.cli",
            "--log-level",
            "INFO",
            "run",
            "--maildir",
            str(maildir),
            "--outbox",
            str(outbox),
            "--database",
            f"sqlite:///{tmp_path / 'w.db'}",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "MAILBOT_SEND_INTERVAL_SECONDS": "5"},
    )
    assert worker.stderr is not None
    seen_send = seen_poll = False
    for line in worker.stderr:  # blocks on the worker's own log lines, no sleeping
        seen_poll = seen_poll or "poll done: processed 1" in line
        seen_send = seen_poll and "send done: sent 1" in line
        if seen_send or "Traceback" in line:
            break
    worker.send_signal(signal.SIGTERM)
    code = worker.wait(timeout=60)

    assert seen_send
    assert code == 0
    assert [m["X-Mailbot-Reply"] for m in outbox_messages(outbox)] == ["confirmation"]
