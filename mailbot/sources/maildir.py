"""A local mailbox: a Maildir (cur/ and new/) or a plain folder of .eml files.

It runs with no servers at all and never writes to the folder (the corpus folder is
read-only), so ``acknowledge`` does nothing: the store's unique key (source, 0, file key)
is what keeps a message from being stored twice.
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterator
from datetime import datetime
from email.parser import BytesHeaderParser
from pathlib import Path
from types import TracebackType
from typing import Self

from mailbot.errors import UserError
from mailbot.sources.base import FetchedMessage


class MaildirSource:
    """Reads every message file below ``path`` (Maildir ``new``/``cur`` or ``*.eml``)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path).resolve()
        self.name = f"maildir:{self.path}"

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
        for file in self._message_files():
            raw = file.read_bytes()
            yield FetchedMessage(
                source=self.name,
                uidvalidity=0,
                uid=self._key(file),
                raw=raw,
                internaldate=arrival_time(raw),
            )

    def acknowledge(self, message: FetchedMessage) -> None:
        """Nothing to do: see the module docstring."""

    def _message_files(self) -> list[Path]:
        if (self.path / "cur").is_dir() or (self.path / "new").is_dir():
            files = [f for sub in ("new", "cur") for f in (self.path / sub).glob("*")]
        else:
            files = list(self.path.glob("*.eml"))
        return sorted(f for f in files if f.is_file() and not f.name.startswith("."))

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
