"""Deliver outgoing mail over SMTP, telling the outbox whether a failure is worth retrying.

The outbox retries a :class:`~mailbot.transport.TemporaryFailure` with backoff, stops at a
:class:`~mailbot.transport.PermanentFailure` and never resends an
:class:`~mailbot.transport.UncertainDelivery`, so the classification here decides whether a
reply can ever go out twice. The line is the message content: until the server has asked for
it (``354``) nothing can have been delivered, so 4xx answers, timeouts and lost connections
are temporary and 5xx answers permanent. Once the content is on its way, only a final answer
tells what happened: 2xx sent, 4xx temporary, 5xx permanent; a lost connection, a timeout or
a garbled answer there is uncertain (the server may have accepted the message).

``smtplib.SMTP.sendmail`` does the envelope and the content in one call and raises the same
exceptions on either side of that line, so the steps are spelled out here.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from typing import TYPE_CHECKING, Literal

from mailbot.errors import LoginRefused
from mailbot.transport import PermanentFailure, TemporaryFailure, UncertainDelivery

if TYPE_CHECKING:
    from mailbot.oauth import AccessTokens

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
        tokens: AccessTokens | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.username = username
        self._password = password
        self._tokens = tokens
        """XOAUTH2 (Microsoft 365, Google) instead of the password when given."""
        self.security = security
        self.timeout = timeout
        self.ssl_context = ssl_context or ssl.create_default_context()

    def __repr__(self) -> str:
        """Show where we send, never the password."""
        return f"SmtpTransport({self.host}:{self.port}, security={self.security!r})"

    def send(self, raw: bytes, sender: str, recipients: list[str], message_id: str) -> None:
        """Deliver ``raw`` to every recipient or raise Temporary/PermanentFailure or
        UncertainDelivery (see the module docstring).

        A partial refusal (some recipients accepted) is permanent for the refused ones; it is
        raised so the organiser sees it, since retrying would duplicate for the accepted ones.
        """
        content = to_crlf(raw)
        smtp: smtplib.SMTP | None = None
        try:
            smtp = self._connect()
            smtp_login(smtp, self.username, self._tokens or self._password, self._where())
            refused = _envelope(smtp, sender, recipients, len(content))
            _start_data(smtp)
        except smtplib.SMTPRecipientsRefused as exc:
            _close(smtp)
            raise _classify_refused(exc.recipients, message_id) from exc
        except smtplib.SMTPResponseException as exc:
            _close(smtp)
            raise _classify_code(exc.smtp_code, exc.smtp_error, message_id) from exc
        except (smtplib.SMTPException, OSError) as exc:
            _close(smtp)
            raise TemporaryFailure(f"{message_id}: {self.host}:{self.port}: {exc}") from exc
        try:
            code, reply = _transmit(smtp, content)
        except (smtplib.SMTPException, OSError) as exc:
            _close(smtp)
            raise UncertainDelivery(
                f"{message_id}: {self.host}:{self.port}: no answer after the content: {exc}"
            ) from exc
        _quit(smtp)
        if not 200 <= code < 300:
            raise _classify_final(code, reply, message_id)
        if refused:
            raise PermanentFailure(f"{message_id}: recipients refused: {sorted(refused)}")
        log.info("sent %s via %s:%d", message_id, self.host, self.port)

    def verify(self) -> None:
        """Connect, say EHLO and log in, then QUIT without sending (``mailbot check``)."""
        smtp = self._connect()
        try:
            smtp.ehlo_or_helo_if_needed()
            smtp_login(smtp, self.username, self._tokens or self._password, self._where())
        except BaseException:
            _close(smtp)
            raise
        _quit(smtp)

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

    def _where(self) -> str:
        return f"smtp://{self.username + '@' if self.username else ''}{self.host}:{self.port}"


def smtp_login(
    smtp: smtplib.SMTP, username: str | None, secret: str | AccessTokens | None, where: str
) -> None:
    """Authenticate when credentials are configured: a password, or access tokens for
    XOAUTH2. A refusal closes the connection and raises LoginRefused: no reply is tried (or
    counted) until the login works again."""
    if username is None or secret is None:
        return
    try:
        if isinstance(secret, str):
            _authenticate_once(smtp, username, secret)
        else:
            _authenticate_xoauth2(smtp, username, secret)
    except smtplib.SMTPAuthenticationError as error:
        smtp.close()
        text = (
            error.smtp_error.decode("utf-8", "replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        raise LoginRefused(
            "smtp",
            f"SMTP server {where}: login refused ({error.smtp_code} {text}); check "
            f"smtp.username and {_secret_setting(secret)}",
        ) from error


def _secret_setting(secret: str | AccessTokens) -> str:
    return "MAILBOT_SMTP__PASSWORD" if isinstance(secret, str) else "the [oauth] settings"


def _authenticate_once(smtp: smtplib.SMTP, username: str, password: str) -> None:
    """One AUTH, PLAIN when offered, else LOGIN. ``smtplib.SMTP.login`` would try every
    mechanism the server offers in turn, so one wrong password counted as several failures
    towards the provider's lock-out."""
    smtp.ehlo_or_helo_if_needed()
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    mechanism = next((m for m in ("PLAIN", "LOGIN") if m in offered), None)
    if mechanism is None:
        smtp.login(username, password)  # smtplib explains what the server lacks
        return
    smtp.user, smtp.password = username, password
    authobject = smtp.auth_plain if mechanism == "PLAIN" else smtp.auth_login
    smtp.auth(mechanism, authobject, initial_response_ok=True)


