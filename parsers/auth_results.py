"""Did the sender's domain pass DMARC at our own receiving server? (RFC 8601)

Anyone can write any ``From:`` and any ``Authentication-Results`` header into a message; the
only result worth trusting is the one our own receiving server added, which is the topmost
``Authentication-Results`` header (servers prepend theirs). It is trusted when its authserv-id
is one of ours, or — Microsoft 365 writes none — when the settings say the inbox is on
Microsoft 365 and the header has the form it writes there.

Hand-written on purpose: the general RFC 8601 parsers (``authres``) reject Microsoft 365's
header because it lacks the authserv-id, and we need only one method's result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_RESULT_RE = re.compile(
    r"(?:^|;)\s*dmarc\s*=\s*(?P<result>[a-z]+)\b(?P<props>[^;]*)", re.IGNORECASE
)
_HEADER_FROM_RE = re.compile(r"\bheader\.from\s*=\s*\"?(?P<domain>[^\s;\"]+)", re.IGNORECASE)
_COMMENT_RE = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class Trust:
    """Which ``Authentication-Results`` headers are our own server's."""

    servers: tuple[str, ...] = ()
    microsoft365: bool = False

    @property
    def any(self) -> bool:
        return bool(self.servers) or self.microsoft365


def dmarc_pass_domain(headers: Iterable[tuple[str, str]], trust: Trust) -> str | None:
    """The ``header.from`` domain that passed DMARC at our server, or None.

    Example: with ``Trust(servers=("mx.ks.no",))`` and the topmost header
    ``mx.ks.no; spf=pass smtp.mailfrom=bodo.kommune.no; dmarc=pass header.from=bodo.kommune.no``
    the answer is ``"bodo.kommune.no"``.
    """
    if not trust.any:
        return None
    top = next((v for k, v in headers if k.lower() == "authentication-results"), None)
    if top is None:
        return None
    text = " ".join(_COMMENT_RE.sub(" ", top).split())
    if not _ours(text, trust):
        return None
    match = _RESULT_RE.search(text)
    if match is None or match.group("result").lower() != "pass":
        return None
    domain = _HEADER_FROM_RE.search(match.group("props"))
    return domain.group("domain").lower().rstrip(".") if domain else None


def _ours(text: str, trust: Trust) -> bool:
    """The header was written by one of our servers."""
    first = text.split(";", 1)[0].strip()
    if "=" not in first:
        authserv = first.split()[0].lower() if first else ""
        return authserv in {s.lower() for s in trust.servers}
    # No authserv-id: the form Microsoft 365 writes for mail it receives.
    return trust.microsoft365


def address_domain(address: str) -> str:
    """The domain of an address, lower case ("" when there is none)."""
    return address.rpartition("@")[2].strip(" >").lower()
