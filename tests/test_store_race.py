"""Two workers storing the same message at the same moment store it once (issue 11: the
store takes no savepoint per message; the one that loses the race stores again and finds
the other's row)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import func, select, text

from db.inbound import store_raw
from db.models import InboundMessage
from mailbot.ingest import store_fetched
from mailbot.sources.base import FetchedMessage
from tests.flow import embedded_app
from tests.mailmaker import make_mail


def test_a_message_another_worker_stores_meanwhile_is_stored_once(
    postgres_url: str, tmp_path: Path
) -> None:
    (tmp_path / "Maildir").mkdir()
    app = embedded_app(postgres_url, tmp_path / "Maildir", tmp_path / "out")
    raw = make_mail("kari.berg@bodo.kommune.no", "Hei\n\nKari Berg, rektor\n", subject="Bodø")
    fetched = FetchedMessage(source="imap:INBOX", uidvalidity=1, uid="7", raw=raw)
    results: list[bool] = []
    with app.factory() as first, first.begin():
        stored = store_raw(
            first, source="imap:INBOX", uidvalidity=1, uid="7", raw=raw, arrived_at=None
        )
        assert stored.created  # inserted, not yet committed
        other = threading.Thread(target=lambda: results.append(store_fetched(app.factory, fetched)))
        other.start()
        # The other worker did not see our row and waits on the unique index for our commit.
        assert waiting_on_a_lock(app.factory), "the other worker never reached its insert"
    other.join(timeout=60)

    assert results == [False]
    with app.factory() as session:
        assert session.scalar(select(func.count(InboundMessage.id))) == 1
    app.engine.dispose()


def waiting_on_a_lock(factory: object, seconds: float = 30.0) -> bool:
    """Whether a session of this database comes to wait on a lock within ``seconds``."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + seconds
    with factory() as session:  # type: ignore[operator]
        while time.monotonic() < deadline:
            if session.scalar(query):
                return True
            session.rollback()
            time.sleep(0.01)
    return False
