"""Prometheus metrics of the worker (``metrics_port``; off unless set).

Everything is read from the store at scrape time, so the figures are the same whichever
worker answers and survive restarts: messages by status, replies by kind and status, the age
of the oldest waiting message and outgoing reply, the last poll, and refused logins.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import datetime
from wsgiref.simple_server import WSGIServer

from prometheus_client import start_http_server
from prometheus_client.core import REGISTRY, CollectorRegistry, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy.orm import Session, sessionmaker

from db.service_status import last_poll_at, refused_logins
from db.stats import (
    inbound_counts_by_status,
    oldest_pending_outbound,
    oldest_waiting_inbound,
    outbound_counts_by_kind_and_status,
)
from mailbot.errors import UserError

log = logging.getLogger(__name__)


class StoreCollector(Collector):
    """One read-only session per scrape."""

    def __init__(self, factory: sessionmaker[Session], clock: Callable[[], datetime]) -> None:
        self._factory = factory
        self._clock = clock

    def collect(self) -> Iterator[Metric]:
        now = self._clock()
        with self._factory() as session:
            inbound = inbound_counts_by_status(session)
            outbound = outbound_counts_by_kind_and_status(session)
            oldest = {
                "inbound": oldest_waiting_inbound(session),
                "outbox": oldest_pending_outbound(session),
            }
            polled = last_poll_at(session)
            refused = [row.name for row in refused_logins(session)]
        messages = GaugeMetricFamily(
            "mailbot_messages", "Inbound messages by status", labels=["status"]
        )
        for status, count in sorted(inbound.items()):
            messages.add_metric([status], count)
        yield messages
        replies = GaugeMetricFamily(
            "mailbot_replies", "Outgoing messages by kind and status", labels=["kind", "status"]
        )
        for (kind, status), count in sorted(outbound.items()):
            replies.add_metric([kind, status], count)
        yield replies
        age = GaugeMetricFamily(
            "mailbot_queue_age_seconds",
            "Age of the oldest message waiting in a queue (0 when it is empty)",
            labels=["queue"],
        )
        for queue, since in oldest.items():
            age.add_metric([queue], max(0.0, (now - since).total_seconds()) if since else 0.0)
        yield age
        yield GaugeMetricFamily(
            "mailbot_last_poll_timestamp_seconds",
            "Unix time the mailbox was last read (0: never)",
            value=polled.timestamp() if polled else 0.0,
        )
        logins = GaugeMetricFamily(
            "mailbot_login_refused",
            "1 while the worker stays away from a server that refused its login",
            labels=["server"],
        )
        for server in ("imap", "smtp"):
            logins.add_metric([server], 1.0 if server in refused else 0.0)
        yield logins


def serve_metrics(
    factory: sessionmaker[Session],
    clock: Callable[[], datetime],
    host: str,
    port: int,
    registry: CollectorRegistry = REGISTRY,
) -> WSGIServer:
    """Serve ``/metrics`` on ``host:port`` from a daemon thread; returns the server (its
    ``shutdown()`` stops it)."""
    registry.register(StoreCollector(factory, clock))
    try:
        server, _thread = start_http_server(port, addr=host, registry=registry)
    except OSError as error:
        raise UserError(
            f"metrics_port {port} on {host}: cannot listen ({error.strerror}); "
            "choose a free port or unset metrics_port"
        ) from error
    log.info("metrics on http://%s:%d/metrics", host, port)
    return server
