"""The automatic reply the transport tests send (test_transports.py, test_exactly_once.py):
fixed addresses and Message-ID, a non-ASCII body, rendered as the outbox holds it."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage

SENDER = "mailbot@kulturskole.example"
RECIPIENT = "postmottak@kommune.example"
MESSAGE_ID = "<reply-1.abc@mailbot.example>"


def reply_bytes(message_id: str = MESSAGE_ID) -> bytes:
    """A rendered automatic reply like the outbox holds (non-ASCII body, fixed Message-ID)."""
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = RECIPIENT
    message["Subject"] = "Stadfesting: påmelding til Kulturskole for fremtiden"
    message["Message-ID"] = message_id
    message["In-Reply-To"] = "<inbound-1@kommune.example>"
    message["Auto-Submitted"] = "auto-replied"
    message["X-Mailbot-Reply"] = "confirmation"
    message.set_content("Takk! Vi har registrert fire deltakarar frå Ålesund.\n")
    return message.as_bytes(policy=policy.SMTP)
