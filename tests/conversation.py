"""One inbox, one database, one outbox, as a conversation test sees them (embedded default or
real servers); shared by the conversation tests."""

from __future__ import annotations

from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.models import OutboundMessage, Registration
from mailbot.app import App
from mailbot.worker import run_cycle
from tests.flow import add_to_maildir, embedded_app, make_maildir, parse_message, server_app
from tests.servers import DovecotServer, SmtpServer


class Conversation:
    """One inbox, one database, one outbox. ``deliver`` puts a mail in the inbox; ``send``
    delivers it and runs one cycle, returning the replies it caused.

    The same conversations run on the embedded default (Maildir + file outbox) and on real
    servers (Dovecot IMAP in, aiosmtpd SMTP out); ``database`` is a URL other than the
    embedded SQLite file (a PostgreSQL database of its own).
    """

    def __init__(
        self,
        root: Path,
        servers: tuple[DovecotServer, SmtpServer] | None,
        database: str | None = None,
        **settings: Any,
    ) -> None:
        database = database or f"sqlite:///{root / 'db.sqlite'}"
        self.maildir = make_maildir(root / "Maildir")
        self.servers = servers
        if servers is None:
            self.app: App = embedded_app(database, self.maildir, root / "outbox", **settings)
        else:
            dovecot, smtp = servers
            self.app = server_app(database, dovecot, smtp, **settings)
        self.count = 0

    def deliver(self, raw: bytes) -> None:
        self.count += 1
        if self.servers is None:
            add_to_maildir(self.maildir, f"{self.count:04d}.eml", raw)
        else:  # the server's arrival time is the mail's own date, as if it came then
            arrived = parsedate_to_datetime(str(parse_message(raw)["Date"]))
            self.servers[0].append(raw, msg_time=arrived)

    def send(self, raw: bytes) -> list[OutboundMessage]:
        self.deliver(raw)
        before = self.reply_ids()
        run_cycle(self.app)
        with self.app.factory() as session:
            return list(
                session.scalars(
                    select(OutboundMessage)
                    .where(OutboundMessage.id.not_in(before))
                    .order_by(OutboundMessage.id)
                )
            )

    def reply_ids(self) -> list[int]:
        with self.app.factory() as session:
            return list(session.scalars(select(OutboundMessage.id)))

    def delivered_to_smtp(self) -> int | None:
        return None if self.servers is None else len(self.servers[1].messages)

    def registrations(self) -> list[Registration]:
        with self.app.factory() as session:
            regs = list(session.scalars(select(Registration).order_by(Registration.id)))
            for reg in regs:
                _ = reg.participants, reg.contacts
            return regs


def conversation(
    request: pytest.FixtureRequest, root: Path, **settings: Any
) -> Iterator[Conversation]:
    """A conversation on the embedded default, on real servers, or embedded on PostgreSQL
    (the deployment database, a fresh one from ``postgres_url``), by the fixture's param."""
    servers, database = None, None
    if request.param == "servers":
        servers = (request.getfixturevalue("dovecot"), request.getfixturevalue("smtp_server"))
    elif request.param == "postgresql":
        database = str(request.getfixturevalue("postgres_url"))
    conversation = Conversation(root, servers, database, **settings)
    yield conversation
    sent = conversation.delivered_to_smtp()
    assert sent is None or sent == len(conversation.reply_ids())  # every reply went out once
    conversation.app.engine.dispose()


@pytest.fixture(params=["embedded", "servers"])
def talk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Conversation]:
    """A conversation with mailbot, once embedded and once through real servers (a test
    that must also hold on PostgreSQL parametrizes ``talk`` with "postgresql")."""
    yield from conversation(request, tmp_path)


def names(registration: Registration) -> list[str]:
    return [p.name for p in registration.participants]
