"""The review queue: held messages beside what mailbot read, and the organiser's decisions."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.models import DeskAction, InboundMessage, OutboundMessage, Registration
from db.session import make_session_factory
from mailbot.worker import run_cycle
from tests.desk_support import EMAIL, DeskClient
from tests.flow import add_to_maildir, embedded_app, make_maildir
from tests.mailmaker import make_mail


def held(client: DeskClient) -> list[InboundMessage]:
    with make_session_factory(client.engine)() as session:
        return list(
            session.scalars(
                select(InboundMessage)
                .where(InboundMessage.status == "needs_review")
                .order_by(InboundMessage.arrived_at)
            )
        )


def test_the_queue_shows_each_held_message_with_what_was_read_and_why(
    signed_in: DeskClient,
) -> None:
    waiting = held(signed_in)

    page = signed_in.get("/gjennomgang").text

    assert len(waiting) >= 3
    assert page.count('class="review card"') == len(waiting)
    assert "Et spørsmål til arrangøren." in page
    assert "Ikke forstått som en påmelding." in page
    assert "Hyllestad (4637)" in page  # what mailbot read, beside the text
    assert "Kan vi vere tre" in page  # the message as written


def test_closing_without_reply_ends_the_wait_and_sends_nothing(signed_in: DeskClient) -> None:
    first = held(signed_in)[0]
    with make_session_factory(signed_in.engine)() as session:
        replies_before = len(list(session.scalars(select(OutboundMessage.id))))

    signed_in.submit(f"/melding/{first.id}/lukk", {}, "/gjennomgang")
    again = signed_in.submit(f"/melding/{first.id}/lukk", {}, "/gjennomgang")
    page = signed_in.get("/gjennomgang").text

    with make_session_factory(signed_in.engine)() as session:
        closed = session.get(InboundMessage, first.id)
        replies_after = len(list(session.scalars(select(OutboundMessage.id))))
        recorded = [
            (a.account, a.action, a.inbound_id)
            for a in session.scalars(
                select(DeskAction).where(DeskAction.action == "close_without_reply")
            )
        ]
    assert closed is not None and closed.status == "processed"
    assert replies_after == replies_before
    assert recorded == [(EMAIL, "close_without_reply", first.id)]
    assert again.status_code == 303  # type: ignore[attr-defined]
    assert "Meldingen venter ikke lenger på en beslutning." in page
    assert f'id="m{first.id}"' not in page


def test_replies_whose_delivery_is_uncertain_are_listed_for_a_decision(
    signed_in: DeskClient,
) -> None:
    with make_session_factory(signed_in.engine)() as session, session.begin():
        row = session.scalars(select(OutboundMessage).limit(1)).one()
        row.status = "uncertain"
        row.last_error = "connection lost after DATA"
        row_id = row.id

    page = signed_in.get("/gjennomgang").text

    assert "Svar som kanskje ikke kom fram" in page
    assert f'action="/svar/{row_id}/levert"' in page
    assert f'action="/svar/{row_id}/send-igjen"' in page


def held_from(client: DeskClient, sender_part: str) -> InboundMessage:
    return next(m for m in held(client) if sender_part in (m.sender or ""))


def replies_to(client: DeskClient, message_id: int) -> list[OutboundMessage]:
    with make_session_factory(client.engine)() as session:
        return list(
            session.scalars(select(OutboundMessage).where(OutboundMessage.inbound_id == message_id))
        )


def test_a_message_not_read_as_a_sign_up_cannot_be_accepted_as_it_stands(
    signed_in: DeskClient,
) -> None:
    question = held_from(signed_in, "hyllestad")

    signed_in.submit(f"/melding/{question.id}/godta", {}, "/gjennomgang")
    page = signed_in.get("/gjennomgang").text

    assert "ble ikke lest som en påmelding" in page
    assert replies_to(signed_in, question.id) == []
    assert held_from(signed_in, "hyllestad").status == "needs_review"


def test_edit_then_accept_applies_the_corrected_reading_and_answers_like_mailbot(
    signed_in: DeskClient,
) -> None:
    question = held_from(signed_in, "hyllestad")

    response = signed_in.submit(
        f"/melding/{question.id}/rett-og-godta",
        {
            "kind": "registration",
            "municipality": "Hyllestad (4637)",
            "participants": "Marit Nordeide; kulturskulerektor\n"
            "Ola Vik; rektor ved Hyllestad skule; skole\n"
            "Kari Li; bibliotekssjef\n"
            "Per Eik; ordførar; politikk",
            "removed": "",
        },
        "/gjennomgang",
    )

    (reply,) = replies_to(signed_in, question.id)
    with make_session_factory(signed_in.engine)() as session:
        message = session.get(InboundMessage, question.id)
        assert message is not None and message.registration is not None
        registration = message.registration
        people = [(p.name, p.sector) for p in registration.participants]
        actors = {(c.actor, c.account) for c in registration.changes}
    raw = reply.raw.decode()
    assert response.headers["location"] == f"/registrering/{registration.id}#m{question.id}"  # type: ignore[attr-defined]
    assert message.status == "processed"
    assert registration.municipality_name == "Hyllestad"
    assert people[1] == ("Ola Vik", "skole")
    assert reply.kind == "confirmation"
    assert reply.recipient == "marit.nordeide@hyllestad.kommune.no"
    assert f"In-Reply-To: {question.message_id}" in raw
    assert "Auto-Submitted: auto-replied" in raw
    assert "X-Mailbot-Reply: confirmation" in raw
    assert actors == {("organiser", EMAIL)}
    page = signed_in.get(f"/registrering/{registration.id}").text
    assert "Godtatt. Svaret (bekreftelse) ligger i utboksen" in page
    assert "venter på sending" in page


def test_a_correction_request_carries_the_organisers_words(signed_in: DeskClient) -> None:
    question = held_from(signed_in, "karasjok")

    signed_in.submit(
        f"/melding/{question.id}/be-om-retting",
        {"request": "Send oss navn og rolle på dem som skal delta, så melder vi dere på."},
        "/gjennomgang",
    )

    (reply,) = replies_to(signed_in, question.id)
    with make_session_factory(signed_in.engine)() as session:
        status = session.get(InboundMessage, question.id).status  # type: ignore[union-attr]
    assert reply.kind == "correction_request"
    assert "X-Mailbot-Reply: correction_request" in reply.raw.decode()
    assert "Send oss navn og rolle" in body_of(reply.raw)
    assert status == "processed"


def body_of(raw: bytes) -> str:
    from mailbot.web.conversation import reply_text

    return reply_text(raw)


def test_attach_to_another_municipality_joins_its_registration_and_waits(
    signed_in: DeskClient,
) -> None:
    question = held_from(signed_in, "hyllestad")
    with make_session_factory(signed_in.engine)() as session:
        bodo = session.scalars(
            select(Registration).where(Registration.municipality_name == "Bodø")
        ).one()

    signed_in.submit(
        f"/melding/{question.id}/knytt", {"municipality": "Bodø (1804)"}, "/gjennomgang"
    )
    queue = signed_in.get("/gjennomgang").text
    page = signed_in.get(f"/registrering/{bodo.id}").text

    with make_session_factory(signed_in.engine)() as session:
        message = session.get(InboundMessage, question.id)
        recorded = [
            (a.account, a.registration_id, a.inbound_id)
            for a in session.scalars(select(DeskAction).where(DeskAction.action == "attach"))
        ]
    assert message is not None
    assert message.registration_id == bodo.id
    assert message.status == "needs_review"
    assert (message.extraction or {})["municipality"] == {"number": "1804", "name": "Bodø"}
    assert recorded == [(EMAIL, bodo.id, question.id)]
    assert "Meldingen er knyttet til Bodø" in queue
    assert f'id="m{question.id}"' in page
    assert replies_to(signed_in, question.id) == []


def test_a_message_attached_to_a_municipality_without_registration_opens_it_on_accept(
    signed_in: DeskClient,
) -> None:
    question = held_from(signed_in, "hyllestad")
    signed_in.submit(
        f"/melding/{question.id}/knytt", {"municipality": "Askvoll (4645)"}, "/gjennomgang"
    )

    signed_in.submit(
        f"/melding/{question.id}/rett-og-godta",
        {
            "kind": "registration",
            "municipality": "",
            "participants": "Marit Nordeide; kulturskulerektor\nOla Vik; rektor; skole\n"
            "Kari Li; bibliotekssjef\nPer Eik; ordførar; politikk",
            "removed": "",
        },
        "/gjennomgang",
    )

    with make_session_factory(signed_in.engine)() as session:
        message = session.get(InboundMessage, question.id)
        assert message is not None and message.registration is not None
        number = message.registration.municipality_number
    assert number == "4645"
    assert [r.kind for r in replies_to(signed_in, question.id)] == ["confirmation"]


def test_attach_needs_a_municipality_from_the_list(signed_in: DeskClient) -> None:
    question = held_from(signed_in, "hyllestad")

    signed_in.submit(f"/melding/{question.id}/knytt", {"municipality": "Atlantis"}, "/gjennomgang")

    assert "Velg en kommune fra listen." in signed_in.get("/gjennomgang").text
    assert held_from(signed_in, "hyllestad").registration_id == question.registration_id


def test_the_queue_shows_in_which_part_and_line_each_name_was_read(
    signed_in: DeskClient, tmp_path: Path
) -> None:
    """A list in a CSV attachment that does not match the count the sender states is held;
    the desk names the file, line, row and column of each name."""
    maildir = make_maildir(tmp_path / "Maildir")
    csv = "Navn;Stilling\r\nOla Vik;rektor\r\nPer Ås;ordfører\r\n".encode("cp1252")
    body = "Hei!\n\nVi er tre som kommer fra Vik kommune, se vedlagt liste.\n\nHilsen Kari"
    mail = make_mail(
        "kari.berg@vik.kommune.no",
        body,
        sender_name="Kari Berg",
        attachments=(("deltakere.csv", "application/vnd.ms-excel", csv),),
    )
    add_to_maildir(maildir, "held.eml", mail)
    url = signed_in.engine.url.render_as_string(hide_password=False)
    run_cycle(embedded_app(url, maildir, tmp_path / "outbox"))

    page = signed_in.get("/gjennomgang").text

    assert "Hvor navnene ble funnet" in page
    assert "(vedlegget deltakere.csv, linje 3, rad 3, kolonne Navn)" in page


def test_a_question_card_offers_an_answer_and_no_correction_request(
    signed_in: DeskClient,
) -> None:
    questions = [m for m in held(signed_in) if m.kind == "question"]

    page = signed_in.get("/gjennomgang").text
    cards = {
        m.id: page.split(f'id="m{m.id}"', 1)[1].split("</article>", 1)[0] for m in held(signed_in)
    }

    assert questions
    for question in questions:
        card = cards[question.id]
        assert "Skriv svaret under: det sendes til avsenderen i samme tråd" in card
        assert f'action="/melding/{question.id}/svar"' in card
        assert "be-om-retting" not in card
    others = [m for m in held(signed_in) if m.kind != "question"]
    assert all("be-om-retting" in cards[m.id] for m in others)
