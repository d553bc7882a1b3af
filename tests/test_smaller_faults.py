"""The smaller faults of issue 7 (point 5), each reproduced against the real components."""

from __future__ import annotations

import base64
import logging
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.inbound import store_raw
from db.models import InboundMessage, OutboundMessage, Registration
from mailbot.app import App
from mailbot.digest_job import send_digest
from mailbot.errors import UserError
from mailbot.event import ReplySettings
from mailbot.logs import configure_logging
from mailbot.processing import Processor, process_pending
from mailbot.reply_caps import mailbox
from mailbot.worker import fetch, run_cycle
from parsers.types import Extraction, ParsedEmail
from tests.flow import embedded_app, server_app
from tests.mailmaker import make_mail
from tests.servers import DovecotServer, SmtpServer

SIGN_UP = "Hei\n\nVi melder på:\nKari Berg, rektor\nOla Nordmann, kulturskolelærer\n"


def app_for(tmp_path: Path, url: str | None = None) -> App:
    maildir = tmp_path / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    return embedded_app(url or f"sqlite:///{tmp_path / 'f.db'}", maildir, tmp_path / "out")


def store(app: App, raw: bytes, uid: str, uidvalidity: int = 1) -> bool:
    with app.factory() as session, session.begin():
        return store_raw(
            session, source="imap:INBOX", uidvalidity=uidvalidity, uid=uid, raw=raw, arrived_at=None
        ).created


def outgoing(app: App) -> list[OutboundMessage]:
    with app.factory() as session:
        return list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)))


def with_caps(processor: Processor, **caps: int) -> Processor:
    event = processor.event.model_copy(update={"replies": ReplySettings(**caps)})
    return replace(processor, event=event)


def test_a_mail_without_message_id_under_a_new_uidvalidity_is_not_answered_twice(
    tmp_path: Path,
) -> None:
    app = app_for(tmp_path)
    raw = make_mail("kari.berg@bodo.kommune.no", SIGN_UP, subject="Påmelding Bodø")
    raw = b"\r\n".join(line for line in raw.split(b"\n") if not line.startswith(b"Message-ID"))
    raw = raw.replace(b"\r\r", b"\r")
    assert b"Message-ID" not in raw

    assert store(app, raw, uid="7", uidvalidity=1)
    process_pending(app.factory, app.processor())
    assert not store(app, raw, uid="1", uidvalidity=2)  # the server renumbered its mailbox
    process_pending(app.factory, app.processor())

    assert [o.recipient for o in outgoing(app)] == ["kari.berg@bodo.kommune.no"]
    app.engine.dispose()


@pytest.mark.parametrize(
    "from_header",
    [None, "Kari Berg", "Kari Berg <kari.berg>", "<>"],
    ids=["no-from", "name-only", "no-domain", "empty"],
)
def test_no_reply_without_a_valid_sender_address(tmp_path: Path, from_header: str | None) -> None:
    app = app_for(tmp_path)
    # "Bodø kommune": read without the sender's domain (a bare "Påmelding Bodø" is held by
    # the municipality_unread check, a name written but not read)
    raw = make_mail("kari.berg@bodo.kommune.no", SIGN_UP, subject="Påmelding Bodø kommune")
    lines = [line for line in raw.split(b"\n") if not line.startswith(b"From:")]
    if from_header is not None:
        lines.insert(0, f"From: {from_header}\r".encode())
    store(app, b"\n".join(lines), uid="1")

    stats = process_pending(app.factory, app.processor())

    assert stats.processed == 1
    assert outgoing(app) == []
    with app.factory() as session:
        (message,) = session.scalars(select(InboundMessage))
    assert "no valid sender address" in (message.note or "")
    app.engine.dispose()


def encoded(text: str) -> str:
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


@pytest.mark.parametrize(
    "display",
    [
        "Kari\r\nattacker@evil.example",
        "x\r\nReply-To: attacker@evil.example",
        "attacker@evil.example <attacker@evil.example>, Kari",
    ],
    ids=["crlf-address", "crlf-header", "second-address"],
)
def test_the_reply_goes_to_the_address_of_the_raw_header_not_the_decoded_name(
    tmp_path: Path, display: str
) -> None:
    app = app_for(tmp_path)
    raw = make_mail("kari.berg@bodo.kommune.no", SIGN_UP, subject="Påmelding Bodø")
    raw = raw.replace(b"From: kari.berg@", f"From: {encoded(display)} <kari.berg@".encode())
    raw = raw.replace(b"bodo.kommune.no\n", b"bodo.kommune.no>\n", 1)
    store(app, raw, uid="1")

    process_pending(app.factory, app.processor())

    assert [o.recipient for o in outgoing(app)] == ["kari.berg@bodo.kommune.no"]
    app.engine.dispose()


