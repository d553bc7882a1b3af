"""Contacts at the desk: the organiser adds or removes an address that may change a
registration without review; each is a change with the account as actor."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.models import Change, Contact, DeskAction, InboundMessage, Registration
from db.session import make_session_factory
from mailbot.web.serve import add_user
from mailbot.worker import run_cycle
from tests.desk_support import EMAIL, DeskClient, desk_client
from tests.flow import add_to_maildir, embedded_app, make_maildir, outbox_messages
from tests.mailmaker import make_mail

NEW = "ola.privat@example.org"


def bodo(client: DeskClient) -> Registration:
    with make_session_factory(client.engine)() as session:
        found = session.scalars(
            select(Registration).where(Registration.municipality_name == "Bodø")
        ).one()
        found.contacts  # noqa: B018 - load them before the session closes
        return found


def contact_changes(client: DeskClient) -> list[tuple[str, str | None, str | None, str | None]]:
    with make_session_factory(client.engine)() as session:
        return [
            (c.action, c.actor, c.account, c.name)
            for c in session.scalars(
                select(Change).where(Change.action.in_(["add_contact", "remove_contact"]))
            )
        ]


def test_adding_and_removing_a_contact_is_a_change_by_the_account(signed_in: DeskClient) -> None:
    page = f"/registrering/{bodo(signed_in).id}"

    signed_in.submit(page + "/kontakt", {"address": " Ola.Privat@Example.org "}, page)
    added = {(c.address, c.source, c.added_by) for c in bodo(signed_in).contacts}
    shown = signed_in.get(page).text
    signed_in.submit(page + "/kontakt/fjern", {"address": NEW}, page)
    left = [c.address for c in bodo(signed_in).contacts]

    assert (NEW, "organiser", EMAIL) in added
    assert NEW in shown and "lagt til av arrangøren" in shown
    assert NEW not in left and left  # the opener stays
    assert contact_changes(signed_in) == [
        ("add_contact", "organiser", EMAIL, NEW),
        ("remove_contact", "organiser", EMAIL, NEW),
    ]
    with make_session_factory(signed_in.engine)() as session:
        recorded = [a.action for a in session.scalars(select(DeskAction))]
    assert recorded.count("add_contact") == 1 and recorded.count("remove_contact") == 1


def test_a_bad_address_or_an_unknown_contact_is_refused_with_a_plain_note(
    signed_in: DeskClient,
) -> None:
    page = f"/registrering/{bodo(signed_in).id}"
    before = {c.address for c in bodo(signed_in).contacts}

    signed_in.submit(page + "/kontakt", {"address": "Ola <ola@example.org>"}, page)
    first = signed_in.get(page).text
    signed_in.submit(page + "/kontakt/fjern", {"address": "ingen@example.org"}, page)
    second = signed_in.get(page).text

    assert "Skriv én e-postadresse" in first
    assert "ingen@example.org er ikke kontakt" in second
    assert {c.address for c in bodo(signed_in).contacts} == before
    assert contact_changes(signed_in) == []


def test_a_change_from_an_added_contact_is_applied_without_review(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    outbox = tmp_path / "outbox"
    url = f"sqlite:///{tmp_path / 'contacts.db'}"
    app = embedded_app(url, maildir, outbox)
    run_cycle(app)
    add_user(url, EMAIL, "riktig-hest-batteri")
    for client in desk_client(url):
        client.sign_in()
        page = f"/registrering/{bodo(client).id}"
        client.submit(page + "/kontakt", {"address": NEW}, page)
    first_reply = outbox_messages(outbox)[0]
    add_to_maildir(
        maildir,
        "bodo-private.eml",
        make_mail(
            NEW,
            "Hei!\n\nVi får med én til fra Bodø kommune:\n\n"
            "* Per Hansen - leder av hovedutvalg for oppvekst og kultur\n\n"
            "Hilsen Ola\n",
            subject="SV: " + str(first_reply["Subject"]),
            sender_name="Ola Privat",
            in_reply_to=str(first_reply["Message-ID"]),
        ),
    )

    run_cycle(app)

    with app.factory() as session:
        message = session.scalars(select(InboundMessage).where(InboundMessage.sender == NEW)).one()
        registration = message.registration
        assert registration is not None
        names = [p.name for p in registration.participants]
        contacts = session.scalars(
            select(Contact.address).where(Contact.registration_id == registration.id)
        ).all()
    assert message.status == "processed", message.note
    assert "Per Hansen" in names
    assert NEW in contacts
