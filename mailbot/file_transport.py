"""Deliver outgoing mail as .eml files in a folder (local runs, tests, a pickup directory).

Each message lands in ``<folder>/<name from Message-ID>.eml`` atomically: written to a temp
file, fsynced, then hard-linked into place. ``link`` fails when the name exists, so a message
is never written twice and a reader never sees half a file, even across crashes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from pathlib import Path

from mailbot.transport import PermanentFailure, TemporaryFailure

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._@+=-]")
_MAX_STEM = 120


class AlreadyWritten(PermanentFailure):
    """A file for this Message-ID exists: the message was delivered before, never redo it."""


def safe_name(message_id: str) -> str:
    """File stem for a Message-ID; distinct IDs never share a stem.

    Plain IDs keep their text; others get unsafe characters replaced plus a short hash so
    that two IDs differing only in those characters stay apart. Examples:
    ``"<abc.1@mailbot.example>"`` -> ``"abc.1@mailbot.example"``;
    ``"<a/b@x>"`` -> ``"a_b@x-<8 hex digits>"``.
    """
    core = message_id.strip().removeprefix("<").removesuffix(">")
    cleaned = _UNSAFE.sub("_", core)[:_MAX_STEM].lstrip(".")
    if cleaned == core and cleaned:
        return cleaned
    digest = hashlib.sha256(core.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{cleaned}-{digest}" if cleaned else digest


class FileTransport:
    """Writes each message to ``folder`` (created when missing) as one .eml file."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def __repr__(self) -> str:
        return f"FileTransport({str(self.folder)!r})"

    def path_for(self, message_id: str) -> Path:
        """Where the message with ``message_id`` is (or would be) written."""
        return self.folder / f"{safe_name(message_id)}.eml"

    def send(self, raw: bytes, sender: str, recipients: list[str], message_id: str) -> None:
        """Write ``raw`` once; raise AlreadyWritten when the Message-ID was written before.

        Sender and recipients live in the message headers; the file is the message itself.
        """
        target = self.path_for(message_id)
        if target.exists():
            raise AlreadyWritten(f"{message_id}: {target} exists")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_new(target, raw)
        except FileExistsError as exc:
            raise AlreadyWritten(f"{message_id}: {target} exists") from exc
        except OSError as exc:
            raise TemporaryFailure(f"{message_id}: cannot write {target}: {exc}") from exc
        log.info("wrote %s to %s", message_id, target)


def _write_new(target: Path, raw: bytes) -> None:
    """Write a temp file beside ``target``, fsync it, link it into place, fsync the folder."""
    fd, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".eml", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temp_name, target)
    finally:
        os.unlink(temp_name)
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the new directory entry durable, so a crash cannot lose a file we reported."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