def test_plus_addresses_are_one_mailbox_for_the_cap_and_receipts_count(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    for n in range(1, 11):  # victim+1@ … victim+10@: one mailbox
        raw = make_mail(f"victim+{n}@bodo.kommune.no", SIGN_UP, subject="Påmelding Bodø")
        store(app, raw, uid=str(n))

    process_pending(app.factory, app.processor())

    to_victim = [
        o
        for o in outgoing(app)
        if "victim@bodo.kommune.no" in map(mailbox, [o.recipient, *(o.cc or [])])
    ]
    kinds = {o.kind for o in to_victim}
    assert len(to_victim) == app.event.replies.max_per_address_per_day == 5
    assert "receipt" in kinds  # held changes from "another" address got receipts: they count
    app.engine.dispose()


def test_replies_to_one_domain_are_capped(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    for n in range(6):
        raw = make_mail(f"person{n}@evil.example", SIGN_UP, subject="Påmelding")
        store(app, raw, uid=str(n))

    process_pending(app.factory, with_caps(app.processor(), max_per_domain_per_day=4))

    assert len(outgoing(app)) == 4
    with app.factory() as session:
        notes = list(session.scalars(select(InboundMessage.note).order_by(InboundMessage.id)))
    assert notes[-2:] == ["rate limit: 4 replies to evil.example in 24 h reached"] * 2
    app.engine.dispose()


def test_replies_in_all_are_capped_per_hour(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    for n in range(5):
        raw = make_mail(f"post@domain{n}.example", SIGN_UP, subject="Påmelding")
        store(app, raw, uid=str(n))

    process_pending(app.factory, with_caps(app.processor(), max_per_hour=3))

    assert len(outgoing(app)) == 3
    app.engine.dispose()


def test_digests_do_not_count_towards_the_caps(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    organiser = app.event.organiser_address
    send_digest(app)  # one digest to the organiser's own address
    send_digest(app)
    domain = organiser.rpartition("@")[2]
    store(app, make_mail(f"kollega@{domain}", SIGN_UP, subject="Påmelding Bodø"), uid="1")

    process_pending(app.factory, with_caps(app.processor(), max_per_domain_per_day=1))

    replies = [o for o in outgoing(app) if o.kind != "digest"]
    assert [o.recipient for o in replies] == [f"kollega@{domain}"]
    app.engine.dispose()


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_imap_content_never_reaches_the_log_at_debug(
    tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    """imapclient writes every FETCH response (whole messages) to its logger at DEBUG."""
    secret = "Hemmeleg Deltakarnamn"
    dovecot.append(make_mail("kari.berg@bodo.kommune.no", f"Vi melder på {secret}, rektor\n"))
    app = server_app(f"sqlite:///{tmp_path / 'l.db'}", dovecot, smtp_server, log_level="DEBUG")
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    records = Records()
    try:
        configure_logging("DEBUG")
        root.addHandler(records)
        debug_on = root.isEnabledFor(logging.DEBUG)
        stored = fetch(app).stored
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
    lines = [record.getMessage() for record in records.records]
    assert stored == 1
    assert debug_on
    assert not [line for line in lines if secret in line]
    assert logging.getLogger("imapclient").getEffectiveLevel() >= logging.INFO
    app.engine.dispose()


def test_an_unreadable_mailbox_does_not_stop_processing_and_sending(
    tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    url = f"sqlite:///{tmp_path / 'o.db'}"
    app = server_app(url, dovecot, smtp_server)
    assert app.settings.imap is not None
    missing = app.settings.imap.model_copy(update={"folder": "Finst.Ikkje"})
    app = App.build(app.settings.model_copy(update={"imap": missing}))
    store(app, make_mail("kari.berg@bodo.kommune.no", SIGN_UP, subject="Påmelding Bodø"), "1")

    with pytest.raises(UserError, match="select failed: Mailbox doesn't exist: Finst.Ikkje"):
        run_cycle(app)  # the command still reports the mailbox's error, after the rest

    with app.factory() as session:
        (message,) = session.scalars(select(InboundMessage))
    assert message.status == "processed"
    assert [m.rcpt_tos for m in smtp_server.messages] == [["kari.berg@bodo.kommune.no"]]
    app.engine.dispose()


def test_two_workers_opening_one_registration_at_once_spend_no_attempt(
    tmp_path: Path, postgres_url: str
) -> None:
    app = app_for(tmp_path, postgres_url)
    real = app.processor()
    for n in (1, 2):
        raw = make_mail("kari.berg@bodo.kommune.no", SIGN_UP, subject="Påmelding Bodø")
        store(app, raw, uid=str(n))
    together = threading.Barrier(2, timeout=60)
    waited: set[int] = set()

    def extractor(parsed: ParsedEmail) -> Extraction:
        """Both workers read their message, then both open the registration at once."""
        extraction = real.extractor(parsed)
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            together.wait()
        return extraction

    racing = replace(real, extractor=extractor)
    threads = [
        threading.Thread(target=process_pending, args=(app.factory, racing)) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    with app.factory() as session:
        messages = list(session.scalars(select(InboundMessage)))
        registrations = session.scalar(select(func.count(Registration.id)))
    assert [(m.status, m.attempts) for m in messages] == [("processed", 1)] * 2
    assert registrations == 1
    app.engine.dispose()
