"""Did the sender's domain pass, or fail, DMARC at our own receiving server? (RFC 8601)

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
_METHOD_RE = re.compile(
    r"(?:^|;)\s*(?P<method>spf|dkim)\s*=\s*(?P<result>[a-z]+)\b(?P<props>[^;]*)", re.IGNORECASE
)
_PROPERTY_RE = re.compile(
    r"\b(?:smtp\.mailfrom|header\.d|header\.i)\s*=\s*\"?(?P<value>[^\s;\"]+)", re.IGNORECASE
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
    text = _trusted_text(headers, trust)
    if text is None:
        return None
    match = _RESULT_RE.search(text)
    if match is None or match.group("result").lower() != "pass":
        return None
    domain = _HEADER_FROM_RE.search(match.group("props"))
    return domain.group("domain").lower().rstrip(".") if domain else None


def dmarc_failed_for(headers: Iterable[tuple[str, str]], trust: Trust, domain: str) -> bool:
    """Our server found that mail from ``domain`` is not the domain's own: its DMARC check
    failed for that ``header.from`` or, when it wrote no DMARC result, SPF failed for the
    domain and no DKIM signature of the domain passed (neither of DMARC's two proofs).

    Example: with ``Trust(servers=("mx.ks.no",))`` and the topmost header ``mx.ks.no;
    spf=fail smtp.mailfrom=bodo.kommune.no; dkim=none; dmarc=fail header.from=bodo.kommune.no``
    the answer for ``"bodo.kommune.no"`` is True; a result nobody trusts says nothing (False).
    """
    text = _trusted_text(headers, trust)
    if text is None:
        return False
    wanted = domain.lower().rstrip(".")
    match = _RESULT_RE.search(text)
    if match is not None:
        header_from = _HEADER_FROM_RE.search(match.group("props"))
        about = header_from.group("domain").lower().rstrip(".") if header_from else wanted
        return match.group("result").lower() == "fail" and about == wanted
    results = [
        (m.group("method").lower(), m.group("result").lower(), _aligned(m.group("props"), wanted))
        for m in _METHOD_RE.finditer(text)
    ]
    spf_failed = any(method == "spf" and result in {"fail", "softfail"} and aligned
                     for method, result, aligned in results)  # fmt: skip
    dkim_passed = any(method == "dkim" and result == "pass" and aligned
                      for method, result, aligned in results)  # fmt: skip
    return spf_failed and not dkim_passed


def _aligned(props: str, domain: str) -> bool:
    """One of the method's identities (``smtp.mailfrom``, ``header.d``, ``header.i``) is
    ``domain`` or one of its subdomains, or ``domain`` is one of its subdomains (relaxed
    alignment, RFC 7489 3.1)."""
    for match in _PROPERTY_RE.finditer(props):
        value = match.group("value").rpartition("@")[2].lower().rstrip(".")
        if value == domain or value.endswith("." + domain) or domain.endswith("." + value):
            return True
    return False


def _trusted_text(headers: Iterable[tuple[str, str]], trust: Trust) -> str | None:
    """The topmost ``Authentication-Results`` header without comments, when our server
    wrote it."""
    if not trust.any:
        return None
    top = next((v for k, v in headers if k.lower() == "authentication-results"), None)
    if top is None:
        return None
    text = " ".join(_COMMENT_RE.sub(" ", top).split())
    return text if _ours(text, trust) else None


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
