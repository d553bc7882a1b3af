"""The desk in a real browser (Chromium through Playwright), as an organiser uses it."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser import DeskServer, sign_in


def test_sign_in_and_see_the_board(page: Page, desk_server: DeskServer) -> None:
    sign_in(page, desk_server.url)

    expect(page).to_have_url(f"{desk_server.url}/")
    expect(page.get_by_role("heading", name="Oversikt")).to_be_visible()
    expect(page.get_by_role("heading", name="Fullført")).to_be_visible()
    expect(page.get_by_role("link", name="Bodø")).to_be_visible()


def test_a_wrong_password_is_refused(page: Page, desk_server: DeskServer) -> None:
    sign_in(page, desk_server.url, password="feil-passord-123")

    expect(page.get_by_role("alert")).to_have_text("Feil e-postadresse eller passord.")
    page.goto(f"{desk_server.url}/")
    expect(page).to_have_url(f"{desk_server.url}/logg-inn?neste=%2F")


def test_a_page_is_refused_without_sign_in(page: Page, desk_server: DeskServer) -> None:
    page.goto(f"{desk_server.url}/registrering/1")

    expect(page).to_have_url(f"{desk_server.url}/logg-inn?neste=%2Fregistrering%2F1")
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()
    expect(page.get_by_text("Hilde Marie Sørensen")).to_have_count(0)


def test_open_a_registration_and_edit_a_role(page: Page, desk_server: DeskServer) -> None:
    sign_in(page, desk_server.url)
    page.get_by_role("link", name="Bodø").click()
    expect(page.get_by_role("heading", name="Bodø kommune")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Ingrid Sæther")

    row.get_by_text("Endre").click()
    row.get_by_label("Rolle").fill("inspektør ved Hunstad skole")
    row.get_by_role("button", name="Lagre").click()

    expect(page.get_by_role("status")).to_have_text("Deltakeren er endret.")
    expect(page.get_by_role("row").filter(has_text="Ingrid Sæther")).to_contain_text(
        "inspektør ved Hunstad skole"
    )
    expect(page.locator(".history")).to_contain_text("kari.arrangor@ks.no endret rolle")


def test_a_form_without_its_csrf_token_is_refused(page: Page, desk_server: DeskServer) -> None:
    sign_in(page, desk_server.url)
    page.get_by_role("link", name="Voss").click()
    # count() does not wait: first wait for the registration page to be there.
    expect(page.locator(".tag.big")).to_have_text("Fullført")
    before = page.get_by_role("row").count()
    assert before > 0
    form = page.locator("form[action$='/trekk']")

    form.locator("input[name=csrf_token]").evaluate("input => input.remove()")
    form.get_by_role("button").click()

    expect(page.get_by_role("heading", name="Skjemaet ble avvist")).to_be_visible()
    page.go_back()
    page.reload()
    expect(page.locator(".tag.big")).to_have_text("Fullført")
    assert page.get_by_role("row").count() == before


def test_download_the_list_as_csv_and_xlsx_and_read_them_back(
    page: Page, desk_server: DeskServer
) -> None:
    sign_in(page, desk_server.url)

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV").click()
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel (XLSX)").click()

    csv_path = csv_download.value.path()
    rows = list(csv.reader(io.StringIO(csv_path.read_text("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes())).active
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert csv_download.value.suggested_filename.endswith(".csv")
    assert rows[0][:4] == ["kommune", "kommunenummer", "nr", "navn"]
    assert rows[1][0] == "Bodø"
    assert len(cells) == len(rows)
    assert [r[3] for r in cells[1:]] == [r[3] for r in rows[1:]]


def test_accept_a_held_message_and_see_the_reply_in_the_outbox(
    page: Page, desk_server: DeskServer
) -> None:
    sign_in(page, desk_server.url)
    page.get_by_role("navigation").get_by_role("link", name="Til gjennomgang").click()
    held = page.locator("article.review").filter(has_text="hyllestad.kommune.no")
    expect(held.get_by_text("Et spørsmål til arrangøren.")).to_be_visible()

    held.get_by_text("Rett det som ble lest, og godta").click()
    held.get_by_label("Type").select_option("registration")
    held.get_by_label("Deltakere, én per linje").fill(
        "Marit Nordeide; kulturskulerektor\n"
        "Ola Vik; rektor ved Hyllestad skule\n"
        "Kari Li; bibliotekssjef\n"
        "Per Eik; ordførar"
    )
    held.get_by_role("button", name="Godta med rettelsene og send svaret").click()

    expect(page.get_by_role("heading", name="Hyllestad kommune")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Svaret (bekreftelse) ligger i utboksen")
    reply = page.locator(".reply").filter(has_text="marit.nordeide@hyllestad.kommune.no")
    expect(reply).to_contain_text("bekreftelse")
    expect(reply).to_contain_text("venter på sending")
    expect(page.get_by_role("row").filter(has_text="Per Eik")).to_contain_text("Politikk")


def test_add_and_remove_a_contact_address(page: Page, desk_server: DeskServer) -> None:
    sign_in(page, desk_server.url)
    page.get_by_role("link", name="Bodø").click()
    contacts = page.locator(".contacts")

    contacts.get_by_label("Ny kontaktadresse").fill("Ny.Kontakt@Bodo.Kommune.no")
    contacts.get_by_role("button", name="Legg til kontakt").click()

    expect(page.get_by_role("status")).to_have_text("Kontaktadressen er lagt til.")
    expect(contacts.locator(".contact-list")).to_contain_text("ny.kontakt@bodo.kommune.no")
    expect(page.locator(".history")).to_contain_text("kari.arrangor@ks.no la til kontakt")

    contacts.get_by_role("button", name="Fjern ny.kontakt@bodo.kommune.no").click()

    expect(page.get_by_role("status")).to_have_text("Kontaktadressen er fjernet.")
    expect(contacts.locator(".contact-list")).not_to_contain_text("ny.kontakt@bodo.kommune.no")
    expect(page.locator(".history")).to_contain_text("kari.arrangor@ks.no fjernet kontakt")


def test_attach_a_held_message_to_another_municipality(page: Page, desk_server: DeskServer) -> None:
    sign_in(page, desk_server.url)
    page.get_by_role("navigation").get_by_role("link", name="Til gjennomgang").click()
    held = page.locator("article.review").filter(has_not_text="hyllestad.kommune.no").first
    article_id = held.get_attribute("id")

    held.get_by_text("Knytt til en annen kommune").click()
    held.get_by_label("Kommune", exact=True).last.fill("Askvoll (4645)")
    held.get_by_role("button", name="Knytt meldingen til kommunen").click()

    expect(page.get_by_role("status")).to_contain_text("Meldingen er knyttet til Askvoll")
    attached = page.locator(f"article#{article_id}")
    expect(attached).to_contain_text("Askvoll (4645)")
    expect(attached.get_by_role("button", name="Lukk uten svar")).to_be_visible()
