"""ImapSource against a real Dovecot: UIDs, UIDVALIDITY, peeking, acknowledging, moving, IDLE."""

from __future__ import annotations

import ssl
import threading
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from imapclient.exceptions import LoginError

from mailbot.errors import LoginRefused, UserError
from mailbot.sources.base import FetchedMessage
from mailbot.sources.imap import STORED_KEYWORD, ImapSource, ImapSourceError
from tests.servers import DovecotServer, free_port

OSLO = ZoneInfo("Europe/Oslo")


def registration(number: int) -> bytes:
    """A small reply from a municipality, CRLF line ends and non-ASCII as on the wire."""
    return (
        f"From: Kari Nordmann <kari{number}@kommune.example>\r\n"
        "To: registration@kulturskole.example\r\n"
        f"Subject: =?utf-8?q?P=C3=A5melding_{number}?=\r\n"
        f"Message-ID: <reply-{number}@kommune.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "\r\n"
        f"Vi melder på {number} deltakarar frå Ørsta.\r\n"
    ).encode()


def source_for(server: DovecotServer, **options: object) -> ImapSource:
    """An ImapSource on the test server over plain TCP (the fixture has no TLS)."""
    return ImapSource(
        server.host,
        server.port,
        server.user,
        server.password,
        ssl=False,
        starttls=False,
        **options,  # type: ignore[arg-type]
    )


def fetch_all(server: DovecotServer, **options: object) -> list[FetchedMessage]:
    """One polling round on a fresh connection, without acknowledging anything."""
    with source_for(server, **options) as source:
        return list(source.fetch())


