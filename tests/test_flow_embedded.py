"""The whole flow with no servers: Maildir → SQLite/PostgreSQL → file outbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import InboundMessage, OutboundMessage
from mailbot.worker import run_cycle
from tests.corpus import corpus_bytes
from tests.flow import (
    body_text,
    embedded_app,
    header,
    make_maildir,
    outbox_messages,
)


def test_a_complete_registration_gets_exactly_one_confirmation(
    database_url: str, tmp_path: Path
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    outbox = tmp_path / "outbox"
    app = embedded_app(database_url, maildir, outbox)

    first = run_cycle(app)
    second = run_cycle(app)

    replies = outbox_messages(outbox)
    assert (first.stored, first.replies, first.sent) == (1, 1, 1)
    assert (second.stored, second.processed, second.sent) == (0, 0, 0)
    assert len(replies) == 1
    reply = replies[0]
    assert reply["In-Reply-To"] == header(corpus_bytes("005"), "Message-ID")
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["X-Mailbot-Reply"] == "confirmation"
    assert reply["Subject"].startswith("Re: ")
    assert "Hilde Marie Sørensen" in body_text(reply)
    app.engine.dispose()


def test_an_incomplete_registration_gets_a_correction_request_naming_the_gap(
    database_url: str, tmp_path: Path
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "007")
    outbox = tmp_path / "outbox"
    app = embedded_app(database_url, maildir, outbox)

    run_cycle(app)

    [reply] = outbox_messages(outbox)
    assert reply["X-Mailbot-Reply"] == "correction_request"
    text = body_text(reply)
    assert "minst 4" in text  # at least four participants are asked for
    assert "Tone Wiik" in text  # what we understood is quoted back
    app.engine.dispose()


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("001", "ignored"),  # automatic mail gets no reply
        ("002", "ignored"),
        ("018", "ignored"),
        ("003", "needs_review"),  # a service desk's acknowledgement: for the organiser
    ],
)
def test_a_message_that_is_no_registration_gets_no_reply(
    name: str, status: str, tmp_path: Path
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", name)
    outbox = tmp_path / "outbox"
    app = embedded_app(f"sqlite:///{tmp_path / 'db.sqlite'}", maildir, outbox)

    run_cycle(app)

    assert outbox_messages(outbox) == []
    with app.factory() as session:
        [message] = session.scalars(select(InboundMessage)).all()
        assert message.status == status
    app.engine.dispose()


def test_a_broken_message_is_kept_with_an_error_and_the_others_go_on(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    (maildir / "new" / "broken.eml").write_bytes(b"\x00\x01 this is not mail \xff\xfe")
    outbox = tmp_path / "outbox"
    app = embedded_app(f"sqlite:///{tmp_path / 'db.sqlite'}", maildir, outbox)

    run_cycle(app)

    with app.factory() as session:
        statuses = {m.uid: (m.status, m.error) for m in session.scalars(select(InboundMessage))}
        assert session.scalar(select(OutboundMessage.kind)) == "confirmation"
    assert statuses["005.eml"][0] == "processed"
    assert statuses["broken.eml"][0] == "failed"
    assert statuses["broken.eml"][1]
    app.engine.dispose()


def test_a_huge_message_is_kept_whole_and_set_aside_with_a_clear_error(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    huge = corpus_bytes("005").replace(b"\r\n\r\n", b"\r\n\r\n" + b"x" * (30 * 1024 * 1024), 1)
    (maildir / "new" / "huge.eml").write_bytes(huge)
    outbox = tmp_path / "outbox"
    app = embedded_app(f"sqlite:///{tmp_path / 'db.sqlite'}", maildir, outbox)

    run_cycle(app)

    with app.factory() as session:
        rows = {m.uid: m for m in session.scalars(select(InboundMessage))}
    assert rows["huge.eml"].status == "failed"
    assert rows["huge.eml"].size == len(huge)
    assert "unreadable" in (rows["huge.eml"].error or "")
    assert rows["005.eml"].status == "processed"
    app.engine.dispose()
