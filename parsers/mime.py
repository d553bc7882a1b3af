"""Raw message bytes to a ``ParsedEmail``: the single entry point of the parse stage.

Division of labour:
- mail-parser (``mailparser.parse_from_bytes``) lists the attachments (it decodes RFC 2231
  and encoded-word file names and gives every payload as base64) and reports MIME defects.
- The standard library (``email`` with ``policy.default``) does what mail-parser does not:
  mail-parser's ``text_plain`` walks into ``message/rfc822`` parts, so a returned or
  forwarded message would be glued onto the sender's own text; it has no format=flowed
  support; it falls back from an unknown charset to UTF-8 with replacement characters,
  where windows-1252 is what such mail nearly always is; and it leaves address headers as
  strings to be parsed again. So bodies, headers, addresses and dates come from ``email``.

Every failure becomes ``ParseError``; every repaired problem is listed in ``defects``.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.errors
import email.header
import email.headerregistry
import email.parser
import email.policy
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any, Final

from parsers import attachments, auto_signals, html_text, own_words
from parsers.errors import ParseError
from parsers.limits import DEFAULT_LIMITS, Limits, cut_text, is_cut
from parsers.types import Attachment, ParsedEmail

MAX_HEADER_CHARS: Final = 10_000
#: Headers at least one of which every real message has.
MAIL_HEADERS: Final = ("from", "to", "date", "subject", "message-id", "received", "sender")
HEADER_START: Final = re.compile(rb"^(?:From |[!-9;-~]+:)")
CONTROL_CHARS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MSG_ID: Final = re.compile(r"<[^<>\s]+>")
#: A MIME delimiter line followed by a part header: "--boundary" / "Content-Type: …".
GUESSED_BOUNDARY: Final = re.compile(
    rb"^--(?P<boundary>[0-9A-Za-z'()+_,./:=?-]{1,70})[ \t]*\r?\n"
    rb"(?:[!-9;-~]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n){0,20}){0,20}?"
    rb"content-(?:type|transfer-encoding|disposition):",
    re.IGNORECASE | re.MULTILINE,
)
ADDR_SPEC: Final = re.compile(
    r"[^@\s<>,;\x00-\x1f\x7f]+@[^@\s<>,;\x00-\x1f\x7f]+\.[^@\s<>,;.\x00-\x1f\x7f]+"
)


@dataclass
class Body:
    """What the walk over the MIME tree collects."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    forwarded: list[Attachment] = field(default_factory=list)
    reports: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    limits: Limits = DEFAULT_LIMITS


_REGISTRY = email.headerregistry.HeaderRegistry()


@functools.lru_cache(maxsize=256)
def _parsed_header(name: str, value: str) -> Any:
    return _REGISTRY(name, value)


class _RememberedHeaders:
    """The stdlib's header registry, remembering what it parsed.

    ``policy.default`` parses a header again each time it is read, and the parser itself
    reads Content-Type a few dozen times per message: that was about a tenth of all
    processing. Header objects are immutable, so one per (name, value) is enough. The
    cache is small on purpose: the repeats are within one message, and each header keeps
    its parse tree (4,096 entries added 40 MB of peak memory at 1,000 messages).
    """

    def __call__(self, name: str, value: str) -> Any:
        return _parsed_header(name, value)


#: ``policy.default`` with a remembering header factory (see ``_RememberedHeaders``).
POLICY = email.policy.default.clone(header_factory=_RememberedHeaders())


def parse(
    raw: bytes, *, own_addresses: Iterable[str] = (), limits: Limits = DEFAULT_LIMITS
) -> ParsedEmail:
    """Parse raw RFC 5322 bytes into a ``ParsedEmail``.

    Raises ``ParseError`` (and nothing else) for input that is not a readable message:
    empty, larger than ``limits.raw_bytes``, with more parts or deeper nesting than
    ``limits`` allow, or not mail at all. A multipart whose boundary is missing or never
    occurs is read as a human would read it (see ``read_unsplit``), with a defect. Text,
    HTML and attachments beyond ``limits`` are cut, each with a defect saying so.
    ``own_addresses`` are our own addresses (mail from them is flagged as automatic).
    """
    check_raw(raw, limits)
    try:
        return build(raw, tuple(own_addresses), limits)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError("MIME structure nested too deeply to parse") from exc
    except Exception as exc:  # noqa: BLE001 - the worker must only ever see ParseError
        raise ParseError(f"unexpected failure while parsing: {type(exc).__name__}") from exc


