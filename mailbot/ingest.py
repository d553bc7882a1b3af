"""Source → inbound store: commit each message locally, then acknowledge it on the server.

The order is the whole point: a crash after the commit and before the acknowledgement only
means the message is fetched again next time, and the store ignores the second copy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.inbound import store_raw, stored_sizes
from mailbot.sources.base import FetchedMessage, MailSource, RemembersStored

log = logging.getLogger(__name__)


@dataclass
class IngestStats:
    seen: int = 0
    stored: int = 0


def ingest(source: MailSource, factory: sessionmaker[Session]) -> IngestStats:
    """Store every unacknowledged message of ``source`` (one transaction each)."""
    stats = IngestStats()
    if isinstance(source, RemembersStored) and source.needs_stored:
        with factory() as session:
            source.remember_stored(stored_sizes(session, source.name))
    for fetched in source.fetch():
        stats.seen += 1
        stats.stored += store_fetched(factory, fetched)
        source.acknowledge(fetched)
    if stats.stored:
        log.info("stored %d new message(s) from %s", stats.stored, source.name)
    return stats


def store_fetched(factory: sessionmaker[Session], fetched: FetchedMessage) -> bool:
    """Store one message in a transaction of its own; True when it was new. Another worker
    storing the same message at the same moment makes the insert fail: the second
    transaction then finds that worker's row."""
    for attempt in range(2):
        try:
            with factory() as session, session.begin():
                return store_raw(
                    session,
                    source=fetched.source,
                    uidvalidity=fetched.uidvalidity,
                    uid=fetched.uid,
                    raw=fetched.raw,
                    arrived_at=fetched.internaldate,
                ).created
        except IntegrityError:
            if attempt:
                raise
            log.info("message %s: stored by another worker meanwhile; looking again", fetched.uid)
    return False
