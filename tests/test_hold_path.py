"""When mailbot is not sure it read a message right, a person decides: the message is held,
nothing is applied, and the sender gets an honest receipt in their own written standard."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db.models import InboundMessage, OutboundMessage
from tests.conversation import Conversation, names
from tests.flow import body_text, parse_message
from tests.mailmaker import FIVE_SAID_FOUR_LISTED, KARI, WITHDRAWALS, make_mail

NYNORSK = """Hei!

Levanger kommune vil gjerne vere med. Me blir fem:

- Kari Lund, kulturskulerektor
- Per Moen, kommunalsjef for oppvekst
- Eva Dahl, rektor ved Skogn skule
- Ola Nes, ordførar

Helsing
Kari Lund
"""
COMPLETE = FIVE_SAID_FOUR_LISTED.replace("Vi blir fem:", "Her er gruppa vår:")


def stored(talk: Conversation) -> list[InboundMessage]:
    with talk.app.factory() as session:
        return list(session.scalars(select(InboundMessage).order_by(InboundMessage.id)))


@pytest.mark.parametrize(
    ("body", "words"),
    [(FIVE_SAID_FOUR_LISTED, "hører fra oss"), (NYNORSK, "høyrer frå oss")],
)
def test_an_unsure_reading_is_held_with_a_receipt_in_the_senders_standard(
    talk: Conversation, body: str, words: str
) -> None:
    [receipt] = talk.send(make_mail(KARI, body, sender_name="Kari Lund"))

    message = parse_message(receipt.raw)
    assert receipt.kind == "receipt"
    assert str(message["X-Mailbot-Reply"]) == "receipt"
    assert str(message["Auto-Submitted"]) == "auto-replied"
    assert words in " ".join(body_text(message).split())
    assert "Ola Nes" not in body_text(message)
    assert talk.registrations() == []
    [held] = stored(talk)
    assert held.status == "needs_review"
    assert held.held_for == ["unsure"]
    assert held.extraction is not None
    assert [d["code"] for d in held.extraction["doubts"]] == ["stated_count"]


@pytest.mark.parametrize("talk", ["embedded", "servers", "postgresql"], indirect=True)
def test_a_later_message_waits_for_the_held_one(talk: Conversation) -> None:
    talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund"))

    [receipt] = talk.send(
        make_mail(KARI, "Hei igjen!\n\nDen femte er Siv Ek, lærer.\n", sender_name="Kari Lund")
    )

    assert receipt.kind == "receipt"
    assert [m.held_for for m in stored(talk)] == [["unsure"], ["earlier_held"]]
    assert talk.registrations() == []


@pytest.mark.parametrize(
    ("first", "withdrawal"),
    [
        (FIVE_SAID_FOUR_LISTED, WITHDRAWALS["nb"]),
        (NYNORSK, WITHDRAWALS["nn"]),
    ],
    ids=["nb", "nn"],
)
def test_a_withdrawal_is_confirmed_even_behind_a_held_message(
    talk: Conversation, first: str, withdrawal: str
) -> None:
    [receipt] = talk.send(make_mail(KARI, first, sender_name="Kari Lund"))

    [answer] = talk.send(
        make_mail(
            KARI,
            withdrawal,
            sender_name="Kari Lund",
            subject="Re: " + receipt.subject,
            in_reply_to=receipt.message_id,
        )
    )

    assert answer.kind == "confirmation"
    assert [m.held_for for m in stored(talk)] == [["unsure"], None]


def test_taking_off_someone_who_is_not_on_the_list_is_held(talk: Conversation) -> None:
    [confirmation] = talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    removal = make_mail(
        KARI,
        "Hei!\n\nTrond Vik kan dessverre ikke delta likevel.\n\nHilsen Kari\n",
        sender_name="Kari Lund",
        subject="Re: " + confirmation.subject,
        in_reply_to=confirmation.message_id,
    )

    [receipt] = talk.send(removal)

    assert receipt.kind == "receipt"
    assert stored(talk)[-1].held_for == ["removal_unmatched"]
    [registration] = talk.registrations()
    assert len(names(registration)) == 4


def test_one_inbound_message_has_at_most_one_outgoing_message_of_each_kind(
    talk: Conversation,
) -> None:
    [receipt] = talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund"))

    again = OutboundMessage(
        message_id="<mailbot.again@ks.no>",
        inbound_id=receipt.inbound_id,
        kind="receipt",
        sender="torkel.oien@ks.no",
        recipient=KARI,
        subject="again",
        raw=b"again",
    )
    with talk.app.factory() as session, pytest.raises(IntegrityError), session.begin():
        session.add(again)


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVi melder oss på. Navnene sender vi snart.\n\nHilsen\nAnne Lie\n",
        "Hei!\n\nMe melder oss på. Namna sender me snart.\n\nHelsing\nAnne Lie\n",
    ],
)
def test_a_sign_up_with_neither_municipality_nor_person_gets_no_automatic_answer(
    talk: Conversation, body: str
) -> None:
    sent = talk.send(make_mail("anne.lie@korps.example", body, sender_name="Anne Lie"))

    assert sent == []
    assert talk.registrations() == []
    [held] = stored(talk)
    assert held.status == "needs_review"
    assert held.extraction is not None and held.extraction["kind"] == "registration"


def test_a_sign_up_with_a_municipality_but_no_person_is_still_answered(
    talk: Conversation,
) -> None:
    body = "Hei!\n\nLevanger kommune melder seg på. Navnene sender vi snart.\n\nHilsen\nKari Lund\n"
    [answer] = talk.send(make_mail(KARI, body, sender_name="Kari Lund"))

    assert answer.kind == "correction_request"
