"""``mailbot review`` takes the decisions of the desk's review card in the terminal: answer a
question in the organiser's own words (a draft in the sender's written standard first), ask
for a correction, add the sender as a contact, reinstate a registration a later withdrawal
took back. Each is recorded with the account, as on the desk."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Contact, DeskAction, InboundMessage, OutboundMessage
from db.session import make_engine, make_session_factory
from mailbot.cli import main
from mailbot.web.conversation import reply_text
from tests.conversation import Conversation
from tests.mailmaker import COMPLETE, FIVE_SAID_FOUR_LISTED, KARI, make_mail
from tests.overtaken import MUNICIPALITIES as OVERTAKEN_PLACES
from tests.overtaken import SENDERS as OVERTAKEN_SENDERS
from tests.overtaken import sign_up_then_withdrawal
from tests.questions import ANSWERS, CLOSINGS, SENDERS, ask, filled

ACCOUNT = "per.arrangor@ks.no"


def database_of(talk: Conversation) -> str:
    url = talk.app.settings.database_url
    talk.app.engine.dispose()
    return url


def review(url: str, *args: str) -> int:
    return main(["review", *args, "--database", url, "--account", ACCOUNT])


def outgoing(url: str, message_id: int) -> list[OutboundMessage]:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        rows = list(
            session.scalars(
                select(OutboundMessage)
                .where(OutboundMessage.inbound_id == message_id)
                .order_by(OutboundMessage.id)
            )
        )
    engine.dispose()
    return rows


def decisions(url: str) -> list[tuple[str, str, int | None, int | None]]:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        rows = [
            (a.account, a.action, a.inbound_id, a.outbound_id)
            for a in session.scalars(select(DeskAction).order_by(DeskAction.id))
        ]
    engine.dispose()
    return rows


def status_of(url: str, message_id: int) -> str:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        message = session.get(InboundMessage, message_id)
        assert message is not None
        status = message.status
    engine.dispose()
    return status


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_review_answer_drafts_then_sends_the_organisers_words_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    talk = Conversation(tmp_path, None)
    question_id = ask(talk, language)
    url = database_of(talk)

    assert review(url, "answer", str(question_id), "--draft") == 0
    draft = capsys.readouterr().out
    words = tmp_path / "svar.txt"
    words.write_text(filled(draft, ANSWERS[language]), encoding="utf-8")
    sent = review(url, "answer", str(question_id), "--text-file", str(words))
    out = capsys.readouterr().out
    again = review(url, "answer", str(question_id), "--text-file", str(words))
    err = capsys.readouterr().err

    [answer] = outgoing(url, question_id)
    assert draft.startswith("Hei Ingrid Solberg,\n") and CLOSINGS[language] in draft
    assert (sent, again) == (0, 2)
    assert "Svaret ditt ligger i utboksen og sendes i samme tråd" in out
    assert "venter ikke lenger" in err
    assert answer.kind == "answer" and answer.recipient == SENDERS[language]
    assert ANSWERS[language] in reply_text(answer.raw)
    assert "X-Mailbot-Reply: answer" in answer.raw.decode()
    assert decisions(url) == [(ACCOUNT, "answer", question_id, answer.id)]


def test_review_answer_refuses_the_bare_draft_and_needs_a_text_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    talk = Conversation(tmp_path, None)
    question_id = ask(talk, "nb")
    url = database_of(talk)
    review(url, "answer", str(question_id), "--draft")
    bare = tmp_path / "utkast.txt"
    bare.write_text(capsys.readouterr().out, encoding="utf-8")

    refused = review(url, "answer", str(question_id), "--text-file", str(bare))
    without = review(url, "answer", str(question_id))
    err = capsys.readouterr().err

    assert (refused, without) == (2, 2)
    assert "Skriv svaret til avsenderen" in err
    assert "--text-file is needed" in err
    assert outgoing(url, question_id) == []
    assert status_of(url, question_id) == "needs_review"


def test_review_correct_sends_a_correction_request_in_the_organisers_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    talk = Conversation(tmp_path, None)
    [receipt] = talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund"))
    held_id = receipt.inbound_id
    assert held_id is not None
    url = database_of(talk)
    words = tmp_path / "retting.txt"
    words.write_text("Dere skrev fem, men listen har fire. Hvem er den femte?\n", "utf-8")

    assert review(url, "correct", str(held_id), "--text-file", str(words)) == 0

    out = capsys.readouterr().out
    request = outgoing(url, held_id)[-1]
    assert "Anmodningen om retting ligger i utboksen" in out
    assert request.kind == "correction_request"
    assert "Hvem er den femte?" in reply_text(request.raw)
    assert status_of(url, held_id) == "processed"
    assert decisions(url)[-1][:3] == (ACCOUNT, "correction_request", held_id)


def test_review_add_contact_makes_the_outsider_a_contact_and_the_message_still_waits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    talk = Conversation(tmp_path, None)
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    outsider = "mona.berg@outlook.com"
    talk.send(
        make_mail(
            outsider,
            "Hei!\n\nLevanger kommune melder på én til:\n\n- Mona Berg, bibliotekar\n\n"
            "Hilsen Mona\n",
            sender_name="Mona Berg",
        )
    )
    url = database_of(talk)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        held_id = session.scalars(
            select(InboundMessage.id).where(InboundMessage.status == "needs_review")
        ).one()
    engine.dispose()

    added = review(url, "add-contact", str(held_id))
    twice = review(url, "add-contact", str(held_id))
    out = capsys.readouterr()

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        contacts = {(c.address, c.source, c.added_by) for c in session.scalars(select(Contact))}
    engine.dispose()
    assert (added, twice) == (0, 2)
    assert f"{outsider} er lagt til som kontakt" in out.out
    assert "allerede kontakt" in out.err
    assert (outsider, "organiser", ACCOUNT) in contacts
    assert status_of(url, held_id) == "needs_review"
    assert [d[1] for d in decisions(url)] == ["add_contact"]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_review_reinstate_then_accept_takes_the_overtaken_sign_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    talk = Conversation(tmp_path, None)
    sign_up_then_withdrawal(talk, language)
    url = database_of(talk)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        held_id = session.scalars(
            select(InboundMessage.id).where(
                InboundMessage.status == "needs_review",
                InboundMessage.sender == OVERTAKEN_SENDERS[language],
            )
        ).one()
    engine.dispose()

    assert main(["review", "list", "--database", url]) == 0
    listed = capsys.readouterr().out
    refused = review(url, "accept", str(held_id))
    reinstated = review(url, "reinstate", str(held_id))
    accepted = review(url, "accept", str(held_id))
    out = capsys.readouterr()

    # the held sign-up opened no registration: the list names the municipality it read
    assert f"│ {OVERTAKEN_PLACES[language]} (lest, ingen" in listed  # the table folds it
    assert (refused, reinstated, accepted) == (2, 0, 0), out.err
    assert "gjeninnsett påmeldingen først" in out.err
    assert "Påmeldingen er gjeninnsatt." in out.out
    assert "Godtatt. Svaret (bekreftelse)" in out.out
    assert [d[1] for d in decisions(url)] == ["reinstate", "accept"]


def test_review_attach_then_edit_accepts_the_corrected_reading_for_the_other_municipality(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The desk's «Knytt til en annen kommune» and «Rett det som ble lest, og godta»: the
    held sign-up (five said, four listed) is Verdal's, and the fifth person is added."""
    talk = Conversation(tmp_path, None)
    [receipt] = talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund"))
    held_id = receipt.inbound_id
    assert held_id is not None
    url = database_of(talk)
    people = tmp_path / "deltakere.txt"
    people.write_text(
        "Kari Lund; kulturskolerektor\nPer Moen; kommunalsjef for oppvekst\n"
        "Eva Dahl; rektor ved Skogn barneskole; skole\nOla Nes; ordfører; politikk\n"
        "Siv Ek; biblioteksjef\n",
        encoding="utf-8",
    )

    nowhere = review(url, "attach", str(held_id), "--municipality", "Atlantis")
    attached = review(url, "attach", str(held_id), "--municipality", "Verdal (5038)")
    edited = review(url, "edit", str(held_id), "--participants-file", str(people))
    out = capsys.readouterr()

    [reply] = [r for r in outgoing(url, held_id) if r.kind != "receipt"]
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        message = session.get(InboundMessage, held_id)
        assert message is not None and message.registration is not None
        place = message.registration.municipality_name
        names = [p.name for p in message.registration.participants]
    engine.dispose()
    assert (nowhere, attached, edited) == (2, 0, 0)
    assert "Velg en kommune fra listen." in out.err
    assert "Meldingen er knyttet til Verdal." in out.out
    assert "Godtatt. Svaret (bekreftelse)" in out.out
    assert reply.kind == "confirmation"
    assert place == "Verdal"
    assert names[-1] == "Siv Ek" and len(names) == 5
    assert [d[1] for d in decisions(url)] == ["attach", "edit_and_accept"]
