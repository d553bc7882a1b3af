"""Outbox → transport: each row sent once, with its fixed Message-ID.

The row is claimed (``sending``) and committed before the network call, and marked ``sent``
right after; a temporary failure is retried with exponential backoff, a permanent one is kept
as ``failed`` for the organiser, and a delivery that may have happened (the content left us,
no final answer came back) is kept as ``uncertain`` and never resent on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from db.models import OutboundMessage
from db.outbox import (
    claim_due,
    mark_failed,
    mark_interrupted,
    mark_retry,
    mark_sent,
    mark_uncertain,
    release_claim,
)
from mailbot.errors import LoginRefused
from mailbot.file_transport import AlreadyWritten
from mailbot.transport import PermanentFailure, TemporaryFailure, Transport, UncertainDelivery

log = logging.getLogger(__name__)
STALE_CLAIM = timedelta(minutes=10)


@dataclass
class SendStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    uncertain: int = 0


def send_due(
    factory: sessionmaker[Session],
    transport: Transport,
    clock: Callable[[], datetime],
    max_attempts: int = 5,
) -> SendStats:
    """Send every due outbox row."""
    stats = SendStats()
    with factory() as session, session.begin():
        mark_interrupted(session, clock() - STALE_CLAIM)
    while True:
        with factory() as session, session.begin():
            row = claim_due(session, clock())
            if row is None:
                return stats
            row_id, raw, sender = row.id, row.raw, row.sender
            recipients, message_id = [row.recipient, *(row.cc or [])], row.message_id
        outcome, error = _deliver(transport, raw, sender, recipients, message_id)
        with factory() as session, session.begin():
            claimed = session.get(OutboundMessage, row_id)
            assert claimed is not None
            if outcome == "sent":
                mark_sent(claimed, clock())
                stats.sent += 1
            elif outcome == "retry":
                mark_retry(claimed, error, clock(), max_attempts)
                stats.retried += 1
            elif outcome == "uncertain":
                mark_uncertain(claimed, error)
                stats.uncertain += 1
            elif outcome == "login_refused":
                release_claim(claimed, error)
            else:
                mark_failed(claimed, error)
                stats.failed += 1
        if outcome == "login_refused":  # no row can go out until the login works
            raise LoginRefused("smtp", error)


def _deliver(
    transport: Transport, raw: bytes, sender: str, recipients: list[str], message_id: str
) -> tuple[str, str]:
    try:
        transport.send(raw, sender, recipients, message_id)
    except LoginRefused as error:
        return "login_refused", str(error)
    except AlreadyWritten:
        return "sent", ""  # the file from an earlier, interrupted attempt is the delivery
    except TemporaryFailure as error:
        log.warning("temporary delivery failure for %s: %s", message_id, error)
        return "retry", str(error)
    except UncertainDelivery as error:
        log.error("delivery of %s uncertain, not resent: %s", message_id, error)
        return "uncertain", str(error)
    except PermanentFailure as error:
        log.error("permanent delivery failure for %s: %s", message_id, error)
        return "failed", str(error)
    return "sent", ""
