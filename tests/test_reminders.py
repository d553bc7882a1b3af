"""Invitees and reminders: the event file names an invitee list; the digest and the desk show
who has not answered; ``mailbot remind`` (or the opt-in scheduled job) sends one polite
reminder in the municipality's written standard, through the outbox, never twice.

The reminders go out on real SMTP (aiosmtpd) after a registration came in over IMAP
(Dovecot)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from importlib import resources
from pathlib import Path

import pytest

from db.session import make_session_factory
from mailbot.cli import main
from mailbot.digest import render_digest
from mailbot.digest_job import collect
from mailbot.event import load_event
from mailbot.invitees import reminders_due
from mailbot.sending import send_due
from mailbot.web.app import create_app
from mailbot.web.serve import add_user
from mailbot.worker import remind_if_due
from tests.conversation import Conversation, conversation
from tests.desk_support import EMAIL, PASSWORD, DeskClient, web_settings
from tests.flow import body_text
from tests.mailmaker import COMPLETE, KARI, make_mail
from tests.servers import SmtpServer

INVITEES = """number,address,malform
5037,kari.lund@levanger.kommune.no,
5038,postmottak@verdal.kommune.no,
4637,post@hyllestad.kommune.no,
4637,kulturskulen@hyllestad.kommune.no,
1804,postmottak@bodo.kommune.no,nn
"""


def event_file(folder: Path, extra: str = "") -> Path:
    default = resources.files("mailbot.events").joinpath("kulturskole-for-fremtiden-2020.toml")
    path = folder / "arrangement" / "event.toml"
    path.parent.mkdir(parents=True)
    (path.parent / "inviterte.csv").write_text(INVITEES, "utf-8")
    path.write_text('invitees = "inviterte.csv"\n' + default.read_text("utf-8") + extra, "utf-8")
    return path


@pytest.fixture(params=["servers"])
def talk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Conversation]:
    yield from conversation(request, tmp_path, event_file=event_file(tmp_path))


def reminders(smtp: SmtpServer) -> list[tuple[list[str], EmailMessage]]:
    found = []
    for received in smtp.messages:
        message = message_from_bytes(received.raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        if message["X-Mailbot-Reply"] == "reminder":
            found.append((sorted(received.rcpt_tos), message))
    return found


def remind(talk: Conversation) -> int:
    config = talk.maildir.parent / "remind.toml"
    config.write_text(
        f'database_url = "{talk.app.settings.database_url}"\n'
        f'event_file = "{talk.app.settings.event_file}"\n',
        "utf-8",
    )
    code = main(["remind", "--config", str(config)])
    send_due(talk.app.factory, talk.app.transport(), talk.app.clock)
    return code


def test_each_invitee_that_has_not_answered_gets_exactly_one_reminder_on_smtp(
    talk: Conversation, smtp_server: SmtpServer
) -> None:
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))

    first = remind(talk)
    second = remind(talk)

    sent = reminders(smtp_server)
    recipients = [to for to, _ in sent]
    assert (first, second) == (0, 0)
    assert sorted(recipients) == [
        ["kulturskulen@hyllestad.kommune.no", "post@hyllestad.kommune.no"],
        ["postmottak@bodo.kommune.no"],
        ["postmottak@verdal.kommune.no"],
    ]
    by_place = {tuple(to): message for to, message in sent}
    verdal = by_place[("postmottak@verdal.kommune.no",)]
    hyllestad = by_place[("kulturskulen@hyllestad.kommune.no", "post@hyllestad.kommune.no")]
    bodo = by_place[("postmottak@bodo.kommune.no",)]
    assert str(verdal["Subject"]) == "Påminnelse: Kulturskole for fremtiden"
    assert "vennlig påminnelse" in body_text(verdal) and "Verdal kommune" in body_text(verdal)
    # Hyllestad's official standard from the register, Bodø's from the invitee list
    assert str(hyllestad["Subject"]) == "Påminning: Kulturskule for framtida"
    assert "venleg påminning" in body_text(hyllestad)
    assert "venleg påminning" in body_text(bodo)
    assert str(verdal["Auto-Submitted"]) == "auto-generated"
    assert verdal["In-Reply-To"] is None


def test_the_digest_and_the_desk_show_who_has_not_answered(talk: Conversation) -> None:
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    remind(talk)
    talk.send(make_mail("postmottak@verdal.kommune.no", "Hei! Vi kommer tilbake til dette.\n"))

    with talk.app.factory() as session:
        _, text = render_digest(
            collect(session, talk.app.clock(), event=talk.app.event), talk.app.event
        )
    add_user(talk.app.settings.database_url, EMAIL, PASSWORD)
    app = create_app(make_session_factory(talk.app.engine), talk.app.event, web_settings())
    with DeskClient(app, base_url="http://127.0.0.1") as client:
        client.sign_in()
        board = client.get("/").text

    section = text[text.index("HAR IKKE SVART") :].split("TRUKKET")[0]
    assert "HAR IKKE SVART (2 av 4 inviterte)" in section
    assert "Hyllestad (4637)" in section and "Bodø (1804)" in section
    assert "påminnet" in section
    assert "Verdal" not in section and "Levanger" not in section
    assert "Har ikke svart" in board and "2 av 4 inviterte" in board
    assert "post@hyllestad.kommune.no" in board and "nynorsk" in board


def test_the_scheduled_reminders_are_opt_in_and_wait_for_their_day(tmp_path: Path) -> None:
    plain = load_event(event_file(tmp_path / "a"))
    opted = load_event(event_file(tmp_path / "b", "\n[reminders]\ndays_before_deadline = 3\n"))
    early = datetime.fromisoformat("2020-05-04T08:00:00+02:00")
    due = datetime.fromisoformat("2020-05-05T07:00:00+02:00")
    after = datetime.fromisoformat("2020-05-09T07:00:00+02:00")

    assert [reminders_due(plain, t) for t in (early, due, after)] == [False, False, False]
    assert [reminders_due(opted, t) for t in (early, due, after)] == [False, True, False]


@pytest.fixture(params=["embedded"])
def scheduled(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Conversation]:
    path = event_file(tmp_path, "\n[reminders]\ndays_before_deadline = 3\n")
    yield from conversation(request, tmp_path / "run", event_file=path)


def test_the_scheduled_job_reminds_once_when_due(scheduled: Conversation) -> None:
    scheduled.app.clock = lambda: datetime.fromisoformat("2020-05-04T07:00:00+02:00")
    early = remind_if_due(scheduled.app)
    scheduled.app.clock = lambda: datetime.fromisoformat("2020-05-06T07:00:00+02:00")

    assert (early, remind_if_due(scheduled.app), remind_if_due(scheduled.app)) == (0, 4, 0)
