"""The optional automatic waiting list: complete registrations beyond the target are told."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from mailbot.worker import run_cycle
from tests.flow import body_text, embedded_app, make_maildir, outbox_messages


def event_with_waiting_list(tmp_path: Path, target_max: int) -> Path:
    text = (
        resources.files("mailbot.events")
        .joinpath("kulturskole-for-fremtiden-2020.toml")
        .read_text("utf-8")
        .replace("waiting_list = false", "waiting_list = true")
        .replace("target_max = 7", f"target_max = {target_max}")
    )
    path = tmp_path / "event.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_complete_registration_beyond_the_target_is_put_on_the_waiting_list(
    tmp_path: Path,
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005", "006")  # Bodø, then Voss
    outbox = tmp_path / "outbox"
    app = embedded_app(
        f"sqlite:///{tmp_path / 'w.db'}",
        maildir,
        outbox,
        event_file=event_with_waiting_list(tmp_path, target_max=1),
    )

    run_cycle(app)

    by_recipient = {str(m["To"]): body_text(m) for m in outbox_messages(outbox)}
    bodo = next(text for to, text in by_recipient.items() if "bodo" in to)
    voss = next(text for to, text in by_recipient.items() if "voss" in to)
    assert "venteliste" not in bodo
    assert "venteliste (nummer 1)" in voss
    app.engine.dispose()


def test_without_a_waiting_list_nobody_is_told_about_one(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005", "006")
    outbox = tmp_path / "outbox"
    app = embedded_app(f"sqlite:///{tmp_path / 'w.db'}", maildir, outbox)

    run_cycle(app)

    assert all("venteliste" not in body_text(m) for m in outbox_messages(outbox))
    app.engine.dispose()
