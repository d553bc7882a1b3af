"""Only a registration's contacts change it automatically; anyone else's change waits for the
organiser, the sender gets a receipt that reveals no names, and the contacts are told.

Each conversation runs on the embedded default (Maildir: no trusted authentication results,
so only the opener is a contact) and on real servers (Dovecot in, SMTP out).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import InboundMessage, OutboundMessage
from mailbot import review
from mailbot.reply_eval import score_replies
from mailbot.worker import run_cycle
from tests.conversation import Conversation, conversation, names
from tests.flow import body_text, parse_message
from tests.mailmaker import COMPLETE, KARI, ON_TIME, make_mail

NINA = (
    "Hei!\n\nFra Levanger kommune blir også med:\n\n"
    "- Nina Aas, leder av Levanger frivilligsentral\n\nMvh Per Moen\n"
)
OUR_SERVER = "mx.ks.no"


@pytest.fixture(params=["embedded", "servers"])
def trusting(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Conversation]:
    """The receiving server's Authentication-Results are trusted (authserv-id mx.ks.no)."""
    yield from conversation(request, tmp_path, trust={"authserv_ids": [OUR_SERVER]})


def passed(domain: str, server: str = OUR_SERVER) -> dict[str, str]:
    return {
        "Authentication-Results": f"{server}; spf=pass smtp.mailfrom={domain}; "
        f"dkim=pass header.d={domain}; dmarc=pass (p=none) header.from={domain}"
    }


def held_notes(talk: Conversation) -> list[list[str] | None]:
    with talk.app.factory() as session:
        return list(
            session.scalars(
                select(InboundMessage.held_for)
                .where(InboundMessage.status == "needs_review")
                .order_by(InboundMessage.id)
            )
        )


OUTSIDER_WITHDRAWAL = "Hei,\n\nLevanger kommune trekker påmeldingen sin.\n\nHilsen Ole\n"


def test_an_outsider_cannot_withdraw_a_registration(talk: Conversation) -> None:
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))

    replies = talk.send(make_mail("levanger.fan@gmail.com", OUTSIDER_WITHDRAWAL))

    [registration] = talk.registrations()
    assert registration.status == "complete"
    assert len(names(registration)) == 4
    assert sorted((r.kind, r.recipient) for r in replies) == [
        ("change_notice", KARI),
        ("receipt", "levanger.fan@gmail.com"),
    ]
    assert held_notes(talk) == [["not_a_contact"]]


def test_an_outsider_adding_people_is_held_and_learns_no_names(talk: Conversation) -> None:
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    outsider = make_mail(
        "someone@outlook.com",
        "Hei!\n\nLevanger kommune melder på to til:\n\n- Tor Li, lærer\n- Siv Ek, rektor\n",
    )

    replies = talk.send(outsider)

    [registration] = talk.registrations()
    assert names(registration) == ["Kari Lund", "Per Moen", "Eva Dahl", "Ola Nes"]
    receipt = next(r for r in replies if r.kind == "receipt")
    text = body_text(parse_message(receipt.raw))
    assert not any(name in text for name in [*names(registration), "Tor Li", "Siv Ek"])
    notice = next(r for r in replies if r.kind == "change_notice")
    notice_message = parse_message(notice.raw)
    assert "someone@outlook.com" in body_text(notice_message)
    assert str(notice_message["X-Mailbot-Reply"]) == "change_notice"
    assert str(notice_message["Auto-Submitted"]) == "auto-replied"


def test_a_colleague_without_proof_is_held_and_the_contact_told(talk: Conversation) -> None:
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))

    replies = talk.send(make_mail("per.moen@levanger.kommune.no", NINA, sender_name="Per Moen"))

    [registration] = talk.registrations()
    assert "Nina Aas" not in names(registration)
    assert sorted(r.kind for r in replies) == ["change_notice", "receipt"]


