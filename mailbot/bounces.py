"""Bounces of our own replies: recorded against the outbox row, shown to the organiser.

flufl.bounce (through ``parsers.auto_signals.bounced_recipients``) reads the DSN; we only
match the addresses it finds against what we sent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import OutboundMessage
from parsers.auto_signals import bounced_recipients


def record_bounce(session: Session, raw: bytes, now: datetime) -> list[OutboundMessage]:
    """Mark the latest reply we sent to each bounced address; returns the rows marked."""
    marked: list[OutboundMessage] = []
    for address in sorted(bounced_recipients(raw)):
        row = session.scalars(
            select(OutboundMessage)
            .where(
                OutboundMessage.recipient == address.lower(),
                OutboundMessage.status == "sent",
                OutboundMessage.bounced_at.is_(None),
            )
            .order_by(OutboundMessage.id.desc())
            .limit(1)
        ).first()
        if row is not None:
            row.bounced_at = now
            marked.append(row)
    return marked
