"""The long-running worker: APScheduler runs the poll loop, send retries and the digest.

The poll job is one loop for the worker's life: it keeps the mail source open between polls
(one IMAP connection, one Maildir listing remembered), waits with IMAP IDLE when the server
offers it (re-issued every ``IDLE_SECONDS``, under the 30 minutes servers allow) or else for
the poll interval, and processes and sends right after a message arrives, so a reply leaves
within seconds instead of after the next poll and send timers. A broken connection is dropped
and opened again with growing pauses. The send job stays for retries and for mail queued
elsewhere (the desk).

SIGTERM/SIGINT set a stop flag that processing checks between messages (and IDLE about once
a second), then shut the scheduler down after the running job, so a stop never cuts a message
in half.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import FrameType
from typing import TYPE_CHECKING

from db.service_status import record_status
from db.states import ServiceState
from mailbot.app import App
from mailbot.errors import LoginRefused, UserError
from mailbot.ingest import ingest
from mailbot.login_gate import LoginGate
from mailbot.processing import process_pending
from mailbot.sending import send_due
from mailbot.sources.base import MailSource

if TYPE_CHECKING:
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.base import BaseTrigger

log = logging.getLogger(__name__)
IDLE_SECONDS = 29 * 60
"""Longest IMAP IDLE before it is re-issued (RFC 2177: servers may drop it after 30 minutes)."""
MAX_BACKOFF_SECONDS = 300.0


@dataclass
class CycleResult:
    stored: int
    processed: int
    failed: int
    replies: int
    sent: int

    def log(self) -> None:
        """One line per poll, counts only (no addresses or text from mail)."""
        log.info(
            "poll done: processed %d, failed %d, replies %d, sent %d",
            self.processed,
            self.failed,
            self.replies,
            self.sent,
        )


def run_cycle(app: App, stop: threading.Event | None = None) -> CycleResult:
    """One poll, process and send cycle (``mailbot run --once``)."""
    poller = Poller(app, stop)
    try:
        result = poller.poll_once(send_always=True)
    finally:
        poller.close()
    if poller.fetch_error is not None:
        # What was stored is processed and sent; the mailbox's error is still the cycle's
        # result (``mailbot run --once`` says it in one line and exits 2).
        raise poller.fetch_error
    return result


@dataclass(frozen=True)
class Fetched:
    """What a fetch stored, or why the mailbox could not be read."""

    stored: int = 0
    error: Exception | None = None


def fetch(app: App) -> Fetched:
    """Store new mail from a source of its own, then close it (errors as in ``Poller``)."""
    poller = Poller(app)
    try:
        stored = poller.ingest_open()
    finally:
        poller.close()
    return Fetched(stored, poller.fetch_error)


class Poller:
    """Poll, process and send, keeping the mail source open from one poll to the next.

    ``gate`` (the worker's) keeps a refused login from being tried again until SIGHUP;
    without one every poll logs in when it must.
    """

    def __init__(
        self, app: App, stop: threading.Event | None = None, gate: LoginGate | None = None
    ) -> None:
        self.app = app
        self.stop = stop or threading.Event()
        self.gate = gate
        self.wake = threading.Event()
        self._source: MailSource | None = None
        #: Why the last poll could not read the mailbox (None: it could).
        self.fetch_error: Exception | None = None

    def poll_once(self, *, send_always: bool = False) -> CycleResult:
        """Store what is new, process every waiting message, send what that queued."""
        stored = self._ingest()
        stats = process_pending(self.app.factory, self.app.processor(), self.stop.is_set)
        sent = 0
        wanted = send_always or stats.processed
        if wanted and (self.gate is None or self.gate.allows("smtp")):
            sent = self._send()
        return CycleResult(stored, stats.processed, stats.failed, stats.replies, sent)

    def _ingest(self) -> int:
        if self.gate is not None and not self.gate.allows("imap"):
            return 0
        if self.gate is None:
            return self.ingest_open()
        with self.gate.watching("imap"):
            stored = self.ingest_open()
            if self.fetch_error is None:
                self.gate.confirm("imap")
                _note_poll(self.app)
            return stored
        return 0

    def ingest_open(self) -> int:
        """Store new mail. A mailbox that cannot be read (server down, connection cut
        mid-FETCH) is logged in one line and processing and sending go on with what is
        stored: an IMAP outage must not also stop the replies to mail that arrived before
        it. A refused login is raised (the login gate stops knocking)."""
        self.fetch_error = None
        try:
            if self._source is None:
                source = self.app.source()
                source.__enter__()
                self._source = source
            return ingest(self._source, self.app.factory).stored
        except LoginRefused:
            self.close()
            raise
        except Exception as error:  # noqa: BLE001 - the rest of the cycle does not need it
            self.close()  # the next poll opens a fresh connection
            detail = f"{type(error).__name__}: {error}"[:300]
            log.warning("fetching mail failed (%s); processing what is stored", detail)
            self.fetch_error = error
            return 0

    def _send(self) -> int:
        if self.gate is None:
            return send_due(self.app.factory, self.app.transport(), self.app.clock).sent
        with self.gate.watching("smtp"):
            stats = send_due(self.app.factory, self.app.transport(), self.app.clock)
            if stats.sent:
                self.gate.confirm("smtp")
            return stats.sent
        return 0

    def wait(self) -> None:
        """Until new mail (IMAP IDLE), the poll interval, a wake-up (SIGHUP) or stop."""
        source, interrupted = self._source, lambda: self.stop.is_set() or self.wake.is_set()
        idle = getattr(source, "idle_wait", None)
        if idle is not None and getattr(source, "has_capability", lambda _n: False)("IDLE"):
            try:
                idle(IDLE_SECONDS, interrupted)
            except Exception:  # noqa: BLE001 - a dropped connection: reconnect at the poll
                log.warning("IMAP connection lost while idling; reconnecting")
                self.close()
        else:
            self.wake.wait(self.app.settings.poll_interval_seconds)
        self.wake.clear()

    def loop(self) -> None:
        """Poll, then wait, until stopped; failures are logged and retried with backoff."""
        backoff = 1.0
        while not self.stop.is_set():
            try:
                result = self.poll_once()
            except UserError as error:
                log.error("poll failed: %s; trying again in %.0f s", error, backoff)
            except Exception:
                log.exception("poll failed; trying again in %.0f s", backoff)
            else:
                backoff = 1.0
                result.log()
                self.wait()
                continue
            self.close()
            self.wake.wait(backoff)
            self.wake.clear()
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
        self.close()

    def close(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            try:
                source.__exit__(None, None, None)
            except Exception:  # noqa: BLE001 - closing a broken connection
                log.debug("closing the mail source failed", exc_info=True)


def run_forever(app: App) -> None:
    """Schedule the jobs and block until SIGTERM or SIGINT (SIGHUP: try refused logins again).

    The language model is loaded before anything is scheduled, and the first poll and send
    are due at the moment scheduling starts with no misfire grace limit: a slow start-up can
    delay the first poll but never drop it (APScheduler skips a run that is later than its
    grace time, and the next one would be a whole poll interval away).

    The scheduler and the metrics server are imported here: ``run --once`` and the other
    commands that import this module need neither.
    """
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.date import DateTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    from mailbot.metrics import serve_metrics

    stop = threading.Event()
    settings = app.settings
    gate = LoginGate(app.factory, app.clock)
    if settings.metrics_port is not None:
        serve_metrics(app.factory, app.clock, settings.metrics_host, settings.metrics_port)
    app.load_model()  # before the first poll, so the first reply does not wait for it
    scheduler = BlockingScheduler(
        timezone=app.event.tz,
        job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
    )
    now = datetime.now(app.event.tz)
    poller = Poller(app, stop, gate)
    send_every = IntervalTrigger(seconds=settings.send_interval_seconds)
    _schedule(scheduler, "poll", poller.loop, DateTrigger(run_date=now), now)
    _schedule(scheduler, "send", lambda: _send(app, gate), send_every, now)
    digest_at = CronTrigger(
        hour=settings.digest_time.hour, minute=settings.digest_time.minute, timezone=app.event.tz
    )
    _schedule(scheduler, "digest", lambda: _digest(app), digest_at, None)
    if app.event.reminders.days_before_deadline is not None:
        _schedule(scheduler, "remind", lambda: _remind(app), digest_at, None)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: stopping after the current message", signum)
        stop.set()
        poller.wake.set()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def on_hangup(_signum: int, _frame: FrameType | None) -> None:
        """Try refused logins again, at once (the next poll may be an hour away)."""
        gate.reopen()
        poller.wake.set()
        scheduler.modify_job("send", next_run_time=datetime.now(app.event.tz))

    signal.signal(signal.SIGHUP, on_hangup)
    log.info("worker started; polling every %ss", settings.poll_interval_seconds)
    scheduler.start()


def remind_if_due(app: App) -> int:
    """The scheduled reminders (opt-in in the event file): on the days from the set number
    before the deadline until it, queue a reminder to each invitee not yet answered nor
    reminded (so at most once each, however often this runs). Returns how many."""
    from mailbot.invitees import queue_reminders, reminders_due

    now = app.clock()
    if not reminders_due(app.event, now):
        return 0
    with app.factory() as session, session.begin():
        return len(queue_reminders(session, app.event, now).queued)


def _digest(app: App) -> None:
    """The daily digest; its module (and the digest templates' words) is imported here, so
    ``run --once`` does not import it."""
    from mailbot.digest_job import send_digest

    send_digest(app)


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
    """One poll behind the login gate on a source of its own, then closed (the worker's loop
    keeps one open in its ``Poller`` instead)."""
    poller = Poller(app, stop, gate)
    try:
        result = poller.poll_once()
    finally:
        poller.close()
    result.log()


def _note_poll(app: App) -> None:
    """The last time the mailbox was read (``mailbot check --quick``, metrics)."""
    with app.factory() as session, session.begin():
        record_status(session, "poll", ServiceState.OK, None, app.clock())


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
