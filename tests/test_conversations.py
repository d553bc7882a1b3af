"""Registrations as conversations, through the embedded pipeline (Maildir + file outbox) and
through real servers (Dovecot + SMTP)."""

from __future__ import annotations

from datetime import datetime

import pytest

from db.models import OutboundMessage
from mailbot.worker import run_cycle
from tests.conversation import Conversation, names
from tests.flow import body_text, parse_message
from tests.mailmaker import ON_TIME, make_mail

KARI = "kari.lund@levanger.kommune.no"
THREE = """Hei!

Levanger kommune vil gjerne delta. Foreløpig har vi disse:

- Kari Lund, kulturskolerektor
- Per Moen, kommunalsjef for oppvekst
- Eva Dahl, rektor ved Skogn barneskole

Vi kommer tilbake med en fjerde.

Hilsen
Kari Lund
Kulturskolerektor, Levanger kommune
"""


def test_incomplete_then_completed_in_reply_to_our_correction_request(talk: Conversation) -> None:
    [request] = talk.send(make_mail(KARI, THREE, sender_name="Kari Lund"))
    answer = make_mail(
        KARI,
        "Hei igjen!\n\nDen fjerde blir Ola Nes, ordfører.\n\nHilsen Kari\n",
        sender_name="Kari Lund",
        subject="Re: " + request.subject,
        in_reply_to=request.message_id,
    )
    [confirmation] = talk.send(answer)

    assert request.kind == "correction_request"
    assert confirmation.kind == "confirmation"
    [registration] = talk.registrations()
    assert names(registration) == ["Kari Lund", "Per Moen", "Eva Dahl", "Ola Nes"]
    assert registration.status == "complete"
    text = body_text(parse_message(confirmation.raw))
    assert all(name in text for name in names(registration))


COMPLETE = THREE.replace("Vi kommer tilbake med en fjerde.", "- Ola Nes, ordfører")


def test_a_replacement_changes_the_list(talk: Conversation) -> None:
    first = make_mail(KARI, COMPLETE, sender_name="Kari Lund")
    talk.send(first)
    change = make_mail(
        KARI,
        "Hei,\n\nPer Moen kan dessverre ikke likevel. I stedet kommer "
        "Siri Berg, oppvekstsjef.\n\nHilsen Kari Lund\n",
        sender_name="Kari Lund",
        in_reply_to=parse_message(first)["Message-ID"],
    )

    [reply] = talk.send(change)

    [registration] = talk.registrations()
    assert names(registration) == ["Kari Lund", "Eva Dahl", "Ola Nes", "Siri Berg"]
    assert reply.kind == "confirmation"


def test_a_withdrawal_is_acknowledged_and_recorded(talk: Conversation) -> None:
    talk.send(make_mail(KARI, THREE, sender_name="Kari Lund"))
    [reply] = talk.send(
        make_mail(
            KARI,
            "Hei,\n\nLevanger kommune må dessverre trekke seg fra verkstedet.\n\nHilsen Kari\n",
            sender_name="Kari Lund",
        )
    )

    assert reply.kind == "confirmation"
    [registration] = talk.registrations()
    assert registration.status == "withdrawn"


def test_a_late_registration_gets_a_late_notice(talk: Conversation) -> None:
    late = make_mail(
        KARI,
        COMPLETE,
        sender_name="Kari Lund",
        date=datetime.fromisoformat("2020-05-11T10:00:00+02:00"),
    )

    [reply] = talk.send(late)

    assert reply.kind == "late_notice"


AFTER_DEADLINE = datetime.fromisoformat("2020-05-11T08:48:00+02:00")


THREE_NN = """Hei!

Vinje kommune vil gjerne vere med. Førebels har vi desse:

- Tarjei Bø, kulturskulerektor
- Signe Rue, rektor ved Åmot skule
- Halvor Lid, ordførar

Vi kjem tilbake med ein fjerde.

Med venleg helsing
Tarjei Bø
"""


