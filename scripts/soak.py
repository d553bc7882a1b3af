"""Soak: SIGKILL the worker again and again while it sends, and count duplicate deliveries.

Not part of CI (it takes minutes). It runs the real worker (``mailbot run --once``, a new
process each time) against an aiosmtpd server on 127.0.0.1 that drops the connection after
DATA for every ``--drop-every``-th message (the content arrived, no final reply came back),
and kills the worker with SIGKILL right after the server has taken the 1st, 2nd or 3rd message
of that run, at a random moment within ``--jitter-ms``: before, while or after the server's
reply. When the outbox runs dry before all kills are done, new sign-ups are added to the
Maildir. At the end one more run without kills drains the outbox, and the script reports
deliveries, distinct Message-IDs and duplicates (which must be 0), and the outbox by status.

    python scripts/soak.py [--kills 50] [--messages 40] [--database URL] [--seed 7]

Exit status 1 when any message was delivered twice.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aiosmtpd.smtp import SMTP, Envelope, Session  # noqa: E402
from sqlalchemy import create_engine, func, select  # noqa: E402

from db.models import OutboundMessage  # noqa: E402
from tests.mailmaker import make_mail  # noqa: E402
from tests.servers import FaultyController, RecordingHandler, _hang_up, free_port  # noqa: E402

SIGN_UP = "Hei\n\nVi melder på:\n{name}, rektor\nOla Nordmann, kulturskolelærar\n"


@dataclass
class SoakHandler(RecordingHandler):
    """Records every message that reaches DATA (a delivery, whatever the client hears next),
    drops the connection after every ``drop_every``-th, and wakes the killer."""

    drop_every: int = 2
    arrived: threading.Condition = field(default_factory=threading.Condition)
    deliveries: list[str] = field(default_factory=list)

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        message_id = str(message_from_bytes(raw)["Message-ID"])
        with self.arrived:
            self.deliveries.append(message_id)
            self.arrived.notify_all()
            count = len(self.deliveries)
        if count % self.drop_every == 0:
            await _hang_up(server, drop=True)
        return "250 2.0.0 Message accepted"

    def wait_for(self, count: int, timeout: float) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.deliveries) >= count, timeout)


def add_sign_ups(maildir: Path, first: int, count: int) -> None:
    """Sign-ups from distinct domains, so that no sending cap holds a reply back."""
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    for n in range(first, first + count):
        raw = make_mail(
            f"post@soak{n}.example", SIGN_UP.format(name=f"Kari Soak{n}"), subject="Påmelding"
        )
        (maildir / "new" / f"soak{n}.eml").write_bytes(raw)


def write_config(folder: Path, database: str, maildir: Path, port: int) -> Path:
    config = folder / "soak.toml"
    config.write_text(
        f'database_url = "{database}"\nmaildir = "{maildir}"\nlog_level = "WARNING"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\ntimeout_seconds = 5\n'
    )
    return config


def start_worker(config: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "mailbot.cli", "run", "--once", "--config", str(config)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def outbox_by_status(database: str) -> dict[str, int]:
    engine = create_engine(database)
    with engine.connect() as connection:
        rows = connection.execute(
            select(OutboundMessage.status, func.count()).group_by(OutboundMessage.status)
        ).all()
    engine.dispose()
    return {status: count for status, count in rows}


@dataclass
class Figures:
    kills: int = 0
    runs: int = 0
    messages: int = 0
    seconds: float = 0.0


def soak(args: argparse.Namespace, folder: Path) -> tuple[Figures, SoakHandler, str]:
    rng = random.Random(args.seed)
    database = args.database or f"sqlite:///{folder / 'soak.db'}"
    maildir = folder / "Maildir"
    figures = Figures(messages=args.messages)
    add_sign_ups(maildir, 0, args.messages)
    handler = SoakHandler(drop_every=args.drop_every)
    port = free_port()
    controller = FaultyController(handler, hostname="127.0.0.1", port=port)
    controller.start()
    config = write_config(folder, database, maildir, port)
    started = time.monotonic()
    try:
        while figures.kills < args.kills:
            figures.runs += 1
            worker = start_worker(config)
            target = len(handler.deliveries) + rng.randint(1, 3)
            while worker.poll() is None and not handler.wait_for(target, 0.2):
                pass
            if worker.poll() is None:
                time.sleep(rng.uniform(0, args.jitter_ms / 1000))  # vary the moment of the kill
                os.kill(worker.pid, signal.SIGKILL)
                worker.wait()
                figures.kills += 1
                continue
            if worker.returncode != 0:
                raise SystemExit(f"worker failed: {worker.stderr.read().decode()[-2000:]}")
            # The outbox ran dry before the kills were done: more mail arrives.
            add_sign_ups(maildir, figures.messages, 10)
            figures.messages += 10
        figures.runs += 1
        drain = start_worker(config)
        if drain.wait(timeout=600) != 0:
            raise SystemExit(f"worker failed: {drain.stderr.read().decode()[-2000:]}")
    finally:
        controller.stop()
    figures.seconds = time.monotonic() - started
    return figures, handler, database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--messages", type=int, default=40, help="sign-ups to start with")
    parser.add_argument("--drop-every", type=int, default=2, help="drop after DATA every n-th")
    parser.add_argument("--jitter-ms", type=float, default=30.0)
    parser.add_argument("--database", help="SQLAlchemy URL (default: SQLite in a temp folder)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mailbot-soak-") as folder:
        figures, handler, database = soak(args, Path(folder))
        statuses = outbox_by_status(database)
    counts = Counter(handler.deliveries)
    duplicates = sum(n - 1 for n in counts.values())
    print(f"database        {database.split(':', 1)[0]}")
    runs = f"in {figures.runs} worker runs, {figures.seconds:.0f} s"
    print(f"SIGKILLs        {figures.kills} ({runs})")
    print(f"sign-ups        {figures.messages}")
    print(f"deliveries      {len(handler.deliveries)} ({len(counts)} distinct Message-IDs)")
    print(f"duplicates      {duplicates}")
    print("outbox          " + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items())))
    return 1 if duplicates else 0


if __name__ == "__main__":
    sys.exit(main())
