"""The organiser's decisions on held messages (the review queue).

A held message waits with status ``needs_review``; each decision ends that wait and is
recorded with the account. Decisions that answer the sender go through the same apply →
rules → compose path as an automatic answer, so the reply has the same headers and loop
rules, as a new outbox row for that message.
"""

from __future__ import annotations

from datetime import datetime

from db.models import InboundMessage

CLOSED_NOTE = "closed by the organiser without a reply"


class ReviewError(ValueError):
    """The decision cannot be carried out; the text is for the organiser (bokmål)."""


def _check_held(message: InboundMessage) -> None:
    if message.status != "needs_review":
        raise ReviewError("Meldingen venter ikke lenger på en beslutning.")


def close_without_reply(message: InboundMessage, at: datetime) -> None:
    """Done with it: nothing is applied and nothing is sent."""
    _check_held(message)
    message.status = "processed"
    message.note = CLOSED_NOTE
    message.processed_at = at