@pytest.mark.parametrize(
    ("sender", "name", "first", "late"),
    [
        (
            KARI, "Kari Lund", THREE,
            "Hei igjen,\n\nBeklager at dette kom sent. Den fjerde blir Ola Nes, ordfører.\n",
        ),
        (
            "tarjei.bo@vinje.kommune.no", "Tarjei Bø", THREE_NN,
            "Hei igjen,\n\nOrsak at dette kom seint. Den fjerde blir Anne Haugen, leiar for "
            "Vinje bibliotek.\n",
        ),
    ],
)  # fmt: skip
def test_too_few_at_the_deadline_and_completed_after_it_gets_a_late_notice(
    talk: Conversation, sender: str, name: str, first: str, late: str
) -> None:
    [request] = talk.send(make_mail(sender, first, sender_name=name, date=ON_TIME))
    fourth = make_mail(
        sender,
        late,
        sender_name=name,
        subject="Re: " + request.subject,
        in_reply_to=request.message_id,
        date=AFTER_DEADLINE,
    )

    [reply] = talk.send(fourth)

    assert request.kind == "correction_request"
    assert reply.kind == "late_notice"


COMPLETE_NN = THREE_NN.replace(
    "Vi kjem tilbake med ein fjerde.", "- Anne Haugen, leiar for Vinje bibliotek"
)


@pytest.mark.parametrize(
    ("sender", "name", "first", "change"),
    [
        (
            KARI, "Kari Lund", COMPLETE,
            "Hei,\n\nPer Moen kan dessverre ikke likevel. I stedet kommer Siri Berg, "
            "oppvekstsjef.\n\nHilsen Kari Lund\n",
        ),
        (
            "tarjei.bo@vinje.kommune.no", "Tarjei Bø", COMPLETE_NN,
            "Hei,\n\nSigne Rue kan diverre ikkje likevel. I staden kjem Ragnhild Nes, "
            "inspektør ved Åmot skule.\n\nHelsing Tarjei Bø\n",
        ),
    ],
)  # fmt: skip
def test_complete_at_the_deadline_and_changed_after_it_gets_a_late_notice(
    talk: Conversation, sender: str, name: str, first: str, change: str
) -> None:
    """The invitation's rule is the message's date: a change of the group that arrives after
    the deadline is late too (the event's late_change_policy), and the organiser decides."""
    first_mail = make_mail(sender, first, sender_name=name, date=ON_TIME)
    [confirmation] = talk.send(first_mail)
    late = make_mail(
        sender,
        change,
        sender_name=name,
        in_reply_to=parse_message(first_mail)["Message-ID"],
        date=AFTER_DEADLINE,
    )

    [reply] = talk.send(late)

    assert confirmation.kind == "confirmation"
    assert reply.kind == "late_notice"


@pytest.mark.parametrize(
    ("sender", "name", "first", "withdrawal"),
    [
        (
            KARI, "Kari Lund", COMPLETE,
            "Hei,\n\nLevanger kommune må dessverre trekke seg likevel.\n\nHilsen Kari Lund\n",
        ),
        (
            "tarjei.bo@vinje.kommune.no", "Tarjei Bø", COMPLETE_NN,
            "Hei,\n\nVi må diverre trekkje oss frå verkstaden.\n\nHelsing Tarjei Bø\n",
        ),
    ],
)  # fmt: skip
def test_a_withdrawal_after_the_deadline_is_confirmed(
    talk: Conversation, sender: str, name: str, first: str, withdrawal: str
) -> None:
    first_mail = make_mail(sender, first, sender_name=name, date=ON_TIME)
    talk.send(first_mail)
    late = make_mail(
        sender,
        withdrawal,
        sender_name=name,
        in_reply_to=parse_message(first_mail)["Message-ID"],
        date=AFTER_DEADLINE,
    )

    [reply] = talk.send(late)

    assert reply.kind == "confirmation"
    [registration] = talk.registrations()
    assert registration.status == "withdrawn"


