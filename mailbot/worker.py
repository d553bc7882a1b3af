"""The long-running worker: APScheduler runs poll-and-process, send and the daily digest.

Jobs never overlap themselves (``max_instances=1``, ``coalesce``), and SIGTERM/SIGINT set a
stop flag that processing checks between messages, then shut the scheduler down after the
running job, so a stop never cuts a message in half.
"""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass
from datetime import datetime
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from mailbot.app import App
from mailbot.digest_job import send_digest
from mailbot.ingest import ingest
from mailbot.processing import process_pending
from mailbot.sending import send_due

log = logging.getLogger(__name__)


@dataclass
class CycleResult:
    stored: int
    processed: int
    failed: int
    replies: int
    sent: int


def run_cycle(app: App, stop: threading.Event | None = None) -> CycleResult:
    """One poll, process and send cycle (``mailbot run --once``)."""
    flag = stop or threading.Event()
    with app.source() as source:
        stored = ingest(source, app.factory)
    stats = process_pending(app.factory, app.processor(), flag.is_set)
    sent = send_due(app.factory, app.transport(), app.clock)
    return CycleResult(stored.stored, stats.processed, stats.failed, stats.replies, sent.sent)


def run_forever(app: App) -> None:
    """Schedule the jobs and block until SIGTERM or SIGINT."""
    stop = threading.Event()
    scheduler = BlockingScheduler(timezone=app.event.tz)
    settings = app.settings
    common = {"max_instances": 1, "coalesce": True}
    now = datetime.now(app.event.tz)
    scheduler.add_job(
        _guarded(lambda: _poll(app, stop)),
        IntervalTrigger(seconds=settings.poll_interval_seconds),
        id="poll",
        next_run_time=now,
        **common,
    )
    scheduler.add_job(
        _guarded(lambda: _send(app)),
        IntervalTrigger(seconds=settings.send_interval_seconds),
        id="send",
        next_run_time=now,
        **common,
    )
    scheduler.add_job(
        _guarded(lambda: send_digest(app)),
        CronTrigger(
            hour=settings.digest_time.hour,
            minute=settings.digest_time.minute,
            timezone=app.event.tz,
        ),
        id="digest",
        **common,
    )

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: stopping after the current message", signum)
        stop.set()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    app.processor()  # load the language model before the first poll
    log.info("worker started; polling every %ss", settings.poll_interval_seconds)
    scheduler.start()


def _poll(app: App, stop: threading.Event) -> None:
    with app.source() as source:
        ingest(source, app.factory)
    stats = process_pending(app.factory, app.processor(), stop.is_set)
    log.info(
        "poll done: processed %d, failed %d, replies %d",
        stats.processed,
        stats.failed,
        stats.replies,
    )


def _send(app: App) -> None:
    stats = send_due(app.factory, app.transport(), app.clock)
    log.info(
        "send done: sent %d, retried %d, failed %d, uncertain %d",
        stats.sent,
        stats.retried,
        stats.failed,
        stats.uncertain,
    )


def _guarded(job: object) -> object:
    """A failing job is logged and tried again at its next run; it never kills the worker."""

    def run() -> None:
        try:
            job()  # type: ignore[operator]
        except Exception:
            log.exception("job failed; it runs again at its next time")

    return run
