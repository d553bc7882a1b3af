"""Threading headers on the wire for a real inbound mail with Exchange-length ids (issue 7.4).

The reply travels the whole embedded flow (Maildir → SQLite → file outbox); the outbox file
holds exactly the bytes the SMTP transport would send.
"""

from __future__ import annotations

import re
from pathlib import Path

from mailbot.worker import run_cycle
from tests.corpus import corpus_bytes
from tests.flow import embedded_app, make_maildir, parse_message, sqlite_url

MESSAGE_ID = (
    "<dev-AM6PR07MB" + "4285361192BD3C3F13E857323916A529" * 5 + "@eurprd07.prod.outlook.com>"
)
ROOT_ID = "<invitation-" + "4" * 190 + "@ks.no>"


def with_long_ids(raw: bytes) -> bytes:
    """Corpus 005 with a 200-character Message-ID and a References to a long invitation id."""
    head, _, body = raw.partition(b"\r\n\r\n")
    head = re.sub(rb"(?m)^Message-ID: .*$", b"Message-ID: " + MESSAGE_ID.encode(), head)
    return head + b"\r\nReferences: " + ROOT_ID.encode() + b"\r\n\r\n" + body


def test_a_reply_to_a_200_character_message_id_threads_with_plain_ids(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir")
    (maildir / "new" / "long-id.eml").write_bytes(with_long_ids(corpus_bytes("005")))
    outbox = tmp_path / "outbox"
    app = embedded_app(sqlite_url(tmp_path), maildir, outbox)

    run_cycle(app)

    [file] = list(outbox.glob("*.eml"))
    raw = file.read_bytes()
    assert b"\nIn-Reply-To: " + MESSAGE_ID.encode() + b"\n" in raw
    assert b"\nReferences: " + ROOT_ID.encode() + b"\n " + MESSAGE_ID.encode() + b"\n" in raw
    reply = parse_message(raw)
    assert reply["In-Reply-To"] == MESSAGE_ID
    assert reply["References"].split() == [ROOT_ID, MESSAGE_ID]
    app.engine.dispose()
