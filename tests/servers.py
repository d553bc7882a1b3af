"""Real servers for integration tests: Dovecot (IMAP), aiosmtpd (SMTP) and PostgreSQL.

No server here is mocked: each fixture starts the real thing on a free port of 127.0.0.1 and
waits for it with a bounded deadline, so tests exercise the same protocol code as production.
Register them in ``tests/conftest.py`` by importing the fixture names.

Fixtures
--------
``dovecot`` -> :class:`DovecotServer` (function scope)
    A fresh Dovecot IMAP server (Debian package ``dovecot-imapd``) with one user and an empty
    Maildir. Attributes ``host``, ``port`` (plain IMAP, STARTTLS offered), ``ssl_port``
    (implicit TLS), ``user``, ``password``; ``ssl_context()`` trusts its self-signed
    certificate; ``append(raw, folder="INBOX", msg_time=None)`` stores a message unseen and
    returns its UID; ``client()`` is a logged-in ``IMAPClient`` context manager for assertions
    (use ``BODY.PEEK[]`` there too). Runs as root with ``default_login_user = dovenull`` and
    mail owned by ``dovecot``; plaintext login is allowed (127.0.0.1 only). Fails the test
    (never skips) when the ``dovecot`` binary is missing: run ``.ci/install-servers.sh``.

``tls_certificate`` -> :class:`TlsCertificate` (session scope)
    A self-signed certificate for 127.0.0.1/localhost made with ``openssl``;
    ``client_context()`` and ``server_context()`` give ready ``ssl.SSLContext`` objects.

``smtp_server`` -> :class:`SmtpServer` (function scope)
    An aiosmtpd ``Controller`` that records every accepted message in ``messages``
    (:class:`ReceivedMessage`: ``mail_from``, ``rcpt_tos``, ``raw``, ``login``). STARTTLS
    (trust it with ``tls_certificate.client_context()``) and AUTH as ``user``/``password`` are
    offered, not required; ``auth_attempts`` records each AUTH answered (True: accepted).
    ``fail_with("451 4.3.0 Try later")`` or ``fail_with("550 5.1.1 No such user",
    stage="rcpt")`` makes it refuse from then on (stages: ``mail``, ``rcpt``, ``data_command``
    = instead of ``354``, ``data`` = the final answer to the content); ``fail_with(None)``
    accepts again.
    ``misbehave("drop_after_data")`` keeps the content (counted in ``messages``: the server has
    it) and then cuts the connection without a final answer; ``"stall_after_data"`` keeps it
    and never answers (the client times out); ``"drop_at_quit"`` answers 250 and cuts the
    connection at QUIT; ``misbehave(None)`` behaves again.

``postgres_server`` -> :class:`PostgresServer` (session scope)
    A PostgreSQL server for the whole session: the one named by env
    ``MAILBOT_TEST_POSTGRES_URL`` (e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``), else
    a throwaway cluster started with pytest-postgresql's ``PostgreSQLExecutor`` from Debian's
    ``/usr/lib/postgresql/<newest>/bin/pg_ctl`` (run through ``runuser -u postgres`` when the
    tests run as root, because PostgreSQL refuses to run as root).

``postgres_url`` -> ``str`` (function scope)
    A SQLAlchemy URL ``postgresql+psycopg://user@host:port/mailbot_test_<hex>`` of a fresh,
    empty database created for this test and dropped after it. The machine's real databases
    are never touched.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal
from urllib.parse import quote, unquote, urlsplit

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session, syntax
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

STARTUP_DEADLINE = 20.0
"""Seconds a server may take to answer its first connection before the test fails."""
LOG_DEADLINE = 20.0
"""Seconds a server may take to write a line to its log after the client has gone."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_banner(
    host: str, port: int, prefix: bytes, process: subprocess.Popen[bytes], deadline: float
) -> None:
    """Poll connections until the server greets with ``prefix``; raise after ``deadline``.

    Readiness is the greeting itself, not a guessed delay. Between attempts we wait on the
    process, which also notices at once when it exits early (bad config).
    """
    last_error = "no attempt"
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1.0) as sock:
                banner = sock.recv(256)
            if banner.startswith(prefix):
                return
            last_error = f"unexpected banner {banner[:60]!r}"
        except OSError as exc:
            last_error = str(exc)
        try:
            code = process.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"server exited with code {code} before it was ready")
    raise RuntimeError(f"server on {host}:{port} not ready in time: {last_error}")


