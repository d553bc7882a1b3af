"""How much work one message may cause, whatever it holds.

Why: anyone can mail the inbox. Read without bounds, a 2.8 MB mail with a .docx that
unpacks to 2 GiB took 4.4 GB of memory, a 10 MB HTML body 4.9 GB and 2.5 MB of plain text
3 GB (spaCy's tensors grow with the text). What matters in a registration is the sender's
own words and the first screenful of an attachment, so everything past these limits is cut
(with a defect saying so) rather than read; only a message too big or too deeply built to
parse at all is refused (``ParseError``). ``mailbot`` fills these in from its settings.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Final

MIB: Final = 1024 * 1024
#: Every defect written because a limit cut something starts with this.
CUT_PREFIX: Final = "limit: "


@dataclass(frozen=True)
class Limits:
    """Limits of the parse and understanding stages (the defaults are safe in 1.5 GB)."""

    #: A bigger message is refused unread.
    raw_bytes: int = 25 * MIB
    #: MIME parts in one message; more is refused (no real reply has this many).
    parts: int = 200
    #: multipart/message nesting depth; deeper is refused.
    depth: int = 12
    #: An attachment bigger than this (decoded) is listed but not read.
    attachment_bytes: int = 10 * MIB
    #: What a zip attachment (.docx, .xlsx) may unpack to, summed over its members.
    unpacked_bytes: int = 100 * MIB
    #: How many times its own size a zip attachment may unpack to.
    unpacked_ratio: int = 200
    #: Characters of HTML rendered to text.
    html_chars: int = 500_000
    #: Characters of body text that reach quote splitting.
    text_chars: int = 200_000
    #: Characters of text read from one attachment.
    attachment_text_chars: int = 100_000
    #: Characters of the own words that reach spaCy.
    nlp_chars: int = 20_000


def cut_text(text: str, limit: int, what: str, defects: list[str]) -> str:
    """``text`` cut to ``limit`` characters at a line break where one is near; a defect
    names what was cut."""
    if len(text) <= limit:
        return text
    end = text.rfind("\n", limit // 2, limit)
    defects.append(f"{CUT_PREFIX}{what} cut from {len(text)} to {limit} characters")
    return text[: end if end > 0 else limit]


def zip_refusal(data: bytes, limits: Limits) -> str | None:
    """Why a zip archive must not be unpacked (None: it may), from the sizes its directory
    declares, before a byte is inflated. Python's zipfile never inflates a member past its
    declared size, so the declared sizes bound the work."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None  # not a zip: the reader reports what it is
    if unpacked > limits.unpacked_bytes:
        return f"unpacks to {unpacked} bytes (limit {limits.unpacked_bytes})"
    ratio = unpacked // max(len(data), 1)
    if ratio > limits.unpacked_ratio:
        return f"unpacks to {ratio} times its size (limit {limits.unpacked_ratio})"
    return None


def is_cut(defect: str) -> bool:
    return defect.startswith(CUT_PREFIX)


#: The safe defaults, for callers that set no limits of their own.
DEFAULT_LIMITS: Final = Limits()
