"""The organiser's desk in tests: a database filled from the corpus, accounts, a client.

``corpus_database`` runs the real pipeline once per test session over corpus messages
(embedded: Maildir in, file outbox out); each test gets its own copy of that file.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import Engine
from starlette.testclient import TestClient

from db.models import utcnow
from db.session import make_engine, make_session_factory
from mailbot.event import load_event
from mailbot.settings import WebSettings
from mailbot.web.app import create_app
from mailbot.web.serve import add_user
from mailbot.worker import run_cycle
from tests.corpus import corpus_dir
from tests.flow import embedded_app, make_maildir

SECRET = "desk-test-secret-" + "k" * 32
EMAIL = "kari.arrangor@ks.no"
PASSWORD = "riktig-hest-batteri"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def corpus_names() -> list[str]:
    names = sorted(p.stem for p in corpus_dir().glob("*.eml"))
    assert names, f"no corpus messages in {corpus_dir()}"
    return names


def fill_from_corpus(folder: Path, names: list[str]) -> Path:
    """A SQLite file after one worker cycle over the named corpus messages."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "desk.db"
    app = embedded_app(
        f"sqlite:///{database}", make_maildir(folder / "Maildir", *names), folder / "outbox"
    )
    run_cycle(app)
    app.engine.dispose()
    return database


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole corpus processed once, with one organiser account."""
    database = fill_from_corpus(tmp_path_factory.mktemp("corpus-desk"), corpus_names())
    add_user(f"sqlite:///{database}", EMAIL, PASSWORD)
    return database


@pytest.fixture
def corpus_url(corpus_template: Path, tmp_path: Path) -> str:
    """This test's own copy of the corpus database."""
    copy = tmp_path / "desk.db"
    shutil.copyfile(corpus_template, copy)
    return f"sqlite:///{copy}"


def web_settings(**overrides: object) -> WebSettings:
    return WebSettings.model_validate({"secret_key": SecretStr(SECRET)} | overrides)


class DeskClient(TestClient):
    """A browser-like client of the desk that knows how to sign in and send forms."""

    engine: Engine

    def csrf(self, path: str = "/logg-inn") -> str:
        found = CSRF_INPUT.search(self.get(path).text)
        assert found is not None, f"no CSRF token on {path}"
        return found.group(1)

    def sign_in(self, email: str = EMAIL, password: str = PASSWORD) -> object:
        token = self.csrf("/logg-inn")
        return self.post(
            "/logg-inn",
            data={"csrf_token": token, "email": email, "password": password, "neste": "/"},
            follow_redirects=False,
        )

    def submit(self, path: str, data: dict[str, str], page: str = "/") -> object:
        """Post a form with the CSRF token of ``page`` (as a browser would)."""
        return self.post(path, data={"csrf_token": self.csrf(page)} | data, follow_redirects=False)


def desk_client(
    url: str, clock: Callable[[], datetime] = utcnow, **settings: object
) -> Iterator[DeskClient]:
    engine = make_engine(url)
    app = create_app(
        make_session_factory(engine), load_event(None), web_settings(**settings), clock
    )
    with DeskClient(app, base_url="http://127.0.0.1") as client:
        client.engine = engine
        yield client
    engine.dispose()


@pytest.fixture
def client(corpus_url: str) -> Iterator[DeskClient]:
    """A client of a desk over this test's corpus database, not signed in."""
    yield from desk_client(corpus_url)


@pytest.fixture
def signed_in(client: DeskClient) -> DeskClient:
    response = client.sign_in()
    assert response.status_code == 303  # type: ignore[attr-defined]
    return client
