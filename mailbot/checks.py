"""``mailbot check``: is this configuration ready to run? One line per part, then exit 0 when
everything is fine, else 1 (Docker's HEALTHCHECK reads 1 as unhealthy).

The full check logs in to IMAP and SMTP (nothing is fetched, flagged or sent); ``--quick``
never logs in, so it can run every half minute as a health check without upsetting a mail
provider: it checks the configuration and the database, and reads what the worker noted
(a refused login, how long ago it last read the mailbox).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mailbot.errors import UserError, database_errors, redact_url
from mailbot.settings import Settings, SettingsError, load_settings


@dataclass(frozen=True)
class Check:
    part: str
    ok: bool
    text: str

    def line(self) -> str:
        return f"{self.part:<9}{'ok' if self.ok else 'FAILED':<8}{self.text}"


def run_checks(config: Path | None, database: str | None, *, quick: bool) -> int:
    """Print one line per check; 0 when all passed, 1 otherwise."""
    results = _checks(config, database, quick=quick)
    for result in results:
        print(result.line())
    return 0 if all(r.ok for r in results) else 1


def _checks(config: Path | None, database: str | None, *, quick: bool) -> list[Check]:
    try:
        settings = load_settings(config, database_url=database)
    except SettingsError as error:
        return [Check("config", False, str(error))]
    checks = [Check("config", True, str(config) if config else "defaults and environment")]
    database_check = _attempt("database", lambda: check_database(settings.database_url))
    checks.append(database_check)
    if quick:
        if database_check.ok:
            checks += worker_notes(settings, datetime.now(UTC))
        return checks
    source = "imap" if settings.maildir is None else "maildir"
    sink = "smtp" if settings.outbox_dir is None else "outbox"
    return [
        *checks,
        _attempt("event", lambda: check_event(settings)),
        _attempt(source, lambda: check_source(settings)),
        _attempt(sink, lambda: check_sink(settings)),
    ]


def _attempt(part: str, check: object) -> Check:
    """Run one check; a UserError is its one-line failure."""
    try:
        return Check(part, True, check())  # type: ignore[operator]
    except UserError as error:
        return Check(part, False, str(error))


def check_event(settings: Settings) -> str:
    """The event file, every template rendered once, and the invitee list."""
    from mailbot.event import load_event
    from mailbot.invitees import load_invitees
    from mailbot.template_check import check_templates

    try:
        event = load_event(settings.event_file)
    except (OSError, ValueError) as error:
        raise UserError(f"event file {settings.event_file}: {error}") from None
    rendered = check_templates(event)
    invited = load_invitees(event)
    return f"{event.title}: {rendered} templates render, {len(invited)} invited municipalities"


def check_database(url: str) -> str:
    from db.migrate import head_revision, schema_revision

    with database_errors(url):
        revision = schema_revision(url)
    head = head_revision()
    where = redact_url(url)
    if revision is None:
        raise UserError(f"database {where}: no schema yet; run 'mailbot init'")
    if revision != head:
        raise UserError(
            f"database {where}: schema at {revision}, this mailbot needs {head}; "
            "run 'mailbot init' to upgrade"
        )
    return f"{where} (schema {revision})"


def check_source(settings: Settings) -> str:
    """Log in and select the folder (IMAP), or look at the Maildir; nothing is changed."""
    from mailbot.app import App

    app = App.build(settings, migrate=False)
    with app.source() as source:
        waiting = sum(1 for _ in _pending(source))
    return f"{source.name}: {waiting} message(s) not yet stored"


def _pending(source: object) -> list[object]:
    pending = getattr(source, "pending_uids", None)
    if pending is not None:
        return list(pending())
    return list(source.fetch())  # type: ignore[attr-defined]


def check_sink(settings: Settings) -> str:
    """Log in to SMTP and QUIT (nothing is sent), or check the outbox folder."""
    if settings.outbox_dir is not None:
        folder = settings.outbox_dir
        parent = folder if folder.exists() else folder.parent
        if not parent.is_dir():
            raise UserError(f"outbox_dir {folder}: its folder {parent} does not exist; create it")
        return f"outbox folder {folder}"
    from mailbot.app import App
    from mailbot.errors import server_errors
    from mailbot.smtp_transport import SmtpTransport

    transport = App.build(settings, migrate=False).transport()
    assert isinstance(transport, SmtpTransport)
    where = f"{transport.host}:{transport.port}"
    with server_errors("SMTP", where, "[smtp]"):
        transport.verify()
    login = "login accepted" if transport.username else "no login configured"
    return f"{where} ({transport.security}, {login}; nothing sent)"


def worker_notes(settings: Settings, now: datetime) -> list[Check]:
    """What the worker wrote down: refused logins, and a last poll that is long past."""
    from db.service_status import last_poll_at, refused_logins
    from db.session import make_engine, make_session_factory

    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            refused = [(row.name, row.detail or "") for row in refused_logins(session)]
            polled = last_poll_at(session)
    finally:
        engine.dispose()
    checks = [Check(name, False, detail) for name, detail in refused]
    limit = timedelta(seconds=3 * settings.poll_interval_seconds + 60)
    if polled is None:
        checks.append(Check("worker", True, "no poll noted yet"))
    elif now - polled > limit:
        minutes = int((now - polled).total_seconds() // 60)
        checks.append(
            Check(
                "worker",
                False,
                f"last read the mailbox {minutes} min ago (poll interval "
                f"{settings.poll_interval_seconds} s); see the worker's log",
            )
        )
    else:
        checks.append(Check("worker", True, f"last poll {polled.isoformat(timespec='seconds')}"))
    return checks
