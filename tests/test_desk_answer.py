"""The organiser answers a question from the desk: the card offers an answer form (no
correction request) that starts with the greeting and closing in the sender's written
standard; the answer goes to the sender in the thread, through the outbox, once, with who
answered and when recorded, on SQLite and PostgreSQL."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import DeskAction, InboundMessage, OutboundMessage, utcnow
from db.session import make_engine, make_session_factory
from mailbot import review
from mailbot.event import load_event
from mailbot.web.conversation import reply_text
from tests.conversation import Conversation, conversation
from tests.desk_support import EMAIL, DeskClient, desk_client
from tests.mailmaker import COMPLETE, FIVE_SAID_FOUR_LISTED, KARI, make_mail
from tests.questions import (
    ANSWERS,
    CLOSINGS,
    QUESTIONS,
    SENDERS,
    SUBJECTS,
    ask,
    draft_on_card,
    filled,
    with_account,
)

LANGUAGES = ["nb", "nn"]


@pytest.fixture(params=["embedded", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Conversation]:
    """A conversation on the embedded SQLite file, or on a PostgreSQL database of its own."""
    yield from conversation(request, tmp_path)


def signed_in_over(url: str) -> Iterator[DeskClient]:
    for client in desk_client(url):
        assert client.sign_in().status_code == 303  # type: ignore[attr-defined]
        yield client


def answers_to(client: DeskClient, message_id: int) -> list[OutboundMessage]:
    with make_session_factory(client.engine)() as session:
        return list(
            session.scalars(
                select(OutboundMessage).where(
                    OutboundMessage.inbound_id == message_id, OutboundMessage.kind == "answer"
                )
            )
        )


def answered_actions(client: DeskClient) -> list[tuple[str, int | None, int | None]]:
    with make_session_factory(client.engine)() as session:
        return [
            (a.account, a.inbound_id, a.outbound_id)
            for a in session.scalars(select(DeskAction).where(DeskAction.action == "answer"))
        ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_answer_goes_to_the_sender_in_the_thread_once(
    store: Conversation, language: str
) -> None:
    question_id = ask(store, language)
    for client in signed_in_over(with_account(store)):
        draft = draft_on_card(client.get("/gjennomgang").text, question_id)
        text = filled(draft, ANSWERS[language])

        first = client.submit(f"/melding/{question_id}/svar", {"text": text}, "/gjennomgang")
        second = client.submit(f"/melding/{question_id}/svar", {"text": text}, "/gjennomgang")
        queue = client.get("/gjennomgang").text

        [answer] = answers_to(client, question_id)
        with make_session_factory(client.engine)() as session:
            question = session.get(InboundMessage, question_id)
            assert question is not None
        sent = email.message_from_bytes(answer.raw, policy=email.policy.default)
        assert draft.startswith("Hei Ingrid Solberg,\n")
        assert CLOSINGS[language] in draft
        assert (first.status_code, second.status_code) == (303, 303)  # type: ignore[attr-defined]
        assert answer.recipient == SENDERS[language]
        assert sent["In-Reply-To"] == question.message_id
        assert question.message_id in sent["References"]
        assert sent["Subject"] == f"Re: {SUBJECTS[language]}"
        assert sent["X-Mailbot-Reply"] == "answer"
        assert sent["Auto-Submitted"] == "no"  # a person wrote it (RFC 3834)
        assert sent["Content-Language"] == language
        body = reply_text(answer.raw)
        assert ANSWERS[language] in body and CLOSINGS[language] in body
        assert question.status == "processed"
        assert answered_actions(client) == [(EMAIL, question_id, answer.id)]
        assert "Meldingen venter ikke lenger på en beslutning." in queue
        assert f'id="m{question_id}"' not in queue
        assert f'id="besvart-{question_id}"' in queue  # the answered list names who and when
        assert EMAIL in queue.split('class="answered"', 1)[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_second_desk_that_answers_at_the_same_time_is_refused_by_the_outbox(
    store: Conversation, language: str
) -> None:
    """Two organisers open the card and send at once: both see it waiting, the outbox's
    unique (inbound message, kind) lets one answer through."""
    question_id = ask(store, language)
    url = with_account(store)
    engine = make_engine(url)
    event = load_event(None)
    factory = make_session_factory(engine)
    processor = review.desk_processor(event, utcnow)
    try:
        with factory() as late, factory() as early:
            seen_late = late.get(InboundMessage, question_id)
            seen_early = early.get(InboundMessage, question_id)
            assert seen_late is not None and seen_early is not None
            assert seen_late.status == seen_early.status == "needs_review"
            text = filled(review.answer_draft_for(seen_early, event), ANSWERS[language])
            review.answer(early, seen_early, processor, "per@ks.no", text)
            early.commit()
            with pytest.raises(review.ReviewError, match="allerede besvart"):
                review.answer(late, seen_late, processor, "kari@ks.no", text)
            late.rollback()
        with factory() as session:
            kinds = list(
                session.scalars(
                    select(OutboundMessage.kind).where(OutboundMessage.inbound_id == question_id)
                )
            )
    finally:
        engine.dispose()
    assert kinds == ["answer"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_answer_or_the_bare_draft_is_refused_and_nothing_sent(
    store: Conversation, language: str
) -> None:
    question_id = ask(store, language)
    for client in signed_in_over(with_account(store)):
        draft = draft_on_card(client.get("/gjennomgang").text, question_id)

        client.submit(f"/melding/{question_id}/svar", {"text": draft}, "/gjennomgang")
        bare = client.get("/gjennomgang").text
        client.submit(f"/melding/{question_id}/svar", {"text": "  \n"}, "/gjennomgang")
        empty = client.get("/gjennomgang").text

        assert "Skriv svaret til avsenderen mellom hilsenen og avslutningen." in bare
        assert "Skriv svaret til avsenderen" in empty
        assert answers_to(client, question_id) == []
        assert answered_actions(client) == []


def test_the_answer_needs_the_forms_csrf_token_and_a_signed_in_account(
    store: Conversation,
) -> None:
    question_id = ask(store, "nb")
    for client in desk_client(with_account(store)):
        text = "Hei Ingrid,\n\nJa.\n\nVennlig hilsen\nKari"
        anonymous = client.post(
            f"/melding/{question_id}/svar", data={"text": text}, follow_redirects=False
        )
        client.sign_in()
        forged = client.post(
            f"/melding/{question_id}/svar",
            data={"text": text, "csrf_token": "feil"},
            follow_redirects=False,
        )

        assert anonymous.status_code == 403
        assert forged.status_code == 403
        assert answers_to(client, question_id) == []


def test_a_sign_up_is_answered_by_accepting_not_in_own_words(tmp_path: Path) -> None:
    talk = Conversation(tmp_path, None)
    [receipt] = talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund"))
    assert receipt.kind == "receipt"  # held: five said, four listed
    sign_up_id = receipt.inbound_id
    assert sign_up_id is not None
    for client in signed_in_over(with_account(talk)):
        page = client.get("/gjennomgang").text
        client.submit(f"/melding/{sign_up_id}/svar", {"text": "Hei,\n\nJa.\n"}, "/gjennomgang")

        assert f'action="/melding/{sign_up_id}/svar"' not in page
        assert f'action="/melding/{sign_up_id}/be-om-retting"' in page
        assert "besvares med egne ord" in client.get("/gjennomgang").text
        assert answers_to(client, sign_up_id) == []


def test_a_question_in_a_registrations_thread_shows_its_answer_on_the_registration_page(
    tmp_path: Path,
) -> None:
    talk = Conversation(tmp_path, None)
    [confirmation] = talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    asked = make_mail(
        KARI,
        QUESTIONS["nb"].replace("Ingrid Solberg", "Kari Lund"),
        sender_name="Kari Lund",
        subject="Re: " + confirmation.subject,
        in_reply_to=confirmation.message_id,
    )
    assert talk.send(asked) == []
    [registration] = talk.registrations()
    for client in signed_in_over(with_account(talk)):
        [question] = [m for m in held_in(client) if m.kind == "question"]
        assert question.registration_id == registration.id
        draft = draft_on_card(client.get("/gjennomgang").text, question.id)

        sent = client.submit(
            f"/melding/{question.id}/svar", {"text": filled(draft, ANSWERS["nb"])}, "/gjennomgang"
        )
        page = client.get(sent.headers["location"]).text  # type: ignore[attr-defined]

        [answer] = answers_to(client, question.id)
        assert sent.headers["location"] == (  # type: ignore[attr-defined]
            f"/registrering/{registration.id}#r{answer.id}"
        )
        assert "Svaret ditt ligger i utboksen og sendes i samme tråd" in page
        reply = page.split(f'id="r{answer.id}"', 1)[1].split("</header>", 1)[0]
        assert "svar fra arrangøren til kari.lund@levanger.kommune.no" in reply
        assert f"skrevet av {EMAIL}" in reply
        assert ANSWERS["nb"] in page


def held_in(client: DeskClient) -> list[InboundMessage]:
    with make_session_factory(client.engine)() as session:
        return list(
            session.scalars(select(InboundMessage).where(InboundMessage.status == "needs_review"))
        )
