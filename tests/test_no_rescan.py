"""No re-scan (issue 11): an idle poll costs the same however many messages were stored.

Counts, never timings: files opened (a Python audit hook, which only observes) and IMAP
commands sent (counted on the real connection to Dovecot) per idle poll.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mailbot.sources.imap import ImapSource
from mailbot.worker import Poller, run_cycle
from tests.corpus import corpus_copies
from tests.flow import embedded_app, server_app, sqlite_url
from tests.servers import DovecotServer, SmtpServer

_watched: list[tuple[str, list[str]]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _watched:
        for prefix, opened in _watched:
            if str(args[0]).startswith(prefix):
                opened.append(str(args[0]))


sys.addaudithook(_audit)


@contextmanager
def files_opened(folder: Path) -> Iterator[list[str]]:
    """The files below ``folder`` opened inside the block."""
    opened: list[str] = []
    _watched.append((str(folder), opened))
    try:
        yield opened
    finally:
        _watched.remove((str(folder), opened))


def write_inbox(folder: Path, mails: list[bytes]) -> Path:
    for sub in ("new", "cur", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for number, raw in enumerate(mails):
        (folder / "new" / f"{number:05d}.eml").write_bytes(raw)
    return folder


def test_an_idle_maildir_poll_reads_no_file_and_a_new_one_is_read_once(tmp_path: Path) -> None:
    mails = corpus_copies(60)
    inbox = write_inbox(tmp_path / "Maildir", mails[:50])
    app = embedded_app(sqlite_url(tmp_path), inbox, tmp_path / "outbox")
    assert run_cycle(app).stored == 50

    with files_opened(inbox) as fresh_source:
        assert run_cycle(app).stored == 0  # a new source: told what is stored in one query
    poller = Poller(app)
    try:
        poller.poll_once()
        with files_opened(inbox) as kept_source:
            assert poller.poll_once().stored == 0
        (inbox / "new" / "new-one.eml").write_bytes(mails[55])
        with files_opened(inbox) as after_arrival:
            assert poller.poll_once().stored == 1
    finally:
        poller.close()

    assert fresh_source == []
    assert kept_source == []
    assert after_arrival == [str(inbox / "new" / "new-one.eml")]


def count_commands(source: ImapSource) -> list[str]:
    """IMAP commands the source's connection sends from now on, as ``UID SEARCH`` or
    ``NOOP`` (read off the tagged lines written to the socket)."""
    sent: list[str] = []
    connection = source.client._imap
    original = connection.send
    tag = connection.tagpre

    def counting(data: bytes) -> None:
        if data.startswith(tag):
            words = data.split(maxsplit=3)[1:3]
            name = words[0].decode().upper()
            sent.append(f"UID {words[1].decode().upper()}" if name == "UID" else name)
        original(data)

    connection.send = counting
    return sent


def test_an_idle_imap_poll_on_the_kept_connection_sends_two_commands(
    tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer
) -> None:
    mails = corpus_copies(45)
    for raw in mails[:40]:
        dovecot.append(raw)
    app = server_app(sqlite_url(tmp_path), dovecot, smtp_server)
    poller = Poller(app)
    try:
        assert poller.poll_once().stored == 40
        source = poller._source
        assert isinstance(source, ImapSource)
        sent = count_commands(source)
        assert poller.poll_once().stored == 0
        idle_poll = list(sent)
        dovecot.append(mails[42])
        sent.clear()
        assert poller.poll_once().stored == 1
        assert poller._source is source  # the same connection throughout
    finally:
        poller.close()

    assert idle_poll == ["NOOP", "UID SEARCH"]
    assert "LOGIN" not in sent and "SELECT" not in sent
