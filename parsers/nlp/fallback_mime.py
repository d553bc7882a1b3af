"""A minimal MIME reader used only when ``parsers.mime`` is not installed.

It keeps ``extract(raw)`` usable on its own (tests, evaluation) without duplicating the MIME
stage: plain part (else crude HTML text), .docx tables, and no quote splitting beyond the
extraction layer's own cuts.
"""

from __future__ import annotations

import email
import email.policy
import html
import io
import re
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from parsers.types import Attachment, ParsedEmail


def html_to_text(markup: str) -> str:
    text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", "", markup)
    text = re.sub(r"(?i)</t[dh]>\s*<t[dh][^>]*>", "\t", text)
    text = re.sub(r"(?i)<li[^>]*>", "\n- ", text)
    text = re.sub(r"(?i)<(br|/p|/tr|/li|/div|/h\d|hr)[^>]*>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(line.strip(" ") for line in text.split("\n"))


def docx_text(data: bytes) -> str | None:
    try:
        import docx  # python-docx
    except ImportError:
        return None
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.extend("\t".join(c.text for c in row.cells) for row in table.rows)
    return "\n".join(lines)


def parse(raw: bytes) -> ParsedEmail:
    msg: EmailMessage = email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[assignment]
    plain, markup, attachments = [], [], []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = part.get_filename()
        if filename:
            data = part.get_payload(decode=True) or b""
            text = docx_text(data) if filename.endswith(".docx") else None
            attachments.append(Attachment(filename, ctype, len(data), text))
        elif ctype == "text/plain":
            plain.append(part.get_content())
        elif ctype == "text/html":
            markup.append(part.get_content())
    text = "\n".join(plain) if plain else "\n".join(html_to_text(m) for m in markup)
    name, address = parseaddr(str(msg.get("From", "")))
    refs = tuple(str(msg.get("References", "")).split())
    is_bounce = msg.get_content_type() == "multipart/report"
    return ParsedEmail(
        message_id=str(msg.get("Message-ID", "")).strip() or None,
        sender=address,
        sender_name=name,
        to=tuple(a for _, a in getaddresses([str(v) for v in msg.get_all("To", [])])),
        cc=tuple(a for _, a in getaddresses([str(v) for v in msg.get_all("Cc", [])])),
        subject=str(msg.get("Subject", "")),
        date=None,
        in_reply_to=str(msg.get("In-Reply-To", "")).strip() or None,
        references=refs,
        text=text,
        own_text=text,
        html="\n".join(markup) or None,
        attachments=tuple(attachments),
        is_bounce=is_bounce,
        headers=tuple((k, str(v)) for k, v in msg.items()),
    )
