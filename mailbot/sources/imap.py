"""Poll an IMAP folder without losing or re-marking mail: the IMAP side of the MailSource contract.

Bookkeeping lives on the server, keyed by UID: a message counts as done once it carries the
keyword ``$MailbotStored`` (and, with a ``processed_folder``, once it is moved there). The
keyword is only set by :meth:`ImapSource.acknowledge`, which the caller invokes after its local
commit, so a crash in between just fetches the message again and the store dedupes it.
Bodies are read with ``BODY.PEEK[]`` so polling never sets ``\\Seen`` for the humans who also
read this inbox.

Example::

    with ImapSource("imap.example.no", 993, "registration", password, folder="INBOX") as source:
        for message in source.fetch():
            store(message)            # commit locally first ...
            source.acknowledge(message)   # ... then tell the server
"""

from __future__ import annotations

import imaplib
import logging
import ssl as ssl_module
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import quote

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, LoginError
from tenacity import (
    Retrying,
    retry_if_exception_type,
    retry_if_not_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from mailbot.errors import LoginRefused, UserError, server_errors
from mailbot.sources.base import FetchedMessage

if TYPE_CHECKING:
    from mailbot.oauth import AccessTokens

log = logging.getLogger(__name__)

STORED_KEYWORD = b"$MailbotStored"
"""Set on a message once the caller has committed it locally."""

CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    OSError,  # refused, reset, DNS, timeouts and TLS errors (ssl.SSLError is an OSError)
    imaplib.IMAP4.abort,
    IMAPClientAbortError,
)
"""Errors worth another connection attempt; a rejected login is not one of them."""


class ImapSourceError(UserError):
    """The server cannot be used as configured (no keyword support, stale UIDVALIDITY...)."""


