"""``mailbot demo``: the whole flow on bundled sample replies, with no servers at all.

The samples are copied into a temporary Maildir, processed against the default event with
SQLite and a file outbox, and the registry and the replies are printed.
"""

from __future__ import annotations

import email
import email.policy
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from db.outbox import all_outbound
from db.registry import all_registrations
from mailbot.app import App
from mailbot.settings import load_settings
from mailbot.worker import run_cycle


def run_demo() -> int:
    with tempfile.TemporaryDirectory(prefix="mailbot-demo-") as tmp:
        root = Path(tmp)
        maildir = _sample_maildir(root / "Maildir")
        settings = load_settings(
            None,
            database_url=f"sqlite:///{root / 'mailbot.db'}",
            maildir=maildir,
            outbox_dir=root / "outbox",
        )
        app = App.build(settings)
        result = run_cycle(app)
        print(f"Processed {result.processed} sample replies; {result.sent} answers written.\n")
        _print_registry(app)
        _print_replies(app)
        app.engine.dispose()
    return 0


def _sample_maildir(path: Path) -> Path:
    for sub in ("new", "cur", "tmp"):
        (path / sub).mkdir(parents=True)
    for sample in sorted(resources.files("mailbot.examples").iterdir(), key=lambda p: p.name):
        if sample.name.endswith(".eml"):
            with resources.as_file(sample) as file:
                shutil.copyfile(file, path / "new" / sample.name)
    return path


def _print_registry(app: App) -> None:
    print("=== Registry ===")
    with app.factory() as session:
        for reg in all_registrations(session):
            name = reg.municipality_name or f"(unknown municipality, {reg.contact_address})"
            findings = ", ".join(reg.last_findings or []) or "ok"
            print(f"\n{name}: {reg.status} ({findings})")
            for p in reg.participants:
                print(f"  - {p.name}, {p.role or '(no role)'} [{p.sector}]")


def _print_replies(app: App) -> None:
    print("\n=== Replies written to the outbox ===")
    with app.factory() as session:
        for row in all_outbound(session):
            message = email.message_from_bytes(row.raw, policy=email.policy.default)
            body = message.get_body(("plain",))
            print(f"\n--- To: {row.recipient} | {row.kind} | {row.status}")
            print(f"Subject: {message['Subject']}\n")
            print(body.get_content().strip() if body else "")
