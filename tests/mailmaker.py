"""Small hand-written mails for conversation tests (varied on purpose, not corpus copies)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: A time before the invitation's answers began (mails that must come before all others).
START = datetime.fromisoformat("2020-04-27T09:00:00+02:00")
#: The Date of every hand-written mail that does not name its own: well before the deadline
#: of the default event. Fixed, so that what a test reads never depends on which tests ran
#: before it in the same process.
ON_TIME = datetime.fromisoformat("2020-04-28T10:00:00+02:00")


def make_mail(
    sender: str,
    body: str,
    *,
    subject: str = "SV: Invitasjon: Kulturskole for fremtiden",
    sender_name: str = "",
    in_reply_to: str | None = None,
    references: tuple[str, ...] = (),
    date: datetime = ON_TIME,
    headers: dict[str, str] | None = None,
    attachments: tuple[tuple[str, str, bytes], ...] = (),
    html: str = "",
) -> bytes:
    """An ordinary plain-text reply as a mail client would send it; ``attachments`` are
    (filename, content type, data), attached as given (no charset parameter). With ``html``
    the mail carries that HTML too, as the alternative to ``body``, or alone when ``body``
    is empty (the mail clients that send no plain part)."""
    message = EmailMessage()
    message["From"] = f"{sender_name} <{sender}>" if sender_name else sender
    message["To"] = "Torkel Øien <torkel.oien@ks.no>"
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = make_msgid("t", domain=sender.rpartition("@")[2])
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = " ".join((*references, in_reply_to))
    for name, value in (headers or {}).items():
        message[name] = value
    if html and not body:
        message.set_content(html, subtype="html")
    else:
        message.set_content(body)
        if html:
            message.add_alternative(html, subtype="html")
    for filename, content_type, data in attachments:
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def make_xlsx(rows: Sequence[Sequence[str]], title: str = "Sheet") -> bytes:
    """An .xlsx workbook with one sheet ``title`` holding ``rows`` from its first row (an
    empty row stays empty, as a clerk leaves one between a title and the table)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_grouped_docx(title: str, rows: Sequence[Sequence[str]]) -> bytes:
    """A Word file: a title paragraph, then a table of two columns in which a row of one
    cell is a group heading merged across the table ("Skule")."""
    from docx import Document

    document = Document()
    document.add_paragraph(title)
    table = document.add_table(rows=0, cols=2)
    for row in rows:
        cells = table.add_row().cells
        if len(row) == 1:
            cells[0].merge(cells[1]).text = row[0]
        else:
            cells[0].text, cells[1].text = row[0], row[1]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# One municipality's sample mails, shared by the flow tests (hold path, who may change, review
# release, calendar, reminders): Levanger's contact and her four-person sign-up.
KARI = "kari.lund@levanger.kommune.no"
COMPLETE = """Hei!

Levanger kommune melder seg på med disse:

- Kari Lund, kulturskolerektor
- Per Moen, kommunalsjef for oppvekst
- Eva Dahl, rektor ved Skogn barneskole
- Ola Nes, ordfører

Hilsen
Kari Lund
"""
# "Vi blir fem" but four are listed: the reader may have missed someone, so it is held.
FIVE_SAID_FOUR_LISTED = """Hei!

Levanger kommune vil gjerne være med. Vi blir fem:

- Kari Lund, kulturskolerektor
- Per Moen, kommunalsjef for oppvekst
- Eva Dahl, rektor ved Skogn barneskole
- Ola Nes, ordfører

Hilsen
Kari Lund
"""
# The whole group taken back, in bokmål and nynorsk: a withdrawal is confirmed whatever waits.
WITHDRAWALS = {
    "nb": "Hei!\n\nVi trekker oss dessverre fra verkstedet.\n\nHilsen Kari\n",
    "nn": "Hei!\n\nMe trekkjer oss diverre frå verkstaden.\n\nHelsing Kari\n",
}
