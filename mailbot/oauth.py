"""Access tokens for XOAUTH2, the only login Microsoft 365 and Google Workspace still accept.

Both providers have turned basic authentication off for IMAP and are retiring it for SMTP, so
a mailbox there is opened with an OAuth 2.0 access token instead of a password. The tokens
come from the providers' own libraries rather than hand-written HTTP: MSAL for Microsoft
(client credentials of an app registration, or a device-code sign-in whose refresh token is
kept in a cache file readable by its owner only) and google-auth for Google (a refresh token).
Both libraries cache the access token and refresh it shortly before it expires.

A token endpoint that refuses us (wrong client secret, consent missing, revoked refresh token)
is a refused login: :class:`~mailbot.errors.LoginRefused`, so the worker stops knocking until
it is restarted, as for a wrong password. A network failure is an ``OSError`` like any other
connection error and is retried.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, Protocol

from mailbot.errors import LoginRefused, UserError
from mailbot.settings import OAuthSettings

Server = Literal["imap", "smtp"]

MICROSOFT_APP_SCOPES = ("https://outlook.office365.com/.default",)
"""Client credentials: the app's IMAP and SMTP permissions granted by the tenant's admin."""
MICROSOFT_USER_SCOPES = (
    "https://outlook.office.com/IMAP.AccessAsUser.All",
    "https://outlook.office.com/SMTP.Send",
)
"""Device code: the signed-in user's own mailbox (MSAL adds offline_access itself)."""
GOOGLE_SCOPES = ("https://mail.google.com/",)


class AccessTokens(Protocol):
    """Something that hands out a currently valid access token."""

    def access_token(self, server: Server) -> str:
        """A bearer token for ``server``; raises LoginRefused when the provider refuses."""
        ...


