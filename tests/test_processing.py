"""Processing guarantees: failures are set aside and never block; workers never double up."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from db.inbound import claim_batch, raw_of
from db.models import InboundMessage, OutboundMessage, utcnow
from mailbot.ingest import ingest
from mailbot.processing import READ_AHEAD_BYTES, process_pending
from mailbot.sources.maildir import MaildirSource
from parsers.types import Extraction, ParsedEmail
from tests.corpus import corpus_dir
from tests.flow import add_to_maildir, embedded_app, make_maildir


class ExtractorFault(RuntimeError):
    """Stands for a bug in understanding that hits one kind of message."""


class SteppingClock:
    """A clock the test moves on: a lease runs out when the test says so, not after a wait."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now


def test_a_message_that_keeps_failing_is_set_aside_after_max_attempts(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005", "006")
    app = embedded_app(f"sqlite:///{tmp_path / 'p.db'}", maildir, tmp_path / "out")
    real = app.processor()
    clock = SteppingClock()

    def extractor(parsed: ParsedEmail) -> Extraction:
        if "bodo" in parsed.sender:
            raise ExtractorFault("boom")
        return real.extractor(parsed)

    faulty = replace(real, extractor=extractor, clock=clock)
    with MaildirSource(maildir) as source:
        ingest(source, app.factory)

    passes = []
    for _ in range(real.max_attempts):
        passes.append(process_pending(app.factory, faulty))
        # Within the lease the failed message keeps its claim: the next pass leaves it alone.
        assert process_pending(app.factory, faulty).processed == 0
        clock.now += real.lease + timedelta(seconds=1)

    with app.factory() as session:
        rows = {m.uid: m for m in session.scalars(select(InboundMessage))}
    assert rows["006.eml"].status == "processed"
    assert rows["005.eml"].status == "failed"
    assert rows["005.eml"].attempts == real.max_attempts
    assert "ExtractorFault: boom" in (rows["005.eml"].error or "")
    assert (rows["005.eml"].lease_owner, rows["005.eml"].lease_until) == (None, None)
    assert [p.failed for p in passes] == [1] * real.max_attempts
    assert [p.processed for p in passes] == [1, 0, 0]
    (outcome,) = passes[0].outcomes
    assert outcome.status == "processed" and outcome.note == rows["006.eml"].note
    assert passes[0].replies == (outcome.reply is not None)
    app.engine.dispose()


def test_two_workers_on_postgresql_answer_each_message_once(
    tmp_path: Path, postgres_url: str
) -> None:
    names = ["005", "006", "007", "008", "009", "012", "013", "019", "020", "021"]
    maildir = make_maildir(tmp_path / "Maildir", *names)
    app = embedded_app(postgres_url, maildir, tmp_path / "out")
    processor = app.processor()
    with MaildirSource(maildir) as source:
        ingest(source, app.factory)
    start = threading.Barrier(2)
    results = []

    def work() -> None:
        start.wait()
        results.append(process_pending(app.factory, processor))

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)

    with app.factory() as session:
        replies = session.scalar(select(func.count(OutboundMessage.id)))
        per_inbound = session.execute(
            select(OutboundMessage.inbound_id, func.count())
            .group_by(OutboundMessage.inbound_id)
            .having(func.count() > 1)
        ).all()
        statuses = set(session.scalars(select(InboundMessage.status)))
    assert sum(r.processed for r in results) == len(names)
    assert replies == len(names)
    assert per_inbound == []
    assert statuses == {"processed"}
    app.engine.dispose()


def test_a_batch_read_together_gets_the_same_outcomes_as_one_by_one(tmp_path: Path) -> None:
    """The worker reads claimed messages as a batch (``nlp.pipe``); each message still gets
    the reading, the status and the reply it gets alone."""
    names = ["005", "006", "007", "008", "009", "012", "013", "019", "020", "021"]
    outcomes = {}
    for mode in ("batch", "alone"):
        maildir = make_maildir(tmp_path / mode / "Maildir", *names)
        app = embedded_app(f"sqlite:///{tmp_path / mode / 'p.db'}", maildir, tmp_path / mode)
        processor = app.processor()
        if mode == "alone":  # a plain function reads no batches: one claim, one read each
            one = processor.extractor
            processor = replace(processor, extractor=lambda parsed, read=one: read(parsed))
        with MaildirSource(maildir) as source:
            ingest(source, app.factory)
        stats = process_pending(app.factory, processor)
        with app.factory() as session:
            rows = session.scalars(select(InboundMessage).order_by(InboundMessage.uid))
            outcomes[mode] = [(m.uid, m.status, m.note, m.kind, m.attempts) for m in rows]
        assert stats.processed == len(names)
        app.engine.dispose()
    assert outcomes["batch"] == outcomes["alone"]


def test_claims_not_reached_before_a_stop_are_given_back(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005", "006", "007", "008")
    app = embedded_app(f"sqlite:///{tmp_path / 'p.db'}", maildir, tmp_path / "out")
    with MaildirSource(maildir) as source:
        ingest(source, app.factory)
    asked: list[int] = []

    def stop_after_one() -> bool:
        asked.append(1)
        return len(asked) > 1

    stats = process_pending(app.factory, app.processor(), stop_after_one)

    with app.factory() as session:
        rows = list(session.scalars(select(InboundMessage).order_by(InboundMessage.uid)))
    assert stats.processed == 1
    assert [(m.status, m.attempts, m.lease_owner) for m in rows[1:]] == [("new", 0, None)] * 3
    app.engine.dispose()


def test_after_a_crash_the_messages_of_its_batch_are_claimed_one_at_a_time(
    tmp_path: Path,
) -> None:
    """A worker that dies on one message of a batch leaves all of it claimed; when the
    claims run out each is taken alone, so only the message that kills the process spends
    its attempts."""
    maildir = make_maildir(tmp_path / "Maildir", "005", "006", "007")
    app = embedded_app(f"sqlite:///{tmp_path / 'p.db'}", maildir, tmp_path / "out")
    with MaildirSource(maildir) as source:
        ingest(source, app.factory)
    now, lease = utcnow(), timedelta(minutes=5)
    with app.factory() as session, session.begin():
        first = claim_batch(session, "dead", now, lease, 3, 16)
    later = now + lease + timedelta(seconds=1)
    with app.factory() as session, session.begin():
        again = claim_batch(session, "alive", later, lease, 3, 16)

    assert len(first) == 3
    assert [m.id for m in again] == [first[0].id]
    assert again[0].attempts == 2


def test_a_large_message_is_not_read_ahead_with_its_batch(tmp_path: Path) -> None:
    """A batch never holds more than one large message in memory: over READ_AHEAD_BYTES a
    message is read in its own transaction, like any message read one by one."""
    maildir = make_maildir(tmp_path / "Maildir", "005", "006")
    big = (corpus_dir() / "007.eml").read_bytes() + b"\r\n" + b"x" * READ_AHEAD_BYTES
    add_to_maildir(maildir, "big.eml", big)
    app = embedded_app(f"sqlite:///{tmp_path / 'p.db'}", maildir, tmp_path / "out")
    with MaildirSource(maildir) as source:
        ingest(source, app.factory)
    with app.factory() as session:
        ids = {m.uid: m.id for m in session.scalars(select(InboundMessage))}
        ahead = raw_of(session, ids.values(), READ_AHEAD_BYTES)

    stats = process_pending(app.factory, app.processor())

    assert set(ahead) == {ids["005.eml"], ids["006.eml"]}
    assert stats.processed == 3
    app.engine.dispose()
