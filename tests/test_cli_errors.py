"""What a person meets when something is wrong: one line naming the setting, file or server and
what to do, exit code 2, no traceback (unless --debug). Run through the real command line, with
real servers where one is involved."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import OutboundMessage
from db.session import make_engine, make_session_factory
from tests.flow import make_maildir
from tests.servers import DovecotServer, PostgresServer, SmtpServer, TlsCertificate, free_port


def mailbot(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """``mailbot ARGS`` in ``cwd`` with no MAILBOT_* variables but those given."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    return subprocess.run(
        [sys.executable, "-m", "mailbot.cli", *args],
        cwd=cwd,
        env={**clean, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The user error: exit code 2, one line on stderr (besides log lines), no traceback."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("mailbot")]
    return line


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def embedded_config(tmp_path: Path, extra: str = "") -> Path:
    maildir = make_maildir(tmp_path / "Maildir", "005")
    return write(
        tmp_path / "mailbot.toml",
        f'database_url = "sqlite:///{tmp_path / "m.db"}"\n'
        f'maildir = "{maildir}"\noutbox_dir = "{tmp_path / "out"}"\n{extra}',
    )


def server_config(tmp_path: Path, dovecot: DovecotServer, smtp: SmtpServer) -> Path:
    """IMAP in plain text, SMTP with STARTTLS (aiosmtpd offers AUTH only under TLS); run with
    :func:`trusting` so the command trusts the test certificate."""
    return write(
        tmp_path / "servers.toml",
        f'database_url = "sqlite:///{tmp_path / "s.db"}"\n'
        f'[imap]\nhost = "{dovecot.host}"\nport = {dovecot.port}\nusername = "{dovecot.user}"\n'
        'security = "none"\n'
        f'[smtp]\nhost = "{smtp.host}"\nport = {smtp.port}\nusername = "{smtp.user}"\n'
        'security = "starttls"\n',
    )


def trusting(certificate: TlsCertificate, **env: str) -> dict[str, str]:
    """Environment for a command that must trust the test servers' self-signed certificate
    (Python's default TLS context reads SSL_CERT_FILE)."""
    return {"SSL_CERT_FILE": str(certificate.cert), **env}


class TestConfiguration:
    def test_a_toml_syntax_error_names_the_file_and_line(self, tmp_path: Path) -> None:
        config = write(tmp_path / "bad.toml", 'maildir = "x"\nport = \n')

        line = one_line_error(mailbot("run", "--config", str(config), cwd=tmp_path))

        assert "bad.toml" in line
        assert "TOML syntax error" in line
        assert "line 2" in line

    def test_init_with_a_misspelled_key_stops_and_creates_no_database(self, tmp_path: Path) -> None:
        config = write(tmp_path / "m.toml", f'databse_url = "sqlite:///{tmp_path / "x.db"}"\n')

        line = one_line_error(mailbot("init", "--config", str(config), cwd=tmp_path))

        assert "databse_url: unknown setting, did you mean 'database_url'?" in line
        assert list(tmp_path.glob("*.db")) == []

    def test_a_misspelled_key_inside_a_server_section_stops_start_up(self, tmp_path: Path) -> None:
        config = embedded_config(tmp_path, '[smtp]\nhost = "smtp.example.org"\nprot = 25\n')

        line = one_line_error(mailbot("run", "--once", "--config", str(config), cwd=tmp_path))

        assert "smtp.prot: unknown setting, did you mean 'port'?" in line

    def test_a_missing_password_says_which_variable_to_set(self, tmp_path: Path) -> None:
        config = write(
            tmp_path / "m.toml",
            'outbox_dir = "out"\n[imap]\nhost = "imap.example.org"\nusername = "u"\n',
        )

        line = one_line_error(mailbot("run", "--config", str(config), cwd=tmp_path))

        assert "MAILBOT_IMAP__PASSWORD" in line

    def test_an_unknown_log_level_is_one_line(self, tmp_path: Path) -> None:
        line = one_line_error(mailbot("--log-level", "verbose", "init", cwd=tmp_path))

        assert "--log-level" in line
        assert "DEBUG" in line

    def test_a_missing_maildir_names_the_folder(self, tmp_path: Path) -> None:
        args = ["run", "--once", "--maildir", str(tmp_path / "nowhere"), "--outbox", "out"]

        line = one_line_error(mailbot(*args, cwd=tmp_path))

        assert f"maildir: folder {tmp_path / 'nowhere'} not found" in line

    def test_debug_shows_the_traceback(self, tmp_path: Path) -> None:
        config = write(tmp_path / "bad.toml", "port = \n")

        result = mailbot("--debug", "run", "--config", str(config), cwd=tmp_path)

        assert result.returncode == 1
        assert "Traceback" in result.stderr
        assert "SettingsError" in result.stderr


class TestDatabase:
    def test_an_unknown_database_type(self, tmp_path: Path) -> None:
        line = one_line_error(mailbot("init", "--database", "postgres://db/x", cwd=tmp_path))

        assert "unknown database type" in line
        assert "database_url" in line

    def test_an_unreadable_url(self, tmp_path: Path) -> None:
        line = one_line_error(mailbot("init", "--database", "mailbot.db", cwd=tmp_path))

        assert "database URL 'mailbot.db' cannot be read" in line

    def test_unreachable_postgresql_names_the_server_but_not_the_password(
        self, tmp_path: Path
    ) -> None:
        url = f"postgresql+psycopg://mailbot:hunter2@127.0.0.1:{free_port()}/mailbot"

        line = one_line_error(mailbot("init", "--database", url, cwd=tmp_path))

        assert "Connection refused" in line
        assert "127.0.0.1" in line
        assert "hunter2" not in line

    def test_a_database_the_server_does_not_have(
        self, tmp_path: Path, postgres_server: PostgresServer
    ) -> None:
        url = postgres_server.url("mailbot_no_such_database")

        line = one_line_error(mailbot("init", "--database", url, cwd=tmp_path))

        assert 'database "mailbot_no_such_database" does not exist' in line

    def test_the_environment_database_is_checked_too(self, tmp_path: Path) -> None:
        env = {"MAILBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}"}

        line = one_line_error(mailbot("export", cwd=tmp_path, env=env))

        assert "unable to open database file" in line
        assert "folder exists" in line


class TestServers:
    def test_a_refused_imap_login_is_one_line(
        self, tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer
    ) -> None:
        config = server_config(tmp_path, dovecot, smtp_server)
        env = {"MAILBOT_IMAP__PASSWORD": "wrong-pw", "MAILBOT_SMTP__PASSWORD": "x"}  # no TLS needed

        line = one_line_error(
            mailbot("run", "--once", "--config", str(config), cwd=tmp_path, env=env)
        )

        assert f"IMAP server imap://{dovecot.user}@{dovecot.host}:{dovecot.port}/INBOX" in line
        assert "login refused" in line
        assert "MAILBOT_IMAP__PASSWORD" in line
        assert "wrong-pw" not in line
        assert dovecot.failed_logins() == 1

    def test_a_refused_smtp_login_spends_no_attempt_of_the_reply(
        self, tmp_path: Path, smtp_server: SmtpServer, tls_certificate: TlsCertificate
    ) -> None:
        maildir = make_maildir(tmp_path / "Maildir", "005")
        database = f"sqlite:///{tmp_path / 'm.db'}"
        config = write(
            tmp_path / "m.toml",
            f'database_url = "{database}"\nmaildir = "{maildir}"\n'
            f'[smtp]\nhost = "{smtp_server.host}"\nport = {smtp_server.port}\n'
            f'username = "{smtp_server.user}"\nsecurity = "starttls"\n',
        )

        result = mailbot(
            "run",
            "--once",
            "--config",
            str(config),
            cwd=tmp_path,
            env=trusting(tls_certificate, MAILBOT_SMTP__PASSWORD="wrong-pw"),
        )

        line = one_line_error(result)
        assert "SMTP server smtp://mailbot@127.0.0.1" in line
        assert "login refused (535" in line
        assert smtp_server.auth_attempts == [False]
        engine = make_engine(database)
        with make_session_factory(engine)() as session:
            [row] = session.scalars(select(OutboundMessage))
            assert (row.status, row.attempts) == ("pending", 0)
        engine.dispose()

    def test_an_unreachable_imap_server(self, tmp_path: Path) -> None:
        port = free_port()
        config = write(
            tmp_path / "m.toml",
            f'outbox_dir = "out"\n[imap]\nhost = "127.0.0.1"\nport = {port}\n'
            'username = "u"\nsecurity = "none"\n',
        )

        result = mailbot(
            "run",
            "--once",
            "--config",
            str(config),
            cwd=tmp_path,
            env={"MAILBOT_IMAP__PASSWORD": "p"},
        )

        line = one_line_error(result)
        assert f"IMAP server imap://u@127.0.0.1:{port}/INBOX: cannot connect" in line
        assert "[imap]" in line


class TestCheck:
    def test_everything_reachable(
        self,
        tmp_path: Path,
        dovecot: DovecotServer,
        smtp_server: SmtpServer,
        postgres_url: str,
        tls_certificate: TlsCertificate,
    ) -> None:
        config = server_config(tmp_path, dovecot, smtp_server)
        env = trusting(
            tls_certificate,
            MAILBOT_DATABASE_URL=postgres_url,
            MAILBOT_IMAP__PASSWORD=dovecot.password,
            MAILBOT_SMTP__PASSWORD=smtp_server.password,
        )
        assert mailbot("init", "--config", str(config), cwd=tmp_path, env=env).returncode == 0

        result = mailbot("check", "--config", str(config), cwd=tmp_path, env=env)

        assert result.returncode == 0, result.stdout + result.stderr
        parts = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()}
        assert parts == {
            "config": "ok",
            "database": "ok",
            "event": "ok",
            "imap": "ok",
            "smtp": "ok",
        }
        assert smtp_server.auth_attempts == [True]
        assert smtp_server.messages == []

    def test_each_failure_is_reported_and_the_rest_still_checked(
        self,
        tmp_path: Path,
        dovecot: DovecotServer,
        smtp_server: SmtpServer,
        tls_certificate: TlsCertificate,
    ) -> None:
        config = server_config(tmp_path, dovecot, smtp_server)
        env = trusting(
            tls_certificate,
            MAILBOT_IMAP__PASSWORD="wrong",
            MAILBOT_SMTP__PASSWORD=smtp_server.password,
        )

        result = mailbot("check", "--config", str(config), cwd=tmp_path, env=env)

        assert result.returncode == 1
        lines = {line.split()[0]: line for line in result.stdout.splitlines()}
        assert "FAILED" in lines["database"] and "mailbot init" in lines["database"]
        assert "FAILED" in lines["imap"] and "login refused" in lines["imap"]
        assert lines["smtp"].split()[1] == "ok"

    def test_quick_check_never_logs_in(
        self, tmp_path: Path, dovecot: DovecotServer, smtp_server: SmtpServer
    ) -> None:
        config = server_config(tmp_path, dovecot, smtp_server)
        env = {"MAILBOT_IMAP__PASSWORD": "p", "MAILBOT_SMTP__PASSWORD": "p"}
        mailbot("init", "--config", str(config), cwd=tmp_path, env=env)

        result = mailbot("check", "--quick", "--config", str(config), cwd=tmp_path, env=env)

        assert result.returncode == 0, result.stdout
        assert [line.split()[:2] for line in result.stdout.splitlines()] == [
            ["config", "ok"],
            ["database", "ok"],
            ["worker", "ok"],
        ]
        assert dovecot.failed_logins() == 0
        assert smtp_server.auth_attempts == []

    def test_a_broken_config_fails_the_check(self, tmp_path: Path) -> None:
        config = write(tmp_path / "m.toml", "prot = 1\n")

        result = mailbot("check", "--quick", "--config", str(config), cwd=tmp_path)

        assert result.returncode == 1
        assert result.stdout.startswith("config   FAILED")


