"""The review queue: held messages beside what mailbot read, and the organiser's decisions."""

from __future__ import annotations

from sqlalchemy import select

from db.models import DeskAction, InboundMessage, OutboundMessage
from db.session import make_session_factory
from tests.desk_support import EMAIL, DeskClient


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
