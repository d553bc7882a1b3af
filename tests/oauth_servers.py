"""A local OAuth 2.0 provider for the XOAUTH2 tests: token endpoints and token introspection.

Microsoft's and Google's token endpoints cannot be reached here, and a real tenant cannot be
created in a test, so this is a small but real HTTPS server (certificate from a ``trustme``
CA; MSAL insists on https) that speaks the parts of both protocols mailbot uses:

* ``GET /<tenant>/v2.0/.well-known/openid-configuration`` and
  ``POST /<tenant>/oauth2/v2.0/token`` with ``grant_type=client_credentials`` (MSAL);
* ``POST /google/token`` with ``grant_type=refresh_token`` (google-auth);
* ``POST /introspect`` (RFC 7662, plain http for Dovecot's oauth2 passdb): a token it issued
  is active for the mailbox user until :meth:`OAuthProvider.revoke_all`.

Libraries find the CA through ``REQUESTS_CA_BUNDLE`` (both MSAL and google-auth use requests),
which the fixture sets, as a deployment behind a corporate CA would.
"""

from __future__ import annotations

import json
import secrets
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import trustme

from tests.servers import free_port

TENANT = "ks.example"
CLIENT_ID = "mailbot-app"
CLIENT_SECRET = "app-s3cret"
REFRESH_TOKEN = "google-refresh-1"


@dataclass
class OAuthProvider:
    """What the provider issued and was asked; see the module docstring."""

    base_url: str
    introspection_url: str
    ca_file: Path
    mailbox: str = "registration"
    grants: list[str] = field(default_factory=list)
    """``grant_type`` of every token request, in order."""
    issued: set[str] = field(default_factory=set)
    revoked: bool = False

    def revoke_all(self) -> None:
        """Every token issued so far (and later) is inactive from now on."""
        self.revoked = True

    def is_active(self, token: str) -> bool:
        return token in self.issued and not self.revoked

    def answer_token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """The token endpoint's answer to one request."""
        grant = form.get("grant_type", "")
        self.grants.append(grant)
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 401, {
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided.",
            }
        if grant == "refresh_token" and form.get("refresh_token") != REFRESH_TOKEN:
            return 400, {"error": "invalid_grant", "error_description": "Token has been revoked."}
        token = secrets.token_urlsafe(24)
        self.issued.add(token)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600}

    def discovery(self) -> dict[str, str]:
        """The tenant's OpenID configuration, as login.microsoftonline.com serves it."""
        root = f"{self.base_url}/{TENANT}"
        return {
            "issuer": f"{root}/v2.0",
            "authorization_endpoint": f"{root}/oauth2/v2.0/authorize",
            "token_endpoint": f"{root}/oauth2/v2.0/token",
            "device_authorization_endpoint": f"{root}/oauth2/v2.0/devicecode",
        }


def _handler(provider: OAuthProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's hook name
            if self.path == f"/{TENANT}/v2.0/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:  # noqa: N802 - http.server's hook name
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode()
            form = {key: values[0] for key, values in parse_qs(body).items()}
            if self.path in (f"/{TENANT}/oauth2/v2.0/token", "/google/token"):
                self._json(*provider.answer_token(form))
            elif self.path == "/introspect":
                active = provider.is_active(form.get("token", ""))
                self._json(200, {"active": active, "username": provider.mailbox})
            else:
                self._json(404, {"error": "not_found"})

        def _json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test reads what was asked from the provider."""

    return Handler


@pytest.fixture
def oauth_provider(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OAuthProvider]:
    """The provider on two free ports of 127.0.0.1 (https tokens, http introspection)."""
    ca = trustme.CA()
    ca_file = tmp_path / "oauth-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    tls_port, plain_port = free_port(), free_port()
    provider = OAuthProvider(
        f"https://127.0.0.1:{tls_port}", f"http://127.0.0.1:{plain_port}/introspect", ca_file
    )
    handler = _handler(provider)
    tls_server = ThreadingHTTPServer(("127.0.0.1", tls_port), handler)
    tls_server.socket = context.wrap_socket(tls_server.socket, server_side=True)
    plain_server = ThreadingHTTPServer(("127.0.0.1", plain_port), handler)
    threads = [
        threading.Thread(target=server.serve_forever, daemon=True)
        for server in (tls_server, plain_server)
    ]
    for thread in threads:
        thread.start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    try:
        yield provider
    finally:
        for server in (tls_server, plain_server):
            server.shutdown()
            server.server_close()
