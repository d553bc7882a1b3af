"""Prometheus metrics from the store: messages by status, replies by kind, queue age, last poll."""

from __future__ import annotations

import threading
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from db.models import InboundMessage
from mailbot.ingest import ingest
from mailbot.login_gate import LoginGate
from mailbot.metrics import serve_metrics
from mailbot.settings import load_settings
from mailbot.worker import _poll, _send
from tests.corpus import corpus_bytes
from tests.flow import add_to_maildir, embedded_app, make_maildir, sqlite_url
from tests.servers import free_port


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30).read()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text.decode())
        for sample in family.samples
    }


def test_metrics_are_off_unless_a_port_is_set(tmp_path: Path) -> None:
    settings = load_settings(None, maildir=tmp_path, outbox_dir=tmp_path / "out")

    assert settings.metrics_port is None


def test_the_store_as_metrics(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005", "007", "002")
    app = embedded_app(sqlite_url(tmp_path), maildir, tmp_path / "out")
    gate = LoginGate(app.factory, app.clock)
    _poll(app, threading.Event(), gate)
    _send(app, gate)
    add_to_maildir(maildir, "late.eml", corpus_bytes("016"))
    with app.source() as source:  # stored, not yet processed: it waits in the queue
        ingest(source, app.factory)
    with app.factory() as session:
        waiting_since = session.scalars(
            select(InboundMessage.stored_at).where(InboundMessage.status == "new")
        ).one()
    port = free_port()
    later = app.clock() + timedelta(minutes=5)
    server = serve_metrics(app.factory, lambda: later, "127.0.0.1", port, CollectorRegistry())
    try:
        metrics = scrape(port)
    finally:
        server.shutdown()

    assert metrics[("mailbot_messages", (("status", "processed"),))] == 2
    assert metrics[("mailbot_messages", (("status", "ignored"),))] == 1
    assert metrics[("mailbot_messages", (("status", "new"),))] == 1
    kinds = {
        dict(labels)["kind"]: value
        for (name, labels), value in metrics.items()
        if name == "mailbot_replies" and dict(labels)["status"] == "sent"
    }
    assert kinds == {"confirmation": 1, "correction_request": 1}
    age = metrics[("mailbot_queue_age_seconds", (("queue", "inbound"),))]
    assert age == pytest.approx((later - waiting_since).total_seconds())
    assert metrics[("mailbot_queue_age_seconds", (("queue", "outbox"),))] == 0
    assert metrics[("mailbot_last_poll_timestamp_seconds", ())] > 0
    assert metrics[("mailbot_login_refused", (("server", "smtp"),))] == 0