def server_flags(server: DovecotServer, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
    """FLAGS of every message in ``folder``, read without touching them."""
    with server.client() as client:
        client.select_folder(folder, readonly=True)
        uids = client.search("ALL")
        if not uids:
            return {}
        return {uid: data[b"FLAGS"] for uid, data in client.fetch(uids, ["FLAGS"]).items()}


class TestFetch:
    def test_yields_every_message_with_raw_bytes_and_internaldate(
        self, dovecot: DovecotServer
    ) -> None:
        arrived = datetime(2020, 5, 7, 14, 30, 5, tzinfo=OSLO)
        first = dovecot.append(registration(1), msg_time=arrived)
        second = dovecot.append(registration(2), msg_time=arrived)

        messages = fetch_all(dovecot)

        assert [m.uid for m in messages] == [str(first), str(second)]
        assert [m.raw for m in messages] == [registration(1), registration(2)]
        assert messages[0].internaldate == arrived.astimezone(UTC)
        assert messages[0].internaldate.tzinfo is not None
        expected_name = f"imap://{dovecot.user}@{dovecot.host}:{dovecot.port}/INBOX"
        assert {m.source for m in messages} == {expected_name}

    def test_polling_leaves_messages_unseen(self, dovecot: DovecotServer) -> None:
        dovecot.append(registration(1))
        dovecot.append(registration(2))

        assert len(fetch_all(dovecot)) == 2

        flags = server_flags(dovecot)
        assert len(flags) == 2
        assert all(b"\\Seen" not in message_flags for message_flags in flags.values())

    def test_reports_the_folders_uidvalidity(self, dovecot: DovecotServer) -> None:
        dovecot.append(registration(1))
        with dovecot.client() as client:
            expected = client.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"]

        with source_for(dovecot) as source:
            assert source.uidvalidity == expected
            [message] = source.fetch()
        assert message.uidvalidity == expected

    def test_fetches_in_batches_in_uid_order(self, dovecot: DovecotServer) -> None:
        uids = [dovecot.append(registration(n)) for n in range(5)]

        messages = fetch_all(dovecot, batch_size=2)

        assert [int(m.uid) for m in messages] == uids
        assert [m.raw for m in messages] == [registration(n) for n in range(5)]

    def test_empty_folder_yields_nothing(self, dovecot: DovecotServer) -> None:
        assert fetch_all(dovecot) == []


class TestAcknowledge:
    def test_acknowledged_messages_are_not_fetched_again(self, dovecot: DovecotServer) -> None:
        dovecot.append(registration(1))
        dovecot.append(registration(2))
        with source_for(dovecot) as source:
            for message in source.fetch():
                source.acknowledge(message)

        assert fetch_all(dovecot) == []
        flags = server_flags(dovecot)
        assert all(STORED_KEYWORD in message_flags for message_flags in flags.values())
        assert all(b"\\Seen" not in message_flags for message_flags in flags.values())

    def test_unacknowledged_message_is_fetched_again_after_a_crash(
        self, dovecot: DovecotServer
    ) -> None:
        dovecot.append(registration(1))
        second = dovecot.append(registration(2))
        with source_for(dovecot) as source:
            first_message, _crashed_before_commit = list(source.fetch())
            source.acknowledge(first_message)

        [again] = fetch_all(dovecot)
        assert again.uid == str(second)
        assert again.raw == registration(2)

    def test_refuses_a_message_from_another_uidvalidity(self, dovecot: DovecotServer) -> None:
        dovecot.append(registration(1))
        with source_for(dovecot) as source:
            [message] = source.fetch()
            stale = FetchedMessage(
                message.source, message.uidvalidity + 1, message.uid, message.raw
            )
            with pytest.raises(ImapSourceError, match="UIDVALIDITY"):
                source.acknowledge(stale)
        assert len(fetch_all(dovecot)) == 1


class NoMoveImapSource(ImapSource):
    """Behaves as against a server without the MOVE extension (Dovecot always offers it)."""

    def has_capability(self, name: str) -> bool:
        return name.upper() != "MOVE" and super().has_capability(name)


class TestProcessedFolder:
    @pytest.mark.parametrize("source_class", [ImapSource, NoMoveImapSource])
    def test_acknowledge_moves_to_processed_folder(
        self, dovecot: DovecotServer, source_class: type[ImapSource]
    ) -> None:
        dovecot.append(registration(1))
        dovecot.append(registration(2))
        source = source_class(
            dovecot.host,
            dovecot.port,
            dovecot.user,
            dovecot.password,
            ssl=False,
            processed_folder="Processed",
        )
        with source:
            for message in source.fetch():
                source.acknowledge(message)

        assert server_flags(dovecot, "INBOX") == {}
        moved = server_flags(dovecot, "Processed")
        assert len(moved) == 2
        assert all(STORED_KEYWORD in message_flags for message_flags in moved.values())
        assert all(b"\\Seen" not in message_flags for message_flags in moved.values())
        assert fetch_all(dovecot, processed_folder="Processed") == []

    def test_flagged_but_unmoved_message_is_fetched_again(self, dovecot: DovecotServer) -> None:
        """A crash between setting the keyword and moving must not strand the message."""
        uid = dovecot.append(registration(1))
        with dovecot.client() as client:
            client.select_folder("INBOX")
            client.add_flags([uid], [STORED_KEYWORD])

        [message] = fetch_all(dovecot, processed_folder="Processed")
        assert message.uid == str(uid)


class TestConnection:
    def test_wrong_password_fails_at_once(self, dovecot: DovecotServer) -> None:
        source = ImapSource(dovecot.host, dovecot.port, dovecot.user, "wrong", ssl=False)
        with pytest.raises(LoginRefused, match="IMAP server .* login refused") as refused, source:
            pass
        assert isinstance(refused.value.__cause__, LoginError)
        assert "wrong" not in str(refused.value)
        with pytest.raises(LoginRefused), source:
            pass

    def test_connection_refused_is_retried_then_raised(self) -> None:
        source = ImapSource(
            "127.0.0.1", free_port(), "u", "p", ssl=False, connect_attempts=3, backoff_max=0
        )
        with pytest.raises(UserError, match="cannot connect") as error, source:
            pass
        assert isinstance(error.value.__cause__, ConnectionRefusedError)

    def test_implicit_tls_with_trusted_certificate(self, dovecot: DovecotServer) -> None:
        dovecot.append(registration(1))
        source = ImapSource(
            dovecot.host,
            dovecot.ssl_port,
            dovecot.user,
            dovecot.password,
            ssl=True,
            ssl_context=dovecot.ssl_context(),
        )
        with source:
            assert [m.raw for m in source.fetch()] == [registration(1)]

    def test_starttls_with_trusted_certificate(self, dovecot: DovecotServer) -> None:
        dovecot.append(registration(1))
        source = ImapSource(
            dovecot.host,
            dovecot.port,
            dovecot.user,
            dovecot.password,
            ssl=False,
            starttls=True,
            ssl_context=dovecot.ssl_context(),
        )
        with source:
            assert [m.raw for m in source.fetch()] == [registration(1)]

    def test_untrusted_certificate_fails_without_retrying(self, dovecot: DovecotServer) -> None:
        source = ImapSource(
            dovecot.host, dovecot.ssl_port, dovecot.user, dovecot.password, ssl=True
        )
        with pytest.raises(UserError, match="certificate is not trusted") as error, source:
            pass
        assert isinstance(error.value.__cause__, ssl.SSLCertVerificationError)

    def test_repr_hides_password(self, dovecot: DovecotServer) -> None:
        assert dovecot.password not in repr(source_for(dovecot))


class TestIdle:
    def test_reports_mail_that_arrived_since_the_last_poll(self, dovecot: DovecotServer) -> None:
        with source_for(dovecot) as source:
            assert list(source.fetch()) == []
            dovecot.append(registration(1))

            assert source.idle_wait(timeout=10) is True
            [message] = source.fetch()
        assert message.raw == registration(1)

    def test_wakes_up_for_mail_arriving_while_idling(self, dovecot: DovecotServer) -> None:
        """The append races with IDLE on purpose: before or during it, the answer is True."""
        with source_for(dovecot) as source:
            assert source.has_capability("IDLE")
            assert list(source.fetch()) == []
            appender = threading.Thread(target=dovecot.append, args=(registration(1),))
            appender.start()
            try:
                assert source.idle_wait(timeout=15) is True
            finally:
                appender.join(timeout=15)
            assert [m.raw for m in source.fetch()] == [registration(1)]

    def test_times_out_without_new_mail(self, dovecot: DovecotServer) -> None:
        with source_for(dovecot) as source:
            assert source.idle_wait(timeout=0.2) is False
