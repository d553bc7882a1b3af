"""Helpers for whole-flow tests: the corpus, Maildirs, and apps wired to real components."""

from __future__ import annotations

import email
import email.policy
import shutil
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from mailbot.app import App
from mailbot.cli import main
from mailbot.settings import load_settings
from tests.corpus import corpus_bytes as corpus_bytes  # re-exported: tests import it from here too
from tests.corpus import corpus_dir
from tests.servers import DovecotServer, SmtpServer

REPO = Path(__file__).resolve().parents[1]


def make_maildir(path: Path, *names: str) -> Path:
    """A Maildir holding the named corpus messages."""
    for sub in ("new", "cur", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(corpus_dir() / f"{name}.eml", path / "new" / f"{name}.eml")
    return path


def add_to_maildir(path: Path, name: str, raw: bytes) -> None:
    (path / "new" / name).write_bytes(raw)


def embedded_app(database_url: str, maildir: Path, outbox: Path, **extra: Any) -> App:
    settings = load_settings(
        None, database_url=database_url, maildir=maildir, outbox_dir=outbox, **extra
    )
    return App.build(settings)


def run_once(maildir: Path, outbox: Path, database: str) -> int:
    """``mailbot run --once`` in this process: read the Maildir, write the replies into
    ``outbox``; returns the exit code."""
    return main(
        [
            "run",
            "--once",
            "--maildir",
            str(maildir),
            "--outbox",
            str(outbox),
            "--database",
            database,
        ]
    )


def sqlite_url(folder: Path) -> str:
    """A fresh SQLite database file in ``folder``."""
    return f"sqlite:///{folder / 'mailbot.db'}"


def server_app(database_url: str, dovecot: DovecotServer, smtp: SmtpServer, **extra: Any) -> App:
    """An app reading the test Dovecot's INBOX and sending through the test SMTP server."""
    settings = load_settings(
        None,
        database_url=database_url,
        imap={
            "host": dovecot.host,
            "port": dovecot.port,
            "username": dovecot.user,
            "password": dovecot.password,
            "security": "none",
        },
        smtp={"host": smtp.host, "port": smtp.port, "security": "none"},
        **extra,
    )
    return App.build(settings)


def outbox_messages(outbox: Path) -> list[EmailMessage]:
    if not outbox.is_dir():
        return []
    return [
        email.message_from_bytes(f.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
        for f in sorted(outbox.glob("*.eml"))
    ]


def parse_message(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def header(raw: bytes, name: str) -> str | None:
    value = parse_message(raw)[name]
    return None if value is None else str(value)


def body_text(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    return part.get_content() if part is not None else ""
