"""Exactly once on the wire (issue 7.3): the outbox and the real SMTP transport against an
aiosmtpd server that refuses, drops and stalls. Deliveries are counted at the server.

Only a failure before the content left us, or a 4xx answer to it, is retried; once the
content is on its way, a lost connection or a timeout marks the reply ``uncertain`` and it is
never sent again on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.migrate import upgrade
from db.models import OutboundMessage
from db.outbox import enqueue
from db.session import make_engine, make_session_factory
from mailbot.sending import SendStats, send_due
from mailbot.smtp_transport import SmtpTransport
from tests.servers import SmtpServer
from tests.transport_support import RECIPIENT, SENDER, reply_bytes

START = datetime(2020, 5, 4, 8, 0, tzinfo=UTC)
CLIENT_TIMEOUT = 2.0
"""Seconds the transport waits for an answer; the stalling server never gives one."""


@dataclass
class Outbox:
    factory: sessionmaker[Session]
    transport: SmtpTransport
    now: datetime = START

    def queue(self, count: int) -> None:
        with self.factory() as session, session.begin():
            for number in range(count):
                message_id = f"<mailbot.{number:032x}@ks.no>"
                enqueue(
                    session,
                    OutboundMessage(
                        message_id=message_id,
                        kind="confirmation",
                        sender=SENDER,
                        recipient=RECIPIENT,
                        subject="Re: påmelding",
                        raw=reply_bytes(message_id),
                        status="pending",
                        next_attempt_at=self.now,
                        created_at=self.now,
                    ),
                )

    def send(self, later: timedelta = timedelta(0)) -> SendStats:
        self.now += later
        return send_due(self.factory, self.transport, lambda: self.now)

    def statuses(self) -> list[str]:
        with self.factory() as session:
            return list(session.scalars(select(OutboundMessage.status).order_by("id")))


@pytest.fixture
def outbox(tmp_path: Path, smtp_server: SmtpServer) -> Iterator[Outbox]:
    url = f"sqlite:///{tmp_path / 'mailbot.db'}"
    upgrade(url)
    engine = make_engine(url)
    transport = SmtpTransport(
        smtp_server.host, smtp_server.port, security="none", timeout=CLIENT_TIMEOUT
    )
    yield Outbox(make_session_factory(engine), transport)
    engine.dispose()


def test_a_connection_dropped_after_the_content_is_uncertain_and_never_resent(
    outbox: Outbox, smtp_server: SmtpServer
) -> None:
    smtp_server.misbehave("drop_after_data")
    outbox.queue(3)

    first = outbox.send()
    smtp_server.misbehave(None)
    again = outbox.send(timedelta(hours=2))

    assert (first.uncertain, first.retried, first.sent) == (3, 0, 0)
    assert (again.sent, again.retried, again.uncertain) == (0, 0, 0)
    assert outbox.statuses() == ["uncertain"] * 3
    assert len(smtp_server.messages) == 3  # one delivery per reply, not six


def test_a_server_slower_than_the_timeout_is_uncertain_and_never_resent(
    outbox: Outbox, smtp_server: SmtpServer
) -> None:
    smtp_server.misbehave("stall_after_data")
    outbox.queue(1)

    first = outbox.send()
    smtp_server.misbehave(None)
    outbox.send(timedelta(hours=2))

    assert first.uncertain == 1
    assert outbox.statuses() == ["uncertain"]
    assert len(smtp_server.messages) == 1


def test_a_connection_dropped_at_quit_after_250_counts_as_sent(
    outbox: Outbox, smtp_server: SmtpServer
) -> None:
    smtp_server.misbehave("drop_at_quit")
    outbox.queue(2)

    first = outbox.send()
    outbox.send(timedelta(hours=2))

    assert first.sent == 2
    assert outbox.statuses() == ["sent", "sent"]
    assert len(smtp_server.messages) == 2


@pytest.mark.parametrize(
    ("stage", "reply"),
    [
        ("mail", "421 4.3.2 Service not available"),
        ("rcpt", "450 4.2.0 Greylisted"),
        ("data_command", "451 4.3.0 Not now"),
        ("data", "451 4.3.0 Try again later"),
    ],
)
def test_a_4xx_before_or_at_data_is_retried_and_delivered_once(
    outbox: Outbox, smtp_server: SmtpServer, stage: str, reply: str
) -> None:
    smtp_server.fail_with(reply, stage=stage)  # type: ignore[arg-type]
    outbox.queue(1)

    refused = outbox.send()
    too_early = outbox.send()
    smtp_server.fail_with(None)
    retried = outbox.send(timedelta(minutes=2))
    outbox.send(timedelta(hours=2))

    assert (refused.retried, too_early.sent, too_early.retried) == (1, 0, 0)
    assert retried.sent == 1
    assert outbox.statuses() == ["sent"]
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize(
    ("stage", "reply"),
    [
        ("mail", "553 5.7.1 Sender not allowed"),
        ("rcpt", "550 5.1.1 No such user"),
        ("data_command", "554 5.5.1 No valid recipients"),
        ("data", "550 5.7.1 Message rejected"),
    ],
)
def test_a_5xx_before_or_at_data_fails_without_delivery(
    outbox: Outbox, smtp_server: SmtpServer, stage: str, reply: str
) -> None:
    smtp_server.fail_with(reply, stage=stage)  # type: ignore[arg-type]
    outbox.queue(1)

    first = outbox.send()
    smtp_server.fail_with(None)
    outbox.send(timedelta(hours=2))

    assert first.failed == 1
    assert outbox.statuses() == ["failed"]
    assert smtp_server.messages == []


def test_an_unreachable_server_is_retried(outbox: Outbox, smtp_server: SmtpServer) -> None:
    outbox.transport.port = 1  # nothing listens there: refused before any SMTP
    outbox.queue(1)

    first = outbox.send()
    outbox.transport.port = smtp_server.port
    outbox.send(timedelta(minutes=2))

    assert first.retried == 1
    assert outbox.statuses() == ["sent"]
    assert len(smtp_server.messages) == 1