# --------------------------------------------------------------------------- TLS


@dataclass(frozen=True)
class TlsCertificate:
    """A self-signed certificate for 127.0.0.1 and localhost, with its private key."""

    cert: Path
    key: Path

    def client_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts exactly this certificate."""
        return ssl.create_default_context(cafile=str(self.cert))

    def server_context(self) -> ssl.SSLContext:
        """A server context presenting this certificate."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(self.cert), str(self.key))
        return context


@pytest.fixture(scope="session")
def tls_certificate(tmp_path_factory: pytest.TempPathFactory) -> TlsCertificate:
    """One self-signed certificate per session (made with openssl), for TLS servers."""
    openssl = _require_binary("openssl", "install Debian's openssl")
    folder = tmp_path_factory.mktemp("tls")
    certificate = TlsCertificate(folder / "cert.pem", folder / "key.pem")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(certificate.key), "-out", str(certificate.cert)]
        + ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return certificate


# --------------------------------------------------------------------------- Dovecot

DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = mailbot-test-{port}
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
auth_failure_delay = 0
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth_mechanisms}
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 1
mailbox_idle_check_interval = 1 secs
mail_location = maildir:{root}/mail/%u
mail_uid = {internal_user}
mail_gid = {internal_group}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
{oauth_passdb}userdb {{
  driver = static
  args = home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class DovecotServer:
    """A running Dovecot with one user; see the module docstring."""

    host: str
    port: int
    ssl_port: int
    user: str
    password: str
    root: Path
    certificate: TlsCertificate
    _sentinels: int = field(default=0, init=False)

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts this server's self-signed certificate."""
        return self.certificate.client_context()

    @contextmanager
    def client(self) -> Iterator[IMAPClient]:
        """A logged-in IMAPClient (plain TCP) for setting up and checking mailboxes."""
        with IMAPClient(self.host, port=self.port, ssl=False, timeout=10) as client:
            client.login(self.user, self.password)
            yield client

    def append(self, raw: bytes, folder: str = "INBOX", msg_time: datetime | None = None) -> int:
        """Store ``raw`` in ``folder`` (created if missing), unseen; return its UID.

        Example: ``uid = dovecot.append(b"Subject: hi\\r\\n\\r\\nbody\\r\\n")`` -> ``1``.
        """
        with self.client() as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            response = client.append(folder, raw, flags=(), msg_time=msg_time)
        return _appended_uid(response)

    def failed_logins(self) -> int:
        """How many logins the server refused so far (its log says "auth failed").

        Each login process writes its line through Dovecot's log process after the client
        has gone, so the log can lag behind the client. A refused login of our own, made
        after the ones counted, is logged after them: once its line is there, so are theirs
        (bounded by a deadline). The sentinel's own lines are not counted."""
        self._sentinels += 1
        sentinel = f"log-sentinel-{self._sentinels}"
        with (
            IMAPClient(self.host, port=self.port, ssl=False, timeout=10) as client,
            suppress(IMAPClientError),
        ):
            client.login(sentinel, "not-the-password")
        deadline = time.monotonic() + LOG_DEADLINE
        while f"user=<{sentinel}>" not in self.log():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Dovecot did not log the refused {sentinel} in time")
            time.sleep(0.05)
        refused = [line for line in self.log().splitlines() if "(auth failed" in line]
        return sum("user=<log-sentinel-" not in line for line in refused)

    def log(self) -> str:
        """The server's log, for failure messages."""
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _appended_uid(response: bytes) -> int:
    """UID from an APPENDUID response such as ``b'[APPENDUID 1700000000 3] Append completed.'``."""
    text = response.decode("ascii", errors="replace")
    if "APPENDUID" not in text:
        raise RuntimeError(f"server gave no APPENDUID: {text!r}")
    return int(text.split("APPENDUID", 1)[1].split("]", 1)[0].split()[1])


def _dovecot_users() -> tuple[str, str, str]:
    """(login user, internal user, internal group): Debian's users as root, else ourselves."""
    if os.geteuid() == 0:
        return "dovenull", "dovecot", "dovecot"
    me = pwd.getpwuid(os.geteuid()).pw_name
    return me, me, me


OAUTH_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
"""

OAUTH_CONF = """\
introspection_mode = post
introspection_url = {url}
username_attribute = username
active_attribute = active
active_value = true
force_introspection = yes
"""


def _write_dovecot_root(server: DovecotServer, introspection_url: str | None = None) -> Path:
    """Write config, passwd-file and mail folders; hand the mail folders to the mail user.

    With ``introspection_url`` the server also accepts XOAUTH2 and OAUTHBEARER logins whose
    token that RFC 7662 endpoint calls active."""
    root = server.root
    login_user, internal_user, internal_group = _dovecot_users()
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir()
    (root / "users").write_text(f"{server.user}:{{PLAIN}}{server.password}::::::\n")
    if introspection_url is not None:
        (root / "oauth2.conf.ext").write_text(OAUTH_CONF.format(url=introspection_url))
    conf = root / "dovecot.conf"
    conf.write_text(
        DOVECOT_CONF.format(
            root=root,
            port=server.port,
            ssl_port=server.ssl_port,
            cert=server.certificate.cert,
            key=server.certificate.key,
            login_user=login_user,
            internal_user=internal_user,
            internal_group=internal_group,
            oauth_mechanisms=" xoauth2 oauthbearer" if introspection_url else "",
            oauth_passdb=OAUTH_PASSDB.format(root=root) if introspection_url else "",
        )
    )
    root.chmod(0o755)
    for sub in ("mail", "home"):
        shutil.chown(root / sub, internal_user, internal_group)
    return conf


def _require_binary(name: str, hint: str) -> str:
    """Full path of ``name``; fail the test loudly (never skip) when it is missing."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin")
    if path is None:
        pytest.fail(f"'{name}' not found: {hint}", pytrace=False)
    return path


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a child server and reap it, killing it if it ignores SIGTERM."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def dovecot(tls_certificate: TlsCertificate) -> Iterator[DovecotServer]:
    """A fresh Dovecot IMAP server on free ports of 127.0.0.1 (see module docstring)."""
    with running_dovecot(tls_certificate) as server:
        yield server


@contextmanager
def running_dovecot(
    tls_certificate: TlsCertificate, introspection_url: str | None = None
) -> Iterator[DovecotServer]:
    """Start Dovecot (with an OAuth 2.0 passdb when ``introspection_url`` is given)."""
    binary = _require_binary(
        "dovecot", "install Debian's dovecot-imapd (run .ci/install-servers.sh)"
    )
    root = Path(tempfile.mkdtemp(prefix="mailbot-dovecot-"))
    server = DovecotServer(
        "127.0.0.1", free_port(), free_port(), "registration", "s3cret-test", root, tls_certificate
    )
    conf = _write_dovecot_root(server, introspection_url)
    with (root / "stderr.log").open("wb") as stderr:
        process = subprocess.Popen(
            [binary, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=stderr
        )
    try:
        deadline = time.monotonic() + STARTUP_DEADLINE
        wait_for_banner(server.host, server.port, b"* OK", process, deadline)
    except RuntimeError as exc:
        _stop(process)
        output = (root / "stderr.log").read_text(errors="replace")
        pytest.fail(f"Dovecot did not start: {exc}\n{output}\n{server.log()}", pytrace=False)
    try:
        yield server
    finally:
        _stop(process)
        shutil.rmtree(root, ignore_errors=True)


# --------------------------------------------------------------------------- SMTP


@dataclass(frozen=True)
class ReceivedMessage:
    """One message the test SMTP server accepted."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    login: str | None = None
    """The user that authenticated with AUTH, if any."""


Stage = Literal["mail", "rcpt", "data_command", "data"]
Misbehaviour = Literal["drop_after_data", "stall_after_data", "drop_at_quit"]


@dataclass
class RecordingHandler:
    """aiosmtpd handler that keeps accepted messages and can be told to refuse or misbehave."""

    messages: list[ReceivedMessage] = field(default_factory=list)
    reply: str | None = None
    stage: Stage = "data"
    misbehaviour: Misbehaviour | None = None

    async def handle_MAIL(  # noqa: N802 - aiosmtpd's hook name
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        mail_options: list[str],
    ) -> str:
        """Refuse the sender when told to at this stage; else accept it."""
        if self.reply is not None and self.stage == "mail":
            return self.reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        """Refuse the recipient when told to at this stage; else accept it."""
        if self.reply is not None and self.stage == "rcpt":
            return self.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        """Record the message before answering 250, so ``send`` returning means it is stored."""
        if self.reply is not None and self.stage == "data":
            return self.reply
        raw = envelope.original_content or b""
        auth = session.auth_data
        login = auth.login.decode() if isinstance(auth, LoginPassword) else None
        self.messages.append(
            ReceivedMessage(str(envelope.mail_from), list(envelope.rcpt_tos), bytes(raw), login)
        )
        if self.misbehaviour in ("drop_after_data", "stall_after_data"):
            await _hang_up(server, drop=self.misbehaviour == "drop_after_data")
        return "250 2.0.0 Message accepted"

    async def handle_QUIT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        if self.misbehaviour == "drop_at_quit":
            await _hang_up(server, drop=True)
        return "221 Bye"


async def _hang_up(server: SMTP, *, drop: bool) -> None:
    """Never answer: cut the connection (``drop``) or just stay silent. aiosmtpd cancels this
    coroutine when the connection is lost (our cut, or the client's timeout)."""
    if drop and server.transport is not None:
        server.transport.abort()
    await asyncio.get_running_loop().create_future()


class FaultySMTP(SMTP):
    """aiosmtpd's server, able to refuse the DATA command itself (instead of ``354``)."""

    @syntax("DATA")
    async def smtp_DATA(self, arg: str) -> None:  # noqa: N802 - aiosmtpd's command name
        handler = self.event_handler
        refuse = isinstance(handler, RecordingHandler) and handler.stage == "data_command"
        if refuse and handler.reply is not None and self.envelope and self.envelope.rcpt_tos:
            await self.push(handler.reply)
            return
        await super().smtp_DATA(arg)


class FaultyController(Controller):
    def factory(self) -> SMTP:
        return FaultySMTP(self.handler, **self.SMTP_kwargs)


@dataclass
class SmtpServer:
    """A running aiosmtpd server; see the module docstring."""

    host: str
    port: int
    handler: RecordingHandler
    user: str = "mailbot"
    password: str = "smtp-s3cret"
    auth_attempts: list[bool] = field(default_factory=list)
    """One entry per AUTH the server answered: True accepted, False refused."""

    @property
    def messages(self) -> list[ReceivedMessage]:
        """Messages accepted so far, oldest first."""
        return self.handler.messages

    def fail_with(self, reply: str | None, stage: Stage = "data") -> None:
        """Answer ``reply`` (e.g. ``"451 4.3.0 Try later"``) at ``stage`` until reset with None."""
        self.handler.reply = reply
        self.handler.stage = stage

    def misbehave(self, misbehaviour: Misbehaviour | None) -> None:
        """Drop or stall after the content, or drop at QUIT, until reset with None."""
        self.handler.misbehaviour = misbehaviour


def _authenticator(expected: SmtpServer) -> Callable[..., AuthResult]:
    """aiosmtpd authenticator accepting only the server's ``user`` and ``password``."""

    def check(
        server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: object
    ) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data == LoginPassword(
            expected.user.encode(), expected.password.encode()
        )
        expected.auth_attempts.append(ok)
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return check


@pytest.fixture
def smtp_server(tls_certificate: TlsCertificate) -> Iterator[SmtpServer]:
    """An aiosmtpd SMTP server on a free port of 127.0.0.1 that records what it accepts.

    STARTTLS (with ``tls_certificate``) and AUTH are offered, neither is required; AUTH is
    only accepted after STARTTLS, as on a real submission server.
    """
    server = SmtpServer("127.0.0.1", free_port(), RecordingHandler())
    controller = FaultyController(
        server.handler,
        hostname=server.host,
        port=server.port,
        ready_timeout=STARTUP_DEADLINE,
        tls_context=tls_certificate.server_context(),
        authenticator=_authenticator(server),
        auth_required=False,
        auth_require_tls=True,
    )
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


# --------------------------------------------------------------------------- PostgreSQL

POSTGRES_URL_ENV = "MAILBOT_TEST_POSTGRES_URL"


@dataclass(frozen=True)
class PostgresServer:
    """Where a PostgreSQL server answers; ``user`` may create and drop databases."""

    host: str
    port: int
    user: str
    password: str | None = None
    maintenance_dbname: str = "postgres"

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL for ``dbname`` on this server, using psycopg 3."""
        auth = self.user if self.password is None else f"{self.user}:{quote(self.password)}"
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{dbname}"


def _server_from_url(url: str) -> PostgresServer:
    """Parse ``postgresql://user[:pw]@host:port/db`` (any ``+driver``) into a PostgresServer."""
    parts = urlsplit(url)
    return PostgresServer(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password) if parts.password else None,
        maintenance_dbname=parts.path.lstrip("/") or "postgres",
    )


def _pg_ctl() -> str:
    """Debian's newest ``/usr/lib/postgresql/<ver>/bin/pg_ctl``, else pg_ctl on PATH."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if found:
        return str(found[-1])
    return _require_binary(
        "pg_ctl", f"install Debian's postgresql (.ci/install-servers.sh) or set {POSTGRES_URL_ENV}"
    )


def _pg_ctl_as_owner(pg_ctl: str, root: Path) -> str:
    """A pg_ctl to hand pytest-postgresql: as root, a wrapper running it as ``postgres``.

    PostgreSQL refuses to start as root, and pytest-postgresql has no option to switch users,
    so the wrapper does it with ``runuser``; the cluster folder belongs to ``postgres``.
    """
    if os.geteuid() != 0:
        return pg_ctl
    wrapper = root / "pg_ctl"
    wrapper.write_text(f'#!/bin/sh\nexec runuser -u postgres -- "{pg_ctl}" "$@"\n')
    wrapper.chmod(0o755)
    root.chmod(0o755)
    shutil.chown(root / "cluster", "postgres", "postgres")
    return str(wrapper)


@contextmanager
def _throwaway_postgres() -> Iterator[PostgresServer]:
    """Start a private cluster with pytest-postgresql's executor; remove it afterwards."""
    from pytest_postgresql.executors import PostgreSQLExecutor

    root = Path(tempfile.mkdtemp(prefix="mailbot-postgres-"))
    (root / "cluster").mkdir()
    executor = PostgreSQLExecutor(
        executable=_pg_ctl_as_owner(_pg_ctl(), root),
        host="127.0.0.1",
        port=free_port(),
        datadir=str(root / "cluster" / "data"),
        unixsocketdir=str(root / "cluster"),
        logfile=str(root / "cluster" / "postgresql.log"),
        startparams="-w",
        dbname="mailbot_test",
        user="postgres",
        timeout=int(STARTUP_DEADLINE * 3),
    )
    try:
        executor.start()
        yield PostgresServer(executor.host, executor.port, executor.user)
    finally:
        executor.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL: env MAILBOT_TEST_POSTGRES_URL, else a throwaway cluster."""
    url = os.environ.get(POSTGRES_URL_ENV)
    if url:
        yield _server_from_url(url)
        return
    with _throwaway_postgres() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database for this test (dropped afterwards), as a SQLAlchemy URL."""
    from pytest_postgresql.janitor import DatabaseJanitor

    dbname = f"mailbot_test_{uuid.uuid4().hex[:16]}"
    janitor = DatabaseJanitor(
        user=postgres_server.user,
        host=postgres_server.host,
        port=postgres_server.port,
        dbname=dbname,
        maintenance_dbname=postgres_server.maintenance_dbname,
        password=postgres_server.password,
    )
    janitor.init()
    try:
        yield postgres_server.url(dbname)
    finally:
        janitor.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The test runs twice: on a SQLite file, and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mailbot.db'}"
    return str(request.getfixturevalue("postgres_url"))
