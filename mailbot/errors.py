"""Errors a person running mailbot can fix, told in one line: what, where, and what to do.

The CLI's one handler prints a :class:`UserError` as ``mailbot: <message>`` and exits 2; any
other exception is a bug and keeps its traceback (shown in full with ``--debug``). The helpers
here turn what the database driver, imapclient and smtplib raise into such a line, naming the
server (never a password) and the setting that points at it.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager


class UserError(Exception):
    """A problem with the configuration or the surroundings, not with mailbot's code."""


class LoginRefused(UserError):
    """A server refused our credentials. Retrying would only risk locking the account, so the
    worker stops using that server until it is restarted or gets SIGHUP."""

    def __init__(self, server: str, message: str) -> None:
        super().__init__(message)
        self.server = server
        """``"imap"`` or ``"smtp"``: which configured server refused."""


def first_line(error: BaseException) -> str:
    """The first non-empty line of an exception's text (drivers add context on later lines)."""
    text = str(error).strip()
    return text.splitlines()[0].strip() if text else type(error).__name__


def redact_url(url: str) -> str:
    """The database URL without its password, for messages and logs."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"


DATABASE_SETTING = "database_url (config file, MAILBOT_DATABASE_URL or --database)"


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Turn a bad URL, a missing driver or an unreachable server into one clear line."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    where = f"database {redact_url(url)}"
    try:
        yield
    except NoSuchModuleError as error:
        raise UserError(
            f"{where}: unknown database type ({first_line(error)}); "
            f"use sqlite:///FILE or postgresql+psycopg://USER@HOST/DB in {DATABASE_SETTING}"
        ) from error
    except ArgumentError as error:
        raise UserError(
            f"database URL {url!r} cannot be read; "
            f"use sqlite:///FILE or postgresql+psycopg://USER@HOST/DB in {DATABASE_SETTING}"
        ) from error
    except ModuleNotFoundError as error:
        raise UserError(
            f"{where}: the driver {error.name!r} is not installed; "
            "install mailbot with PostgreSQL support: pip install 'mailbot[postgres]'"
        ) from error
    except OperationalError as error:
        reason = first_line(error.orig) if error.orig is not None else first_line(error)
        hint = (
            "that its folder exists and is writable"
            if url.startswith("sqlite")
            else "that the server runs and lets this user in"
        )
        raise UserError(
            f"{where}: cannot use it ({reason}); check {DATABASE_SETTING} and {hint}"
        ) from error


@contextmanager
def server_errors(kind: str, where: str, setting: str) -> Iterator[None]:
    """Connection problems with the IMAP or SMTP server as one line naming it.

    ``where`` names the server (``imap://user@host:993/INBOX``), ``setting`` the section to
    check (``[imap]``). A refused login passes through as :class:`LoginRefused`.
    """
    import imaplib  # here, not at start-up: only a server's callers need them
    import smtplib

    try:
        yield
    except UserError:
        raise
    except ssl.SSLCertVerificationError as error:
        raise UserError(
            f"{kind} server {where}: its TLS certificate is not trusted ({error.verify_message}); "
            f"check host and security in {setting}"
        ) from error
    except (smtplib.SMTPException, imaplib.IMAP4.error) as error:
        raise UserError(f"{kind} server {where}: {first_line(error)}; check {setting}") from error
    except (OSError, EOFError) as error:
        reason = first_line(error) if str(error) else type(error).__name__
        raise UserError(
            f"{kind} server {where}: cannot connect ({reason}); check host, port and security "
            f"in {setting} and that the server is reachable"
        ) from error
