"""Mail from the organiser's own address: kept and shown, never answered, never a sign-up."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from sqlalchemy import func, select

from db.models import InboundMessage, OutboundMessage, Registration
from mailbot.replies import make_message_id
from mailbot.web.serve import add_user
from mailbot.worker import run_cycle
from tests.corpus import corpus_bytes
from tests.desk_support import EMAIL, PASSWORD, desk_client
from tests.flow import add_to_maildir, embedded_app, header, make_maildir
from tests.mailmaker import make_mail

ORGANISER = "torkel.oien@ks.no"


def plain_mail(
    sender: str, body: str, *, to: str, cc: str = "", message_id: str | None = None
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = "Gruppen deres"
    message["Date"] = "Tue, 28 Apr 2020 10:00:00 +0200"
    message["Message-ID"] = message_id or make_msgid(domain="ks.no")
    message.set_content(body)
    return message.as_bytes()


def test_the_organisers_answer_in_the_thread_is_kept_on_the_registration_and_not_answered(
    tmp_path: Path,
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    url = f"sqlite:///{tmp_path / 'o.db'}"
    app = embedded_app(url, maildir, tmp_path / "outbox")
    run_cycle(app)
    add_to_maildir(
        maildir,
        "organiser.eml",
        make_mail(
            ORGANISER,
            "Hei Hilde!\n\nTakk, dere er med. Ta gjerne med Per Hansen, ordfører, også.\n\n"
            "Hilsen Torkel Øien\nKS",
            sender_name="Torkel Øien",
            subject="SV: Påmelding til verksted 4. juni",
            in_reply_to=header(corpus_bytes("005"), "Message-ID"),
        ),
    )

    run_cycle(app)

    with app.factory() as session:
        kept = session.scalars(
            select(InboundMessage).where(InboundMessage.sender == ORGANISER)
        ).one()
        bodo = session.scalars(select(Registration)).one()
        replies = session.scalar(select(func.count(OutboundMessage.id)))
        names = [p.name for p in bodo.participants]
    assert (kept.status, kept.kind, kept.registration_id) == ("ignored", "organiser", bodo.id)
    assert replies == 1  # only the confirmation to Bodø
    assert "Per Hansen" not in names
    add_user(url, EMAIL, PASSWORD)
    for client in desk_client(url):
        client.sign_in()
        page = client.get(f"/registrering/{bodo.id}").text
        assert "Ta gjerne med Per Hansen" in page
        assert "Fra arrangøren: vist her, aldri besvart automatisk." in page
    app.engine.dispose()


def test_a_new_mail_from_the_organiser_finds_the_registration_by_its_recipient(
    tmp_path: Path,
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    app = embedded_app(f"sqlite:///{tmp_path / 'o.db'}", maildir, tmp_path / "outbox")
    run_cycle(app)
    add_to_maildir(
        maildir,
        "organiser.eml",
        plain_mail(
            ORGANISER,
            "Hei! Et spørsmål om gruppen deres.",
            to="hilde.marie.sorensen@bodo.kommune.no",
            cc=ORGANISER,
        ),
    )

    run_cycle(app)

    with app.factory() as session:
        kept = session.scalars(
            select(InboundMessage).where(InboundMessage.sender == ORGANISER)
        ).one()
        bodo = session.scalars(select(Registration)).one()
    assert kept.registration_id == bodo.id
    app.engine.dispose()


def test_our_own_automatic_mail_is_still_ignored_without_a_registration(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir")
    own = plain_mail(
        ORGANISER, "Automatisk bekreftelse.", to=ORGANISER, message_id=make_message_id("ks.no")
    )
    add_to_maildir(maildir, "own.eml", own)
    app = embedded_app(f"sqlite:///{tmp_path / 'o.db'}", maildir, tmp_path / "outbox")

    run_cycle(app)

    with app.factory() as session:
        kept = session.scalars(select(InboundMessage)).one()
    assert (kept.status, kept.note, kept.registration_id) == ("ignored", "our own message", None)
    app.engine.dispose()
