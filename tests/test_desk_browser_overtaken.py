"""A held sign-up that a later withdrawal overtook, at the desk in a real browser (Chromium
through Playwright): the review card says so before any click and offers no plain «Godta»;
the organiser who wants the sign-up after all follows the card to the registration,
reinstates it (the registration's page names the held sign-up too), comes back and
accepts. The desk speaks bokmål (one organiser, one written
standard); the municipality's mails are bokmål or nynorsk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from mailbot.web.serve import add_user
from tests.browser import DeskServer, serve_desk, sign_in
from tests.conversation import Conversation
from tests.desk_support import EMAIL, PASSWORD
from tests.overtaken import FOUR, sign_up_then_withdrawal


@pytest.fixture
def overtaken_desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DeskServer]:
    """A desk over a database where the held sign-up waits behind the confirmed withdrawal."""
    talk = Conversation(tmp_path, None)
    sign_up_then_withdrawal(talk, request.param)
    database = talk.app.settings.database_url
    talk.app.engine.dispose()
    add_user(database, EMAIL, PASSWORD)
    yield from serve_desk(database)


@pytest.mark.parametrize("overtaken_desk", ["nb", "nn"], indirect=True)
def test_the_card_warns_before_the_click_and_reinstating_lets_the_organiser_accept(
    page: Page, overtaken_desk: DeskServer
) -> None:
    sign_in(page, overtaken_desk.url)
    page.goto(f"{overtaken_desk.url}/gjennomgang")
    card = page.locator("article.review")
    expect(card).to_have_count(1)
    warning = card.locator(".overtaken")
    expect(warning).to_contain_text("trakk påmeldingen i en senere melding")
    expect(warning).to_contain_text("gjeninnsett påmeldingen først")
    expect(card.get_by_role("button", name="Godta og send svaret")).to_have_count(0)
    expect(card.get_by_role("button", name="Lukk uten svar")).to_be_visible()

    warning.get_by_role("link", name="Til påmeldingen, for å gjeninnsette den").click()
    note = page.locator(".overtaken")  # the registration's page says it too
    expect(note).to_have_count(1)
    expect(note).to_contain_text("venter på deg")
    expect(note).to_contain_text("gjeninnsett påmeldingen først")
    expect(note.get_by_role("link", name="Til meldingen i gjennomgangen")).to_be_visible()
    page.get_by_role("button", name="Gjeninnsett påmeldingen").click()
    expect(page.get_by_role("status")).to_have_text("Påmeldingen er gjeninnsatt.")
    expect(page.locator(".overtaken")).to_have_count(0)

    page.goto(f"{overtaken_desk.url}/gjennomgang")
    expect(card.locator(".overtaken")).to_have_count(0)
    card.get_by_role("button", name="Godta og send svaret").click()

    expect(page.get_by_role("status")).to_contain_text("Godtatt. Svaret (bekreftelse)")
    expect(page.locator(".tag.big")).to_have_text("Fullført")
    for name in FOUR:
        expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()