def test_a_colleague_whose_domain_passed_dmarc_at_our_server_shares_it(
    trusting: Conversation,
) -> None:
    trusting.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))

    [reply] = trusting.send(
        make_mail(
            "per.moen@levanger.kommune.no",
            NINA,
            sender_name="Per Moen",
            headers=passed("levanger.kommune.no"),
        )
    )

    [registration] = trusting.registrations()
    assert "Nina Aas" in names(registration)
    assert reply.kind == "confirmation"
    assert sorted(c.address for c in registration.contacts) == [
        KARI,
        "per.moen@levanger.kommune.no",
    ]


LEVANGER_PASS = "dmarc=pass header.from=levanger.kommune.no"


@pytest.mark.parametrize(
    ("top", "below"),
    [
        # Another server's verdict, however good, is not ours.
        (None, f"mx.evil.example; {LEVANGER_PASS}"),
        # DMARC passed, but for a domain that is not the municipality's.
        (None, f"{OUR_SERVER}; dmarc=pass header.from=gmail.com"),
        # Our server said fail; a "pass" the sender wrote into the message sits below it.
        (
            f"{OUR_SERVER}; dmarc=fail header.from=levanger.kommune.no",
            f"{OUR_SERVER}; {LEVANGER_PASS}",
        ),
        # Microsoft 365's form (no authserv-id) is not trusted unless the settings say so.
        (None, f"spf=pass smtp.mailfrom=levanger.kommune.no; {LEVANGER_PASS}"),
    ],
)
def test_results_that_prove_nothing_do_not_make_a_contact(
    trusting: Conversation, top: str | None, below: str
) -> None:
    trusting.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    raw = make_mail(
        "per.moen@levanger.kommune.no",
        NINA,
        sender_name="Per Moen",
        headers={"Authentication-Results": below},
    )
    if top is not None:  # what our server would prepend on receipt
        raw = f"Authentication-Results: {top}\n".encode() + raw

    replies = trusting.send(raw)

    [registration] = trusting.registrations()
    assert "Nina Aas" not in names(registration)
    assert sorted(r.kind for r in replies) == ["change_notice", "receipt"]


def test_microsoft_365s_form_is_trusted_when_the_inbox_is_there(tmp_path: Path) -> None:
    talk = Conversation(tmp_path, None, trust={"microsoft365": True})
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    header = (
        "spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=levanger.kommune.no; "
        "dkim=pass (signature was verified) header.d=levanger.kommune.no;"
        "dmarc=pass action=none header.from=levanger.kommune.no;compauth=pass reason=100"
    )

    [reply] = talk.send(
        make_mail(
            "per.moen@levanger.kommune.no",
            NINA,
            sender_name="Per Moen",
            headers={"Authentication-Results": header},
        )
    )

    assert reply.kind == "confirmation"
    [registration] = talk.registrations()
    assert "Nina Aas" in names(registration)
    talk.app.engine.dispose()


def test_an_outside_address_may_still_open_a_registration(talk: Conversation) -> None:
    [reply] = talk.send(make_mail("kari.lund@gmail.com", COMPLETE, sender_name="Kari Lund"))

    assert reply.kind == "confirmation"
    [registration] = talk.registrations()
    assert [c.address for c in registration.contacts] == ["kari.lund@gmail.com"]


