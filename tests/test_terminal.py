"""``mailbot status`` and ``mailbot review`` for a terminal user, over a database filled
from the corpus: the same board and decisions as the desk."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Change, DeskAction, InboundMessage, OutboundMessage
from db.session import make_engine, make_session_factory
from mailbot.cli import main
from mailbot.worker import run_cycle
from tests.flow import add_to_maildir, embedded_app, make_maildir
from tests.mailmaker import FIVE_SAID_FOUR_LISTED, KARI, ON_TIME, make_mail


def held(url: str) -> list[InboundMessage]:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        rows = list(
            session.scalars(
                select(InboundMessage)
                .where(InboundMessage.status == "needs_review")
                .order_by(InboundMessage.arrived_at)
            )
        )
    engine.dispose()
    return rows


def test_status_shows_the_board_as_tables(
    corpus_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--database", corpus_url]) == 0

    out = capsys.readouterr().out
    assert "fullført (målet er 6–7)" in out
    assert "Fullført (" in out and "Ufullstendige (" in out and "Trukket (" in out
    assert "Bodø (1804)" in out
    assert "Deltakere per sektor" in out and "Kulturskole" in out


def test_review_list_and_show(corpus_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    waiting = held(corpus_url)
    question = next(m for m in waiting if "hyllestad" in (m.sender or ""))

    assert main(["review", "list", "--database", corpus_url]) == 0
    listed = capsys.readouterr().out
    assert main(["review", "show", str(question.id), "--database", corpus_url]) == 0
    shown = capsys.readouterr().out

    assert f"Til gjennomgang ({len(waiting)})" in listed
    assert "Spørsmål til deg" in listed
    assert all(str(m.id) in listed for m in waiting)
    assert "Kan vi vere tre" in shown
    assert "Dette leste mailbot" in shown


def test_review_close_refuses_a_second_decision(
    corpus_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    question = next(m for m in held(corpus_url) if "hyllestad" in (m.sender or ""))

    closed = main(
        ["review", "close", str(question.id), "--database", corpus_url, "--account", "kari@ks.no"]
    )
    again = main(["review", "close", str(question.id), "--database", corpus_url])
    out = capsys.readouterr()

    assert (closed, again) == (0, 2)
    assert "Meldingen er lukket uten svar." in out.out
    assert "venter ikke lenger" in out.err
    assert [m.id for m in held(corpus_url) if m.id == question.id] == []
    assert ("kari@ks.no", "close_without_reply") in recorded(corpus_url)


def recorded(url: str) -> list[tuple[str, str]]:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        rows = [(a.account, a.action) for a in session.scalars(select(DeskAction))]
    engine.dispose()
    return rows


def test_review_accept_applies_the_reading_and_queues_the_reply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maildir = make_maildir(tmp_path / "Maildir")
    add_to_maildir(
        maildir,
        "unsure.eml",
        make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund", date=ON_TIME),
    )
    url = f"sqlite:///{tmp_path / 'm.db'}"
    app = embedded_app(url, maildir, tmp_path / "outbox")
    run_cycle(app)
    app.engine.dispose()
    (waiting,) = held(url)

    assert (
        main(["review", "accept", str(waiting.id), "--database", url, "--account", "kari@ks.no"])
        == 0
    )

    out = capsys.readouterr().out
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        message = session.get(InboundMessage, waiting.id)
        assert message is not None
        kinds = sorted(
            session.scalars(
                select(OutboundMessage.kind).where(OutboundMessage.inbound_id == waiting.id)
            )
        )
        accounts = {c.account for c in session.scalars(select(Change))}
    engine.dispose()
    assert "Godtatt. Svaret (bekreftelse) ligger i utboksen" in out
    assert message.status == "processed"
    assert kinds == ["confirmation", "receipt"]
    assert accounts == {"kari@ks.no"}
    assert ("kari@ks.no", "accept") in recorded(url)
