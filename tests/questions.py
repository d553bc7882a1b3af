"""A municipality's question to the organiser, for the tests of the organiser's written
answer (the desk over HTTP and in a browser, ``mailbot review answer``). Invented mails, in
bokmål and nynorsk: a question from a municipality that has not signed up, and the words
the organiser answers with."""

from __future__ import annotations

import html

from sqlalchemy import select

from db.models import InboundMessage
from mailbot.web.serve import add_user
from tests.conversation import Conversation
from tests.desk_support import EMAIL, PASSWORD
from tests.mailmaker import make_mail

SENDERS = {"nb": "ingrid.solberg@eidsvoll.kommune.no", "nn": "ingrid.solberg@orsta.kommune.no"}
SUBJECTS = {"nb": "Spørsmål om verkstedet", "nn": "Spørsmål om verkstaden"}
QUESTIONS = {
    "nb": "Hei!\n\nMå alle som blir med være til stede hele dagen, eller kan noen komme "
    "etter lunsj?\n\nHilsen Ingrid Solberg\nkultursjef i Eidsvoll kommune\n",
    "nn": "Hei!\n\nMå alle som blir med vere til stades heile dagen, eller kan nokon kome "
    "etter lunsj?\n\nHelsing Ingrid Solberg\nkultursjef i Ørsta kommune\n",
}
ANSWERS = {
    "nb": "Det går fint å komme etter lunsj, men si fra hvem det gjelder.",
    "nn": "Det går fint å kome etter lunsj, men sei frå kven det gjeld.",
}
CLOSINGS = {"nb": "Vennlig hilsen", "nn": "Venleg helsing"}


def ask(talk: Conversation, language: str) -> int:
    """The question arrives and waits for the organiser (no automatic answer); its id."""
    mail = make_mail(
        SENDERS[language],
        QUESTIONS[language],
        sender_name="Ingrid Solberg",
        subject=SUBJECTS[language],
    )
    assert talk.send(mail) == []
    with talk.app.factory() as session:
        return session.scalars(
            select(InboundMessage.id).where(InboundMessage.kind == "question")
        ).one()


def with_account(talk: Conversation) -> str:
    """The conversation's database, handed to a desk with the organiser's account."""
    url = talk.app.settings.database_url
    talk.app.engine.dispose()
    add_user(url, EMAIL, PASSWORD)
    return url


def filled(draft: str, words: str) -> str:
    """The draft with the organiser's words written between greeting and closing."""
    greeting, _, closing = draft.partition("\n\n\n\n")
    assert closing, f"no room for the answer in the draft: {draft!r}"
    return f"{greeting}\n\n{words}\n\n{closing}"


def draft_on_card(page: str, message_id: int) -> str:
    """The answer form's starting text on the message's review card."""
    card = page.split(f'id="m{message_id}"', 1)[1].split("</article>", 1)[0]
    textarea = card.split('<textarea name="text"', 1)[1].split(">", 1)[1]
    return html.unescape(textarea.split("</textarea>", 1)[0])
