"""The organiser's digest, filled from a real store after a real run."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.cli import main
from mailbot.digest_job import send_digest
from mailbot.sending import send_due
from mailbot.worker import run_cycle
from tests.flow import body_text, embedded_app, make_maildir, outbox_messages, run_once


def test_the_digest_shows_registrations_questions_and_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005", "007", "004", "002")
    (maildir / "new" / "broken.eml").write_bytes(b"\x00\x00\x00")
    database = f"sqlite:///{tmp_path / 'd.db'}"
    run_once(maildir, tmp_path / "out", database)
    capsys.readouterr()

    assert main(["digest", "--database", database]) == 0

    text = capsys.readouterr().out
    assert text.startswith("Subject: ")
    assert "Bodø" in text
    assert "Levanger" in text
    assert "Spørsmål" in text  # the question from Hyllestad waits for a person
    assert "Kunne ikke leses" in text  # the broken message is shown, not lost


def test_the_morning_job_sends_the_digest_to_the_organiser_marked_automatic(
    tmp_path: Path,
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    outbox = tmp_path / "outbox"
    app = embedded_app(f"sqlite:///{tmp_path / 'd.db'}", maildir, outbox)
    run_cycle(app)

    send_digest(app)
    send_due(app.factory, app.transport(), app.clock)

    digest = next(m for m in outbox_messages(outbox) if m["X-Mailbot-Reply"] == "digest")
    assert digest["To"] == app.event.organiser_address
    assert digest["Auto-Submitted"] == "auto-generated"
    assert "Bodø" in body_text(digest)
    app.engine.dispose()


def test_the_morning_digest_names_every_participant_in_text_and_html_with_a_desk_link(
    tmp_path: Path,
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005", "004")
    outbox = tmp_path / "outbox"
    app = embedded_app(
        f"sqlite:///{tmp_path / 'd.db'}",
        maildir,
        outbox,
        web={"public_url": "https://pult.ks.no"},
    )
    run_cycle(app)

    send_digest(app)
    send_due(app.factory, app.transport(), app.clock)

    digest = next(m for m in outbox_messages(outbox) if m["X-Mailbot-Reply"] == "digest")
    plain, html = digest.get_body(("plain",)), digest.get_body(("html",))
    assert digest.get_content_type() == "multipart/alternative"
    assert plain is not None and html is not None
    for part in (plain.get_content(), html.get_content()):
        assert "Hilde Marie Sørensen" in part and "Ingrid Sæther" in part
        assert "https://pult.ks.no/" in part
    assert plain.get_content().index("SIDEN I GÅR") < plain.get_content().index("VENTER PÅ DEG")
    app.engine.dispose()
