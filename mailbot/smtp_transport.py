"""Deliver outgoing mail over SMTP, telling the outbox whether a failure is worth retrying.

The outbox retries a :class:`~mailbot.transport.TemporaryFailure` with backoff and stops at a
:class:`~mailbot.transport.PermanentFailure`, so the classification here decides whether a
reply is eventually delivered or shown to the organiser: 4xx answers, timeouts and connection
errors are temporary; 5xx answers and refused recipients are permanent.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from typing import Literal

from mailbot.transport import PermanentFailure, TemporaryFailure

log = logging.getLogger(__name__)

Security = Literal["none", "starttls", "ssl"]


class SmtpTransport:
    """One SMTP connection per message: simple, and no stale connection between sends.

    ``security`` is ``"ssl"`` (implicit TLS, port 465), ``"starttls"`` (port 587) or ``"none"``
    (local relays and tests). ``ssl_context`` defaults to the system's verified context.
    """

    def __init__(
        self,
        host: str,
        port: int,
        username: str | None = None,
        password: str | None = None,
        security: Security = "starttls",
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.username = username
        self._password = password
        self.security = security
        self.timeout = timeout
        self.ssl_context = ssl_context or ssl.create_default_context()

    def __repr__(self) -> str:
        """Show where we send, never the password."""
        return f"SmtpTransport({self.host}:{self.port}, security={self.security!r})"

    def send(self, raw: bytes, sender: str, recipients: list[str], message_id: str) -> None:
        """Deliver ``raw`` to every recipient or raise Temporary/PermanentFailure.

        A partial refusal (some recipients accepted) is permanent for the refused ones; it is
        raised so the organiser sees it, since retrying would duplicate for the accepted ones.
        """
        try:
            with self._connect() as smtp:
                self._login(smtp)
                refused = smtp.sendmail(sender, recipients, to_crlf(raw))
        except smtplib.SMTPRecipientsRefused as exc:
            raise _classify_refused(exc.recipients, message_id) from exc
        except smtplib.SMTPResponseException as exc:
            raise _classify_code(exc.smtp_code, exc.smtp_error, message_id) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TemporaryFailure(f"{message_id}: {self.host}:{self.port}: {exc}") from exc
        if refused:
            raise PermanentFailure(f"{message_id}: recipients refused: {sorted(refused)}")
        log.info("sent %s via %s:%d", message_id, self.host, self.port)

    def _connect(self) -> smtplib.SMTP:
        """Open the connection with the configured security; STARTTLS fails if not offered."""
        if self.security == "ssl":
            return smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=self.ssl_context
            )
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            try:
                smtp.starttls(context=self.ssl_context)
            except BaseException:
                smtp.close()
                raise
        return smtp

    def _login(self, smtp: smtplib.SMTP) -> None:
        """Authenticate when credentials are configured; a 535 becomes a PermanentFailure."""
        if self.username is not None and self._password is not None:
            smtp.login(self.username, self._password)


_LINE_END = re.compile(rb"\r\n|\r|\n")


def to_crlf(raw: bytes) -> bytes:
    """The message with CRLF line ends, as SMTP requires.

    ``EmailMessage.as_bytes()`` writes bare LF and smtplib sends bytes unchanged; a strict
    server then sees the whole message as one overlong line (``500 Line too long``).
    Example: ``to_crlf(b"A: b\\n\\nbody\\n")`` -> ``b"A: b\\r\\n\\r\\nbody\\r\\n"``.
    """
    return _LINE_END.sub(b"\r\n", raw)


def _classify_code(code: int, error: bytes | str, message_id: str) -> Exception:
    """4xx → temporary, everything else (5xx, odd codes) → permanent."""
    text = error.decode("utf-8", "replace") if isinstance(error, bytes) else error
    detail = f"{message_id}: SMTP {code} {text}"
    if 400 <= code < 500:
        return TemporaryFailure(detail)
    return PermanentFailure(detail)


def _classify_refused(recipients: dict[str, tuple[int, bytes]], message_id: str) -> Exception:
    """All recipients refused: temporary only if every refusal was a 4xx (e.g. greylisting)."""
    codes = [code for code, _ in recipients.values()]
    detail = f"{message_id}: recipients refused: " + ", ".join(
        f"{addr} ({code})" for addr, (code, _) in sorted(recipients.items())
    )
    if codes and all(400 <= code < 500 for code in codes):
        return TemporaryFailure(detail)
    return PermanentFailure(detail)
