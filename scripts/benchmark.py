#!/usr/bin/env python3
"""How fast mailbot is, in CPU seconds, with the floors measured in the same run.

Never part of CI (no test imports it). Each stage runs alone and finishes within a few
minutes on a 2-core machine; every measurement of a stage is taken in a fresh child process
so that its CPU time (``getrusage``) and peak RSS are its own, and the machine's other load
does not enter the numbers (wall time is reported only where it is the point: latency).

Stages (``--stage``; default: all, in this order):

``throughput``
    ``run --once`` (one poll + process + send cycle, start-up excluded) on N generated
    messages, Maildir + SQLite at 200 and 1,000 and Maildir + PostgreSQL at 1,000. In the
    same child, on the same messages, the floors: the stdlib ``email`` parse
    (``policy.default`` + the plain body) and the shipped NER alone (``nlp.pipe``, batch 64,
    over the first 1,500 characters of each plain body). Then a cProfile run at 300 groups
    the CPU by stage.
``memory``
    peak RSS of the cycle at 1,000 and 5,000 messages (SQLite).
``idle``
    one idle poll (poll, process, send with nothing new) on a Maildir and on an IMAP inbox
    (Dovecot) of 10,000 already stored messages: CPU, SQL statements, files read, IMAP
    commands.
``latency``
    ``mailbot run`` with the default settings against Dovecot and aiosmtpd: arrival (IMAP
    APPEND) to the reply at the SMTP server, p50/p95 over 20 messages.
``startup``
    ``mailbot run --once`` on an empty inbox against ``import spacy`` + loading the model.
``workers``
    PostgreSQL, a backlog of 2,000 messages processed by one worker and by two.

Messages are the registration corpus (``tests/fixtures/corpus``) repeated; each copy gets
fresh Message-IDs (thread references rewritten alike) and a sender tag (``name+b3@...``), so
no copy is a duplicate of another. PostgreSQL: ``--postgres postgresql://postgres@127.0.0.1:5432/postgres``
(trust auth); a throwaway database is created and dropped for each measurement.

Usage: ``python scripts/benchmark.py [--stage NAME ...] [--sizes 200,1000] [--markdown]``
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
STAGES = ("throughput", "memory", "idle", "latency", "startup", "workers")
ROWS: list[tuple[str, str, str]] = []  # (measure, value, target) for the README table


# --------------------------------------------------------------------------- messages


def corpus_mails() -> list[bytes]:
    return [f.read_bytes() for f in sorted(CORPUS.glob("*.eml"))]


def variant(raw: bytes, copy: int) -> bytes:
    """Copy ``copy`` of a corpus mail (fresh Message-IDs, tagged sender; see tests/corpus.py)."""
    from tests.corpus import corpus_copy

    return corpus_copy(raw, copy)


def generate(n: int, folder: Path) -> list[bytes]:
    """Write ``n`` messages as ``folder/NNNNNN.eml``; return their bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = corpus_mails()
    raws = []
    for i in range(n):
        raw = variant(corpus[i % len(corpus)], i // len(corpus))
        (folder / f"{i:06d}.eml").write_bytes(raw)
        raws.append(raw)
    return raws


def plain_body(raw: bytes) -> str:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    part = message.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
    if part is None:
        return ""
    try:
        return str(part.get_content())
    except (LookupError, ValueError, AssertionError):
        return ""


# --------------------------------------------------------------------------- measuring


def cpu() -> float:
    """User + system CPU seconds of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StatementCounter:
    """Counts SQL statements an engine executes (for the idle poll and the per-message count)."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += 1


class FileOpens:
    """Counts files opened for reading below a folder (an audit hook: no patching)."""

    def __init__(self, folder: Path) -> None:
        self.prefix = str(folder)
        self.count = 0
        self.active = False
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        if self.active and event == "open" and str(args[0]).startswith(self.prefix):
            self.count += 1


def progress(label: str, done: Callable[[], int], total: int, stop: threading.Event) -> None:
    """A progress bar on stderr, refreshed every two seconds until ``stop``."""
    started = time.monotonic()
    while not stop.wait(2.0):
        try:
            value = done()
        except Exception:  # noqa: BLE001 - the database may be busy or not there yet
            continue
        width = 30
        filled = int(width * value / max(total, 1))
        sys.stderr.write(
            f"\r  {label} [{'#' * filled}{'.' * (width - filled)}] {value}/{total} "
            f"{time.monotonic() - started:5.0f} s"
        )
        sys.stderr.flush()
    sys.stderr.write("\r" + " " * 79 + "\r")


# --------------------------------------------------------------------------- databases


@contextmanager
def database(kind: str, folder: Path, postgres: str) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a throwaway PostgreSQL database."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    import psycopg

    name = f"mailbot_bench_{uuid.uuid4().hex[:10]}"
    admin = postgres.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def count_done(url: str) -> int:
    """Messages no longer waiting (read from the parent, for the progress bar)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            value = connection.execute(
                text("SELECT count(*) FROM inbound_messages WHERE status <> 'new'")
            ).scalar()
        return int(value or 0)
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- children


def child(kind: str, **options: Any) -> dict[str, Any]:
    """Run ``kind`` in a fresh interpreter (its own CPU clock and peak RSS); its JSON result."""
    command = [sys.executable, __file__, "--child", kind, json.dumps(options, default=str)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"child {kind} failed:\n{result.stderr[-4000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def child_with_progress(kind: str, url: str, total: int, **options: Any) -> dict[str, Any]:
    stop = threading.Event()
    bar = threading.Thread(
        target=progress, args=(kind, lambda: count_done(url), total, stop), daemon=True
    )
    bar.start()
    try:
        return child(kind, url=url, **options)
    finally:
        stop.set()
        bar.join()


def build_app(url: str, maildir: Path, outbox: Path) -> Any:
    from mailbot.app import App
    from mailbot.settings import Settings

    settings = Settings(database_url=url, maildir=maildir, outbox_dir=outbox, log_level="WARNING")
    return App.build(settings)


def run_child_cycle(options: dict[str, Any]) -> dict[str, Any]:
    """Start-up (build + model), then one cycle; then the floors on the same messages."""
    import logging

    logging.disable(logging.WARNING)
    maildir, outbox = Path(options["maildir"]), Path(options["outbox"])
    started = cpu()
    from mailbot.worker import run_cycle

    app = build_app(options["url"], maildir, outbox)
    app.load_model()  # start-up includes the model, which run --once loads at the first message
    startup = cpu() - started
    counter = StatementCounter(app.engine)
    profiler = None
    if options.get("profile"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    before = resource.getrusage(resource.RUSAGE_SELF)
    result = run_cycle(app)
    after = resource.getrusage(resource.RUSAGE_SELF)
    if profiler is not None:
        profiler.disable()
    out: dict[str, Any] = {
        "n": result.stored,
        "processed": result.processed,
        "failed": result.failed,
        "sent": result.sent,
        "startup_cpu": startup,
        "cycle_user": after.ru_utime - before.ru_utime,
        "cycle_sys": after.ru_stime - before.ru_stime,
        "statements": counter.count,
        "peak_rss_mb": peak_rss_mb(),
    }
    out["cycle_cpu"] = out["cycle_user"] + out["cycle_sys"]
    if profiler is not None:
        out["shares"] = stage_shares(profiler)
    if options.get("floors"):
        raws = [f.read_bytes() for f in sorted(maildir.glob("*.eml"))]
        out.update(floors(raws))
    return out


def floors(raws: Sequence[bytes]) -> dict[str, float]:
    """The stdlib parse and the shipped NER alone, on the same messages."""
    import spacy

    from parsers.models import ner_model_path

    started = cpu()
    texts = [plain_body(raw)[:1500] for raw in raws]
    stdlib = cpu() - started
    nlp = spacy.load(ner_model_path())
    started = cpu()
    for _doc in nlp.pipe(texts, batch_size=64):
        pass
    return {"floor_stdlib_cpu": stdlib, "floor_ner_cpu": cpu() - started}


GROUPS = (
    ("database (SQLAlchemy, driver, db/)", ("sqlalchemy", "psycopg", "sqlite3", "/db/")),
    ("spaCy model (tok2vec, NER)", ("spacy/", "thinc", "numpy", "srsly", "cymem", "preshed")),
    ("understanding rules (parsers/nlp, extraction, verdict)", ("parsers/",)),
    ("MIME parse (email, mail-parser, parsers/mime)", ("email/", "mailparser", "mime.py")),
    ("rules, replies, outbox (rules/, mailbot/)", ("rules/", "mailbot/", "jinja2", "babel")),
)


def _group_of(filename: str) -> str:
    if filename.endswith("parsers/mime.py") or "parsers/html_text" in filename:
        return GROUPS[3][0]
    for name, needles in GROUPS:
        if any(needle in filename for needle in needles):
            return name
    return "other (interpreter, I/O)"


def stage_shares(profiler: Any) -> dict[str, float]:
    """CPU share per stage: own time of each function by its file; built-ins go to the group
    of their callers (in proportion to the calls' time)."""
    import pstats

    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, callers) in stats.items():
        if filename == "~" and callers:
            weight = sum(c[2] for c in callers.values()) or 1.0
            for (caller_file, _l, _n), values in callers.items():
                share = tottime * (values[2] / weight if weight else 1 / len(callers))
                group = _group_of(caller_file)
                totals[group] = totals.get(group, 0.0) + share
            continue
        group = _group_of(filename)
        totals[group] = totals.get(group, 0.0) + tottime
    whole = sum(totals.values()) or 1.0
    return {name: value / whole for name, value in sorted(totals.items(), key=lambda i: -i[1])}


# --------------------------------------------------------------------------- throughput


def cycle_run(n: int, kind: str, args: argparse.Namespace, **options: Any) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="mailbot-bench-") as tmp:
        folder = Path(tmp)
        generate(n, folder / "mail")
        (folder / "outbox").mkdir()
        with database(kind, folder, args.postgres) as url:
            return child_with_progress(
                "cycle",
                url,
                n,
                maildir=folder / "mail",
                outbox=folder / "outbox",
                **options,
            )


