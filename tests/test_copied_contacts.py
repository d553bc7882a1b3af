"""A colleague whom a contact put in To or Cc shares the registration when she writes from the
municipality's register domain: the contact brought her into the conversation. What counts is
the contact's message as our server stored it, never what the new message claims.

Each conversation runs on the embedded default (Maildir: no trusted authentication results)
and on real servers (Dovecot in, SMTP out).
"""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from sqlalchemy import select

from db.models import InboundMessage
from db.states import ContactSource, values
from mailbot.web.formatting import CONTACT_SOURCE_LABELS
from tests.conversation import Conversation, names
from tests.mailmaker import COMPLETE, KARI, make_mail

PER = "per.moen@levanger.kommune.no"
NINA_NB = (
    "Hei!\n\nFra Levanger kommune blir også med:\n\n"
    "- Nina Aas, leder av Levanger frivilligsentral\n\nMvh Per Moen\n"
)
COMPLETE_NN = """Hei!

Levanger kommune vil gjerne vere med. Her er gruppa vår:

- Kari Lund, kulturskulerektor
- Per Moen, kommunalsjef for oppvekst
- Eva Dahl, rektor ved Skogn skule
- Ola Nes, ordførar

Helsing
Kari Lund
"""
NINA_NN = (
    "Hei!\n\nFrå Levanger kommune blir òg denne med:\n\n"
    "- Nina Aas, leiar for Levanger frivilligsentral\n\nHelsing Per Moen\n"
)


def also_to(raw: bytes, address: str) -> bytes:
    """The same mail with ``address`` added to its To header."""
    message = message_from_bytes(raw, _class=EmailMessage, policy=default)
    to = str(message["To"])
    del message["To"]
    message["To"] = f"{to}, {address}"
    return message.as_bytes()


def per_writes(body: str = NINA_NB, address: str = PER, cc: str | None = None) -> bytes:
    headers = {"Cc": cc} if cc else None
    return make_mail(address, body, sender_name="Per Moen", headers=headers)


def sources(talk: Conversation) -> list[tuple[str, str]]:
    [registration] = talk.registrations()
    return [(c.address, c.source) for c in registration.contacts]


def held_for_last(talk: Conversation) -> list[str]:
    """Why the newest message waits for the organiser."""
    with talk.app.factory() as session:
        last = session.scalars(select(InboundMessage).order_by(InboundMessage.id.desc())).first()
        assert last is not None
        return list(last.held_for or [])


def test_a_colleague_the_contact_copied_adds_a_person_bokmaal(talk: Conversation) -> None:
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund", headers={"Cc": PER}))

    replies = talk.send(per_writes())

    assert [(r.kind, r.recipient) for r in replies] == [("confirmation", PER)]
    [registration] = talk.registrations()
    assert "Nina Aas" in names(registration)
    assert sources(talk) == [(KARI, ContactSource.OPENER), (PER, ContactSource.COPIED)]


def test_a_colleague_the_contact_wrote_to_adds_a_person_nynorsk(talk: Conversation) -> None:
    talk.send(also_to(make_mail(KARI, COMPLETE_NN, sender_name="Kari Lund"), PER))

    replies = talk.send(per_writes(NINA_NN))

    assert [(r.kind, r.recipient) for r in replies] == [("confirmation", PER)]
    [registration] = talk.registrations()
    assert "Nina Aas" in names(registration)
    assert sources(talk) == [(KARI, ContactSource.OPENER), (PER, ContactSource.COPIED)]


def test_a_copied_address_on_a_foreign_domain_is_still_held(talk: Conversation) -> None:
    outside = "per.moen@gmail.com"
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund", headers={"Cc": outside}))

    replies = talk.send(per_writes(address=outside))

    assert sorted((r.kind, r.recipient) for r in replies) == [
        ("change_notice", KARI),
        ("receipt", outside),
    ]
    assert held_for_last(talk) == ["not_a_contact"]
    [registration] = talk.registrations()
    assert "Nina Aas" not in names(registration)
    assert sources(talk) == [(KARI, ContactSource.OPENER)]


def test_copying_the_contact_in_ones_own_message_gains_nothing_nynorsk(
    talk: Conversation,
) -> None:
    talk.send(make_mail(KARI, COMPLETE_NN, sender_name="Kari Lund"))

    replies = talk.send(per_writes(NINA_NN, cc=f"{KARI}, {PER}"))

    assert sorted(r.kind for r in replies) == ["change_notice", "receipt"]
    assert "not_a_contact" in held_for_last(talk)
    [registration] = talk.registrations()
    assert "Nina Aas" not in names(registration)
    assert sources(talk) == [(KARI, ContactSource.OPENER)]


def test_a_bcc_cannot_be_seen_and_gains_nothing(talk: Conversation) -> None:
    # Even where a stored copy kept its Bcc header, only To and Cc are read.
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund", headers={"Bcc": PER}))

    replies = talk.send(per_writes())

    assert sorted(r.kind for r in replies) == ["change_notice", "receipt"]
    assert "not_a_contact" in held_for_last(talk)
    [registration] = talk.registrations()
    assert "Nina Aas" not in names(registration)


def test_an_outsiders_copy_makes_no_contact(talk: Conversation) -> None:
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    talk.send(make_mail("levanger.fan@gmail.com", NINA_NB, headers={"Cc": PER}))

    replies = talk.send(per_writes())

    assert sorted(r.kind for r in replies) == ["change_notice", "receipt"]
    assert "not_a_contact" in held_for_last(talk)
    assert sources(talk) == [(KARI, ContactSource.OPENER)]


def test_the_desk_names_every_contact_source() -> None:
    assert set(CONTACT_SOURCE_LABELS) == set(values(ContactSource))
    assert CONTACT_SOURCE_LABELS[ContactSource.COPIED] == "fikk kopi av en kontakts melding"
