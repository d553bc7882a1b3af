"""After the organiser decides a held message, the messages that waited only for it go
through the flow again in the order they arrived: nothing stays stuck behind a decision."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import InboundMessage, OutboundMessage
from mailbot import review
from mailbot.web.serve import add_user
from mailbot.worker import run_cycle
from tests.conversation import Conversation, names
from tests.desk_support import EMAIL, desk_client
from tests.mailmaker import FIVE_SAID_FOUR_LISTED, KARI, WITHDRAWALS, make_mail
from tests.overtaken import FOUR, sign_up_then_withdrawal

OUTSIDER = "ukjent.person@example.org"
FIFTH = "Hei igjen!\n\nDen femte er Siv Ek, lærer ved Skogn barneskole.\n\nHilsen Kari\n"
SIXTH = "Hei!\n\nTone Aas, kultursjef, blir også med.\n\nHilsen Kari\n"


# The conversation fixture (tests/conversation.py), embedded; the savepoint path also on
# PostgreSQL, where a rolled-back savepoint must leave the registry as it was too.
EMBEDDED = pytest.mark.parametrize("talk", ["embedded"], indirect=True)
EMBEDDED_AND_POSTGRESQL = pytest.mark.parametrize("talk", ["embedded", "postgresql"], indirect=True)


def messages(talk: Conversation) -> list[InboundMessage]:
    with talk.app.factory() as session:
        return list(session.scalars(select(InboundMessage).order_by(InboundMessage.id)))


def outgoing_kinds(talk: Conversation, inbound_id: int) -> list[str]:
    with talk.app.factory() as session:
        return list(
            session.scalars(
                select(OutboundMessage.kind)
                .where(OutboundMessage.inbound_id == inbound_id)
                .order_by(OutboundMessage.id)
            )
        )


def decide(talk: Conversation, message_id: int, how: str) -> None:
    processor = review.desk_processor(talk.app.event, talk.app.clock)
    with talk.app.factory() as session, session.begin():
        message = session.get(InboundMessage, message_id)
        assert message is not None
        if how == "accept":
            review.accept(session, message, processor, "kari.arrangor@ks.no")
        else:
            review.close_without_reply(session, message, talk.app.clock())


@EMBEDDED
def test_accepting_a_held_message_sends_the_ones_behind_it_through_the_flow_in_order(
    talk: Conversation,
) -> None:
    talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund"))
    talk.send(make_mail(KARI, FIFTH, sender_name="Kari Lund"))
    talk.send(make_mail(KARI, SIXTH, sender_name="Kari Lund"))
    first, fifth, sixth = messages(talk)
    assert [m.held_for for m in (first, fifth, sixth)] == [
        ["unsure"],
        ["earlier_held"],
        ["earlier_held"],
    ]

    decide(talk, first.id, "accept")
    waiting = [m.status for m in messages(talk)]
    run_cycle(talk.app)

    assert waiting == ["processed", "new", "new"]
    assert [m.status for m in messages(talk)] == ["processed"] * 3
    (registration,) = talk.registrations()
    assert names(registration)[-2:] == ["Siv Ek", "Tone Aas"]  # in the order they came
    # one receipt each while held, then their own answers; no second receipt
    assert outgoing_kinds(talk, fifth.id)[0] == "receipt"
    assert outgoing_kinds(talk, fifth.id).count("receipt") == 1
    assert len(outgoing_kinds(talk, fifth.id)) == 2
    assert outgoing_kinds(talk, sixth.id).count("receipt") == 1


@EMBEDDED
def test_closing_a_held_message_releases_the_one_behind_it(talk: Conversation) -> None:
    talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund"))
    talk.send(make_mail(KARI, FIFTH, sender_name="Kari Lund"))
    first, fifth = messages(talk)

    decide(talk, first.id, "close")
    run_cycle(talk.app)

    assert [m.status for m in messages(talk)] == ["processed", "processed"]
    assert outgoing_kinds(talk, fifth.id).count("receipt") == 1


@EMBEDDED
def test_a_later_message_held_for_another_reason_too_stays_with_that_reason(
    talk: Conversation,
) -> None:
    talk.send(
        make_mail(
            KARI, FIVE_SAID_FOUR_LISTED.replace("Vi blir fem:", "Her er vi:"), sender_name="Kari"
        )
    )
    confirmation_count = len(messages(talk))
    talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund", subject="Ny liste"))
    talk.send(make_mail(OUTSIDER, "Hei!\n\nLevanger kommune: Kari Lund kan ikke delta.\n"))
    first, unsure, outsider = messages(talk)[confirmation_count - 1 :]
    assert unsure.held_for == ["unsure"]
    assert outsider.held_for is not None and "earlier_held" in outsider.held_for

    decide(talk, unsure.id, "close")

    (after,) = [m for m in messages(talk) if m.id == outsider.id]
    assert after.status == "needs_review"
    assert after.held_for is not None and "earlier_held" not in after.held_for
    assert after.held_for
    assert first.status == "processed"


@EMBEDDED
def test_the_desk_says_how_many_waiting_messages_a_decision_let_through(
    talk: Conversation,
) -> None:
    talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund"))
    talk.send(make_mail(KARI, FIFTH, sender_name="Kari Lund"))
    first, _fifth = messages(talk)
    url = talk.app.settings.database_url
    add_user(url, EMAIL, "riktig-hest-batteri")

    for client in desk_client(url):
        client.sign_in()
        client.submit(f"/melding/{first.id}/lukk", {}, "/gjennomgang")
        page = client.get("/gjennomgang").text

    assert "1 melding som ventet bak den, behandles nå automatisk" in page
    assert [m.status for m in messages(talk)] == ["processed", "new"]


#: (sign-up, a follow-up no reader understands, a removal that leaves three) in bokmål and
#: nynorsk.
NOT_UNDERSTOOD_THREADS = {
    "nb": (
        "Hei!\n\nLevanger kommune melder seg på med disse:\n\n- Kari Lund, kulturskolerektor\n"
        "- Per Moen, kommunalsjef for oppvekst\n- Eva Dahl, rektor ved Skogn barneskole\n"
        "- Ola Nes, ordfører\n\nHilsen\nKari Lund\n",
        "Hei igjen!\n\nBarnehagen blir også med oss, se vedlegget.\n\nHilsen Kari\n",
        "Hei!\n\nPer Moen kan dessverre ikke delta likevel.\n\nHilsen Kari\n",
    ),
    "nn": (
        "Hei!\n\nLevanger kommune melder seg på med desse:\n\n- Kari Lund, kulturskulerektor\n"
        "- Per Moen, kommunalsjef for oppvekst\n- Eva Dahl, rektor ved Skogn barneskule\n"
        "- Ola Nes, ordførar\n\nHelsing\nKari Lund\n",
        "Hei att!\n\nBarnehagen blir òg med oss, sjå vedlegget.\n\nHelsing Kari\n",
        "Hei!\n\nPer Moen kan diverre ikkje delta likevel.\n\nHelsing Kari\n",
    ),
}


@EMBEDDED_AND_POSTGRESQL
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_correction_request_waits_behind_a_message_nobody_understood(
    talk: Conversation, language: str
) -> None:
    """A follow-up read as no list waits for the organiser; a later message of the same
    registration that would ask for a correction (too few now) waits too, since what the
    group lacks may be in the message nobody read, and goes through the flow once the
    organiser has decided that one."""
    sign_up, unclear, removal = NOT_UNDERSTOOD_THREADS[language]
    [confirmation] = talk.send(make_mail(KARI, sign_up, sender_name="Kari Lund"))
    reply = {"subject": "Re: " + confirmation.subject, "in_reply_to": confirmation.message_id}
    talk.send(make_mail(KARI, unclear, sender_name="Kari Lund", **reply))

    [receipt] = talk.send(make_mail(KARI, removal, sender_name="Kari Lund", **reply))

    first, not_understood, later = messages(talk)
    assert confirmation.kind == "confirmation"
    assert (not_understood.kind, not_understood.status) == ("other", "needs_review")
    assert receipt.kind == "receipt"
    assert (later.status, later.held_for) == ("needs_review", ["earlier_held"])
    (registration,) = talk.registrations()
    assert len(names(registration)) == 4  # nothing of the removal applied

    decide(talk, not_understood.id, "close")
    run_cycle(talk.app)

    assert outgoing_kinds(talk, later.id) == ["receipt", "correction_request"]
    (registration,) = talk.registrations()
    assert "Per Moen" not in names(registration)


@EMBEDDED
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_confirmation_goes_behind_a_message_nobody_understood(
    talk: Conversation, language: str
) -> None:
    """What the group has is no complaint: a change that leaves it complete is confirmed
    even while a message nobody understood waits for the organiser."""
    sign_up, unclear, removal = NOT_UNDERSTOOD_THREADS[language]
    [confirmation] = talk.send(make_mail(KARI, sign_up, sender_name="Kari Lund"))
    reply = {"subject": "Re: " + confirmation.subject, "in_reply_to": confirmation.message_id}
    talk.send(make_mail(KARI, unclear, sender_name="Kari Lund", **reply))
    swap = removal.replace("Per Moen", "Eva Dahl").replace(
        "likevel.",
        "likevel. Tone Aas, kultursjef, kommer i stedet."
        if language == "nb"
        else "likevel. Tone Aas, kultursjef, kjem i staden.",
    )

    [answer] = talk.send(make_mail(KARI, swap, sender_name="Kari Lund", **reply))

    assert answer.kind == "confirmation"
    (registration,) = talk.registrations()
    assert "Tone Aas" in names(registration) and "Eva Dahl" not in names(registration)


@EMBEDDED_AND_POSTGRESQL
@pytest.mark.parametrize(
    "withdrawal",
    [WITHDRAWALS["nb"], WITHDRAWALS["nn"]],
    ids=["nb", "nn"],
)
def test_a_held_sign_up_overtaken_by_a_withdrawal_is_not_accepted_unasked(
    talk: Conversation, withdrawal: str
) -> None:
    [receipt] = talk.send(make_mail(KARI, FIVE_SAID_FOUR_LISTED, sender_name="Kari Lund"))
    [confirmation] = talk.send(
        make_mail(
            KARI,
            withdrawal,
            sender_name="Kari Lund",
            subject="Re: " + receipt.subject,
            in_reply_to=receipt.message_id,
        )
    )
    held, _ = messages(talk)
    before = [names(r) for r in talk.registrations()]

    with pytest.raises(review.ReviewError, match="trakk påmeldingen"):
        decide(talk, held.id, "accept")

    assert confirmation.kind == "confirmation"
    assert messages(talk)[0].status == "needs_review"
    assert [names(r) for r in talk.registrations()] == before
    assert outgoing_kinds(talk, held.id) == ["receipt"]


@EMBEDDED_AND_POSTGRESQL
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_organiser_reinstates_then_accepts_a_sign_up_a_withdrawal_overtook(
    talk: Conversation, language: str
) -> None:
    """The organiser who wants the overtaken sign-up after all reinstates the registration
    at the desk, then accepts the held message: its list is applied and confirmed. Before
    the reinstatement the desk says why it will not accept, and refuses if asked."""
    sign_up_then_withdrawal(talk, language)
    held, withdrawal = messages(talk)
    (registration,) = talk.registrations()
    assert (registration.status, withdrawal.registration_id) == ("withdrawn", registration.id)
    url = talk.app.settings.database_url
    add_user(url, EMAIL, "riktig-hest-batteri")

    for client in desk_client(url):
        client.sign_in()
        before = client.get("/gjennomgang").text
        client.submit(f"/melding/{held.id}/godta", {}, "/gjennomgang")
        refused = client.get("/gjennomgang").text
        reinstated = client.submit(
            f"/registrering/{registration.id}/gjeninnsett", {}, f"/registrering/{registration.id}"
        )
        after = client.get("/gjennomgang").text
        accepted = client.submit(f"/melding/{held.id}/godta", {}, "/gjennomgang")
        landing = client.get(accepted.headers["location"]).text  # type: ignore[attr-defined]

    assert "trakk påmeldingen i en senere melding" in before
    assert f'action="/melding/{held.id}/godta"' not in before  # not offered as it stands
    assert f'href="/registrering/{registration.id}"' in before
    assert "Å godta denne meldingen nå ville åpne påmeldingen igjen" in refused
    assert reinstated.status_code == 303  # type: ignore[attr-defined]
    assert "trakk påmeldingen i en senere melding" not in after
    assert f'action="/melding/{held.id}/godta"' in after
    assert "Godtatt. Svaret (bekreftelse) ligger i utboksen" in landing
    assert messages(talk)[0].status == "processed"
    assert outgoing_kinds(talk, held.id) == ["receipt", "confirmation"]
    (registration,) = talk.registrations()
    assert registration.status == "complete"
    assert names(registration) == FOUR


#: (a complete sign-up from the contact, a change from someone else at another address) in
#: bokmål and nynorsk.
STRANGER_THREADS = {
    "nb": (
        "Hei!\n\nLevanger kommune melder på:\n\n- Kari Lund, kulturskolerektor\n"
        "- Geir Moe, kommunalsjef for oppvekst\n- Randi Ness, rektor ved Ekne skole\n"
        "- Ola Tveit, ordfører\n\nHilsen Kari\n",
        "Hei!\n\nLevanger kommune: Geir Moe kan dessverre ikke delta.\n\nHilsen Lars\n",
    ),
    "nn": (
        "Hei!\n\nLevanger kommune melder på:\n\n- Kari Lund, kulturskulerektor\n"
        "- Geir Moe, kommunalsjef for oppvekst\n- Randi Ness, rektor ved Ekne skule\n"
        "- Ola Tveit, ordførar\n\nHelsing Kari\n",
        "Hei!\n\nLevanger kommune: Geir Moe kan diverre ikkje delta.\n\nHelsing Lars\n",
    ),
}


@EMBEDDED
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_card_of_a_message_from_a_stranger_adds_the_sender_as_a_contact(
    talk: Conversation, language: str
) -> None:
    sign_up, change = STRANGER_THREADS[language]
    talk.send(make_mail(KARI, sign_up, sender_name="Kari Lund"))
    talk.send(make_mail(OUTSIDER, change, sender_name="Lars Ås"))
    _, stranger = messages(talk)
    assert stranger.held_for == ["not_a_contact"]
    (registration,) = talk.registrations()
    url = talk.app.settings.database_url
    add_user(url, EMAIL, "riktig-hest-batteri")

    for client in desk_client(url):
        client.sign_in()
        card = client.get("/gjennomgang").text
        client.submit(
            f"/registrering/{registration.id}/kontakt", {"address": OUTSIDER}, "/gjennomgang"
        )
        after = client.get("/gjennomgang").text

    assert f"Legg til {OUTSIDER} som kontakt for påmeldingen" in card
    assert f'action="/registrering/{registration.id}/kontakt"' in card
    assert f"Legg til {OUTSIDER} som kontakt" not in after  # done: not offered twice
    (registration,) = talk.registrations()
    assert OUTSIDER in [c.address for c in registration.contacts]
    assert messages(talk)[1].status == "needs_review"  # still the organiser's to decide
    assert f'action="/melding/{stranger.id}/godta"' in after
