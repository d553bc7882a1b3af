"""The long-running worker: APScheduler runs poll-and-process, send and the daily digest.

Jobs never overlap themselves (``max_instances=1``, ``coalesce``), and SIGTERM/SIGINT set a
stop flag that processing checks between messages, then shut the scheduler down after the
running job, so a stop never cuts a message in half.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from db.service_status import OK, record_status
from mailbot.app import App
from mailbot.digest_job import send_digest
from mailbot.errors import LoginRefused, UserError
from mailbot.ingest import ingest
from mailbot.invitees import queue_reminders, reminders_due
from mailbot.login_gate import LoginGate
from mailbot.metrics import serve_metrics
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
    fetched = fetch(app)
    stats = process_pending(app.factory, app.processor(), flag.is_set)
    sent = send_due(app.factory, app.transport(), app.clock)
    if fetched.error is not None:
        # What was stored is processed and sent; the mailbox's error is still the cycle's
        # result (``mailbot run --once`` says it in one line and exits 2).
        raise fetched.error
    return CycleResult(fetched.stored, stats.processed, stats.failed, stats.replies, sent.sent)


@dataclass(frozen=True)
class Fetched:
    """What a fetch stored, or why the mailbox could not be read."""

    stored: int = 0
    error: Exception | None = None


def fetch(app: App) -> Fetched:
    """Store new mail from the source.

    A mailbox that cannot be read (server down, connection cut mid-FETCH) is logged in one
    line, and the caller goes on to process and send what is already stored: an IMAP outage
    must not also stop the replies to mail that arrived before it. A refused login is raised
    (the login gate stops knocking)."""
    try:
        with app.source() as source:
            return Fetched(ingest(source, app.factory).stored)
    except LoginRefused:
        raise
    except Exception as error:  # noqa: BLE001 - the rest of the cycle does not need the source
        detail = f"{type(error).__name__}: {error}"[:300]
        log.warning("fetching mail failed (%s); processing what is stored", detail)
        return Fetched(error=error)


def run_forever(app: App) -> None:
    """Schedule the jobs and block until SIGTERM or SIGINT (SIGHUP: try refused logins again).

    The language model is loaded before anything is scheduled, and the first poll and send
    are due at the moment scheduling starts with no misfire grace limit: a slow start-up can
    delay the first poll but never drop it (APScheduler skips a run that is later than its
    grace time, and the next one would be a whole poll interval away).
    """
    stop = threading.Event()
    settings = app.settings
    gate = LoginGate(app.factory, app.clock)
    if settings.metrics_port is not None:
        serve_metrics(app.factory, app.clock, settings.metrics_host, settings.metrics_port)
    app.processor()  # load the language model before the first poll is scheduled
    scheduler = BlockingScheduler(
        timezone=app.event.tz,
        job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
    )
    now = datetime.now(app.event.tz)
    poll_every = IntervalTrigger(seconds=settings.poll_interval_seconds)
    send_every = IntervalTrigger(seconds=settings.send_interval_seconds)
    _schedule(scheduler, "poll", lambda: _poll(app, stop, gate), poll_every, now)
    _schedule(scheduler, "send", lambda: _send(app, gate), send_every, now)
    digest_at = CronTrigger(
        hour=settings.digest_time.hour, minute=settings.digest_time.minute, timezone=app.event.tz
    )
    _schedule(scheduler, "digest", lambda: send_digest(app), digest_at, None)
    if app.event.reminders.days_before_deadline is not None:
        _schedule(scheduler, "remind", lambda: _remind(app), digest_at, None)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: stopping after the current message", signum)
        stop.set()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def on_hangup(_signum: int, _frame: FrameType | None) -> None:
        """Try refused logins again, at once (the next poll may be an hour away)."""
        gate.reopen()
        for job in ("poll", "send"):
            scheduler.modify_job(job, next_run_time=datetime.now(app.event.tz))

    signal.signal(signal.SIGHUP, on_hangup)
    log.info("worker started; polling every %ss", settings.poll_interval_seconds)
    scheduler.start()


def remind_if_due(app: App) -> int:
    """The scheduled reminders (opt-in in the event file): on the days from the set number
    before the deadline until it, queue a reminder to each invitee not yet answered nor
    reminded (so at most once each, however often this runs). Returns how many."""
    now = app.clock()
    if not reminders_due(app.event, now):
        return 0
    with app.factory() as session, session.begin():
        return len(queue_reminders(session, app.event, now).queued)


def _remind(app: App) -> None:
    log.info("reminders queued: %d", remind_if_due(app))


def _schedule(
    scheduler: BlockingScheduler,
    name: str,
    job: Callable[[], None],
    trigger: BaseTrigger,
    first_run: datetime | None,
) -> None:
    """Add ``job`` under its own name (APScheduler logs it by name), guarded; ``first_run``
    None means the trigger's own next time."""
    options: dict[str, object] = {"next_run_time": first_run} if first_run else {}
    scheduler.add_job(_guarded(name, job), trigger, id=name, name=name, **options)


def _poll(app: App, stop: threading.Event, gate: LoginGate) -> None:
    if gate.allows("imap"):
        with gate.watching("imap"):
            if fetch(app).error is None:
                gate.confirm("imap")
                _note_poll(app)
    stats = process_pending(app.factory, app.processor(), stop.is_set)
    log.info(
        "poll done: processed %d, failed %d, replies %d",
        stats.processed,
        stats.failed,
        stats.replies,
    )


def _note_poll(app: App) -> None:
    """The last time the mailbox was read (``mailbot check --quick``, metrics)."""
    with app.factory() as session, session.begin():
        record_status(session, "poll", OK, None, app.clock())


def _send(app: App, gate: LoginGate) -> None:
    if not gate.allows("smtp"):
        return
    with gate.watching("smtp"):
        stats = send_due(app.factory, app.transport(), app.clock)
        if stats.sent:
            gate.confirm("smtp")
        log.info(
            "send done: sent %d, retried %d, failed %d, uncertain %d",
            stats.sent,
            stats.retried,
            stats.failed,
            stats.uncertain,
        )


def _guarded(name: str, job: Callable[[], None]) -> Callable[[], None]:
    """A failing job is logged with its name and tried again at its next run; it never kills
    the worker."""

    def run() -> None:
        try:
            job()
        except UserError as error:  # a configuration or server problem: one line is enough
            log.error("job %s failed: %s; it runs again at its next time", name, error)
        except Exception:
            log.exception("job %s failed; it runs again at its next time", name)

    run.__name__ = run.__qualname__ = f"{name}_job"
    return run
