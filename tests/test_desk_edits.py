"""The organiser's manual edits at the desk, each a change with the account as actor."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.models import Change, DeskAction, OutboundMessage, Registration
from db.session import make_session_factory
from mailbot.web.serve import add_user
from mailbot.worker import run_cycle
from tests.desk_support import EMAIL, DeskClient, desk_client
from tests.flow import add_to_maildir, body_text, embedded_app, make_maildir, outbox_messages
from tests.mailmaker import make_mail


def registration(client: DeskClient, municipality: str) -> Registration:
    with make_session_factory(client.engine)() as session:
        found = session.scalars(
            select(Registration).where(Registration.municipality_name == municipality)
        ).one()
        found.participants  # noqa: B018 - load them before the session closes
        return found


def actions(client: DeskClient) -> list[tuple[str, str, int | None]]:
    with make_session_factory(client.engine)() as session:
        return [
            (a.account, a.action, a.registration_id)
            for a in session.scalars(
                select(DeskAction).where(DeskAction.action.not_in(["sign_in", "sign_out"]))
            )
        ]


def page_of(registration: Registration) -> str:
    return f"/registrering/{registration.id}"


def test_the_registration_page_shows_people_messages_replies_and_history(
    signed_in: DeskClient,
) -> None:
    bodo = registration(signed_in, "Bodø")

    page = signed_in.get(page_of(bodo)).text

    assert "Hilde Marie Sørensen" in page
    assert "rektor ved Hunstad skole" in page
    assert "Melding 1" in page
    assert "Disse fem deltar" in page  # the sender's own text
    assert "Vårt svar:" in page and "bekreftelse" in page
    assert "Endringslogg" in page


def test_an_unknown_registration_is_a_plain_not_found(signed_in: DeskClient) -> None:
    response = signed_in.get("/registrering/999999")

    assert response.status_code == 404
    assert "finnes ikke" in response.text


def test_adding_a_participant_takes_the_sector_from_the_role(signed_in: DeskClient) -> None:
    alta = registration(signed_in, "Alta")

    response = signed_in.submit(
        page_of(alta) + "/deltaker",
        {"name": "Per Hansen", "role": "ordfører", "sector": ""},
        page_of(alta),
    )

    after = registration(signed_in, "Alta")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert [(p.name, p.role, p.sector) for p in after.participants][-1] == (
        "Per Hansen",
        "ordfører",
        "politikk",
    )
    assert actions(signed_in) == [(EMAIL, "add_participant", alta.id)]
    with make_session_factory(signed_in.engine)() as session:
        change = session.scalars(select(Change).order_by(Change.id.desc())).first()
    assert change is not None
    assert (change.actor, change.account, change.action) == ("organiser", EMAIL, "add")


def test_adding_someone_already_on_the_list_is_refused_with_a_plain_note(
    signed_in: DeskClient,
) -> None:
    bodo = registration(signed_in, "Bodø")

    signed_in.submit(
        page_of(bodo) + "/deltaker", {"name": "sara mikalsen", "role": "x"}, page_of(bodo)
    )
    page = signed_in.get(page_of(bodo)).text

    assert "sara mikalsen står allerede på listen" in page
    assert len(registration(signed_in, "Bodø").participants) == 5
    assert actions(signed_in) == []


def test_renaming_and_removing_a_participant(signed_in: DeskClient) -> None:
    bodo = registration(signed_in, "Bodø")

    signed_in.submit(
        page_of(bodo) + "/deltaker/endre",
        {
            "current_name": "Ingrid Sæther",
            "name": "Ingrid Sæther Moe",
            "role": "inspektør ved Hunstad skole",
            "sector": "skole",
        },
        page_of(bodo),
    )
    signed_in.submit(page_of(bodo) + "/deltaker/fjern", {"name": "Sara Mikalsen"}, page_of(bodo))

    people = [(p.name, p.role) for p in registration(signed_in, "Bodø").participants]
    assert people[2] == ("Ingrid Sæther Moe", "inspektør ved Hunstad skole")
    assert "Sara Mikalsen" not in [name for name, _ in people]
    assert registration(signed_in, "Bodø").status == "complete"  # four left, mixed sectors


def test_removing_people_below_the_minimum_makes_it_incomplete_again(
    signed_in: DeskClient,
) -> None:
    voss = registration(signed_in, "Voss")

    signed_in.submit(
        page_of(voss) + "/deltaker/fjern", {"name": voss.participants[0].name}, page_of(voss)
    )

    after = registration(signed_in, "Voss")
    assert after.status == "open"
    assert "too_few" in (after.last_findings or [])


def test_withdraw_and_reinstate_move_the_municipality_on_the_board(
    signed_in: DeskClient,
) -> None:
    bodo = registration(signed_in, "Bodø")

    signed_in.submit(page_of(bodo) + "/trekk", {}, page_of(bodo))
    withdrawn = registration(signed_in, "Bodø").status
    signed_in.submit(page_of(bodo) + "/gjeninnsett", {}, page_of(bodo))

    assert withdrawn == "withdrawn"
    assert registration(signed_in, "Bodø").status == "complete"
    assert [a for _, a, _ in actions(signed_in)] == ["withdraw", "reinstate"]


def test_accepting_a_late_registration_completes_it(signed_in: DeskClient) -> None:
    skien = registration(signed_in, "Skien")
    assert "late" in (skien.last_findings or [])

    signed_in.submit(page_of(skien) + "/godta-sen", {}, page_of(skien))

    after = registration(signed_in, "Skien")
    assert after.status == "complete"
    assert "late" not in (after.last_findings or [])
    board = signed_in.get("/").text
    assert board.index("Skien") < board.index("Ufullstendige")


def test_a_registration_by_phone_is_opened_then_filled_in(signed_in: DeskClient) -> None:
    created = signed_in.submit(
        "/ny",
        {"municipality": "Molde (1506)", "contact": "Kari@Molde.kommune.no", "language": "nn"},
        "/ny",
    )
    molde = registration(signed_in, "Molde")
    for name, role in [
        ("Kari Nes", "rektor i kulturskulen"),
        ("Ola Vik", "ordførar"),
        ("Eva Li", "rektor ved Kvam skule"),
        ("Per Eik", "kultursjef"),
    ]:
        signed_in.submit(page_of(molde) + "/deltaker", {"name": name, "role": role}, "/ny")

    after = registration(signed_in, "Molde")
    assert created.headers["location"] == page_of(molde)  # type: ignore[attr-defined]
    assert (after.contact_address, after.language) == ("kari@molde.kommune.no", "nn")
    assert after.status == "complete"  # made after the deadline by the organiser: accepted
    assert [a for _, a, _ in actions(signed_in)][0] == "new_registration"


def test_a_second_registration_for_one_municipality_is_refused(signed_in: DeskClient) -> None:
    response = signed_in.submit("/ny", {"municipality": "Bodø (1804)", "language": "nb"}, "/ny")

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Bodø har allerede en påmelding" in response.text  # type: ignore[attr-defined]


def test_an_uncertain_reply_can_be_marked_delivered_or_sent_again(
    signed_in: DeskClient,
) -> None:
    with make_session_factory(signed_in.engine)() as session, session.begin():
        rows = list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id).limit(2)))
        for row in rows:
            row.status = "uncertain"
        first, second = rows[0].id, rows[1].id
        page = f"/registrering/{rows[0].registration_id}"

    signed_in.submit(f"/svar/{first}/levert", {}, page)
    signed_in.submit(f"/svar/{second}/send-igjen", {}, page)
    again = signed_in.submit(f"/svar/{first}/levert", {}, page)

    with make_session_factory(signed_in.engine)() as session:
        statuses = [session.get(OutboundMessage, i).status for i in (first, second)]  # type: ignore[union-attr]
    assert statuses == ["sent", "pending"]
    assert again.status_code == 303  # type: ignore[attr-defined]
    assert [a for _, a, _ in actions(signed_in)] == ["mark_delivered", "send_again"]


def test_an_edited_role_survives_a_later_mail_from_the_municipality_that_adds_a_person(
    tmp_path: Path,
) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    outbox = tmp_path / "outbox"
    url = f"sqlite:///{tmp_path / 'edit.db'}"
    app = embedded_app(url, maildir, outbox)
    run_cycle(app)
    add_user(url, EMAIL, "riktig-hest-batteri")
    for client in desk_client(url):
        client.sign_in()
        bodo = registration(client, "Bodø")
        client.submit(
            page_of(bodo) + "/deltaker/endre",
            {
                "current_name": "Ingrid Sæther",
                "name": "Ingrid Sæther",
                "role": "inspektør ved Hunstad skole",
                "sector": "skole",
            },
            page_of(bodo),
        )
    first_reply = outbox_messages(outbox)[0]
    add_to_maildir(
        maildir,
        "bodo-2.eml",
        make_mail(
            "hilde.marie.sorensen@bodo.kommune.no",
            "Hei igjen!\n\nVi har fått med én til. Oppdatert liste:\n\n"
            "* Hilde Marie Sørensen - rektor i kulturskolen\n"
            "* Trond Åge Nilsen - kommunalsjef for oppvekst og kultur\n"
            "* Ingrid Sæther - rektor ved Hunstad skole\n"
            "* Kristoffer Berg-Olsen - styrer i Rønvik barnehage\n"
            "* Sara Mikalsen - daglig leder i Stormen kulturhus\n"
            "* Per Hansen - leder av hovedutvalg for oppvekst og kultur\n\n"
            "Med vennlig hilsen\nHilde Marie Sørensen\nBodø kommune\n",
            subject="SV: " + str(first_reply["Subject"]),
            sender_name="Hilde Marie Sørensen",
            in_reply_to=str(first_reply["Message-ID"]),
        ),
    )

    run_cycle(app)

    people = {p.name: p.role for p in registration_in(url, "Bodø").participants}
    assert people["Ingrid Sæther"] == "inspektør ved Hunstad skole"
    assert people["Per Hansen"] == "leder av hovedutvalg for oppvekst og kultur"
    (second_reply,) = [
        m for m in outbox_messages(outbox) if m["Message-ID"] != first_reply["Message-ID"]
    ]
    assert "Ingrid Sæther – inspektør ved Hunstad skole" in body_text(second_reply)
    app.engine.dispose()


def registration_in(url: str, municipality: str) -> Registration:
    from db.session import make_engine

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        found = session.scalars(
            select(Registration).where(Registration.municipality_name == municipality)
        ).one()
        found.participants  # noqa: B018
    engine.dispose()
    return found