def test_an_out_of_office_answer_to_our_reply_gets_no_reply(talk: Conversation) -> None:
    [request] = talk.send(make_mail(KARI, THREE, sender_name="Kari Lund"))
    out_of_office = make_mail(
        KARI,
        "Jeg er på ferie til 11. mai og leser ikke e-post.\n",
        sender_name="Kari Lund",
        subject="Automatisk svar: " + request.subject,
        in_reply_to=request.message_id,
        headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"},
    )

    assert talk.send(out_of_office) == []


def test_fifty_auto_replies_get_no_answer_at_all(talk: Conversation) -> None:
    for _ in range(50):
        talk.deliver(
            make_mail(
                KARI,
                "Jeg er borte.\n",
                subject="Automatisk svar: Invitasjon",
                headers={"Auto-Submitted": "auto-replied"},
            ),
        )

    run_cycle(talk.app)

    assert talk.reply_ids() == []


def test_fifty_ordinary_mails_from_one_address_get_at_most_the_daily_limit(
    talk: Conversation,
) -> None:
    for _ in range(50):
        talk.deliver(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))

    run_cycle(talk.app)

    limit = talk.app.event.replies.max_per_address_per_day
    assert len(talk.reply_ids()) == limit


NYNORSK = """Hei!

Vinje kommune vil gjerne vere med. Desse kjem frå oss:

- Tarjei Bø, kulturskulerektor
- Signe Rue, rektor ved Åmot skule
- Halvor Lid, ordførar
- Anne Haugen, leiar for Vinje bibliotek

Med venleg helsing
Tarjei Bø
Vinje kulturskule
"""


def test_a_nynorsk_sender_gets_a_nynorsk_reply(talk: Conversation) -> None:
    [reply] = talk.send(make_mail("tarjei.bo@vinje.kommune.no", NYNORSK, sender_name="Tarjei Bø"))

    text = body_text(parse_message(reply.raw))
    assert reply.kind == "confirmation"
    assert "deltakarar" in text or "ikkje" in text or "verkstad" in text
    assert "deltakere" not in text


def dsn_for(recipient: str, original: bytes) -> bytes:
    """A Postfix-style delivery status notification returning ``original``."""
    boundary = "dsn-boundary-1"
    return (
        (
            "From: MAILER-DAEMON@mx.ks.no (Mail Delivery System)\r\n"
            "To: torkel.oien@ks.no\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\n"
            "Date: Tue, 28 Apr 2020 10:00:00 +0200\r\n"
            "Message-ID: <dsn-1@mx.ks.no>\r\n"
            "Auto-Submitted: auto-replied\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status;\r\n"
            f' boundary="{boundary}"\r\n'
            "\r\n"
            f"--{boundary}\r\nContent-Type: text/plain\r\n\r\n"
            f"<{recipient}>: host mx.example.no said: 550 5.1.1 User unknown\r\n\r\n"
            f"--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mx.ks.no\r\n\r\n"
            f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            f"Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
            f"--{boundary}\r\nContent-Type: message/rfc822\r\n\r\n"
        ).encode()
        + original.replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n")
        + (f"\r\n--{boundary}--\r\n").encode()
    )


def test_a_bounce_of_our_confirmation_is_recorded_and_not_answered(talk: Conversation) -> None:
    [confirmation] = talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))

    replies = talk.send(dsn_for(KARI, confirmation.raw))

    assert replies == []
    with talk.app.factory() as session:
        row = session.get(OutboundMessage, confirmation.id)
        assert row is not None and row.bounced_at is not None


