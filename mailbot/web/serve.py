"""``mailbot web`` and ``mailbot user add``: the entry points of the desk."""

from __future__ import annotations

import getpass
import socket
import sys
from pathlib import Path
from typing import TextIO

from db.migrate import upgrade
from db.session import make_engine, make_session_factory
from db.users import add_or_update_user
from mailbot.event import load_event
from mailbot.settings import SettingsError
from mailbot.template_check import check_templates
from mailbot.web.auth import MIN_PASSWORD_LENGTH, hash_password
from mailbot.web.config import load_desk_settings


def serve(config: Path | None, database_url: str | None, host: str | None, port: int | None) -> int:
    import uvicorn

    from mailbot.web.app import create_app

    settings = load_desk_settings(config, database_url=database_url, host=host, port=port)
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    event = load_event(settings.event_file)
    check_templates(event)
    app = create_app(make_session_factory(engine), event, settings.web)
    # Bind first, then say where: the line printed is a promise that the port accepts
    # connections (port 0 picks a free one, which tests use).
    sock = socket.create_server((settings.web.host, settings.web.port))
    host, port = sock.getsockname()[:2]
    print(f"mailbot web: http://{host}:{port}/", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", proxy_headers=False))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        engine.dispose()
    return 0


def read_password(stdin: TextIO | None = None) -> str:
    """Asked twice at a terminal; otherwise the first line of standard input."""
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass("Passord: ")
        if getpass.getpass("Gjenta passordet: ") != first:
            raise SettingsError("the two passwords differ")
        return first
    return stdin.readline().rstrip("\r\n")


def add_user(database_url: str, email: str, password: str) -> str:
    if "@" not in email:
        raise SettingsError(f"not an e-mail address: {email!r}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise SettingsError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session, session.begin():
            user, created = add_or_update_user(session, email, hash_password(password))
            return f"{'added' if created else 'new password for'} {user.email}"
    finally:
        engine.dispose()
