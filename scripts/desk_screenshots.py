"""Screenshots of the organiser's desk for the README (docs/desk-*.png); not run in CI.

Fills a fresh SQLite database from the corpus (one embedded worker cycle), adds an account,
starts ``mailbot web`` on a free port and photographs the board and the review queue with
Debian's chromium through Playwright:

    .venv/bin/python scripts/desk_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fixtures" / "corpus"
DOCS = REPO / "docs"
EMAIL, PASSWORD = "kari.arrangor@ks.no", "et-langt-passord"


def fill(folder: Path) -> str:
    from mailbot.app import App
    from mailbot.settings import load_settings
    from mailbot.web.serve import add_user
    from mailbot.worker import run_cycle

    maildir = folder / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    for mail in sorted(CORPUS.glob("*.eml")):
        shutil.copyfile(mail, maildir / "new" / mail.name)
    url = f"sqlite:///{folder / 'desk.db'}"
    app = App.build(
        load_settings(None, database_url=url, maildir=maildir, outbox_dir=folder / "outbox")
    )
    run_cycle(app)
    app.engine.dispose()
    add_user(url, EMAIL, PASSWORD)
    return url


def main() -> int:
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = fill(Path(tmp))
        env = {**os.environ, "MAILBOT_WEB__SECRET_KEY": "screenshots-" + "s" * 40}
        server = subprocess.Popen(
            [sys.executable, "-m", "mailbot.cli", "web", "--database", url, "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            assert server.stdout is not None
            base = server.stdout.readline().split(": ", 1)[1].strip().rstrip("/")
            shoot(base)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


def shoot(base: str) -> None:
    args = ["--disable-gpu", "--no-first-run", "--disable-background-networking"]
    if os.geteuid() == 0:
        args.append("--no-sandbox")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{base}/logg-inn")
        page.get_by_label("E-postadresse").fill(EMAIL)
        page.get_by_label("Passord").fill(PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.goto(f"{base}/")
        page.screenshot(path=DOCS / "desk-board.png")
        page.goto(f"{base}/gjennomgang")
        page.screenshot(path=DOCS / "desk-review.png")
        browser.close()


if __name__ == "__main__":
    raise SystemExit(main())