# A colleague on the municipality's domain who does not know the sign-up was sent sends a
# whole list of its own: two of the persons are on it already, with the same sectors.
OWN_LIST = {
    "nb": (
        "siri.berg@levanger.kommune.no",
        "Siri Berg",
        "Hei Torkel\n\nJeg vet ikke om kulturskolen har svart allerede, så jeg sender listen vår "
        "for sikkerhets skyld. Levanger stiller med:\n\nSiri Berg, oppvekstsjef\n"
        "Kari Lund, rektor i Levanger kulturskole\nOla Nes, ordfører\n"
        "Tor Li, leder for Levanger bibliotek\n\nMvh\nSiri Berg\nOppvekstsjef\nLevanger kommune\n",
        ["Siri Berg", "Tor Li"],
    ),
    "nn": (
        "liv.dale@levanger.kommune.no",
        "Liv Dale",
        "Hei\n\nEg veit ikkje om nokon har svart for oss, så eg sender lista vår for ordens "
        "skuld. Frå Levanger kjem:\n\n- Liv Dale, rådgjevar i oppvekst\n"
        "- Eva Dahl, rektor ved Skogn barneskule\n- Per Moen, kommunalsjef for oppvekst\n"
        "- Nils Hove, leiar i Levanger musikklag\n\nHelsing\nLiv Dale\nLevanger kommune\n",
        ["Liv Dale", "Nils Hove"],
    ),
}


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_colleagues_own_whole_sign_up_joins_the_registration(
    talk: Conversation, language: str
) -> None:
    """What a colleague could do as anyone may, open a sign-up, it may do beside one: its
    list adds people, takes nobody off, and its sender gets the confirmation of the whole
    group, without becoming a contact."""
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    sender, name, body, new = OWN_LIST[language]

    replies = talk.send(make_mail(sender, body, sender_name=name, subject="Påmelding"))

    [registration] = talk.registrations()
    assert [(r.kind, r.recipient) for r in replies] == [
        ("join_notice", KARI),
        ("confirmation", sender),
    ]
    assert names(registration) == ["Kari Lund", "Per Moen", "Eva Dahl", "Ola Nes", *new]
    assert [c.address for c in registration.contacts] == [KARI]
    assert held_notes(talk) == []


@pytest.mark.parametrize(
    ("language", "change"),
    [
        ("nb", "Hei\n\nOla Nes kan dessverre ikke likevel.\n\nMvh Siri Berg\n"),
        ("nn", "Hei\n\nPer Moen kan diverre ikkje likevel.\n\nHelsing Liv Dale\n"),
    ],
)
def test_a_colleague_who_joined_a_list_still_may_not_change_it(
    talk: Conversation, language: str, change: str
) -> None:
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    sender, name, body, _ = OWN_LIST[language]
    talk.send(make_mail(sender, body, sender_name=name, subject="Påmelding"))

    replies = talk.send(make_mail(sender, change, sender_name=name, subject="Endring"))

    assert sorted(r.kind for r in replies) == ["change_notice", "receipt"]
    assert held_notes(talk) == [["not_a_contact"]]


@pytest.mark.parametrize(
    ("sender", "body"),
    [
        # the colleague's list gives a person already listed another sector
        ("siri.berg@levanger.kommune.no", OWN_LIST["nb"][2].replace("Ola Nes, ordfører",
                                                                    "Ola Nes, rektor")),
        ("liv.dale@levanger.kommune.no", OWN_LIST["nn"][2].replace(
            "Eva Dahl, rektor ved Skogn barneskule", "Eva Dahl, varaordførar")),
        # a whole list, but from outside the municipality's domain
        ("siri.berg@gmail.com", OWN_LIST["nb"][2]),
    ],
    ids=["nb-sector", "nn-sector", "outside-domain"],
)  # fmt: skip
def test_a_sign_up_beside_one_that_changes_a_sector_or_comes_from_outside_is_held(
    talk: Conversation, sender: str, body: str
) -> None:
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))

    replies = talk.send(make_mail(sender, body, subject="Påmelding"))

    [registration] = talk.registrations()
    assert names(registration) == ["Kari Lund", "Per Moen", "Eva Dahl", "Ola Nes"]
    assert sorted(r.kind for r in replies) == ["change_notice", "receipt"]
    assert held_notes(talk) == [["not_a_contact"]]


@pytest.mark.parametrize(
    "addition",
    [
        "Hei!\n\nLevanger kommune melder på to til:\n\n- Tor Li, lærer\n- Siv Ek, rektor\n",
        "Hei!\n\nLevanger kommune meldar på to til:\n\n- Tor Li, lærar\n- Siv Ek, rektor\n",
    ],
    ids=["nb", "nn"],
)
def test_eval_replies_says_why_a_message_without_doubts_was_held(
    tmp_path: Path, addition: str
) -> None:
    """A sure reading held for its sender says so in the eval, not only "[held]"."""
    mails = [
        make_mail(KARI, COMPLETE, sender_name="Kari Lund"),
        make_mail("someone@outlook.com", addition, date=ON_TIME + timedelta(hours=1)),
    ]
    for number, raw in enumerate(mails, 1):
        (tmp_path / f"{number:03d}.eml").write_bytes(raw)
        (tmp_path / f"{number:03d}.json").write_text('{"expected_reply": "confirmation"}')

    score = score_replies(tmp_path)

    assert (score.held, score.reasons) == (("002",), {"002": ("not_a_contact",)})


