"""The whole flow on real servers: Dovecot (IMAP) in, aiosmtpd (SMTP) out."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.ingest import ingest
from mailbot.sources.base import FetchedMessage
from mailbot.sources.imap import ImapSource
from mailbot.worker import run_cycle
from tests.corpus import corpus_bytes
from tests.flow import header, parse_message, server_app, sqlite_url
from tests.mailmaker import ON_TIME, make_mail
from tests.servers import DovecotServer, SmtpServer

# INTERNALDATE is the arrival time: the messages arrive before the deadline (ON_TIME).


def test_a_reply_in_the_inbox_gets_one_confirmation_at_the_smtp_server(
    tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    dovecot.append(corpus_bytes("005"), msg_time=ON_TIME)
    app = server_app(sqlite_url(tmp_path), dovecot, smtp_server)

    run_cycle(app)
    run_cycle(app)

    [received] = smtp_server.messages
    reply = parse_message(received.raw)
    assert received.rcpt_tos == ["hilde.sorensen@bodo.kommune.no"] or len(received.rcpt_tos) == 1
    assert reply["In-Reply-To"] == header(corpus_bytes("005"), "Message-ID")
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["X-Mailbot-Reply"] == "confirmation"
    assert reply["Message-ID"].endswith("@ks.no>")
    app.engine.dispose()


def test_an_incomplete_registration_gets_a_correction_request_over_smtp(
    tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    dovecot.append(corpus_bytes("007"), msg_time=ON_TIME)
    app = server_app(sqlite_url(tmp_path), dovecot, smtp_server)

    run_cycle(app)

    [received] = smtp_server.messages
    assert parse_message(received.raw)["X-Mailbot-Reply"] == "correction_request"
    app.engine.dispose()


class CrashBeforeAck(Exception):
    """Stands for the process dying after the local commit, before the server ack."""


class CrashingSource(ImapSource):
    def acknowledge(self, message: FetchedMessage) -> None:
        raise CrashBeforeAck()


def test_a_crash_between_commit_and_ack_still_answers_once(
    tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    dovecot.append(corpus_bytes("005"), msg_time=ON_TIME)
    app = server_app(sqlite_url(tmp_path), dovecot, smtp_server)
    crashing = CrashingSource(dovecot.host, dovecot.port, dovecot.user, dovecot.password, ssl=False)

    with crashing, pytest.raises(CrashBeforeAck):
        ingest(crashing, app.factory)
    # A new process on the same database.
    restarted = server_app(sqlite_url(tmp_path), dovecot, smtp_server)
    first = run_cycle(restarted)
    second = run_cycle(restarted)

    assert (first.stored, first.processed, first.sent) == (0, 1, 1)
    assert (second.stored, second.processed, second.sent) == (0, 0, 0)
    assert len(smtp_server.messages) == 1
    with dovecot.client() as client:
        client.select_folder("INBOX")
        assert client.search(["UNKEYWORD", "$MailbotStored"]) == []
    app.engine.dispose()
    restarted.engine.dispose()


def test_a_conversation_over_imap_and_smtp_ends_in_one_confirmation(
    tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    dovecot.append(corpus_bytes("007"), msg_time=ON_TIME)
    app = server_app(sqlite_url(tmp_path), dovecot, smtp_server)
    run_cycle(app)
    [request] = smtp_server.messages
    request_id = parse_message(request.raw)["Message-ID"]
    answer = make_mail(
        "siri.hoseth.aune@levanger.kommune.no",
        "Hei!\n\nNummer fire blir Ahmed Hassan, leder for Levanger "
        "frivilligsentral.\n\nHilsen Siri\n",
        sender_name="Siri Hoseth Aune",
        in_reply_to=request_id,
        date=ON_TIME,
    )
    dovecot.append(answer, msg_time=ON_TIME)

    run_cycle(app)
    run_cycle(app)

    kinds = [parse_message(m.raw)["X-Mailbot-Reply"] for m in smtp_server.messages]
    assert kinds == ["correction_request", "confirmation"]
    assert (
        "Ahmed Hassan"
        in parse_message(smtp_server.messages[1].raw).get_body(("plain",)).get_content()
    )
    app.engine.dispose()
