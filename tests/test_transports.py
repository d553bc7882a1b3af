"""SmtpTransport against a real aiosmtpd server; FileTransport against a real folder."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest

from mailbot.errors import LoginRefused
from mailbot.file_transport import AlreadyWritten, FileTransport, safe_name
from mailbot.smtp_transport import SmtpTransport
from mailbot.transport import PermanentFailure, TemporaryFailure
from tests.servers import SmtpServer, TlsCertificate, free_port
from tests.transport_support import MESSAGE_ID, RECIPIENT, SENDER, reply_bytes


def transport_for(server: SmtpServer) -> SmtpTransport:
    return SmtpTransport(server.host, server.port, security="none", timeout=10)


class TestSmtpTransport:
    def test_delivers_message_with_headers_intact(self, smtp_server: SmtpServer) -> None:
        transport_for(smtp_server).send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)

        [received] = smtp_server.messages
        assert received.mail_from == SENDER
        assert received.rcpt_tos == [RECIPIENT]
        parsed = message_from_bytes(received.raw, policy=policy.default)
        assert parsed["Message-ID"] == MESSAGE_ID
        assert parsed["In-Reply-To"] == "<inbound-1@kommune.example>"
        assert parsed["Auto-Submitted"] == "auto-replied"
        assert parsed["X-Mailbot-Reply"] == "confirmation"
        assert parsed["Subject"] == "Stadfesting: påmelding til Kulturskole for fremtiden"
        assert "frå Ålesund" in parsed.get_content()

    def test_bare_lf_message_goes_out_with_crlf(self, smtp_server: SmtpServer) -> None:
        """``EmailMessage.as_bytes()`` writes LF; strict servers refuse that as one long line."""
        lf_message = reply_bytes().replace(b"\r\n", b"\n")

        transport_for(smtp_server).send(lf_message, SENDER, [RECIPIENT], MESSAGE_ID)

        [received] = smtp_server.messages
        assert received.raw == reply_bytes()

    def test_451_is_temporary(self, smtp_server: SmtpServer) -> None:
        smtp_server.fail_with("451 4.3.0 Try again later")
        with pytest.raises(TemporaryFailure, match="451"):
            transport_for(smtp_server).send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)
        assert smtp_server.messages == []

    def test_550_is_permanent(self, smtp_server: SmtpServer) -> None:
        smtp_server.fail_with("550 5.7.1 Message rejected")
        with pytest.raises(PermanentFailure, match="550"):
            transport_for(smtp_server).send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)

    def test_refused_recipient_is_permanent(self, smtp_server: SmtpServer) -> None:
        smtp_server.fail_with("550 5.1.1 No such user", stage="rcpt")
        with pytest.raises(PermanentFailure, match="recipients refused"):
            transport_for(smtp_server).send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)

    def test_greylisted_recipient_is_temporary(self, smtp_server: SmtpServer) -> None:
        smtp_server.fail_with("450 4.2.0 Greylisted, come back later", stage="rcpt")
        with pytest.raises(TemporaryFailure, match="450"):
            transport_for(smtp_server).send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)

    def test_recovers_after_temporary_failure(self, smtp_server: SmtpServer) -> None:
        transport = transport_for(smtp_server)
        smtp_server.fail_with("451 4.3.0 Try again later")
        with pytest.raises(TemporaryFailure):
            transport.send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)
        smtp_server.fail_with(None)
        transport.send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)
        assert len(smtp_server.messages) == 1

    def test_connection_refused_is_temporary(self) -> None:
        transport = SmtpTransport("127.0.0.1", free_port(), security="none", timeout=5)
        with pytest.raises(TemporaryFailure):
            transport.send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)

    def test_starttls_and_login(
        self, smtp_server: SmtpServer, tls_certificate: TlsCertificate
    ) -> None:
        transport = SmtpTransport(
            smtp_server.host,
            smtp_server.port,
            smtp_server.user,
            smtp_server.password,
            security="starttls",
            timeout=10,
            ssl_context=tls_certificate.client_context(),
        )
        transport.send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)

        [received] = smtp_server.messages
        assert received.login == smtp_server.user
        assert received.raw == reply_bytes()

    def test_wrong_password_is_a_refused_login_not_a_failed_reply(
        self, smtp_server: SmtpServer, tls_certificate: TlsCertificate
    ) -> None:
        transport = SmtpTransport(
            smtp_server.host,
            smtp_server.port,
            smtp_server.user,
            "wrong",
            security="starttls",
            timeout=10,
            ssl_context=tls_certificate.client_context(),
        )
        with pytest.raises(LoginRefused, match="login refused \\(535") as refused:
            transport.send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)
        assert refused.value.server == "smtp"
        assert "wrong" not in str(refused.value)
        assert smtp_server.messages == []

    def test_repr_hides_password(self) -> None:
        transport = SmtpTransport("smtp.example", 587, "bot", "hunter2", security="starttls")
        assert "hunter2" not in repr(transport)


class TestFileTransport:
    def test_writes_message_once_as_eml(self, tmp_path: Path) -> None:
        transport = FileTransport(tmp_path / "outbox")
        transport.send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)

        written = list((tmp_path / "outbox").iterdir())
        assert [path.name for path in written] == ["reply-1.abc@mailbot.example.eml"]
        assert written[0].read_bytes() == reply_bytes()

    def test_refuses_duplicate_message_id(self, tmp_path: Path) -> None:
        transport = FileTransport(tmp_path)
        transport.send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)
        with pytest.raises(AlreadyWritten):
            transport.send(b"Subject: other\r\n\r\nchanged\r\n", SENDER, [RECIPIENT], MESSAGE_ID)

        assert transport.path_for(MESSAGE_ID).read_bytes() == reply_bytes()
        assert [path.name for path in tmp_path.iterdir()] == ["reply-1.abc@mailbot.example.eml"], (
            "no temp file left behind"
        )

    def test_duplicate_is_a_permanent_failure(self, tmp_path: Path) -> None:
        transport = FileTransport(tmp_path)
        transport.send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)
        with pytest.raises(PermanentFailure):
            transport.send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)

    def test_unsafe_message_ids_get_distinct_safe_names(self) -> None:
        first, second = safe_name("<a/b@x>"), safe_name("<a:b@x>")
        assert first != second
        assert "/" not in first and ":" not in second
        assert safe_name("<../../etc/passwd>").startswith("_")

    def test_unwritable_folder_is_temporary(self, tmp_path: Path) -> None:
        blocker = tmp_path / "file"
        blocker.write_text("not a folder")
        with pytest.raises(TemporaryFailure):
            FileTransport(blocker / "outbox").send(reply_bytes(), SENDER, [RECIPIENT], MESSAGE_ID)
