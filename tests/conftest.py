"""Shared fixtures. Implementations live in their own modules; this file only registers them."""

from tests.browser import (  # noqa: F401 - pytest fixtures, see tests/browser.py
    browser,
    desk_server,
    page,
)
from tests.conversation import talk  # noqa: F401 - pytest fixture, see tests/conversation.py
from tests.desk_support import (  # noqa: F401 - pytest fixtures, see tests/desk_support.py
    client,
    corpus_template,
    corpus_url,
    signed_in,
)
from tests.oauth_servers import oauth_provider  # noqa: F401 - fixture, see tests/oauth_servers.py
from tests.servers import (  # noqa: F401 - pytest fixtures, see tests/servers.py
    database_url,
    dovecot,
    postgres_server,
    postgres_url,
    smtp_server,
    tls_certificate,
)
