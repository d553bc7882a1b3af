"""The review desk in a real browser (Chromium through Playwright) shows where in a held
message each doubt and the municipality were read: the attachment by its file name, the
sheet and the row as Excel numbers it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from mailbot.web.serve import add_user
from mailbot.worker import run_cycle
from tests.browser import DeskServer, serve_desk, sign_in
from tests.desk_support import EMAIL, PASSWORD
from tests.flow import add_to_maildir, embedded_app, make_maildir
from tests.mailmaker import XLSX, make_mail, make_xlsx

#: Four signed up in the own words, and a sheet beside them whose last row (Excel row 5,
#: after an empty row) names a fifth person nobody read: the message is held.
SIGN_UPS = {
    "nb": (
        "Hei!\n\nVi melder på disse fra Vik kommune:\n\n- Ola Vik, rektor\n"
        "- Per Ås, ordfører\n- Siv Ek, kulturskolelærer\n- Tor Bø, kommunalsjef\n\n"
        "Vedlagt er også listen.\n\nHilsen Kari",
        [["Navn", "Stilling"], ["Ola Vik", "rektor"], [], [], ["Eva Li", "lærer"]],
    ),
    "nn": (
        "Hei!\n\nMe melder på desse frå Vik kommune:\n\n- Ola Vik, rektor\n"
        "- Per Ås, ordførar\n- Siv Ek, kulturskulelærar\n- Tor Bø, kommunalsjef\n\n"
        "Lista ligg òg ved.\n\nHelsing Kari",
        [["Namn", "Stilling"], ["Ola Vik", "rektor"], [], [], ["Eva Li", "lærar"]],
    ),
}


@pytest.fixture
def held_desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DeskServer]:
    """A desk whose review queue holds one such sign-up, in bokmål or nynorsk."""
    body, rows = SIGN_UPS[request.param]
    raw = make_mail(
        "kari.berg@vik.kommune.no",
        body,
        sender_name="Kari Berg",
        attachments=(("deltakere.xlsx", XLSX, make_xlsx(rows, title="Påmelding")),),
    )
    database = f"sqlite:///{tmp_path / 'desk.db'}"
    maildir = make_maildir(tmp_path / "Maildir")
    add_to_maildir(maildir, "0001.eml", raw)
    app = embedded_app(database, maildir, tmp_path / "outbox")
    run_cycle(app)
    app.engine.dispose()
    add_user(database, EMAIL, PASSWORD)
    yield from serve_desk(database)


@pytest.mark.parametrize(
    ("held_desk", "column"), [("nb", "Navn"), ("nn", "Namn")], indirect=["held_desk"]
)
def test_the_review_desk_shows_where_the_doubt_and_the_municipality_were_read(
    page: Page, held_desk: DeskServer, column: str
) -> None:
    sign_in(page, held_desk.url)
    page.goto(f"{held_desk.url}/gjennomgang")

    card = page.locator("article.review")
    expect(card).to_have_count(1)
    doubt = card.locator(".reasons li.doubt")
    expect(doubt).to_contain_text("Eva Li")
    expect(doubt.locator(".place")).to_have_text(
        f"(vedlegget deltakere.xlsx, ark Påmelding, rad 5, kolonne {column})"
    )
    expect(card.locator(".facts .place").first).to_have_text("(«Vik», e-posten, linje 3)")


@pytest.mark.parametrize("held_desk", ["nb", "nn"], indirect=True)
def test_the_organiser_opens_what_mailbot_read_in_the_attachment_at_the_doubts_row(
    page: Page, held_desk: DeskServer
) -> None:
    sign_in(page, held_desk.url)
    page.goto(f"{held_desk.url}/gjennomgang")

    card = page.locator("article.review")
    text = card.locator("details.attachment-text")
    expect(text.locator("summary")).to_have_text("Dette leste mailbot i vedlegget deltakere.xlsx")
    row = text.locator("tr", has_text="Eva Li")
    expect(row).to_be_hidden()
    text.locator("summary").click()
    expect(row).to_be_visible()
    expect(row.locator(".place")).to_have_text("ark Påmelding, rad 5")