def report_cycle(label: str, r: dict[str, Any]) -> None:
    n = r["n"]
    per = r["cycle_cpu"] / n
    print(
        f"{label}: {n} messages, cycle {r['cycle_cpu']:.1f} s CPU "
        f"(user {r['cycle_user']:.1f}, sys {r['cycle_sys']:.1f}) = {per * 1000:.1f} ms/message, "
        f"{1 / per:.1f} msg/s per core; {r['statements'] / n:.1f} SQL statements/message; "
        f"start-up {r['startup_cpu']:.2f} s CPU; peak RSS {r['peak_rss_mb']:.0f} MB; "
        f"processed {r['processed']}, failed {r['failed']}, sent {r['sent']}"
    )
    if "floor_ner_cpu" in r:
        print(
            f"  floors on the same {n}: "
            f"NER nlp.pipe {r['floor_ner_cpu'] / n * 1000:.1f} ms/message "
            f"(ratio floor/cycle {r['floor_ner_cpu'] / r['cycle_cpu']:.2f}); stdlib parse "
            f"{r['floor_stdlib_cpu'] / n * 1000:.2f} ms/message "
            f"(ratio {r['floor_stdlib_cpu'] / r['cycle_cpu']:.3f})"
        )


def stage_throughput(args: argparse.Namespace) -> None:
    print("== throughput (CPU seconds of the measured process; start-up excluded)")
    results: dict[str, dict[str, Any]] = {}
    for n in args.sizes:
        r = cycle_run(n, "sqlite", args, floors=n == max(args.sizes))
        report_cycle(f"Maildir + SQLite, {n}", r)
        results[f"sqlite{n}"] = r
    big = max(args.sizes)
    small = min(args.sizes)
    r = cycle_run(big, "postgresql", args, floors=False)
    report_cycle(f"Maildir + PostgreSQL, {big} (client side only)", r)
    results[f"pg{big}"] = r
    sq = results[f"sqlite{big}"]
    per = sq["cycle_cpu"] / sq["n"]
    ROWS.append(
        (
            f"full cycle, Maildir + SQLite, {big:,} messages",
            f"{1 / per:.1f} msg/s per core ({per * 1000:.0f} ms CPU each)",
            "≥ 50 msg/s per core (≤ 20 ms)",
        )
    )
    if small != big:
        per_small = results[f"sqlite{small}"]["cycle_cpu"] / small
        ROWS.append(
            (
                f"per-message cost at {big:,} ÷ at {small:,}",
                f"{per / per_small:.2f}",
                "≤ 1.1",
            )
        )
    pg = results[f"pg{big}"]
    per_pg = pg["cycle_cpu"] / pg["n"]
    ROWS.append(
        (
            f"PostgreSQL, {big:,} (client side only)",
            f"{1 / per_pg:.1f} msg/s per core ({per_pg * 1000:.0f} ms)",
            "≥ 45 msg/s per core",
        )
    )
    ROWS.append(
        (
            "ratio: NER floor (nlp.pipe, batch 64, first 1,500 chars) ÷ cycle",
            f"{sq['floor_ner_cpu'] / sq['cycle_cpu']:.2f}",
            "≥ 0.9",
        )
    )
    ROWS.append(
        (
            "ratio: stdlib email parse ÷ cycle",
            f"{sq['floor_stdlib_cpu'] / sq['cycle_cpu']:.3f}",
            "—",
        )
    )
    ROWS.append(
        (
            f"SQL statements per message (SQLite, {big:,})",
            f"{sq['statements'] / sq['n']:.1f}",
            "bounded, constant in N",
        )
    )
    if not args.no_profile:
        r = cycle_run(args.profile_n, "sqlite", args, profile=True)
        print(f"CPU share by stage (cProfile, SQLite, {args.profile_n} messages):")
        for name, share in r["shares"].items():
            print(f"  {share * 100:5.1f} %  {name}")


