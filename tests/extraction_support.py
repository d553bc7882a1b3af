"""Helpers shared by the hand-written extraction tests (test_extraction_*.py).

``reader`` gives a test file its ``read(body, ...)``: one mail built with ``make_mail`` and run
through ``extract``, with that file's default sender and ``In-Reply-To``. ``people`` lists the
extracted participants as (name, role, sector) tuples.
"""

from __future__ import annotations

from collections.abc import Callable

from parsers.extraction import extract
from parsers.types import Extraction
from tests.mailmaker import make_mail

SUBJECT = "SV: Invitasjon: Kulturskole for fremtiden"


def reader(default_sender: str, default_in_reply_to: str | None) -> Callable[..., Extraction]:
    """A ``read`` whose sender and In-Reply-To default to the given ones."""

    def read(
        body: str,
        sender: str = default_sender,
        sender_name: str = "",
        subject: str = SUBJECT,
        in_reply_to: str | None = default_in_reply_to,
        headers: dict[str, str] | None = None,
    ) -> Extraction:
        raw = make_mail(
            sender, body, subject=subject, sender_name=sender_name, in_reply_to=in_reply_to,
            headers=headers,
        )  # fmt: skip
        return extract(raw)

    return read


def people(ex: Extraction) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.role, p.sector) for p in ex.participants]
