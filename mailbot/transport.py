"""The contract for delivering one outgoing message (SMTP or a folder of .eml files)."""

from __future__ import annotations

from typing import Protocol


class TemporaryFailure(Exception):
    """Delivery may succeed later (4xx, connection refused, timeout): retry with backoff."""


class PermanentFailure(Exception):
    """Delivery will never succeed (5xx, invalid address): stop retrying, show the organiser."""


class UncertainDelivery(Exception):
    """The content left us but no final answer came back (connection lost, timeout): the
    message may have been delivered. Never resent on our own; the organiser is shown it."""


class Transport(Protocol):
    """Delivers one fully rendered message.

    ``raw`` is the complete RFC 5322 message with its fixed Message-ID; sending the same row
    again must be avoided by the caller (the outbox), not here.
    """

    def send(self, raw: bytes, sender: str, recipients: list[str], message_id: str) -> None: ...