def stage_memory(args: argparse.Namespace) -> None:
    print("== memory (peak RSS of the cycle, SQLite)")
    peaks = []
    for n in args.memory_sizes:
        r = cycle_run(n, "sqlite", args)
        report_cycle(f"Maildir + SQLite, {n}", r)
        peaks.append((n, r["peak_rss_mb"]))
    ROWS.append(
        (
            "peak memory, " + ", ".join(f"{n:,}" for n, _ in peaks) + " messages",
            ", ".join(f"{mb:.0f} MB" for _, mb in peaks),
            "≤ 300 MB, flat in N",
        )
    )


# --------------------------------------------------------------------------- idle


def run_child_idle_maildir(options: dict[str, Any]) -> dict[str, Any]:
    """Store the folder, mark everything processed, then time idle polls."""
    import logging

    from sqlalchemy import update

    from db.models import InboundMessage

    logging.disable(logging.WARNING)
    maildir, outbox = Path(options["maildir"]), Path(options["outbox"])
    app = build_app(options["url"], maildir, outbox)
    from mailbot.ingest import ingest

    with app.source() as source:
        ingest(source, app.factory)
    with app.factory() as session, session.begin():
        session.execute(update(InboundMessage).values(status="processed"))
    files = FileOpens(maildir)
    kept = idle_polls(app, files)
    fresh = idle_polls(app, files, kept_source=False)
    return {**kept, **{f"fresh_{key}": value for key, value in fresh.items()}}