# Kari's own sign-up in nynorsk: the registration's written standard is nynorsk.
NN_COMPLETE = (
    "Hei!\n\nLevanger kommune melder seg på med desse fire:\n\n- Kari Lund, kulturskulerektor\n"
    "- Per Moen, kommunalsjef for oppvekst\n- Eva Dahl, rektor ved Skogn barneskule\n"
    "- Ola Nes, ordførar\n\nMe gler oss til verkstaden.\n\nHelsing\nKari Lund\n"
)
# What the notice says in each written standard: whose list it was, and to say so if wrong.
NOTICE_WORDS = {
    "nb": ("Vi har fått en påmeldingsliste fra", "Disse er lagt til:", "si fra til"),
    "nn": ("Vi har fått ei påmeldingsliste frå", "Desse er lagde til:", "sei frå til"),
}


@pytest.mark.parametrize("talk", ["embedded", "servers", "postgresql"], indirect=True)
@pytest.mark.parametrize(
    ("standard", "first", "colleague"), [("nb", COMPLETE, "nn"), ("nn", NN_COMPLETE, "nb")]
)
def test_the_contacts_are_told_whose_list_joined_in_the_registrations_standard(
    talk: Conversation, standard: str, first: str, colleague: str
) -> None:
    """A From on the municipality's domain may be forged: the people who signed up first
    learn whose list was added and whom it put on the list (in the written standard they
    signed up in, whatever the colleague wrote in), and the colleague gets only its
    confirmation."""
    talk.send(make_mail(KARI, first, sender_name="Kari Lund"))
    sender, name, body, added = OWN_LIST[colleague]

    replies = talk.send(make_mail(sender, body, sender_name=name, subject="Påmelding"))

    notice = next(r for r in replies if r.kind == "join_notice")
    [registration] = talk.registrations()
    roles = {p.name: p.role for p in registration.participants}
    assert (notice.recipient, notice.cc) == (KARI, None)
    assert [r.recipient for r in replies if r.kind != "join_notice"] == [sender]
    message = parse_message(notice.raw)
    text = " ".join(body_text(message).split())
    assert sender in text
    assert all(words in text for words in NOTICE_WORDS[standard])
    # the people the list added, with their roles; none of those on the list before
    assert all(f"{person} – {roles[person]}" in text for person in added)
    assert not any(person in text for person in ["Kari Lund", "Per Moen", "Eva Dahl", "Ola Nes"])
    other = "nn" if standard == "nb" else "nb"
    assert not any(words in text for words in NOTICE_WORDS[other])
    assert str(message["X-Mailbot-Reply"]) == "join_notice"
    assert str(message["Auto-Submitted"]) == "auto-replied"


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_colleagues_list_that_adds_nobody_tells_nobody(talk: Conversation, language: str) -> None:
    sender, name, body, _ = OWN_LIST[language]
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    talk.send(make_mail(sender, body, sender_name=name, subject="Påmelding"))

    replies = talk.send(make_mail(sender, body, sender_name=name, subject="Påmelding igjen"))

    assert [r.kind for r in replies if r.kind == "join_notice"] == []


def failed(domain: str, server: str = OUR_SERVER) -> dict[str, dict[str, str]]:
    """Our server's verdict that mail from ``domain`` is not the domain's own: DMARC failed,
    or (without a DMARC result) SPF failed and no DKIM signature of the domain passed."""
    return {
        "dmarc": {
            "Authentication-Results": f"{server}; spf=fail smtp.mailfrom={domain}; "
            f"dkim=none; dmarc=fail (p=quarantine) header.from={domain}"
        },
        "spf_dkim": {
            "Authentication-Results": f"{server}; spf=softfail smtp.mailfrom=x@{domain}; "
            f"dkim=fail header.d={domain}"
        },
    }