def _authenticate_xoauth2(smtp: smtplib.SMTP, username: str, tokens: AccessTokens) -> None:
    """AUTH XOAUTH2 with the token as initial response. A refusing server first sends a
    334 challenge holding its error as JSON; the SASL exchange wants an empty line back,
    after which the server gives its final 535 (raised as SMTPAuthenticationError)."""
    from mailbot.oauth import xoauth2_string

    smtp.ehlo_or_helo_if_needed()
    initial = xoauth2_string(username, tokens.access_token("smtp"))

    def respond(challenge: bytes | None = None) -> str:
        return initial if challenge is None else ""

    smtp.auth("XOAUTH2", respond, initial_response_ok=True)


def _envelope(
    smtp: smtplib.SMTP, sender: str, recipients: list[str], size: int
) -> dict[str, tuple[int, bytes]]:
    """EHLO, MAIL FROM and RCPT TO as ``sendmail`` does them; returns the refused recipients.

    Raises ``SMTPSenderRefused`` or, when every recipient is refused, ``SMTPRecipientsRefused``.
    """
    smtp.ehlo_or_helo_if_needed()
    options = [f"SIZE={size}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, reply = smtp.mail(sender, options)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused: dict[str, tuple[int, bytes]] = {}
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, reply)
    if len(refused) == len(recipients):
        raise smtplib.SMTPRecipientsRefused(refused)
    return refused


def _start_data(smtp: smtplib.SMTP) -> None:
    """Send DATA and wait for ``354``: up to here nothing of the message has left us."""
    code, reply = smtp.docmd("DATA")
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)


def _transmit(smtp: smtplib.SMTP, content: bytes) -> tuple[int, bytes]:
    """Send the dot-stuffed content and its terminating ``.``; return the final answer."""
    stuffed = _LEADING_DOT.sub(b"..", content)
    if not stuffed.endswith(b"\r\n"):
        stuffed += b"\r\n"
    smtp.send(stuffed + b".\r\n")
    return smtp.getreply()


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye; the answer is already known, so a failure here changes nothing."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        _close(smtp)


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        smtp.close()


_LINE_END = re.compile(rb"\r\n|\r|\n")
_LEADING_DOT = re.compile(rb"(?m)^\.")


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


def _classify_final(code: int, error: bytes, message_id: str) -> Exception:
    """The answer to the content: 4xx → temporary, 5xx → permanent, anything else uncertain."""
    if 400 <= code < 600:
        return _classify_code(code, error, message_id)
    text = error.decode("utf-8", "replace")
    return UncertainDelivery(f"{message_id}: unexpected answer to the content: {code} {text}")


def _classify_refused(recipients: dict[str, tuple[int, bytes]], message_id: str) -> Exception:
    """All recipients refused: temporary only if every refusal was a 4xx (e.g. greylisting)."""
    codes = [code for code, _ in recipients.values()]
    detail = f"{message_id}: recipients refused: " + ", ".join(
        f"{addr} ({code})" for addr, (code, _) in sorted(recipients.items())
    )
    if codes and all(400 <= code < 500 for code in codes):
        return TemporaryFailure(detail)
    return PermanentFailure(detail)
