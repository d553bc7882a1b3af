"""XOAUTH2 logins, as Microsoft 365 and Google Workspace require, against real servers.

Dovecot checks each token with its oauth2 passdb against the local provider's introspection
endpoint, aiosmtpd with an XOAUTH2 mechanism against the same provider, and MSAL and
google-auth fetch the tokens from the provider's https token endpoints (tests/oauth_servers.py).
What cannot be tested here — a real tenant, the admin consent, the device-code dialogue — is
described in the README's Microsoft 365 and Google sections.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult

from mailbot.cli import main
from mailbot.errors import LoginRefused
from mailbot.oauth import (
    GoogleRefreshToken,
    MicrosoftClientCredentials,
    MicrosoftDeviceCode,
    access_tokens,
)
from mailbot.settings import OAuthSettings, SettingsError, load_settings
from mailbot.smtp_transport import SmtpTransport
from mailbot.sources.imap import ImapSource
from tests.oauth_servers import (
    CLIENT_ID,
    CLIENT_SECRET,
    REFRESH_TOKEN,
    TENANT,
    OAuthProvider,
)
from tests.servers import (
    STARTUP_DEADLINE,
    DovecotServer,
    RecordingHandler,
    TlsCertificate,
    free_port,
    running_dovecot,
)

REGISTRATION = b"From: Kari Berg <kari@voss.kommune.no>\r\nSubject: Pamelding\r\n\r\nHei\r\n"


@pytest.fixture
def oauth_dovecot(
    tls_certificate: TlsCertificate, oauth_provider: OAuthProvider
) -> Iterator[DovecotServer]:
    """Dovecot whose oauth2 passdb asks the provider whether a token is active."""
    with running_dovecot(tls_certificate, oauth_provider.introspection_url) as server:
        yield server


def microsoft(provider: OAuthProvider, secret: str = CLIENT_SECRET) -> MicrosoftClientCredentials:
    return MicrosoftClientCredentials(TENANT, CLIENT_ID, secret, provider.base_url)


def imap_source(server: DovecotServer, tokens: object) -> ImapSource:
    return ImapSource(
        server.host,
        server.port,
        server.user,
        None,
        ssl=False,
        tokens=tokens,  # type: ignore[arg-type]
        connect_attempts=1,
    )


def test_imap_logs_in_with_a_microsoft_app_token_and_reads_the_inbox(
    oauth_dovecot: DovecotServer, oauth_provider: OAuthProvider
) -> None:
    oauth_dovecot.append(REGISTRATION)
    tokens = microsoft(oauth_provider)

    with imap_source(oauth_dovecot, tokens) as source:
        fetched = list(source.fetch())
    with imap_source(oauth_dovecot, tokens) as source:
        pass

    assert [message.raw for message in fetched] == [REGISTRATION]
    assert oauth_provider.grants == ["client_credentials"]  # the second login reused the token
    assert "xoauth2" in oauth_dovecot.log().lower()


def test_imap_logs_in_with_a_google_refresh_token(
    oauth_dovecot: DovecotServer, oauth_provider: OAuthProvider
) -> None:
    tokens = GoogleRefreshToken(
        CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, f"{oauth_provider.base_url}/google/token"
    )

    with imap_source(oauth_dovecot, tokens) as source:
        assert list(source.fetch()) == []

    assert oauth_provider.grants == ["refresh_token"]


def test_a_wrong_client_secret_is_a_refused_login_naming_the_provider_not_the_secret(
    oauth_dovecot: DovecotServer, oauth_provider: OAuthProvider
) -> None:
    with (
        pytest.raises(LoginRefused) as refused,
        imap_source(oauth_dovecot, microsoft(oauth_provider, secret="wrong-s3cret")),
    ):
        pass

    assert refused.value.server == "imap"
    assert "AADSTS7000215" in str(refused.value)
    assert "wrong-s3cret" not in str(refused.value)


def test_a_revoked_google_refresh_token_is_a_refused_login(
    oauth_provider: OAuthProvider,
) -> None:
    tokens = GoogleRefreshToken(
        CLIENT_ID, CLIENT_SECRET, "revoked", f"{oauth_provider.base_url}/google/token"
    )

    with pytest.raises(LoginRefused) as refused:
        tokens.access_token("smtp")

    assert refused.value.server == "smtp"
    assert "Google" in str(refused.value)


def test_a_token_the_server_no_longer_accepts_is_a_refused_imap_login(
    oauth_dovecot: DovecotServer, oauth_provider: OAuthProvider
) -> None:
    tokens = microsoft(oauth_provider)
    tokens.access_token("imap")
    oauth_provider.revoke_all()

    with pytest.raises(LoginRefused) as refused, imap_source(oauth_dovecot, tokens):
        pass

    assert refused.value.server == "imap"


# --------------------------------------------------------------------------- SMTP


class Xoauth2Handler(RecordingHandler):
    """Records messages and accepts AUTH XOAUTH2 with a token the provider calls active."""

    def __init__(self, provider: OAuthProvider) -> None:
        super().__init__()
        self.provider = provider
        self.users: list[str] = []

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:  # noqa: N802
        """Google's and Microsoft's exchange: a failure first sends a 334 JSON challenge."""
        fields = dict(
            part.split("=", 1)
            for part in base64.b64decode(args[1]).decode().split("\x01")
            if "=" in part
        )
        token = fields.get("auth", "").removeprefix("Bearer ")
        if self.provider.is_active(token):
            self.users.append(fields["user"])
            return AuthResult(success=True, auth_data=fields["user"])
        error = json.dumps({"status": "401", "schemes": "bearer"})
        await server.challenge_auth(error)
        return AuthResult(success=False, handled=False)  # aiosmtpd then answers 535


@pytest.fixture
def oauth_smtp(
    tls_certificate: TlsCertificate, oauth_provider: OAuthProvider
) -> Iterator[tuple[Xoauth2Handler, int]]:
    handler = Xoauth2Handler(oauth_provider)
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        ready_timeout=STARTUP_DEADLINE,
        tls_context=tls_certificate.server_context(),
        auth_require_tls=True,
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def send_reply(transport: SmtpTransport) -> None:
    message = EmailMessage()
    message["From"] = "torkel.oien@ks.example"
    message["To"] = "kari@voss.kommune.no"
    message["Subject"] = "Stadfesting"
    message["Message-ID"] = "<reply-1@ks.example>"
    message.set_content("Takk for påmeldinga.")
    transport.send(
        message.as_bytes(),
        "torkel.oien@ks.example",
        ["kari@voss.kommune.no"],
        "<reply-1@ks.example>",
    )


def smtp_transport(
    port: int, tls_certificate: TlsCertificate, tokens: MicrosoftClientCredentials
) -> SmtpTransport:
    return SmtpTransport(
        "127.0.0.1",
        port,
        username="torkel.oien@ks.example",
        security="starttls",
        ssl_context=tls_certificate.client_context(),
        tokens=tokens,
    )


def test_smtp_sends_with_auth_xoauth2(
    oauth_smtp: tuple[Xoauth2Handler, int],
    oauth_provider: OAuthProvider,
    tls_certificate: TlsCertificate,
) -> None:
    handler, port = oauth_smtp

    send_reply(smtp_transport(port, tls_certificate, microsoft(oauth_provider)))

    assert handler.users == ["torkel.oien@ks.example"]
    assert len(handler.messages) == 1


def test_smtp_refusing_the_token_is_a_refused_login_and_nothing_is_sent(
    oauth_smtp: tuple[Xoauth2Handler, int],
    oauth_provider: OAuthProvider,
    tls_certificate: TlsCertificate,
) -> None:
    handler, port = oauth_smtp
    tokens = microsoft(oauth_provider)
    tokens.access_token("smtp")
    oauth_provider.revoke_all()

    with pytest.raises(LoginRefused) as refused:
        send_reply(smtp_transport(port, tls_certificate, tokens))

    assert refused.value.server == "smtp"
    assert handler.messages == []


# --------------------------------------------------------------------------- settings


def test_xoauth2_needs_an_oauth_section(tmp_path: Path) -> None:
    config = tmp_path / "mailbot.toml"
    config.write_text(
        'outbox_dir = "."\n[imap]\nhost = "outlook.office365.com"\n'
        'username = "pamelding@ks.no"\nauth = "xoauth2"\n'
    )

    with pytest.raises(SettingsError, match=r"\[oauth\]"):
        load_settings(config)


def test_password_login_still_needs_its_password(tmp_path: Path) -> None:
    config = tmp_path / "mailbot.toml"
    config.write_text('outbox_dir = "."\n[imap]\nhost = "imap.ks.no"\nusername = "pamelding"\n')

    with pytest.raises(SettingsError, match="MAILBOT_IMAP__PASSWORD"):
        load_settings(config)


def test_the_client_secret_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mailbot.toml"
    config.write_text(
        'outbox_dir = "."\n[imap]\nhost = "outlook.office365.com"\n'
        'username = "pamelding@ks.no"\nauth = "xoauth2"\n'
        '[oauth]\nprovider = "microsoft"\ntenant_id = "ks.no"\nclient_id = "abc"\n'
    )
    with pytest.raises(SettingsError, match="MAILBOT_OAUTH__CLIENT_SECRET"):
        load_settings(config)

    monkeypatch.setenv("MAILBOT_OAUTH__CLIENT_SECRET", "from-env")
    settings = load_settings(config)

    assert settings.oauth is not None
    assert isinstance(access_tokens(settings.oauth), MicrosoftClientCredentials)


def test_google_wants_the_refresh_token_flow() -> None:
    with pytest.raises(ValueError, match="refresh_token"):
        OAuthSettings(provider="google", client_id="abc", client_secret="x")  # type: ignore[arg-type]


def test_a_device_code_login_not_yet_done_says_how_to_sign_in(
    tmp_path: Path, oauth_provider: OAuthProvider
) -> None:
    tokens = MicrosoftDeviceCode(
        TENANT, CLIENT_ID, tmp_path / "cache.json", oauth_provider.base_url
    )

    with pytest.raises(LoginRefused, match="mailbot oauth login"):
        tokens.access_token("imap")


def test_oauth_login_explains_when_the_flow_needs_no_sign_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mailbot.toml"
    config.write_text('[oauth]\nprovider = "microsoft"\ntenant_id = "ks.no"\nclient_id = "abc"\n')
    monkeypatch.setenv("MAILBOT_OAUTH__CLIENT_SECRET", "from-env")

    code = main(["oauth", "login", "--config", str(config)])

    assert code == 2
    assert 'flow = "device_code"' in capsys.readouterr().err
