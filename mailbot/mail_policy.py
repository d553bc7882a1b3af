"""The email policy of every message we write: threading headers stay plain msg-ids.

CPython's ``policy.default`` treats ``In-Reply-To`` and ``References`` as unstructured text
and folds a token longer than the line into RFC 2047 encoded words
(``=?utf-8?q?=3Cdev-AM6PR…?=``). Mail clients do not decode encoded words there, so a long
Outlook/Exchange Message-ID broke the clerk's thread. The standard library has a header class
for one ``Message-ID`` but none for a list of them, hence the small class here: it folds only
between msg-ids (RFC 5322 section 3.6.4 allows folding white space there) and never inside one.
"""

from __future__ import annotations

import re
from email import _header_value_parser as header_parser
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.policy import EmailPolicy, Policy
from email.policy import default as default_policy
from typing import Any

# A msg-id as we write it: printable ASCII without white space, angle brackets or a second @.
MSG_ID = re.compile(r"<[\x21-\x3b\x3d\x3f\x41-\x7e]+@[\x21-\x3b\x3d\x3f\x41-\x7e]+>")
HARD_LINE_LIMIT = 998
"""RFC 5322 section 2.1.1: no line may be longer than 998 characters (CRLF excluded)."""


class MsgIdListHeader(BaseHeader):
    """``In-Reply-To`` / ``References``: msg-ids separated by spaces, never encoded.

    Anything in the value that is not a msg-id is dropped.
    """

    max_count = 1

    @classmethod
    def parse(cls, value: str, kwds: dict[str, Any]) -> None:
        decoded = " ".join(MSG_ID.findall(value))
        kwds["decoded"] = decoded
        # BaseHeader.init wants a parse tree; fold() below never uses it.
        kwds["parse_tree"] = header_parser.get_unstructured(decoded)

    def fold(self, *, policy: Policy) -> str:
        """One msg-id after another, a new folded line when the next would pass the soft limit.

        A single msg-id longer than the soft limit keeps its own line whole (it is below the
        hard limit of 998, which ``replies`` guarantees by dropping longer ids).
        """
        soft = policy.max_line_length or HARD_LINE_LIMIT
        lines = [f"{self.name}:"]
        for msg_id in str(self).split():
            if len(lines[-1]) + 1 + len(msg_id) > soft and lines[-1] != f"{self.name}:":
                lines.append("")
            lines[-1] += f" {msg_id}"
        return policy.linesep.join(lines) + policy.linesep


def _registry() -> HeaderRegistry:
    registry = HeaderRegistry()
    registry.map_to_type("in-reply-to", MsgIdListHeader)
    registry.map_to_type("references", MsgIdListHeader)
    return registry


OUTGOING_POLICY: EmailPolicy[EmailMessage] = default_policy.clone(header_factory=_registry())
"""``policy.default`` with threading headers written as plain msg-ids (see module docstring)."""