# A group, then the whole group taken back, then a new list after it: (first, withdrawal,
# again, the new group). The new list is a new sign-up; who it leaves out is not carried in.
SIGNS_UP_AGAIN = {
    "nb": (
        COMPLETE,
        "Hei,\n\nLevanger kommune må dessverre trekke seg fra verkstedet.\n\nHilsen Kari\n",
        "Hei igjen\n\nVi fikk det til likevel, så vi melder oss på nytt, med en litt annen "
        "gruppe:\n\n- Kari Lund, kulturskolerektor\n- Ola Nes, ordfører\n"
        "- Siri Berg, oppvekstsjef\n- Tor Li, leder for Levanger bibliotek\n\n"
        "Per og Eva har ikke anledning denne gangen.\n\nHilsen Kari\n",
        ["Kari Lund", "Ola Nes", "Siri Berg", "Tor Li"],
    ),
    "nn": (
        "Hei!\n\nLevanger kommune melder på:\n\n- Kari Lund, kulturskulerektor\n"
        "- Per Moen, kommunalsjef for oppvekst\n- Eva Dahl, rektor ved Skogn barneskule\n"
        "- Ola Nes, ordførar\n\nHelsing\nKari Lund\n",
        "Hei,\n\nLevanger kommune må diverre trekkje seg frå verkstaden.\n\nHelsing Kari\n",
        "Hei igjen\n\nMe fekk det til likevel, så me melder oss på på nytt, med ei litt anna "
        "gruppe:\n\n- Kari Lund, kulturskulerektor\n- Eva Dahl, rektor ved Skogn barneskule\n"
        "- Nils Hove, leiar i Levanger musikklag\n- Liv Dale, rådgjevar i oppvekst\n\n"
        "Per og Ola har ikkje høve denne gongen.\n\nHelsing Kari\n",
        ["Kari Lund", "Eva Dahl", "Nils Hove", "Liv Dale"],
    ),
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_whole_new_list_after_a_withdrawal_is_a_new_group(
    talk: Conversation, language: str
) -> None:
    first, withdrawal, again, group = SIGNS_UP_AGAIN[language]
    talk.send(make_mail(KARI, first, sender_name="Kari Lund"))
    [acknowledged] = talk.send(make_mail(KARI, withdrawal, sender_name="Kari Lund"))
    new_list = make_mail(
        KARI,
        again,
        sender_name="Kari Lund",
        subject="Re: " + acknowledged.subject,
        in_reply_to=acknowledged.message_id,
    )

    [reply] = talk.send(new_list)

    [registration] = talk.registrations()
    assert (registration.status, names(registration)) == ("complete", group)
    assert reply.kind == "confirmation"
    text = body_text(parse_message(reply.raw))
    left_out = {"Per Moen", "Eva Dahl", "Ola Nes"} - set(group)
    assert all(name in text for name in group)
    assert not any(name in text for name in left_out)


# A person taken off, then a replacement "in place of" that person, who is off the list already.
IN_PLACE_OF_SOMEONE_GONE = {
    "nb": (
        "Hei,\n\nPer Moen må dessverre melde forfall.\n\nHilsen Kari\n",
        "Hei igjen\n\nNå har vi funnet en erstatter: Siri Berg, oppvekstsjef, blir med i "
        "stedet for Per Moen. Da er vi fire igjen.\n\nHilsen Kari\n",
    ),
    "nn": (
        "Hei,\n\nPer Moen må diverre melde forfall.\n\nHelsing Kari\n",
        "Hei igjen\n\nNo har me funne ein erstattar: Siri Berg, oppvekstsjef, blir med i "
        "staden for Per Moen. Då er me fire att.\n\nHelsing Kari\n",
    ),
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_replacement_in_place_of_someone_already_off_the_list_is_confirmed(
    talk: Conversation, language: str
) -> None:
    off, replacement = IN_PLACE_OF_SOMEONE_GONE[language]
    first = make_mail(KARI, COMPLETE, sender_name="Kari Lund")
    talk.send(first)
    earlier = parse_message(first)["Message-ID"]
    [request] = talk.send(make_mail(KARI, off, sender_name="Kari Lund", in_reply_to=earlier))
    answer = make_mail(
        KARI,
        replacement,
        sender_name="Kari Lund",
        subject="Re: " + request.subject,
        in_reply_to=request.message_id,
    )

    [reply] = talk.send(answer)

    [registration] = talk.registrations()
    assert names(registration) == ["Kari Lund", "Eva Dahl", "Ola Nes", "Siri Berg"]
    assert (reply.kind, registration.status) == ("confirmation", "complete")
