"""The worker's notes about its servers: a refused login (shown until the next good one) and
the time of the last poll. One row per name, overwritten in place."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ServiceStatus
from db.states import ServiceState


def record_status(
    session: Session, name: str, state: ServiceState, detail: str | None, now: datetime
) -> None:
    """Set the row for ``name`` (``imap``, ``smtp`` or ``poll``)."""
    row = session.get(ServiceStatus, name)
    if row is None:
        session.add(ServiceStatus(name=name, state=state, detail=detail, updated_at=now))
        return
    row.state, row.detail, row.updated_at = state, detail, now


def refused_logins(session: Session) -> list[ServiceStatus]:
    """Servers whose login the worker gave up on (until restart or SIGHUP), by name."""
    query = select(ServiceStatus).where(ServiceStatus.state == ServiceState.LOGIN_REFUSED)
    return list(session.scalars(query.order_by(ServiceStatus.name)))


def last_poll_at(session: Session) -> datetime | None:
    """When the worker last finished reading its mailbox, or None if it never did."""
    row = session.get(ServiceStatus, "poll")
    return row.updated_at if row is not None else None
