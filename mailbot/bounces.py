"""Bounces of our own replies: recorded against the outbox row, shown to the organiser.

flufl.bounce (through ``parsers.auto_signals.bounced_recipients``) reads the DSN; we only
match the addresses it finds against what we sent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db.models import OutboundMessage
from db.outbox import last_unbounced_sent_to
from parsers.auto_signals import bounced_recipients


def record_bounce(session: Session, raw: bytes, now: datetime) -> list[OutboundMessage]:
    """Mark the latest reply we sent to each bounced address; returns the rows marked."""
    marked: list[OutboundMessage] = []
    for address in sorted(bounced_recipients(raw)):
        row = last_unbounced_sent_to(session, address.lower())
        if row is not None:
            row.bounced_at = now
            marked.append(row)
    return marked
