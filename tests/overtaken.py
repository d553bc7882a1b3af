"""A held sign-up that a later withdrawal overtook, for the tests of what the organiser is
told and can do about it (the desk in a browser, ``mailbot review``, the digest, the
reinstate-then-accept path). Invented mails, in bokmål and nynorsk: the sign-up says five
and lists four (held: the count does not match), then the sender withdraws in the thread a
day later (confirmed at once, behind the held message)."""

from __future__ import annotations

from datetime import timedelta

from tests.conversation import Conversation
from tests.mailmaker import ON_TIME, make_mail

SENDERS = {"nb": "anne.moe@vestby.kommune.no", "nn": "anne.moe@volda.kommune.no"}
MUNICIPALITIES = {"nb": "Vestby", "nn": "Volda"}
SIGN_UPS = {
    "nb": "Hei!\n\nVestby kommune blir med på verkstedet. Vi blir fem:\n\n"
    "- Anne Moe, rektor ved Son skole\n- Petter Lie, ordfører\n"
    "- Eline Sand, kulturskolelærer\n- Jon Dahle, kommunalsjef\n\nHilsen Anne\n",
    "nn": "Hei!\n\nVolda kommune vil gjerne vere med på verkstaden. Me blir fem:\n\n"
    "- Anne Moe, rektor ved Dalsfjord skule\n- Petter Lie, ordførar\n"
    "- Eline Sand, kulturskulelærar\n- Jon Dahle, kommunalsjef\n\nHelsing Anne\n",
}
WITHDRAWALS = {
    "nb": "Hei igjen!\n\nVi må dessverre trekke oss fra verkstedet likevel.\n\nHilsen Anne\n",
    "nn": "Hei att!\n\nMe må diverre trekkje oss frå verkstaden likevel.\n\nHelsing Anne\n",
}
FOUR = ["Anne Moe", "Petter Lie", "Eline Sand", "Jon Dahle"]


def sign_up_then_withdrawal(talk: Conversation, language: str) -> None:
    """The held sign-up, then the withdrawal that overtakes it (each through one cycle)."""
    [receipt] = talk.send(make_mail(SENDERS[language], SIGN_UPS[language], sender_name="Anne Moe"))
    assert receipt.kind == "receipt"
    [confirmation] = talk.send(
        make_mail(
            SENDERS[language],
            WITHDRAWALS[language],
            sender_name="Anne Moe",
            subject="Re: " + receipt.subject,
            in_reply_to=receipt.message_id,
            date=ON_TIME + timedelta(days=1),
        )
    )
    assert confirmation.kind == "confirmation"
