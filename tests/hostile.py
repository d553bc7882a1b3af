"""Hostile mails of the sizes a real inbox gets: each one, read without limits, takes gigabytes.

Built in code (a few seconds) rather than stored: the .docx bomb alone is 2.8 MB.
"""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from docx import Document

from tests.mailmaker import START

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GIB = 1024**3


def _mail(sender: str, subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Torkel Øien <torkel.oien@ks.no>"
    message["Subject"] = subject
    message["Date"] = format_datetime(START)
    message["Message-ID"] = make_msgid("hostile", domain=sender.rpartition("@")[2])
    return message


def docx_bomb(unpacked_bytes: int = 2 * GIB) -> bytes:
    """A real .docx (python-docx's own template) whose document.xml is replaced by one that
    unpacks to ``unpacked_bytes``: blanks after the XML declaration."""
    template = io.BytesIO()
    Document().save(template)
    buffer = io.BytesIO()
    chunk = b" " * (1024 * 1024)
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for item in source.infolist():
            if item.filename != "word/document.xml":
                archive.writestr(item, source.read(item))
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
            for _ in range(unpacked_bytes // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def docx_bomb_mail(sender: str = "post@vardo.kommune.no", unpacked_bytes: int = 2 * GIB) -> bytes:
    """A short sign-up with the bomb attached as its participant list."""
    message = _mail(sender, "Påmelding Vardø")
    message.set_content("Hei, lista over deltakarar ligg ved.\n\nHelsing Kari Vardø\n")
    message.add_attachment(
        docx_bomb(unpacked_bytes),
        maintype="application",
        subtype=DOCX_TYPE.split("/")[1],
        filename="deltakarar.docx",
    )
    return message.as_bytes()


def huge_html_mail(sender: str = "post@roros.kommune.no", size: int = 10 * 1024 * 1024) -> bytes:
    """A 10 MB HTML body: one table row of a name and a role, over and over."""
    row = "<tr><td>Kari Nordmann</td><td>kulturskolelærer</td></tr>\n"
    html = "<html><body><table>" + row * (size // len(row)) + "</table></body></html>"
    message = _mail(sender, "Påmelding Røros")
    message.set_content(html, subtype="html", cte="quoted-printable")
    return message.as_bytes()


def long_text_mail(
    sender: str = "post@lom.kommune.no", size: int = 2_500_000, lines: int = 60_000
) -> bytes:
    """2.5 MB of plain text in 60,000 lines, each a name and a role."""
    line = "Ola Nordmann, lærer i kulturskolen og rektor".ljust(size // lines - 1)
    message = _mail(sender, "Påmelding Lom")
    message.set_content("\n".join([line] * lines) + "\n", cte="quoted-printable")
    return message.as_bytes()