@pytest.mark.parametrize(("language", "verdict"), [("nb", "dmarc"), ("nn", "spf_dkim")])
def test_a_colleague_list_that_failed_dmarc_at_our_server_is_held(
    trusting: Conversation, language: str, verdict: str
) -> None:
    trusting.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    sender, name, body, _ = OWN_LIST[language]
    headers = failed("levanger.kommune.no")[verdict]

    replies = trusting.send(
        make_mail(sender, body, sender_name=name, subject="Påmelding", headers=headers)
    )

    [registration] = trusting.registrations()
    assert names(registration) == ["Kari Lund", "Per Moen", "Eva Dahl", "Ola Nes"]
    assert sorted((r.kind, r.recipient) for r in replies) == [
        ("change_notice", KARI),
        ("receipt", sender),
    ]
    assert held_notes(trusting) == [["not_a_contact"]]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_failure_written_by_another_server_does_not_make_a_colleague_an_outsider(
    trusting: Conversation, language: str
) -> None:
    trusting.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    sender, name, body, _ = OWN_LIST[language]
    headers = failed("levanger.kommune.no", server="mx.forger.example")["dmarc"]

    replies = trusting.send(
        make_mail(sender, body, sender_name=name, subject="Påmelding", headers=headers)
    )

    assert sorted(r.kind for r in replies) == ["confirmation", "join_notice"]
    assert held_notes(trusting) == []


@pytest.mark.parametrize("talk", ["embedded", "postgresql"], indirect=True)
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_colleague_list_that_waited_is_told_of_once_when_it_goes_through_again(
    talk: Conversation, language: str
) -> None:
    """Held behind an outsider's change, the list gets a receipt; once the organiser closes
    that change it goes through the flow again, joins, and the contacts are told; the next
    pass sends nothing more."""
    talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    talk.send(make_mail("fremmed@example.org", NINA))
    sender, name, body, _ = OWN_LIST[language]
    waiting = talk.send(make_mail(sender, body, sender_name=name, subject="Påmelding"))
    assert [(r.kind, r.recipient) for r in waiting] == [("receipt", sender)]
    assert held_notes(talk) == [["not_a_contact"], ["earlier_held"]]

    before = talk.reply_ids()
    with talk.app.factory() as session, session.begin():
        outsider = session.scalars(
            select(InboundMessage).where(InboundMessage.sender == "fremmed@example.org")
        ).one()
        review.close_without_reply(session, outsider, talk.app.clock())
    run_cycle(talk.app)
    after = talk.reply_ids()
    run_cycle(talk.app)

    with talk.app.factory() as session:
        new = [session.get(OutboundMessage, i) for i in after if i not in before]
        sent = [(r.kind, r.recipient) for r in new if r is not None]
    assert sorted(sent) == [("confirmation", sender), ("join_notice", KARI)]
    assert talk.reply_ids() == after
    assert held_notes(talk) == []


CHANGE_WORDS = {
    "nb": "Dere står som kontakt for påmeldingen",
    "nn": "De står som kontakt for påmeldinga",
}


@pytest.mark.parametrize(
    ("standard", "first", "colleague"), [("nb", COMPLETE, "nn"), ("nn", NN_COMPLETE, "nb")]
)
def test_a_colleagues_list_leaves_the_contacts_written_standard(
    talk: Conversation, standard: str, first: str, colleague: str
) -> None:
    """The colleague is answered in its own standard, but the registration stays in the one
    its contacts wrote: a later notice to them is not in the colleague's."""
    talk.send(make_mail(KARI, first, sender_name="Kari Lund"))
    sender, name, body, _ = OWN_LIST[colleague]
    talk.send(make_mail(sender, body, sender_name=name, subject="Påmelding"))

    replies = talk.send(make_mail("levanger.fan@gmail.com", OUTSIDER_WITHDRAWAL))

    notice = next(r for r in replies if r.kind == "change_notice")
    text = " ".join(body_text(parse_message(notice.raw)).split())
    assert CHANGE_WORDS[standard] in text
    other = "nn" if standard == "nb" else "nb"
    assert CHANGE_WORDS[other] not in text
    [registration] = talk.registrations()
    assert registration.language == standard
