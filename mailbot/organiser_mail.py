"""Mail from the organiser's own address that is not one of our automatic messages: the
organiser answering a municipality by hand, in the same thread, with the inbox in copy.

It is kept and shown on the registration's page as part of the conversation, never
answered and never read as a registration: the organiser's words are not a sign-up, and an
automatic answer to the organiser would be noise (or a loop).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import InboundMessage
from db.registry import ensure_event, registration_in_thread, registration_of_addresses
from db.states import ORGANISER_KIND
from mailbot.event import Event
from parsers.types import ParsedEmail

NOTE = "from the organiser: kept and shown, never answered"


def is_our_automatic_mail(parsed: ParsedEmail, event: Event) -> bool:
    """Our replies and digests carry a Message-ID ``<mailbot.…@our-domain>``."""
    own_domain = "@" + event.own_domain
    return bool(
        parsed.message_id
        and parsed.message_id.startswith("<mailbot.")
        and parsed.message_id.endswith(own_domain + ">")
    )


def is_from_organiser(parsed: ParsedEmail, event: Event) -> bool:
    sender = parsed.sender.lower()
    return sender in {event.organiser_address.lower(), event.inbox_address.lower()}


def keep_organiser_mail(
    session: Session, message: InboundMessage, parsed: ParsedEmail, event: Event
) -> None:
    """Attach the message to the registration it belongs to: by thread first, else by the
    municipality's address it was written to. Nothing is read from it."""
    event_row = ensure_event(session, event.slug, event.title)
    own = {event.organiser_address.lower(), event.inbox_address.lower()}
    recipients = [a.lower() for a in (*parsed.to, *parsed.cc) if a.lower() not in own]
    message.registration = registration_in_thread(
        session, event_row, [parsed.in_reply_to, *reversed(parsed.references)]
    ) or registration_of_addresses(session, event_row, recipients)
    message.kind = ORGANISER_KIND
