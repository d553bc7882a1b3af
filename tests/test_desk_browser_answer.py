"""The organiser answers a question at the desk in a real browser (Chromium through
Playwright): the question's card offers «Svar avsenderen» with the greeting and closing in
the sender's written standard, and no correction request; the organiser writes between
them and sends; the card leaves the queue and the answer is listed with who wrote it. The
desk speaks bokmål; the municipality writes bokmål or nynorsk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import DeskServer, serve_desk, sign_in
from tests.conversation import Conversation
from tests.desk_support import EMAIL
from tests.questions import ANSWERS, CLOSINGS, SENDERS, ask, with_account


@pytest.fixture
def question_desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DeskServer]:
    """A desk over a database where one question waits."""
    talk = Conversation(tmp_path, None)
    ask(talk, request.param)
    yield from serve_desk(with_account(talk))


@pytest.mark.parametrize("question_desk", ["nb", "nn"], indirect=True)
def test_the_organiser_answers_a_question_from_its_card(
    page: Page, question_desk: DeskServer, request: pytest.FixtureRequest
) -> None:
    language = request.node.callspec.params["question_desk"]
    sign_in(page, question_desk.url)
    page.goto(f"{question_desk.url}/gjennomgang")
    card = page.locator("article.review")
    expect(card).to_have_count(1)
    expect(card.get_by_text("Be avsenderen rette eller sende mer")).to_have_count(0)
    answer = card.get_by_label("Svaret ditt")
    expect(answer).to_be_visible()  # open on a question's card
    draft = answer.input_value()
    assert draft.startswith("Hei Ingrid Solberg,")
    assert CLOSINGS[language] in draft

    greeting, _, closing = draft.partition("\n\n\n\n")
    answer.fill(f"{greeting}\n\n{ANSWERS[language]}\n\n{closing}")
    card.get_by_role("button", name="Send svaret").click()

    expect(page.get_by_role("status")).to_contain_text("Svaret ditt ligger i utboksen")
    expect(page.locator("article.review")).to_have_count(0)
    row = page.locator("section.answered tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(SENDERS[language])
    expect(row).to_contain_text(EMAIL)
    expect(row).to_contain_text("venter på sending")
