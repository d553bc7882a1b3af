"""The contract every mailbox source keeps.

A source hands out raw messages and is told, after the local commit, that a message is safely
stored (``acknowledge``). It never marks mail read or moves it before that, so a crash between
fetch and commit loses nothing: the message is simply fetched again and the store, unique on
(source, uidvalidity, uid) and on (Message-ID, sha256), ignores the second copy.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self, runtime_checkable


@dataclass(frozen=True)
class FetchedMessage:
    """One message as a source saw it.

    ``source`` names the mailbox (``imap://user@host:port/INBOX``, ``maildir:/path``);
    ``uidvalidity`` is the IMAP UIDVALIDITY (0 for file sources); ``uid`` the IMAP UID or the
    file key; ``internaldate`` the server's arrival time when the source has one.
    """

    source: str
    uidvalidity: int
    uid: str
    raw: bytes
    internaldate: datetime | None = None


class MailSource(Protocol):
    """A mailbox to poll. Use as a context manager; ``fetch`` yields unacknowledged mail."""

    name: str

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def fetch(self) -> Iterator[FetchedMessage]: ...

    def acknowledge(self, message: FetchedMessage) -> None: ...


@runtime_checkable
class RemembersStored(Protocol):
    """A source that cannot mark mail on its side (a read-only Maildir) and so is told what
    the store already holds, to read only what is new."""

    @property
    def needs_stored(self) -> bool: ...

    def remember_stored(self, stored: Mapping[str, int]) -> None: ...
