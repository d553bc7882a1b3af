"""The desk's door: sign-in, sessions, CSRF, the limit on wrong passwords, start-up."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.routing import Route

from db.models import DeskAction, User, utcnow
from db.session import make_engine, make_session_factory
from mailbot.cli import main
from mailbot.web.app import PUBLIC_PATHS
from tests.desk_support import EMAIL, PASSWORD, DeskClient, desk_client


def test_the_right_password_signs_in_with_a_safe_cookie_and_shows_the_board(
    client: DeskClient,
) -> None:
    response = client.sign_in()

    cookie = response.headers["set-cookie"]  # type: ignore[attr-defined]
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["location"] == "/"  # type: ignore[attr-defined]
    assert "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    board = client.get("/")
    assert board.status_code == 200
    assert "Bodø" in board.text
    assert EMAIL in board.text


def test_a_wrong_password_is_refused_and_reads_nothing(client: DeskClient) -> None:
    response = client.sign_in(password="feil-passord-123")

    assert response.status_code == 401  # type: ignore[attr-defined]
    assert "Feil e-postadresse eller passord" in response.text  # type: ignore[attr-defined]
    board = client.get("/", follow_redirects=False)
    assert board.status_code == 303
    assert board.headers["location"].startswith("/logg-inn")


def test_an_unknown_address_gets_the_same_answer_as_a_wrong_password(client: DeskClient) -> None:
    response = client.sign_in(email="ukjent@ks.no")

    assert response.status_code == 401  # type: ignore[attr-defined]
    assert "Feil e-postadresse eller passord" in response.text  # type: ignore[attr-defined]


def test_every_page_is_refused_without_sign_in(client: DeskClient) -> None:
    paths = [
        route.path.replace("{registration_id:int}", "1")
        .replace("{outbound_id:int}", "1")
        .replace("{message_id:int}", "1")
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route) and not route.path.startswith(PUBLIC_PATHS)
    ]

    answers = {
        path: client.request(method, path, follow_redirects=False)
        for path in paths
        for method in ("GET", "POST")
    }

    assert len(paths) >= 2
    for path, response in answers.items():
        assert response.status_code in (303, 403, 405), path
        assert "Bodø" not in response.text, path
        if response.status_code == 303:
            assert response.headers["location"].startswith("/logg-inn"), path


def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(
    signed_in: DeskClient,
) -> None:
    missing = signed_in.post("/logg-ut", data={}, follow_redirects=False)
    wrong = signed_in.post("/logg-ut", data={"csrf_token": "x" * 43}, follow_redirects=False)

    assert missing.status_code == 403
    assert wrong.status_code == 403
    assert "Skjemaet ble avvist" in missing.text
    assert signed_in.get("/", follow_redirects=False).status_code == 200


def test_the_sign_in_form_needs_its_csrf_token_too(client: DeskClient) -> None:
    response = client.post(
        "/logg-inn", data={"email": EMAIL, "password": PASSWORD}, follow_redirects=False
    )

    assert response.status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 303


def test_five_wrong_passwords_lock_the_account_for_a_while(corpus_url: str) -> None:
    now = [utcnow()]
    for client in desk_client(corpus_url, clock=lambda: now[0]):
        wrong = [client.sign_in(password=f"feil-passord-{n}").status_code for n in range(5)]  # type: ignore[attr-defined]
        right_while_locked = client.sign_in()
        now[0] += timedelta(minutes=16)
        right_later = client.sign_in()

        assert wrong == [401] * 5
        assert right_while_locked.status_code == 401  # type: ignore[attr-defined]
        assert "låst" in right_while_locked.text  # type: ignore[attr-defined]
        assert right_later.status_code == 303  # type: ignore[attr-defined]


def test_signing_out_ends_the_session_even_for_a_copied_cookie(signed_in: DeskClient) -> None:
    copied = dict(signed_in.cookies)

    signed_out = signed_in.submit("/logg-ut", {})
    signed_in.cookies.clear()
    signed_in.cookies.update(copied)
    replayed = signed_in.get("/", follow_redirects=False)

    assert signed_out.status_code == 303  # type: ignore[attr-defined]
    assert replayed.status_code == 303
    assert replayed.headers["location"].startswith("/logg-inn")
    with make_session_factory(signed_in.engine)() as session:
        actions = list(
            session.scalars(select(DeskAction.action).where(DeskAction.account == EMAIL))
        )
    assert actions == ["sign_in", "sign_out"]


def test_sign_in_sends_you_back_to_the_page_you_asked_for_but_never_off_site(
    client: DeskClient,
) -> None:
    asked = client.get("/?q=Bod%C3%B8", follow_redirects=False)
    token = client.csrf(asked.headers["location"])
    back = client.post(
        "/logg-inn",
        data={"csrf_token": token, "email": EMAIL, "password": PASSWORD, "neste": "/?q=Bodø"},
        follow_redirects=False,
    )
    client.cookies.clear()
    token = client.csrf()
    away = client.post(
        "/logg-inn",
        data={"csrf_token": token, "email": EMAIL, "password": PASSWORD, "neste": "//evil.example"},
        follow_redirects=False,
    )

    assert asked.headers["location"] == "/logg-inn?neste=%2F%3Fq%3DBod%25C3%25B8"
    assert back.headers["location"] == "/?q=Bod%C3%B8"
    assert away.headers["location"] == "/"


def test_pages_forbid_caching_framing_and_scripts(signed_in: DeskClient) -> None:
    response = signed_in.get("/")

    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
    assert "script-src 'none'" in response.headers["content-security-policy"]


def test_user_add_hashes_the_password_read_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("et-langt-passord\n"))

    code = main(["user", "add", "Ola.Arrangor@KS.no", "--database", url])

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        user = session.scalars(select(User)).one()
    engine.dispose()
    assert code == 0
    assert "added ola.arrangor@ks.no" in capsys.readouterr().out
    assert user.email == "ola.arrangor@ks.no"
    assert user.password_hash.startswith("$argon2id$")
    assert "et-langt-passord" not in user.password_hash


def test_user_add_refuses_a_short_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))

    code = main(["user", "add", "ola@ks.no", "--database", f"sqlite:///{tmp_path / 'u.db'}"])

    assert code == 2
    assert "at least 10 characters" in capsys.readouterr().err


def test_the_desk_refuses_to_start_without_a_secret_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MAILBOT_WEB__SECRET_KEY", raising=False)

    code = main(["web", "--database", f"sqlite:///{tmp_path / 'w.db'}"])

    assert code == 2
    assert "MAILBOT_WEB__SECRET_KEY" in capsys.readouterr().err
    assert not (tmp_path / "w.db").exists()


def test_the_desk_refuses_a_secret_key_written_in_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAILBOT_WEB__SECRET_KEY", "s" * 40)
    config = tmp_path / "mailbot.toml"
    config.write_text('[web]\nsecret_key = "in-a-file-is-wrong-in-a-file-is-wrong"\n')

    code = main(["web", "--config", str(config), "--database", "sqlite://"])

    assert code == 2
    assert "must not be in a file" in capsys.readouterr().err