def xoauth2_string(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response (Google's and Microsoft's documented format)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def _refused(server: Server, provider: str, result: dict[str, Any]) -> LoginRefused:
    """LoginRefused naming the provider's error, never the token or the secret."""
    reason = result.get("error_description") or result.get("error") or "no token"
    first_line = str(reason).splitlines()[0] if reason else "no token"
    return LoginRefused(
        server,
        f"{provider} token endpoint refused mailbot ({first_line}); check the [oauth] "
        "settings and MAILBOT_OAUTH__CLIENT_SECRET / MAILBOT_OAUTH__REFRESH_TOKEN",
    )


def _authority(host: str, tenant_id: str) -> str:
    """The tenant's MSAL authority URL (``https://login.microsoftonline.com/<tenant>``)."""
    return f"{host.rstrip('/')}/{tenant_id}"


@dataclass
class MicrosoftClientCredentials:
    """An app registration's own token (no user present): the service's normal mode."""

    tenant_id: str
    client_id: str
    client_secret: str
    authority_host: str = "https://login.microsoftonline.com"

    @cached_property
    def _app(self) -> Any:
        """Made on first use, then kept: MSAL caches the app's token inside it."""
        import msal  # imported on use: only deployments with XOAUTH2 need it

        return msal.ConfidentialClientApplication(
            self.client_id,
            client_credential=self.client_secret,
            authority=_authority(self.authority_host, self.tenant_id),
            instance_discovery=False,
        )

    def access_token(self, server: Server) -> str:
        result = self._app.acquire_token_for_client(scopes=list(MICROSOFT_APP_SCOPES))
        if "access_token" not in result:
            raise _refused(server, "Microsoft", result)
        return str(result["access_token"])


@dataclass
class MicrosoftDeviceCode:
    """A user's delegated token: signed in once with ``mailbot oauth login``, then refreshed
    from the cache file (mode 0600) without anyone present."""

    tenant_id: str
    client_id: str
    token_cache: Path
    authority_host: str = "https://login.microsoftonline.com"

    def access_token(self, server: Server) -> str:
        app, cache = self._app()
        accounts = app.get_accounts()
        if not accounts:
            raise LoginRefused(
                server,
                f"no Microsoft sign-in in {self.token_cache}; run 'mailbot oauth login' once",
            )
        result = app.acquire_token_silent(list(MICROSOFT_USER_SCOPES), account=accounts[0])
        _save_cache(cache, self.token_cache)
        if not result or "access_token" not in result:
            raise _refused(server, "Microsoft", result or {})
        return str(result["access_token"])

    def sign_in(self, show: Callable[[str], None]) -> str:
        """The interactive device-code dialogue: ``show`` gets the text with the code to type
        at microsoft.com/devicelogin; returns the account signed in. Not testable here (it
        needs a person and a real tenant)."""
        app, cache = self._app()
        flow = app.initiate_device_flow(scopes=list(MICROSOFT_USER_SCOPES))
        if "user_code" not in flow:
            raise UserError(f"Microsoft refused the device sign-in: {flow.get('error')}")
        show(str(flow["message"]))
        result = app.acquire_token_by_device_flow(flow)
        if "access_token" not in result:
            raise _refused("imap", "Microsoft", result)
        _save_cache(cache, self.token_cache)
        claims = result.get("id_token_claims") or {}
        return str(claims.get("preferred_username", "the account"))

    def _app(self) -> tuple[Any, Any]:
        import msal

        cache = msal.SerializableTokenCache()
        if self.token_cache.is_file():
            cache.deserialize(self.token_cache.read_text())
        app = msal.PublicClientApplication(
            self.client_id,
            authority=_authority(self.authority_host, self.tenant_id),
            token_cache=cache,
            instance_discovery=False,
        )
        return app, cache


def _save_cache(cache: Any, path: Path) -> None:
    """Write the token cache for its owner only (it holds a refresh token)."""
    if not cache.has_state_changed:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(cache.serialize())
    path.chmod(0o600)  # an existing file keeps its old mode through O_CREAT


@dataclass
class GoogleRefreshToken:
    """Google Workspace: a long-lived refresh token from a one-time consent, exchanged for
    short-lived access tokens."""

    client_id: str
    client_secret: str
    refresh_token: str
    token_uri: str = "https://oauth2.googleapis.com/token"

    @cached_property
    def _credentials(self) -> Any:
        """Made on first use, then kept: they hold the access token until it expires."""
        from google.oauth2.credentials import Credentials

        return Credentials(  # type: ignore[no-untyped-call]
            token=None,
            refresh_token=self.refresh_token,
            token_uri=self.token_uri,
            client_id=self.client_id,
            client_secret=self.client_secret,
            scopes=list(GOOGLE_SCOPES),
        )

    def access_token(self, server: Server) -> str:
        from google.auth.exceptions import RefreshError
        from google.auth.transport.requests import Request

        if not self._credentials.valid:
            try:
                self._credentials.refresh(Request())
            except RefreshError as error:
                raise _refused(server, "Google", _google_error(error)) from None
        return str(self._credentials.token)


def _google_error(error: Exception) -> dict[str, Any]:
    """google-auth puts the endpoint's JSON answer in the exception's second argument."""
    details = error.args[1] if len(error.args) > 1 else None
    if isinstance(details, dict):
        return details
    try:
        parsed = json.loads(str(details))
    except (TypeError, ValueError):
        return {"error": str(error.args[0]) if error.args else "refused"}
    return parsed if isinstance(parsed, dict) else {"error": "refused"}


def access_tokens(settings: OAuthSettings) -> AccessTokens:
    """The token source the ``[oauth]`` section describes (validated by the settings)."""
    secret = settings.client_secret.get_secret_value() if settings.client_secret else ""
    if settings.provider == "google":
        assert settings.refresh_token is not None  # checked by OAuthSettings
        return GoogleRefreshToken(
            settings.client_id,
            secret,
            settings.refresh_token.get_secret_value(),
            settings.token_uri,
        )
    assert settings.tenant_id is not None  # checked by OAuthSettings
    if settings.flow == "device_code":
        return MicrosoftDeviceCode(
            settings.tenant_id, settings.client_id, settings.token_cache, settings.authority_host
        )
    return MicrosoftClientCredentials(
        settings.tenant_id, settings.client_id, secret, settings.authority_host
    )
