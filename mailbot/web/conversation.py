"""Messages as the organiser reads them: the sender's text as written, attachments listed,
our replies under each; and where each participant on the list came from."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage

from db.desk import RegistrationView
from db.models import InboundMessage, OutboundMessage, Participant
from db.states import ChangeActor
from parsers.errors import ParseError
from parsers.mime import parse
from parsers.types import Attachment, person_key

MAX_SHOWN_CHARACTERS = 20_000


@dataclass(frozen=True)
class ShownReply:
    row: OutboundMessage
    text: str


@dataclass(frozen=True)
class ShownMessage:
    row: InboundMessage
    number: int
    text: str
    attachments: tuple[Attachment, ...]
    error: str | None
    replies: tuple[ShownReply, ...]


@dataclass(frozen=True)
class ShownParticipant:
    row: Participant
    source: str
    message_number: int | None


def shown_message(row: InboundMessage, number: int, replies: list[OutboundMessage]) -> ShownMessage:
    try:
        parsed = parse(row.raw)
    except ParseError as error:
        return ShownMessage(row, number, "", (), str(error), _replies(replies))
    text = parsed.text
    if len(text) > MAX_SHOWN_CHARACTERS:
        text = text[:MAX_SHOWN_CHARACTERS] + "\n[…]"
    return ShownMessage(row, number, text, parsed.attachments, None, _replies(replies))


def _replies(rows: list[OutboundMessage]) -> tuple[ShownReply, ...]:
    return tuple(ShownReply(row, reply_text(row.raw)) for row in rows)


def reply_text(raw: bytes) -> str:
    """The plain-text body of one of our own messages."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    part = message.get_body(("plain",))
    return part.get_content() if isinstance(part, EmailMessage) else ""


def conversation(view: RegistrationView) -> list[ShownMessage]:
    return [
        shown_message(row, number, view.replies_to(row.id))
        for number, row in enumerate(view.messages, start=1)
    ]


def participants(view: RegistrationView) -> list[ShownParticipant]:
    numbers = {m.id: n for n, m in enumerate(view.messages, start=1)}
    by_organiser: dict[str, str] = {}
    for change in view.changes:
        if change.actor == ChangeActor.ORGANISER and change.name:
            by_organiser[person_key(change.name)] = change.account or "arrangøren"
    shown = []
    for person in view.registration.participants:
        account = by_organiser.get(person_key(person.name))
        number = numbers.get(person.message_id) if person.message_id else None
        if number is not None:
            source = f"melding {number}" + (f", rettet av {account}" if account else "")
        else:
            source = f"lagt inn av {account}" if account else "ukjent"
        shown.append(ShownParticipant(person, source, number))
    return shown
