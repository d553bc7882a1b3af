"""A refused login is tried once: the worker stays away from that server (logging it once and
noting it for check, digest and metrics) until restart or SIGHUP, and goes on with the rest."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import InboundMessage, OutboundMessage
from db.service_status import last_poll_at, refused_logins
from mailbot.app import App
from mailbot.login_gate import LoginGate
from mailbot.settings import load_settings
from mailbot.worker import _poll, _send
from tests.flow import make_maildir, sqlite_url
from tests.servers import DovecotServer, SmtpServer, TlsCertificate


def imap_app(tmp_path: Path, dovecot: DovecotServer, password: str) -> App:
    settings = load_settings(
        None,
        database_url=sqlite_url(tmp_path),
        imap={
            "host": dovecot.host,
            "port": dovecot.port,
            "username": dovecot.user,
            "password": password,
            "security": "none",
        },
        outbox_dir=tmp_path / "out",
    )
    return App.build(settings)


def refusal_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "login refused" in r.getMessage()]


def test_a_refused_imap_login_is_tried_once_until_sighup(
    tmp_path: Path, dovecot: DovecotServer, caplog: pytest.LogCaptureFixture
) -> None:
    app = imap_app(tmp_path, dovecot, "wrong")
    gate = LoginGate(app.factory, app.clock)
    caplog.set_level(logging.INFO)

    for _ in range(3):
        _poll(app, threading.Event(), gate)

    assert dovecot.failed_logins() == 1
    assert len(refusal_lines(caplog)) == 1
    assert list(gate.refused()) == ["imap"]
    with app.factory() as session:
        [note] = refused_logins(session)
        assert note.name == "imap"
        assert "login refused" in (note.detail or "")
        assert last_poll_at(session) is None

    gate.reopen()
    _poll(app, threading.Event(), gate)

    assert dovecot.failed_logins() == 2


def test_a_working_login_clears_the_note(tmp_path: Path, dovecot: DovecotServer) -> None:
    refused = imap_app(tmp_path, dovecot, "wrong")
    _poll(refused, threading.Event(), LoginGate(refused.factory, refused.clock))
    working = imap_app(tmp_path, dovecot, dovecot.password)

    _poll(working, threading.Event(), LoginGate(working.factory, working.clock))

    with working.factory() as session:
        assert refused_logins(session) == []
        assert last_poll_at(session) is not None


def test_a_refused_smtp_login_stops_sending_but_not_processing(
    tmp_path: Path,
    smtp_server: SmtpServer,
    tls_certificate: TlsCertificate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_certificate.cert))  # trust the test server
    settings = load_settings(
        None,
        database_url=sqlite_url(tmp_path),
        maildir=make_maildir(tmp_path / "Maildir", "005", "007"),
        smtp={
            "host": smtp_server.host,
            "port": smtp_server.port,
            "username": smtp_server.user,
            "password": "wrong",
            "security": "starttls",
        },
    )
    app = App.build(settings)
    gate = LoginGate(app.factory, app.clock)

    _poll(app, threading.Event(), gate)
    for _ in range(3):
        _send(app, gate)

    assert smtp_server.auth_attempts == [False]
    assert smtp_server.messages == []
    with app.factory() as session:
        rows = list(session.scalars(select(OutboundMessage)))
        statuses = {m.status for m in session.scalars(select(InboundMessage))}
        [note] = refused_logins(session)
    assert len(rows) == 2
    assert {(row.status, row.attempts) for row in rows} == {("pending", 0)}
    assert statuses == {"processed"}
    assert note.name == "smtp"
