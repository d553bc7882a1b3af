"""Stop knocking when a server refuses our login.

A refused login will not succeed on the next poll either, and mail providers lock accounts
that keep trying. So the first refusal is logged once, noted in the database (``mailbot
check`` and the digest show it), and the worker stops using that server until it is
restarted or gets SIGHUP (:meth:`LoginGate.reopen`). Everything that needs no login, such as
processing mail already stored, goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from db.service_status import record_status
from db.states import ServiceState
from mailbot.errors import LoginRefused

log = logging.getLogger(__name__)


class LoginGate:
    """Which servers (``imap``, ``smtp``) refused our login since start-up or the last SIGHUP."""

    def __init__(self, factory: sessionmaker[Session], clock: Callable[[], datetime]) -> None:
        self._factory = factory
        self._clock = clock
        self._lock = threading.Lock()
        self._refused: dict[str, str] = {}
        self._confirmed: set[str] = set()

    def allows(self, server: str) -> bool:
        """False while ``server`` stands refused."""
        with self._lock:
            return server not in self._refused

    def refused(self) -> dict[str, str]:
        """Refused servers and why, for metrics and tests."""
        with self._lock:
            return dict(self._refused)

    @contextmanager
    def watching(self, server: str) -> Iterator[None]:
        """Run a block that logs in to ``server``: a refusal closes the gate (and is not
        raised further)."""
        try:
            yield
        except LoginRefused as error:
            self._refuse(server, str(error))

    def reopen(self) -> None:
        """Try every server again (SIGHUP). The noted refusal stays until a login works."""
        with self._lock:
            servers = sorted(self._refused)
            self._refused.clear()
        if servers:
            log.warning("trying the login to %s again", ", ".join(servers))

    def _refuse(self, server: str, detail: str) -> None:
        with self._lock:
            first = server not in self._refused
            self._refused[server] = detail
            self._confirmed.discard(server)
        if not first:
            return
        log.error("%s; not trying %s again until restart or SIGHUP", detail, server.upper())
        self._note(server, ServiceState.LOGIN_REFUSED, detail)

    def confirm(self, server: str) -> None:
        """A login to ``server`` worked: clear a refusal noted earlier (once per run)."""
        with self._lock:
            if server in self._confirmed:
                return
            self._confirmed.add(server)
        self._note(server, ServiceState.OK, None)

    def _note(self, server: str, state: ServiceState, detail: str | None) -> None:
        with self._factory() as session, session.begin():
            record_status(session, server, state, detail, self._clock())
