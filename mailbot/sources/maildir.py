"""A local mailbox: a Maildir (cur/ and new/) or a plain folder of .eml files.

It runs with no servers at all and never writes to the folder (the corpus folder is
read-only), so ``acknowledge`` does nothing: the store's unique key (source, 0, file key)
is what keeps a message from being stored twice.

It does not re-read what it has stored: ``remember_stored`` hands it the file keys and sizes
the store already holds (one query per poll, see ``mailbot.ingest``), and ``fetch`` reads only
files it does not know. A source kept between polls also remembers what it acknowledged and
skips listing the folders at all while their modification times stand still, so an idle poll
of a season's inbox reads no file and costs no query.
"""

from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Iterator, Mapping
from datetime import datetime
from email.parser import BytesHeaderParser
from pathlib import Path
from types import TracebackType
from typing import Self

from mailbot.errors import UserError
from mailbot.sources.base import FetchedMessage


class MaildirSource:
    """Reads every message file below ``path`` (Maildir ``new``/``cur`` or ``*.eml``)."""

    #: A folder's modification time is trusted to mean "nothing new" only when it is older
    #: than this when the folder is listed (a coarse clock could give a file added right
    #: after the listing the same time stamp).
    SETTLED_SECONDS = 2.0

    def __init__(self, path: Path) -> None:
        self.path = Path(path).resolve()
        self.name = f"maildir:{self.path}"
        self._known: dict[str, int] = {}
        self._listed: tuple[int, ...] | None = None

    @property
    def needs_stored(self) -> bool:
        """Whether ``remember_stored`` must be given the store's keys before ``fetch``
        (a kept source knows them after its first poll)."""
        return not self._known and self._listed is None

    def remember_stored(self, stored: Mapping[str, int]) -> None:
        """File keys (``uid``) and sizes the store holds for this source."""
        self._known.update(stored)

    def __enter__(self) -> Self:
        if not self.path.is_dir():
            raise UserError(
                f"maildir {self.path}: no such folder; create it or set maildir "
                "(config file, MAILBOT_MAILDIR or --maildir) to a Maildir or a folder of .eml files"
            )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def fetch(self) -> Iterator[FetchedMessage]:
        """Yield the files not yet stored (by key and size), oldest name first."""
        stamps = self._folder_stamps()
        if stamps is not None and stamps == self._listed:
            return
        for file, size in self._message_files():
            key = self._key(file)
            if self._known.get(key) == size:
                continue
            raw = file.read_bytes()
            yield FetchedMessage(
                source=self.name,
                uidvalidity=0,
                uid=key,
                raw=raw,
                internaldate=arrival_time(raw),
            )
        settled = stamps is not None and all(
            time.time_ns() - stamp > self.SETTLED_SECONDS * 1e9 for stamp in stamps
        )
        self._listed = stamps if settled else None

    def acknowledge(self, message: FetchedMessage) -> None:
        """Remember the file as stored (the folder itself is never written)."""
        self._known[message.uid] = len(message.raw)

    def _folders(self) -> list[Path]:
        if (self.path / "cur").is_dir() or (self.path / "new").is_dir():
            return [self.path / sub for sub in ("new", "cur") if (self.path / sub).is_dir()]
        return [self.path]

    def _folder_stamps(self) -> tuple[int, ...] | None:
        try:
            return tuple(os.stat(folder).st_mtime_ns for folder in self._folders())
        except OSError:
            return None

    def _message_files(self) -> list[tuple[Path, int]]:
        """(file, size) of every message file, sorted by path."""
        maildir = self._folders() != [self.path]
        files = []
        for folder in self._folders():
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or not (maildir or entry.name.endswith(".eml")):
                        continue
                    try:
                        if entry.is_file():
                            files.append((Path(entry.path), entry.stat().st_size))
                    except OSError:
                        continue  # moved or deleted while we listed
        return sorted(files)

    def _key(self, file: Path) -> str:
        # Maildir renames files when flags change ("unique:2,S"): key on the unique part.
        return file.name.split(":2,")[0]


def arrival_time(raw: bytes) -> datetime | None:
    """The newest Received header's date, else the Date header (aware), else None.

    Received headers are prepended hop by hop, so the first one is the newest.
    """
    headers = BytesHeaderParser().parsebytes(raw[: 256 * 1024])
    for received in headers.get_all("Received") or []:
        stamp = str(received).rpartition(";")[2].strip()
        parsed = _parse_date(stamp)
        if parsed is not None:
            return parsed
    return _parse_date(str(headers.get("Date") or ""))


def _parse_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else None
