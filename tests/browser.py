"""A real browser against a real ``mailbot web``: Debian's chromium driven by Playwright.

Browsers cannot be downloaded here, so Playwright launches the Debian binary
(``.ci/install-servers.sh`` installs it). The desk runs as a subprocess on a free port over
its own copy of the corpus database; it prints its address only once its socket listens,
so reading that line is the whole start-up synchronisation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.desk_support import EMAIL, PASSWORD, SECRET

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class DeskServer:
    url: str
    database_url: str


@pytest.fixture(scope="module")
def desk_server(
    corpus_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DeskServer]:
    folder = tmp_path_factory.mktemp("desk-browser")
    shutil.copyfile(corpus_template, folder / "desk.db")
    yield from serve_desk(f"sqlite:///{folder / 'desk.db'}")


def serve_desk(database_url: str) -> Iterator[DeskServer]:
    """``mailbot web`` over ``database_url`` on a free port, until the generator closes."""
    environment = {**os.environ, "MAILBOT_WEB__SECRET_KEY": SECRET}
    process = subprocess.Popen(
        [sys.executable, "-m", "mailbot.cli", "web", "--database", database_url, "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("mailbot web: http://"), line
        yield DeskServer(line.split(": ", 1)[1].strip().rstrip("/"), database_url)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    args = [*CHROMIUM_ARGS, *(["--no-sandbox"] if os.geteuid() == 0 else [])]
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


def sign_in(page: Page, base: str, email: str = EMAIL, password: str = PASSWORD) -> None:
    page.goto(f"{base}/logg-inn")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
