"""The long-running worker: it polls at once, replies, and stops cleanly on SIGTERM."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from mailbot.worker import _guarded
from tests.flow import make_maildir, outbox_messages
from tests.servers import DovecotServer, free_port

DEADLINE = 120.0
"""Seconds after which a worker that never got there is killed, so the test fails, not hangs."""


def test_the_first_poll_happens_at_start_up_and_sigterm_stops_cleanly(tmp_path: Path) -> None:
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
        # An hour between polls: only the poll at start-up can read the message.
        env={
            **os.environ,
            "MAILBOT_POLL_INTERVAL_SECONDS": "3600",
            "MAILBOT_SEND_INTERVAL_SECONDS": "5",
        },
    )
    assert worker.stderr is not None
    watchdog = threading.Timer(DEADLINE, worker.kill)
    watchdog.start()
    lines: list[str] = []
    for line in worker.stderr:  # blocks on the worker's own log lines, no sleeping
        lines.append(line)
        log = "".join(lines)
        if "Traceback" in line or ("poll done: processed 1" in log and 'job "send' in log):
            break
    watchdog.cancel()
    worker.send_signal(signal.SIGTERM)
    code = worker.wait(timeout=60)

    log = "".join(lines)
    # The reply leaves right after processing, not at the send job's next run.
    assert "poll done: processed 1, failed 0, replies 1, sent 1" in log, log
    assert 'Running job "poll' in log and 'Running job "send' in log  # jobs by their names
    assert code == 0
    assert [m["X-Mailbot-Reply"] for m in outbox_messages(outbox)] == ["confirmation"]


def test_a_failing_job_is_logged_by_name_and_does_not_raise(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def poll() -> None:
        raise ConnectionError("imap.example: connection refused")

    with caplog.at_level(logging.ERROR, logger="mailbot.worker"):
        _guarded("poll", poll)()

    [record] = caplog.records
    assert record.getMessage() == "job poll failed; it runs again at its next time"
    assert record.exc_info is not None and record.exc_info[0] is ConnectionError


def test_a_refused_login_waits_for_sighup_and_metrics_show_it(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    port = free_port()
    config = tmp_path / "worker.toml"
    config.write_text(
        f'database_url = "sqlite:///{tmp_path / "w.db"}"\noutbox_dir = "{tmp_path / "out"}"\n'
        f"poll_interval_seconds = 3600\nmetrics_port = {port}\n"
        f'[imap]\nhost = "{dovecot.host}"\nport = {dovecot.port}\n'
        f'username = "{dovecot.user}"\nsecurity = "none"\n'
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mailbot.cli",
            "--log-level",
            "INFO",
            "run",
            "--config",
            str(config),
        ],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "MAILBOT_IMAP__PASSWORD": "wrong"},
    )
    assert worker.stderr is not None
    lines = worker.stderr

    def read_until(text: str) -> list[str]:
        """Block on the worker's own log lines until one holds ``text``."""
        seen = []
        for line in lines:
            seen.append(line)
            if text in line or "Traceback" in line:
                break
        return seen

    first = read_until("poll done")
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30).read()
    worker.send_signal(signal.SIGHUP)
    again = read_until("trying the login to imap again") + read_until("poll done")
    worker.send_signal(signal.SIGTERM)
    code = worker.wait(timeout=60)

    assert sum("login refused" in line for line in first) == 1
    assert sum("login refused" in line for line in again) == 1
    assert dovecot.failed_logins() == 2
    assert code == 0
    text = metrics.decode()
    assert 'mailbot_login_refused{server="imap"} 1.0' in text
    assert "mailbot_last_poll_timestamp_seconds 0.0" in text