def check_raw(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse input that cannot be a mail message before spending time on it."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise ParseError(f"expected bytes, got {type(raw).__name__}")
    if not raw or not bytes(raw).strip():
        raise ParseError("empty message")
    if len(raw) > limits.raw_bytes:
        raise ParseError(f"message too large: {len(raw)} bytes (limit {limits.raw_bytes})")
    head = bytes(raw[:1000]).lstrip(b"\r\n\x00")
    if not HEADER_START.match(head):
        raise ParseError("not an e-mail message: it does not start with a header line")


def build(
    raw: bytes, own_addresses: tuple[str, ...], limits: Limits = DEFAULT_LIMITS
) -> ParsedEmail:
    """The parse proper; any exception escaping from here is turned into ParseError."""
    raw = bytes(raw)
    message = email.message_from_bytes(raw.replace(b"\x00", b""), policy=POLICY)
    assert isinstance(message, EmailMessage)
    headers = decode_headers(message)
    check_is_mail(headers)
    check_shape(message, limits)
    body = Body(limits=limits)
    walk_body(message, body)
    html = joined_html(body)
    files, file_defects = read_attachments(raw, message, limits)
    chosen = choose_text(body, html)  # may add a defect for unreadable HTML
    defects = list(body.defects)
    defects.extend(file_defects)
    text = cut_text(chosen, limits.text_chars, "text", defects)

    subject = header_value(headers, "subject") or ""
    sender_name, sender = read_sender(message, headers)
    parts = own_words.split(
        text, html if not body.plain else None, subject=subject, sender_name=sender_name
    )
    forwarded = join_blocks([parts.forwarded, *(item.text or "" for item in body.forwarded)])

    if not sender:
        defects.append("no sender address")
    content_type = message.get_content_type()
    signals = auto_signals.detect(headers, sender, content_type, own_addresses)
    bounce = auto_signals.is_bounce(
        signals, content_type, str(message.get_param("report-type") or "")
    )
    return ParsedEmail(
        message_id=read_message_id(header_value(headers, "message-id")),
        sender=sender,
        sender_name=sender_name,
        to=read_addresses(message, headers, "to"),
        cc=read_addresses(message, headers, "cc"),
        subject=subject,
        date=read_date(header_value(headers, "date"), defects),
        in_reply_to=read_message_id(header_value(headers, "in-reply-to")),
        references=tuple(MSG_ID.findall(header_value(headers, "references") or "")),
        text=text,
        own_text=parts.own,
        quoted_text=parts.quoted,
        forwarded_text=forwarded,
        signature=parts.signature,
        html=html,
        attachments=tuple(files + body.forwarded + body.reports),
        auto_signals=signals,
        is_bounce=bounce,
        headers=headers,
        defects=tuple(dict.fromkeys(defects)),
    )


# --- headers -------------------------------------------------------------------------------


def decode_headers(message: EmailMessage) -> tuple[tuple[str, str], ...]:
    """Every header as a decoded (name, value) pair, in order, cleaned of control chars."""
    pairs = []
    for name, raw_value in message.raw_items():
        pairs.append((clean_header(name), clean_header(decode_header(name, raw_value))))
    return tuple(pairs)


def decode_header(name: str, raw_value: Any) -> str:
    """Decode encoded words; 8-bit bytes in a header are read as UTF-8, else windows-1252.

    The stdlib replaces words in an unknown charset with U+FFFD; those headers are decoded
    again word by word with the same fallbacks as bodies.
    """
    value = repair_8bit(str(raw_value))
    if value.isascii() and "=?" not in value and is_unstructured(name):
        # What the header class would give back: the value unfolded, nothing to decode.
        return "".join(LINESEP.split(value))
    try:
        decoded = str(POLICY.header_fetch_parse(name, value))
    except Exception:  # noqa: BLE001 - malformed headers make the header classes raise
        decoded = "\ufffd"
    if "\ufffd" in decoded and "=?" in value:
        return decode_encoded_words(value)
    return decoded


#: The line breaks ``policy.default`` removes from a header value before parsing it.
LINESEP: Final = re.compile(r"\n|\r\n?")


@functools.lru_cache(maxsize=512)
def is_unstructured(name: str) -> bool:
    """Is ``name`` read as free text (not an address, date, MIME or id header)? Such a
    value in ASCII without encoded words is its own decoding: most headers of a message
    (Received, X-…, Thread-Index…) no longer go through the header parser."""
    return issubclass(_REGISTRY[name], email.headerregistry.UnstructuredHeader)


def decode_encoded_words(value: str) -> str:
    """RFC 2047 words decoded one by one, each charset with the body fallbacks."""
    try:
        chunks = email.header.decode_header(value)
    except (email.errors.HeaderParseError, ValueError, LookupError):
        return value
    out = []
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            out.append(attachments.decode_bytes(chunk, charset)[0])
        else:
            out.append(chunk)
    return "".join(out)


def repair_8bit(value: str) -> str:
    """The stdlib keeps raw 8-bit header bytes as surrogate escapes; read them as UTF-8 where
    they are, windows-1252 where not."""
    if not re.search(r"[\udc80-\udcff]", value):
        return value
    return attachments.decode_mixed(value.encode("utf-8", "surrogateescape"))


def clean_header(value: str) -> str:
    """Unfold, drop control characters, cap the length (a header is never a body)."""
    value = re.sub(r"\s*[\r\n]+\s*", " ", value)
    value = CONTROL_CHARS.sub("", value.replace("\t", " "))
    return value.strip()[:MAX_HEADER_CHARS]


def header_value(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def check_is_mail(headers: tuple[tuple[str, str], ...]) -> None:
    names = {key.lower() for key, _ in headers}
    if not names.intersection(MAIL_HEADERS):
        raise ParseError("not an e-mail message: no From, To, Date, Subject or Message-ID header")


def check_shape(message: EmailMessage, limits: Limits) -> None:
    """Refuse a message with more parts, or parts nested deeper, than ``limits`` allow:
    every part is walked several times on the way, and no real reply is built so."""
    count = 0
    stack: list[tuple[Message, int]] = [(message, 0)]
    while stack:
        part, depth = stack.pop()
        count += 1
        if count > limits.parts:
            raise ParseError(f"too many MIME parts: more than {limits.parts}")
        if depth > limits.depth:
            raise ParseError(f"MIME parts nested deeper than {limits.depth} levels")
        if part.is_multipart():
            payload = part.get_payload()
            stack.extend((child, depth + 1) for child in payload if isinstance(child, Message))


def read_sender(message: EmailMessage, headers: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """(display name, lower-case address) from From, else Sender, Reply-To, Return-Path."""
    for name in ("from", "sender", "reply-to", "return-path"):
        found = read_address_list(message, headers, name)
        if found:
            display, address = found[0]
            return display, address
    return "", ""


def read_addresses(
    message: EmailMessage, headers: tuple[tuple[str, str], ...], name: str
) -> tuple[str, ...]:
    return tuple(address for _, address in read_address_list(message, headers, name))


def read_address_list(
    message: EmailMessage, headers: tuple[tuple[str, str], ...], name: str
) -> list[tuple[str, str]]:
    """(display name, lower-case address) pairs of an address header, all its instances.

    Addresses come from the raw header, never from its decoded text: an encoded display name
    can hide a CR/LF or a second address (``=?utf-8?b?...?= <kari@…>`` decoding to
    ``x\r\nattacker@evil``), and parsing the decoded text would send the reply there. Only
    the display names are decoded (8-bit names repaired).
    """
    pairs: list[tuple[str, str]] = []
    for raw_name, raw_value in message.raw_items():
        if raw_name.lower() == name:
            pairs.extend(parse_raw_addresses(raw_name, str(raw_value)))
    return [(display, address) for display, address in pairs if valid_address(address)]


def parse_raw_addresses(name: str, raw_value: str) -> list[tuple[str, str]]:
    """The addresses of one raw header value; the lenient parser when the strict one fails.

    The header is parsed by the remembering registry (``_parsed_header``, the same classes
    as ``policy.default``'s): a one-line address header was already parsed under the same
    name and value when the headers were decoded, and is not parsed a second time."""
    try:
        header = _parsed_header(name, raw_value)
        found: tuple[Address, ...] = getattr(header, "addresses", ())
        return [(clean_header(repair_8bit(a.display_name)), a.addr_spec.lower()) for a in found]
    except Exception:  # noqa: BLE001 - malformed headers make the header classes raise
        unfolded = re.sub(r"[\r\n]+", " ", raw_value)
        return [("", address.lower()) for _, address in getaddresses([unfolded])]


def recipient_addresses(raw: bytes) -> set[str]:
    """The lower-case addresses of the To and Cc headers of a raw message (its header block
    only; Bcc is never read: the recipients of a copy cannot see it either)."""
    try:
        headers = email.parser.BytesHeaderParser().parsebytes(raw)
    except Exception:  # noqa: BLE001 - a broken header block names nobody
        return set()
    found: set[str] = set()
    for name, value in headers.raw_items():
        if name.lower() in ("to", "cc"):
            pairs = parse_raw_addresses(name, str(value))
            found.update(address for _, address in pairs if valid_address(address))
    return found


def valid_address(address: str) -> bool:
    """One addr-spec: a local part and a domain with a dot, no white space or controls."""
    return bool(ADDR_SPEC.fullmatch(address))


def read_message_id(value: str | None) -> str | None:
    """The first <id> of a Message-ID/In-Reply-To value, brackets added when missing."""
    if not value:
        return None
    found = MSG_ID.search(value)
    if found:
        return found.group(0)
    token = value.strip().split()[0] if value.strip() else ""
    return f"<{token.strip('<>')}>" if token else None


def read_date(value: str | None, defects: list[str]) -> datetime | None:
    """An aware datetime; a date without a zone is taken as UTC (and noted)."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        defects.append("unreadable Date header")
        return None
    if parsed.tzinfo is None:
        defects.append("Date header without time zone, taken as UTC")
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def describe_defect(defect: Exception) -> str:
    return (
        f"{type(defect).__name__}: {defect}".rstrip(": ") if str(defect) else type(defect).__name__
    )


# --- bodies --------------------------------------------------------------------------------


def walk_body(part: Message, body: Body) -> None:
    """Collect text/plain and text/html bodies, returned/forwarded messages and reports.

    Alternatives are all walked (Apple Mail nests attachments inside the HTML alternative),
    and the choice between plain and HTML is made once, over the whole message.
    """
    body.defects.extend(describe_defect(defect) for defect in part.defects)
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        body.forwarded.append(read_embedded(part, body))
        return
    if content_type in {"message/delivery-status", "text/rfc822-headers"}:
        body.reports.append(read_report(part))
        return
    if part.get_content_maintype() == "multipart":
        if not part.is_multipart():
            read_unsplit(part, body)
            return
        for child in part.get_payload():
            if isinstance(child, Message):
                walk_body(child, body)
        return
    if is_body_part(part):
        text = decode_part(part, body.defects)
        if part.get_content_subtype() == "html":
            body.html.append(text)
        else:
            body.plain.append(text)


def read_unsplit(part: Message, body: Body) -> None:
    """A multipart whose parts were not found: its boundary parameter is missing, cut off or
    differs from the delimiter lines in the body (spam tools and broken gateways write such
    mail, and a bounce may quote a header cut short).

    When the body holds delimiter lines ("--token" followed by a part header), the parts are
    read with that boundary; otherwise the whole body is read as plain text. Either way a
    defect says so.
    """
    content_type = part.get_content_type()
    declared = part.get_boundary()
    raw = part.get_payload(decode=False)
    payload = raw if isinstance(raw, str) else ""
    data = payload.encode("utf-8", "surrogateescape")
    found = GUESSED_BOUNDARY.search(data)
    if found:
        boundary = found.group("boundary").decode("ascii")
        header = f'Content-Type: {content_type}; boundary="{boundary}"\n\n'.encode()
        repaired = email.message_from_bytes(header + data, policy=email.policy.default)
        if repaired.is_multipart():  # each part is smaller than this body: repairs end
            body.defects.append(
                f"broken MIME: {content_type} with boundary {declared!r} has no parts; "
                f"read with the boundary {boundary!r} found in its body"
            )
            check_shape(repaired, body.limits)
            walk_body(repaired, body)
            return
    body.defects.append(
        f"broken MIME: {content_type} with boundary {declared!r} has no parts; "
        "its body read as plain text"
    )
    text, defect = attachments.decode_bytes(data, part.get_content_charset())
    if defect:
        body.defects.append(defect)
    body.plain.append(clean_text(text))


def is_body_part(part: Message) -> bool:
    """Inline text/plain or text/html without a file name."""
    if part.get_content_type() not in {"text/plain", "text/html"}:
        return False
    return part.get_content_disposition() != "attachment" and not part.get_filename()


def decode_part(part: Message, defects: list[str]) -> str:
    """Decode a text part with its charset (falling back, never failing), then unflow."""
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    text, defect = attachments.decode_bytes(data, part.get_content_charset())
    if defect:
        defects.append(defect)
    text = clean_text(text)
    if param(part, "format") == "flowed":
        text = unflow(text, delsp=param(part, "delsp") == "yes")
    return text


def param(part: Message, name: str) -> str:
    """A Content-Type parameter as lower-case text ("" when absent)."""
    value = part.get_param(name)
    return value.lower() if isinstance(value, str) else ""


def unflow(text: str, delsp: bool = False) -> str:
    """Undo RFC 3676 format=flowed: join soft-broken lines (ending in a space).

    Quote depth is kept: lines only join with lines of the same depth; the "-- " signature
    separator is never joined; space-stuffing is removed.
    """
    out: list[str] = []
    pending: str | None = None
    pending_depth = 0
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing, or the space after ">" quote marks
        if pending is not None and depth == pending_depth:
            content = pending + content
        elif pending is not None:
            out.append(">" * pending_depth + (" " if pending_depth else "") + pending)
        pending = None
        if content.endswith(" ") and content != "-- ":
            pending, pending_depth = (content[:-1] if delsp else content), depth
            continue
        out.append(">" * depth + (" " if depth else "") + content)
    if pending is not None:
        out.append(">" * pending_depth + (" " if pending_depth else "") + pending)
    return "\n".join(out)


def clean_text(text: str) -> str:
    """One line ending, no NULs or other control characters (tab and newline stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARS.sub("", text)


def choose_text(body: Body, html: str | None) -> str:
    """The plain part when it says anything, else the HTML rendered to text (HTML that
    cannot be parsed is read with its tags dropped, and recorded as a defect)."""
    plain = join_blocks(body.plain)
    if plain.strip():
        return plain
    if html:
        text, defect = html_text.read(html)
        if defect:
            body.defects.append(defect)
        return text
    return ""


def joined_html(body: Body) -> str | None:
    """The HTML parts as one document, cut to ``limits.html_chars`` before anything renders
    it (rendering takes hundreds of bytes of memory per character)."""
    if not body.html:
        return None
    return cut_text("\n".join(body.html), body.limits.html_chars, "HTML", body.defects)


def join_blocks(blocks: Iterable[str]) -> str:
    return "\n\n".join(block.strip("\n") for block in blocks if block and block.strip())


def read_embedded(part: Message, body: Body) -> Attachment:
    """A message/rfc822 part (a returned or forwarded message): its readable body."""
    inner = part.get_payload()
    message = inner[0] if isinstance(inner, list) and inner else None
    if not isinstance(message, Message):
        return Attachment(
            part.get_filename() or "message.eml",
            "message/rfc822",
            0,
            error="empty message/rfc822 part",
        )
    inner_body = Body(limits=body.limits)
    walk_body(message, inner_body)
    html = joined_html(inner_body)
    text = cut_text(choose_text(inner_body, html), body.limits.text_chars, "text", body.defects)
    filename = part.get_filename() or f"{clean_header(str(message.get('subject', '')))}.eml"
    body.defects.extend(inner_body.defects)
    return Attachment(filename, "message/rfc822", len(message.as_bytes()), text=text)


def read_report(part: Message) -> Attachment:
    """message/delivery-status and text/rfc822-headers as "Name: value" lines."""
    payload = part.get_payload()
    blocks = payload if isinstance(payload, list) else []
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Message):
            lines.extend(f"{name}: {clean_header(str(value))}" for name, value in block.items())
        lines.append("")
    if not blocks and isinstance(payload, str):
        lines.append(payload)
    text = "\n".join(lines).strip()
    return Attachment(
        f"{part.get_content_subtype()}.txt", part.get_content_type(), len(text), text=text
    )


# --- attachments ---------------------------------------------------------------------------


def read_attachments(
    raw: bytes, message: EmailMessage, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Attachment], list[str]]:
    """Attachments listed by mail-parser, with text read from those we understand.

    message/* parts are skipped here: the body walk reads them as returned/forwarded mail.
    An attachment a limit kept unread is named in a defect.
    """
    found, defects = read_all_attachments(raw, message, limits)
    defects.extend(item.error for item in found if item.error and is_cut(item.error))
    return found, defects


def read_all_attachments(
    raw: bytes, message: EmailMessage, limits: Limits
) -> tuple[list[Attachment], list[str]]:
    defects: list[str] = []
    if not may_have_attachments(message):
        return [], defects
    import mailparser  # type: ignore[import-untyped]  # here: most mail never needs it

    try:
        parsed = mailparser.parse_from_bytes(raw)
    except Exception as exc:  # noqa: BLE001 - fall back to the stdlib's own view
        defects.append(f"mail-parser failed ({type(exc).__name__}); attachments from email")
        return read_attachments_stdlib(message, limits), defects
    defects.extend(describe_mailparser_defects(parsed.defects))
    found = []
    for item in parsed.attachments:
        content_type = str(item.get("mail_content_type") or "application/octet-stream").lower()
        if content_type.startswith("message/"):
            continue
        data = attachment_bytes(item)
        filename = clean_header(str(item.get("filename") or "attachment"))
        found.append(attachments.extract(filename, content_type, data, item.get("charset"), limits))
    return found, defects


#: Leaf parts that are never an attachment to mail-parser: inline bodies.
BODY_TYPES: Final = frozenset({"text/plain", "text/html"})


def may_have_attachments(message: EmailMessage) -> bool:
    """Could mail-parser list an attachment here? Its second parse of the raw bytes was a
    tenth of the parse stage, and most replies are one or two inline text parts: when
    every leaf is an inline text/plain or text/html part without a file name or
    Content-ID, and the stdlib found no defect anywhere (mail-parser recovers parts from a
    broken epilogue), there is nothing for it to find."""
    for part in message.walk():
        if part.defects or part.get_content_disposition() == "attachment":
            return True
        if part.get_filename() or "content-id" in part:
            return True
        if not part.is_multipart() and part.get_content_type() not in BODY_TYPES:
            return True
    return False


def attachment_bytes(item: dict[str, Any]) -> bytes:
    payload = item.get("payload") or ""
    if item.get("binary"):
        try:
            return base64.b64decode(payload)
        except (binascii.Error, ValueError):
            return b""
    return str(payload).encode("utf-8", "replace")


def read_attachments_stdlib(message: EmailMessage, limits: Limits) -> list[Attachment]:
    found = []
    for part in message.walk():
        if part.is_multipart() or is_body_part(part) or part.get_content_maintype() == "message":
            continue
        if not (part.get_filename() or part.get_content_disposition() == "attachment"):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        found.append(
            attachments.extract(
                part.get_filename() or "attachment",
                part.get_content_type(),
                data,
                part.get_content_charset(),
                limits,
            )
        )
    return found


def describe_mailparser_defects(defects: Iterable[Any]) -> list[str]:
    """mail-parser reports defects as {content type: [descriptions]} dicts."""
    out: list[str] = []
    for entry in defects or []:
        if isinstance(entry, dict):
            for where, items in entry.items():
                out.extend(f"{where}: {item}" for item in items)
        else:
            out.append(str(entry))
    return out