def idle_polls(
    app: Any, files: FileOpens | None, rounds: int = 5, kept_source: bool = True
) -> dict[str, Any]:
    """``rounds`` idle polls the way the worker does them (one source kept open), or as
    ``run --once`` does (a fresh source each time); CPU and counts of the median."""
    from mailbot import worker

    app.processor()
    counter = StatementCounter(app.engine)
    poller = worker.Poller(app) if hasattr(worker, "Poller") and kept_source else None
    samples = []
    for _ in range(rounds):
        counter.count = 0
        commands = ImapCommands.start()
        if files is not None:
            files.count, files.active = 0, True
        started, wall = cpu(), time.perf_counter()
        if poller is not None:
            poller.poll_once()
        else:
            worker.run_cycle(app)
        samples.append(
            {
                "cpu": cpu() - started,
                "wall": time.perf_counter() - wall,
                "statements": counter.count,
                "files": files.count if files is not None else 0,
                "imap_commands": commands.stop(),
            }
        )
        if files is not None:
            files.active = False
    if poller is not None:
        poller.close()
    samples.sort(key=lambda s: s["cpu"])
    return samples[len(samples) // 2]


class ImapCommands:
    """Counts IMAP commands written to the socket (tagged lines) between start and stop;
    imapclient sends some commands past imaplib's ``_command``, so the socket is the truth."""

    count = 0
    original: Any = None

    @classmethod
    def start(cls) -> type[ImapCommands]:
        import imaplib

        if cls.original is None:
            cls.original = imaplib.IMAP4.send

            def counting(self: Any, data: bytes) -> None:
                if data.startswith(self.tagpre):
                    cls.count += 1
                cls.original(self, data)

            imaplib.IMAP4.send = counting  # type: ignore[method-assign]
        cls.count = 0
        return cls

    @classmethod
    def stop(cls) -> int:
        return cls.count


def run_child_idle_imap(options: dict[str, Any]) -> dict[str, Any]:
    import logging

    logging.disable(logging.WARNING)
    from mailbot.app import App
    from mailbot.settings import Settings

    settings = Settings(
        database_url=options["url"],
        imap={
            "host": "127.0.0.1",
            "port": options["port"],
            "username": options["user"],
            "password": options["password"],
            "security": "none",
        },
        outbox_dir=Path(options["outbox"]),
        log_level="WARNING",
    )
    return idle_polls(App.build(settings), None)


def stage_idle(args: argparse.Namespace) -> None:
    n = args.idle_n
    print(f"== idle poll at {n:,} processed messages (median of 5 polls)")
    with tempfile.TemporaryDirectory(prefix="mailbot-bench-") as tmp:
        folder = Path(tmp)
        sys.stderr.write(f"  writing {n} messages...\n")
        generate(n, folder / "mail")
        (folder / "outbox").mkdir()
        with database("sqlite", folder, args.postgres) as url:
            r = child_with_progress(
                "idle_maildir", url, n, maildir=folder / "mail", outbox=folder / "outbox"
            )
    print(
        f"Maildir, kept source (the worker): {r['cpu'] * 1000:.1f} ms CPU, "
        f"{r['statements']} SQL statements, {r['files']} files read"
    )
    if "fresh_cpu" in r:
        print(
            f"Maildir, fresh source (run --once): {r['fresh_cpu'] * 1000:.1f} ms CPU, "
            f"{r['fresh_statements']} SQL statements, {r['fresh_files']} files read"
        )
    ROWS.append(
        (
            f"one idle poll, Maildir of {n:,} processed messages",
            f"{r['cpu'] * 1000:.0f} ms CPU ({r['files']} files read, "
            f"{r['statements']} SQL statements); run --once "
            f"{r.get('fresh_cpu', 0) * 1000:.0f} ms ({r.get('fresh_files', 0)} files read)",
            "≤ 50 ms",
        )
    )
    with dovecot_server() as server, tempfile.TemporaryDirectory(prefix="mailbot-bench-") as tmp:
        sys.stderr.write(f"  appending {n} messages to Dovecot...\n")
        fill_imap(server, n)
        (Path(tmp) / "outbox").mkdir()
        with database("sqlite", Path(tmp), args.postgres) as url:
            r = child(
                "idle_imap",
                url=url,
                port=server.port,
                user=server.user,
                password=server.password,
                outbox=Path(tmp) / "outbox",
            )
    print(
        f"IMAP: {r['cpu'] * 1000:.1f} ms CPU, {r['wall'] * 1000:.0f} ms wall, "
        f"{r['imap_commands']} IMAP commands, {r['statements']} SQL statements"
    )
    ROWS.append(
        (
            f"one idle poll, IMAP, {n:,} stored",
            f"{r['cpu'] * 1000:.0f} ms CPU, {r['wall'] * 1000:.0f} ms wall, "
            f"{r['imap_commands']} IMAP commands",
            "≤ 20 ms on a kept connection",
        )
    )


def fill_imap(server: Any, n: int) -> None:
    """Append ``n`` corpus variants and flag them stored, as after a long season."""
    from mailbot.sources.imap import STORED_KEYWORD

    corpus = corpus_mails()
    with server.client() as client:
        batch = []
        for i in range(n):
            batch.append(variant(corpus[i % len(corpus)], i // len(corpus)))
            if len(batch) == 200 or i == n - 1:
                client.multiappend("INBOX", batch)
                batch = []
        client.select_folder("INBOX")
        client.add_flags("1:*", [STORED_KEYWORD], silent=True)


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def dovecot_server() -> Iterator[Any]:
    """Dovecot as the tests run it (tests/servers.py), started without pytest."""
    from tests import servers

    root = Path(tempfile.mkdtemp(prefix="mailbot-bench-dovecot-"))
    root.chmod(0o755)  # the mail user must reach the mail folders below it
    (root / "tls").mkdir()
    cert = servers.TlsCertificate(root / "tls" / "cert.pem", root / "tls" / "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(cert.key), "-out", str(cert.cert), "-subj", "/CN=127.0.0.1"],
        check=True,
        capture_output=True,
    )
    home = root / "d"
    home.mkdir()
    server = servers.DovecotServer(
        "127.0.0.1", free_port(), free_port(), "registration", "bench-secret", home, cert
    )
    conf = servers._write_dovecot_root(server)
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
    process = subprocess.Popen([binary, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL)
    try:
        servers.wait_for_banner(server.host, server.port, b"* OK", process, time.monotonic() + 20)
        yield server
    finally:
        servers._stop(process)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def smtp_recorder() -> Iterator[tuple[int, list[tuple[float, bytes]]]]:
    from aiosmtpd.controller import Controller

    received: list[tuple[float, bytes]] = []

    class Handler:
        async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
            received.append((time.time(), bytes(envelope.content)))
            return "250 OK"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


# --------------------------------------------------------------------------- latency


def reply_worthy() -> list[bytes]:
    """Corpus mails that are registrations or updates (they get an answer or a receipt)."""
    out = []
    for path in sorted(CORPUS.glob("*.eml")):
        meta = path.with_suffix(".json")
        if meta.exists() and json.loads(meta.read_text()).get("kind") in ("registration", "update"):
            out.append(path.read_bytes())
    return out


def stage_latency(args: argparse.Namespace) -> None:
    count = args.latency_n
    print(f"== latency: arrival (IMAP APPEND) to reply at the SMTP server, {count} messages")
    mails = reply_worthy()
    with (
        dovecot_server() as server,
        smtp_recorder() as (smtp_port, received),
        tempfile.TemporaryDirectory(prefix="mailbot-bench-") as tmp,
    ):
        config = Path(tmp) / "mailbot.toml"
        config.write_text(
            f'database_url = "sqlite:///{tmp}/bench.db"\nlog_level = "WARNING"\n'
            f'[imap]\nhost = "127.0.0.1"\nport = {server.port}\nusername = "{server.user}"\n'
            f'security = "none"\n[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\n'
            f'security = "none"\n'
        )
        env = dict(os.environ, MAILBOT_IMAP__PASSWORD=server.password)
        mailbot = str(Path(sys.executable).parent / "mailbot")
        worker = subprocess.Popen(
            [mailbot, "run", "--config", str(config)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(tmp) / "worker.log", "wb"),  # noqa: SIM115
        )
        arrivals: dict[bytes, float] = {}
        try:
            time.sleep(args.latency_warmup)  # let the worker load its model and go idle
            for i in range(count):
                raw = variant(mails[i % len(mails)], 1000 + i)
                message_id = re.search(rb"(?im)^message-id:\s*(<[^>]+>)", raw)
                assert message_id is not None
                arrivals[message_id.group(1)] = time.time()
                server.append(raw)
                time.sleep(args.latency_gap)
            deadline = time.time() + args.latency_timeout
            while time.time() < deadline and len(answered(received, arrivals)) < count:
                time.sleep(0.5)
                sys.stderr.write(f"\r  replies {len(answered(received, arrivals))}/{count}")
            sys.stderr.write("\n")
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    delays = sorted(answered(received, arrivals).values())
    if not delays:
        print("no replies arrived")
        ROWS.append(("arrival → reply at the SMTP server", "no reply", "≤ 3 s p95"))
        return
    p50 = statistics.median(delays)
    p95 = delays[min(len(delays) - 1, int(round(0.95 * (len(delays) - 1))))]
    print(
        f"replies {len(delays)}/{count}: p50 {p50:.1f} s, p95 {p95:.1f} s, max {delays[-1]:.1f} s"
    )
    ROWS.append(
        (
            "arrival → reply at the SMTP server (default settings)",
            f"p50 {p50:.1f} s, p95 {p95:.1f} s ({len(delays)}/{count} answered)",
            "≤ 3 s p95",
        )
    )


def answered(
    received: list[tuple[float, bytes]], arrivals: dict[bytes, float]
) -> dict[bytes, float]:
    """Message-ID → seconds from arrival to the first outgoing message answering it."""
    out: dict[bytes, float] = {}
    for at, raw in received:
        found = re.search(rb"(?im)^in-reply-to:\s*(<[^>]+>)", raw)
        if found and found.group(1) in arrivals and found.group(1) not in out:
            out[found.group(1)] = at - arrivals[found.group(1)]
    return out


# --------------------------------------------------------------------------- start-up


def children_cpu(command: Sequence[str], **kwargs: Any) -> tuple[float, float]:
    """(CPU, wall) seconds of a child command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, **kwargs)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime), wall


def stage_startup(args: argparse.Namespace) -> None:
    print("== start-up: run --once on an empty inbox (median of 3)")
    mailbot = str(Path(sys.executable).parent / "mailbot")
    with tempfile.TemporaryDirectory(prefix="mailbot-bench-") as tmp:
        (Path(tmp) / "mail").mkdir()
        (Path(tmp) / "outbox").mkdir()
        command = [
            mailbot,
            "run",
            "--once",
            "--database",
            f"sqlite:///{tmp}/bench.db",
            "--maildir",
            f"{tmp}/mail",
            "--outbox",
            f"{tmp}/outbox",
        ]
        children_cpu(command)  # creates the schema
        runs = sorted(children_cpu(command) for _ in range(3))
    spacy_only = sorted(children_cpu([sys.executable, "-c", "import spacy"]) for _ in range(3))
    load = "import spacy; from parsers.models import ner_model_path; spacy.load(ner_model_path())"
    with_model = sorted(children_cpu([sys.executable, "-c", load]) for _ in range(3))
    run_cpu, run_wall = runs[1]
    spacy_cpu = spacy_only[1][0]
    model_cpu = with_model[1][0]
    print(
        f"run --once: {run_cpu:.2f} s CPU ({run_wall:.1f} s wall); import spacy {spacy_cpu:.2f} s; "
        f"import spacy + model load {model_cpu:.2f} s; ratio {run_cpu / model_cpu:.2f}"
    )
    ROWS.append(
        (
            "start-up, run --once on an empty inbox",
            f"{run_cpu:.2f} s CPU = {run_cpu / model_cpu:.2f}× (import spacy + model load, "
            f"{model_cpu:.2f} s); {run_cpu / spacy_cpu:.1f}× import spacy",
            "≤ 1.5× import spacy + model load",
        )
    )


# --------------------------------------------------------------------------- workers


def run_child_store(options: dict[str, Any]) -> dict[str, Any]:
    import logging

    logging.disable(logging.WARNING)
    from mailbot.ingest import ingest

    app = build_app(options["url"], Path(options["maildir"]), Path(options["outbox"]))
    with app.source() as source:
        stats = ingest(source, app.factory)
    return {"stored": stats.stored}


def run_child_process(options: dict[str, Any]) -> dict[str, Any]:
    import logging

    logging.disable(logging.WARNING)
    from mailbot.processing import process_pending

    app = build_app(options["url"], Path(options["maildir"]), Path(options["outbox"]))
    processor = app.processor()
    app.load_model()
    started = cpu()
    stats = process_pending(app.factory, processor)
    return {"processed": stats.processed, "failed": stats.failed, "cpu": cpu() - started}


def _process_into(results: list[dict[str, Any]], url: str, paths: dict[str, Path]) -> None:
    results.append(child("process", url=url, **paths))


def stage_workers(args: argparse.Namespace) -> None:
    n = args.workers_n
    print(f"== workers: PostgreSQL, a backlog of {n:,}, one worker and two (wall time)")
    walls = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory(prefix="mailbot-bench-") as tmp:
            folder = Path(tmp)
            generate(n, folder / "mail")
            (folder / "outbox").mkdir()
            with database("postgresql", folder, args.postgres) as url:
                paths = {"maildir": folder / "mail", "outbox": folder / "outbox"}
                child("store", url=url, **paths)
                stop = threading.Event()
                bar = threading.Thread(
                    target=progress,
                    args=(f"{workers} worker(s)", lambda: count_done(url), n, stop),
                    daemon=True,
                )
                bar.start()
                started = time.perf_counter()
                results: list[dict[str, Any]] = []
                threads = [
                    threading.Thread(target=_process_into, args=(results, url, paths))
                    for _ in range(workers)
                ]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                walls[workers] = time.perf_counter() - started
                stop.set()
                bar.join()
        processed = sum(r["processed"] + r["failed"] for r in results)
        print(
            f"{workers} worker(s): {walls[workers]:.0f} s wall, "
            f"{sum(r['cpu'] for r in results):.0f} s CPU in the workers, "
            f"{processed} processed (each message once: {processed == n})"
        )
    ROWS.append(
        (
            f"2 workers ÷ 1 worker, PostgreSQL, {n:,} backlog (wall, machine shared)",
            f"{walls[1] / walls[2]:.2f}× as fast",
            "≥ 1.5×",
        )
    )


# --------------------------------------------------------------------------- main

CHILDREN = {
    "cycle": run_child_cycle,
    "idle_maildir": run_child_idle_maildir,
    "idle_imap": run_child_idle_imap,
    "store": run_child_store,
    "process": run_child_process,
}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        result = CHILDREN[sys.argv[2]](json.loads(sys.argv[3]))
        print(json.dumps(result))
        return
    args = arguments()
    started = cpu()
    for stage in args.stage or STAGES:
        {
            "throughput": stage_throughput,
            "memory": stage_memory,
            "idle": stage_idle,
            "latency": stage_latency,
            "startup": stage_startup,
            "workers": stage_workers,
        }[stage](args)
        sys.stdout.flush()
    del started
    if args.markdown and ROWS:
        print("\n| measure | measured | target |\n| --- | --- | --- |")
        for measure, value, target in ROWS:
            print(f"| {measure} | {value} | {target} |")


def sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stage", action="append", choices=STAGES)
    parser.add_argument("--sizes", type=sizes, default=[200, 1000], help="throughput sizes")
    parser.add_argument("--memory-sizes", type=sizes, default=[1000, 5000])
    parser.add_argument("--profile-n", type=int, default=300)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--idle-n", type=int, default=10_000)
    parser.add_argument("--latency-n", type=int, default=20)
    parser.add_argument("--latency-gap", type=float, default=1.5, help="seconds between mails")
    parser.add_argument("--latency-warmup", type=float, default=15.0)
    parser.add_argument("--latency-timeout", type=float, default=180.0)
    parser.add_argument("--workers-n", type=int, default=2000)
    parser.add_argument(
        "--postgres", default=os.environ.get("MAILBOT_BENCH_POSTGRES", DEFAULT_POSTGRES)
    )
    parser.add_argument("--markdown", action="store_true", help="print the README table too")
    return parser.parse_args()


if __name__ == "__main__":
    main()
