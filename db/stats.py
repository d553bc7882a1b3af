"""Counts for the worker's metrics: read-only, cheap aggregate queries over the store."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import InboundMessage, OutboundMessage

WAITING = ("new", "processing")
"""Inbound states that still wait for the worker."""


def inbound_counts_by_status(session: Session) -> dict[str, int]:
    """``{"processed": 12, "new": 1, ...}``."""
    rows = session.execute(
        select(InboundMessage.status, func.count()).group_by(InboundMessage.status)
    )
    return {status: int(count) for status, count in rows}


def outbound_counts_by_kind_and_status(session: Session) -> dict[tuple[str, str], int]:
    """``{("confirmation", "sent"): 9, ("digest", "pending"): 1, ...}``."""
    rows = session.execute(
        select(OutboundMessage.kind, OutboundMessage.status, func.count()).group_by(
            OutboundMessage.kind, OutboundMessage.status
        )
    )
    return {(kind, status): int(count) for kind, status, count in rows}


def oldest_waiting_inbound(session: Session) -> datetime | None:
    """When the oldest message still waiting to be processed was stored."""
    query = select(func.min(InboundMessage.stored_at)).where(InboundMessage.status.in_(WAITING))
    return _aware(session.scalar(query))


def oldest_pending_outbound(session: Session) -> datetime | None:
    """When the oldest outgoing message not yet sent was queued."""
    query = select(func.min(OutboundMessage.created_at)).where(
        OutboundMessage.status.in_(("pending", "sending"))
    )
    return _aware(session.scalar(query))


def _aware(value: datetime | None) -> datetime | None:
    """Aggregates bypass the column type: SQLite gives naive UTC (or a string)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
