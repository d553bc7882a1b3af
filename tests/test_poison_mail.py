"""Poison mail: hostile messages are read within a hard memory limit, and a message that kills
its worker is set aside after a few claims while the rest of the inbox flows."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import InboundMessage
from db.session import make_engine, make_session_factory
from tests.flow import REPO, add_to_maildir, make_maildir
from tests.hostile import docx_bomb_mail, huge_html_mail, long_text_mail
from tests.mailmaker import START, make_mail
from tests.poison_worker import KILLED

#: A hard limit on the worker's address space, as a container's memory limit would be.
MEMORY_LIMIT = 1536 * 1024 * 1024
LIMITED_RUN = (
    "import resource, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))\n"
    "from mailbot.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def messages(url: str) -> dict[str, InboundMessage]:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        rows = {m.uid: m for m in session.scalars(select(InboundMessage))}
    engine.dispose()
    return rows


def test_hostile_mails_are_read_within_a_memory_limit_and_the_rest_flows(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir", "005", "006", "007")
    add_to_maildir(maildir, "bomb.eml", docx_bomb_mail())
    add_to_maildir(maildir, "html.eml", huge_html_mail())
    add_to_maildir(maildir, "text.eml", long_text_mail())
    url = f"sqlite:///{tmp_path / 'limited.db'}"
    run = [sys.executable, "-c", LIMITED_RUN, "run", "--once", "--database", url]
    run += ["--maildir", str(maildir), "--outbox", str(tmp_path / "out")]

    done = subprocess.run(run, cwd=REPO, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stderr[-3000:]
    assert "stored 6, processed 6, failed 0" in done.stdout
    rows = messages(url)
    for name in ("005.eml", "006.eml", "007.eml"):
        assert rows[name].status == "processed"
    assert "attachment not read: unpacks to 2148" in (rows["bomb.eml"].note or "")
    assert "limit: HTML cut from" in (rows["html.eml"].note or "")
    assert "limit: text cut from" in (rows["text.eml"].note or "")
    assert len(list((tmp_path / "out").iterdir())) >= 3


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_message_that_kills_its_worker_is_set_aside_and_the_rest_flow(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'poison.db'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("postgres_url"))
    )
    maildir = make_maildir(tmp_path / "Maildir")
    mails = [
        ("a.eml", "post@voss.kommune.no", "Påmelding Voss", "Kari Berg, rektor"),
        ("poison.eml", "post@alta.kommune.no", "GIFT Påmelding Alta", "Per Hansen, lærer"),
        ("b.eml", "post@bodo.kommune.no", "Påmelding Bodø", "Ola Nordmann, rektor"),
    ]
    for hour, (name, sender, subject, line) in enumerate(mails):
        body = f"Hei\n\nVi melder på:\n{line}\n"
        raw = make_mail(sender, body, subject=subject, date=START + timedelta(hours=hour))
        add_to_maildir(maildir, name, raw)
    lease = timedelta(seconds=300)  # the default lease_seconds
    start = datetime.fromisoformat("2026-04-01T10:00:00+00:00")

    def worker(now: datetime) -> int:
        command = [sys.executable, "-m", "tests.poison_worker", url, str(maildir)]
        command += [str(tmp_path / "out"), now.isoformat(), "GIFT"]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, KILLED), done.stderr[-3000:]
        return done.returncode

    first = worker(start)  # a is answered; the worker dies on the poison
    assert first == KILLED
    rows = messages(url)
    assert rows["a.eml"].status == "processed"
    assert (rows["poison.eml"].status, rows["poison.eml"].attempts) == ("processing", 1)
    # While the dead worker's lease holds, the next worker leaves the poison alone.
    assert worker(start + timedelta(seconds=1)) == 0
    assert messages(url)["b.eml"].status == "processed"
    # Each time the lease runs out, the poison is claimed again, and kills again...
    exits = [worker(start + n * (lease + timedelta(seconds=1))) for n in (1, 2)]
    assert exits == [KILLED, KILLED]
    # ...until it has had max_attempts: then it is set aside, kept, and shown as failed.
    assert worker(start + 3 * (lease + timedelta(seconds=1))) == 0
    poison = messages(url)["poison.eml"]
    assert (poison.status, poison.attempts, poison.lease_owner) == ("failed", 3, None)
    assert "set aside after 3 attempts" in (poison.error or "")