class TestDelete:
    @pytest.fixture
    def database(self, tmp_path: Path) -> str:
        config = embedded_config(tmp_path)
        assert mailbot("run", "--once", "--config", str(config), cwd=tmp_path).returncode == 0
        return f"sqlite:///{tmp_path / 'm.db'}"

    def test_by_name_reports_asks_and_keeps_everything_when_told_no(
        self, tmp_path: Path, database: str
    ) -> None:
        args = ("delete", "--municipality", "Bodø", "--database", database)

        result = mailbot(*args, cwd=tmp_path, stdin="n\n")

        assert result.returncode == 1
        assert "municipality Bodø (1804): would delete" in result.stdout
        assert "1 registrations" in result.stdout
        assert "nothing deleted" in result.stdout
        assert '"Bodø"' in mailbot("export", "--database", database, cwd=tmp_path).stdout

    def test_no_answer_is_no(self, tmp_path: Path, database: str) -> None:
        args = ("delete", "--municipality", "1804", "--database", database)

        assert mailbot(*args, cwd=tmp_path, stdin="").returncode == 1
        assert '"Bodø"' in mailbot("export", "--database", database, cwd=tmp_path).stdout

    def test_yes_deletes_what_it_reported(self, tmp_path: Path, database: str) -> None:
        args = ("delete", "--municipality", "bodø", "--database", database)
        planned = mailbot(*args, cwd=tmp_path, stdin="n\n").stdout.splitlines()[0]

        result = mailbot(*args, "--yes", cwd=tmp_path)

        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            planned,
            "deleted " + planned.split("would delete ", 1)[1],
        ]
        export = mailbot("export", "--database", database, cwd=tmp_path).stdout
        assert '"registrations": []' in export

    def test_answering_yes_deletes(self, tmp_path: Path, database: str) -> None:
        args = ("delete", "--municipality", "Bodø", "--database", database)

        assert mailbot(*args, cwd=tmp_path, stdin="ja\n").returncode == 0
        export = mailbot("export", "--database", database, cwd=tmp_path).stdout
        assert '"registrations": []' in export

    def test_a_name_shared_by_two_municipalities_asks_for_the_number(
        self, tmp_path: Path, database: str
    ) -> None:
        args = ("delete", "--municipality", "Herøy", "--database", database, "--yes")

        line = one_line_error(mailbot(*args, cwd=tmp_path))

        assert "1515 Herøy (Møre og Romsdal)" in line
        assert "1818 Herøy (Nordland)" in line

    def test_nothing_held_is_said(self, tmp_path: Path, database: str) -> None:
        args = ("delete", "--municipality", "Voss", "--database", database, "--yes")

        line = one_line_error(mailbot(*args, cwd=tmp_path))

        assert "nothing held for municipality Voss (4621)" in line

    def test_an_unknown_name(self, tmp_path: Path, database: str) -> None:
        args = ("delete", "--municipality", "Atlantis", "--database", database, "--yes")

        line = one_line_error(mailbot(*args, cwd=tmp_path))

        assert "'Atlantis' is not in the 2020 register" in line


def test_json_logs_are_one_object_per_line(tmp_path: Path) -> None:
    config = embedded_config(tmp_path)

    result = mailbot(
        "--log-level",
        "info",
        "--log-format",
        "json",
        "run",
        "--once",
        "--config",
        str(config),
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines()]
    assert records
    assert all({"time", "level", "name", "message"} <= set(r) for r in records)
    assert any(r["name"].startswith("mailbot") for r in records)
