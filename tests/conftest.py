"""Shared fixtures. Implementations live in their own modules; this file only registers them."""

from tests.servers import (  # noqa: F401 - pytest fixtures, see tests/servers.py
    dovecot,
    postgres_server,
    postgres_url,
    smtp_server,
    tls_certificate,
)