class ImapSource:
    """One IMAP folder as a :class:`~mailbot.sources.base.MailSource`.

    ``ssl`` selects implicit TLS (port 993); ``starttls`` upgrades a plain connection (port
    143). ``ssl_context`` defaults to the system's verified context; tests pass one that trusts
    a self-signed certificate. Connecting retries ``connect_attempts`` times with exponential
    backoff capped at ``backoff_max`` seconds.
    """

    def __init__(
        self,
        host: str,
        port: int,
        username: str,
        password: str | None,
        ssl: bool = True,
        starttls: bool = False,
        folder: str = "INBOX",
        processed_folder: str | None = None,
        ssl_context: ssl_module.SSLContext | None = None,
        *,
        timeout: float = 60.0,
        batch_size: int = 50,
        connect_attempts: int = 5,
        backoff_max: float = 30.0,
        tokens: AccessTokens | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.username = username
        self._password = password
        self._tokens = tokens
        """XOAUTH2 (Microsoft 365, Google) instead of the password when given."""
        self.ssl = ssl
        self.starttls = starttls
        self.folder = folder
        self.processed_folder = processed_folder
        self.ssl_context = ssl_context
        self.timeout = timeout
        self.batch_size = batch_size
        self.connect_attempts = connect_attempts
        self.backoff_max = backoff_max
        self.name = f"imap://{quote(username, safe='')}@{host}:{port}/{folder}"
        self._client: IMAPClient | None = None
        self._uidvalidity: int | None = None
        self._keywords = True
        # What is new on a kept connection: UIDs below ``_floor`` were seen and stored (or
        # moved away); ``_waiting`` were found but not yet acknowledged. None: search all.
        self._floor: int | None = None
        self._waiting: set[int] = set()
        self._uidnext = 1

    def __repr__(self) -> str:
        """Name the mailbox, never the password."""
        return f"ImapSource({self.name!r})"

    # ------------------------------------------------------------------ connection

    def __enter__(self) -> Self:
        """Connect (with backoff), log in, check capabilities and select the folder.

        Failures come out as one-line :class:`~mailbot.errors.UserError`s naming the server;
        a refused login as :class:`~mailbot.errors.LoginRefused`.
        """
        with server_errors("IMAP", self.name, "[imap]"):
            client = self._connect_with_backoff()
            try:
                self._login(client)
                self._client = client
                if self.processed_folder is not None:
                    self._ensure_folder(self.processed_folder)
                self._select()
            except BaseException:
                self._client = None
                _close_quietly(client)
                raise
        return self

    def _login(self, client: IMAPClient) -> None:
        """Log in; a refusal becomes LoginRefused (never retried on our own)."""
        try:
            if self._tokens is not None:
                client.oauth2_login(self.username, self._tokens.access_token("imap"))
            else:
                client.login(self.username, self._password or "")
        except LoginError as error:
            what = "the [oauth] settings" if self._tokens else "MAILBOT_IMAP__PASSWORD"
            raise LoginRefused(
                "imap",
                f"IMAP server {self.name}: login refused ({_server_text(error)}); "
                f"check imap.username and {what}",
            ) from error

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Log out; a broken connection at this point is not worth an error."""
        client, self._client = self._client, None
        if client is not None:
            _close_quietly(client)

    def _connect_with_backoff(self) -> IMAPClient:
        """Open the connection, retrying connection errors with exponential backoff."""
        retrying = Retrying(
            retry=retry_if_exception_type(CONNECTION_ERRORS)
            & retry_if_not_exception_type(ssl_module.SSLCertVerificationError),
            stop=stop_after_attempt(self.connect_attempts),
            wait=wait_exponential(multiplier=0.5, max=self.backoff_max),
            before_sleep=self._log_retry,
            reraise=True,
        )
        return retrying(self._connect_once)

    def _connect_once(self) -> IMAPClient:
        """One connection attempt, upgraded with STARTTLS when configured."""
        context = self.ssl_context
        if context is None and (self.ssl or self.starttls):
            context = ssl_module.create_default_context()
        client = IMAPClient(
            self.host, port=self.port, ssl=self.ssl, ssl_context=context, timeout=self.timeout
        )
        client.normalise_times = False  # keep INTERNALDATE's zone; we convert to UTC
        if self.starttls and not self.ssl:
            try:
                client.starttls(context)
            except BaseException:
                _close_quietly(client)
                raise
        return client

    def _log_retry(self, state: Any) -> None:
        """Say why we wait before the next connection attempt (no credentials in it)."""
        log.warning(
            "IMAP %s: connection attempt %d failed (%s); retrying",
            self.name,
            state.attempt_number,
            state.outcome.exception() if state.outcome else "unknown",
        )

    @property
    def client(self) -> IMAPClient:
        """The logged-in client; only inside ``with``."""
        if self._client is None:
            raise ImapSourceError(f"{self.name}: use ImapSource as a context manager")
        return self._client

    def has_capability(self, name: str) -> bool:
        """Whether the server announced ``name`` (e.g. ``"MOVE"``, ``"IDLE"``)."""
        return bool(self.client.has_capability(name))

    def _ensure_folder(self, folder: str) -> None:
        """Create ``folder`` when missing, so a fresh mailbox needs no manual setup."""
        if not self.client.folder_exists(folder):
            self.client.create_folder(folder)

    def _select(self) -> None:
        """Select the folder, remember UIDVALIDITY and check that keywords can be stored."""
        info = self.client.select_folder(self.folder)
        self._uidvalidity = int(info[b"UIDVALIDITY"])
        self._floor, self._waiting = None, set()
        self._uidnext = int(info.get(b"UIDNEXT", 1))
        permanent = info.get(b"PERMANENTFLAGS", ())
        if b"\\*" not in permanent and STORED_KEYWORD not in permanent:
            if self.processed_folder is None:
                raise ImapSourceError(
                    f"{self.name}: server cannot store the keyword {STORED_KEYWORD.decode()};"
                    " configure a processed_folder instead"
                )
            self._keywords = False
        else:
            self._keywords = True

    @property
    def uidvalidity(self) -> int:
        """UIDVALIDITY of the selected folder; UIDs are only meaningful together with it."""
        if self._uidvalidity is None:
            raise ImapSourceError(f"{self.name}: not connected")
        return self._uidvalidity

    # ------------------------------------------------------------------ polling

    def pending_uids(self) -> list[int]:
        """UIDs still to be stored, ascending.

        Without a processed folder: every message lacking the keyword. With one: everything
        still in the folder, so a message flagged but not yet moved (crash) is picked up again.
        The first search on a connection covers the whole folder; later ones ask only from
        the lowest UID not yet acknowledged (``UID n:*``), so a poll of a large, fully stored
        inbox costs a NOOP and one small SEARCH.
        """
        criteria: list[str | bytes] = ["NOT", "DELETED"]
        if self.processed_folder is None:
            criteria += ["NOT", "KEYWORD", STORED_KEYWORD]
        floor = min(self._waiting, default=self._floor)
        if floor is not None:
            # A kept connection sees mail that arrived since the last command only after
            # the server had a chance to announce it: NOOP gives it that chance.
            self.client.noop()
            criteria = ["UID", f"{floor}:*", *criteria]
        found = (int(uid) for uid in self.client.search(criteria))
        # "n:*" always includes the highest UID, even below n.
        uids = sorted(uid for uid in found if floor is None or uid >= floor)
        self._waiting = set(uids)
        self._floor = max([self._floor or self._uidnext, *(uid + 1 for uid in uids)])
        return uids

    def fetch(self) -> Iterator[FetchedMessage]:
        """Yield every unacknowledged message, oldest UID first, fetched in batches.

        Example: ``FetchedMessage(source="imap://registration@127.0.0.1:10143/INBOX",
        uidvalidity=1795888953, uid="1", raw=b"...", internaldate=datetime(..., tzinfo=UTC))``.
        """
        uids = self.pending_uids()
        for start in range(0, len(uids), self.batch_size):
            yield from self._fetch_batch(uids[start : start + self.batch_size])

    def _fetch_batch(self, uids: Sequence[int]) -> Iterator[FetchedMessage]:
        """Fetch one batch with BODY.PEEK[] (no \\Seen); skip UIDs expunged meanwhile."""
        response = self.client.fetch(list(uids), [b"BODY.PEEK[]", b"INTERNALDATE"])
        for uid in uids:
            data = response.get(uid)
            if data is None or b"BODY[]" not in data:
                log.info("IMAP %s: UID %d vanished before fetch", self.name, uid)
                self._waiting.discard(uid)
                continue
            yield FetchedMessage(
                source=self.name,
                uidvalidity=self.uidvalidity,
                uid=str(uid),
                raw=bytes(data[b"BODY[]"]),
                internaldate=_as_utc(data.get(b"INTERNALDATE")),
            )

    # ------------------------------------------------------------------ acknowledging

    def acknowledge(self, message: FetchedMessage) -> None:
        """Mark ``message`` stored on the server; call only after the local commit.

        Sets ``$MailbotStored``, then moves the message to ``processed_folder`` when one is set
        (MOVE when offered, else COPY + \\Deleted + expunge). Refuses a message from another
        mailbox or an older UIDVALIDITY, whose UID might now name a different message.
        """
        self._check_same_mailbox(message)
        uid = int(message.uid)
        self._waiting.discard(uid)
        if self._keywords:
            self.client.add_flags([uid], [STORED_KEYWORD], silent=True)
        if self.processed_folder is not None:
            self._move(uid, self.processed_folder)

    def _check_same_mailbox(self, message: FetchedMessage) -> None:
        """Raise ImapSourceError unless the message's UID is valid in the selected folder."""
        if message.source != self.name or message.uidvalidity != self.uidvalidity:
            raise ImapSourceError(
                f"{self.name}: cannot acknowledge UID {message.uid} from {message.source}"
                f" (UIDVALIDITY {message.uidvalidity}, now {self.uidvalidity})"
            )

    def _move(self, uid: int, folder: str) -> None:
        """Move one message, with MOVE when the server has it, else copy+delete+expunge."""
        if self.has_capability("MOVE"):
            self.client.move([uid], folder)
            return
        self.client.copy([uid], folder)
        self.client.delete_messages([uid], silent=True)
        if self.has_capability("UIDPLUS"):
            self.client.uid_expunge([uid])
        else:
            self.client.expunge()

    # ------------------------------------------------------------------ waiting

    def idle_wait(self, timeout: float, should_stop: Callable[[], bool] = lambda: False) -> bool:
        """Wait up to ``timeout`` seconds for new mail; True when the server reported some.

        A NOOP first reports mail that arrived since the last command (imaplib would swallow
        that news if it came with the IDLE greeting). Then IDLE, when offered, returns as soon
        as the server sends EXISTS; without IDLE we wait and ask with NOOP again, so the worker
        can call this the same way on every server. ``should_stop`` is asked about once a
        second (a stopping worker does not wait out the IDLE).
        """
        if _reports_new_mail(self.client.noop()[1]):
            return True
        deadline = time.monotonic() + timeout
        if not self.has_capability("IDLE"):
            while not should_stop() and time.monotonic() < deadline:
                time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
            return _reports_new_mail(self.client.noop()[1])
        self.client.idle()
        responses: list[Any] = []
        try:
            while not should_stop():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                responses += self.client.idle_check(timeout=min(1.0, left))
                if _reports_new_mail(responses):
                    break
        finally:
            responses += self.client.idle_done()[1]
        return _reports_new_mail(responses)


def _reports_new_mail(responses: Sequence[Any]) -> bool:
    """Whether untagged responses such as ``[(3, b'EXISTS')]`` announce new messages.

    EXISTS is only sent when the count changes; ``(0, b'RECENT')`` means nothing new.
    """
    for item in responses:
        if not (isinstance(item, tuple) and len(item) > 1):
            continue
        if item[1] == b"EXISTS" or (item[1] == b"RECENT" and item[0]):
            return True
    return False


def _server_text(error: Exception) -> str:
    """The server's words from an imapclient error (``b'[AUTHENTICATIONFAILED] ...'``)."""
    text = str(error)
    return text[2:-1] if text.startswith(("b'", 'b"')) else text


def _as_utc(value: object) -> datetime | None:
    """INTERNALDATE as an aware UTC datetime (naive values are taken as UTC)."""
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _close_quietly(client: IMAPClient) -> None:
    """Log out, or at least drop the socket, without raising."""
    try:
        client.logout()
    except Exception:  # noqa: BLE001 - the connection may already be gone
        try:
            client.shutdown()
        except Exception:  # noqa: BLE001
            log.debug("IMAP connection already closed")
