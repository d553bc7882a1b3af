"""Text from attachments: some municipalities send the participant list as a file.

Each reader is small and returns plain text in the same shape as a mail body: a table row
becomes one line with cells separated by a tab, so the extraction layer reads a .docx table,
an .xlsx sheet and an HTML table the same way. A reader never raises: an unreadable file
becomes an ``Attachment`` with ``text=None`` and a short ``error``.
"""

from __future__ import annotations

import codecs
import io
import warnings
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Final

from charset_normalizer import from_bytes as detect_charset

from parsers.limits import CUT_PREFIX, DEFAULT_LIMITS, Limits, zip_refusal
from parsers.nlp.resources import load_toml
from parsers.types import Attachment, LinePlace

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table

# The Word, Excel and PDF readers are imported when a file of that kind is read: together
# they were a fifth of mailbot's start-up, and most mail has no such attachment.

CELL_SEPARATOR: Final = "\t"

DOCX_TYPES: Final = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
XLSX_TYPES: Final = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
PDF_TYPES: Final = {"application/pdf"}
TEXT_TYPES: Final = {"text/plain", "text/csv", "text/tab-separated-values"}


def read_docx(data: bytes) -> str:
    """Paragraphs and tables of a Word file in document order, table rows as lines."""
    return docx_text(data)[0]


def docx_text(data: bytes) -> tuple[str, tuple[LinePlace, ...]]:
    """``read_docx``'s text, and for each of its lines the table row it is (row 1 is a
    table's first row; a row of one merged cell, a group heading inside the table, counts
    as the row it is), or no place for a paragraph's line."""
    from docx import Document

    return _placed(iter_docx_lines(Document(io.BytesIO(data))))


def iter_docx_lines(document: DocxDocument) -> Iterator[tuple[str, LinePlace]]:
    """Walk the body's block items in order so a table stays where the author put it."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document).text, NO_PLACE
        elif child.tag == qn("w:tbl"):
            for number, row in enumerate(iter_table_rows(Table(child, document)), 1):
                yield row, LinePlace(row=number)


#: The place of a line that is no table row.
NO_PLACE: Final = LinePlace()


def _placed(lines: Iterable[tuple[str, LinePlace]]) -> tuple[str, tuple[LinePlace, ...]]:
    """The lines joined, and one place per line of the text (a cell or paragraph holding
    line breaks gives that many lines, each with the place of its row)."""
    texts: list[str] = []
    places: list[LinePlace] = []
    for text, place in lines:
        texts.append(text)
        places.extend([place] * (text.count("\n") + 1))
    return "\n".join(texts), tuple(places)


def iter_table_rows(table: Table) -> Iterator[str]:
    """One line per row; merged cells repeated by python-docx are written once."""
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        yield CELL_SEPARATOR.join(cells).rstrip()


def read_xlsx(data: bytes) -> str:
    """Every sheet, one line per non-empty row, cells separated by a tab."""
    return xlsx_text(data)[0]


def xlsx_text(data: bytes) -> tuple[str, tuple[LinePlace, ...]]:
    """``read_xlsx``'s text, and for each of its lines its sheet and its row as Excel
    numbers it: the text leaves empty rows out, the organiser looks for the row in Excel."""
    return _placed(iter_xlsx_lines(data))


def iter_xlsx_lines(data: bytes) -> Iterator[tuple[str, LinePlace]]:
    """Each sheet's title line ("[Påmelding]"), then its non-empty rows, with their places."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    with warnings.catch_warnings():
        # Workbooks written by other tools than Excel often lack a default style; openpyxl
        # warns on stderr, which says nothing about the message and would reach the logs.
        warnings.filterwarnings("ignore", "Workbook contains no default style", UserWarning)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield f"[{sheet.title}]", LinePlace(sheet=sheet.title)
            # min_row=1: rows are numbered from the sheet's top, empty ones too
            for number, row in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1):
                cells = ["" if value is None else str(value).strip() for value in row]
                if any(cells):
                    yield CELL_SEPARATOR.join(cells).rstrip(), LinePlace(sheet.title, number)
    finally:
        workbook.close()


def read_pdf(data: bytes) -> str:
    """Text layer of every page (scanned PDFs without text give an empty string)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def read_text(data: bytes, charset: str | None = None) -> str:
    """Decode a text file: declared charset, else UTF-8, else detected, else windows-1252."""
    return decode_bytes(data, charset, detect=True)[0]


#: Encodings a Norwegian text file plausibly has; detection is limited to them because an
#: unrestricted guess on short Norwegian text often picks an Arabic or Cyrillic code page.
PLAUSIBLE_ENCODINGS: Final = [
    "utf_8",
    "utf_16",
    "cp1252",
    "iso8859_15",
    "iso8859_1",
    "mac_roman",
    "cp865",
    "cp850",
]


def decode_bytes(
    data: bytes, charset: str | None = None, *, detect: bool = False
) -> tuple[str, str | None]:
    """Decode bytes without ever failing; returns (text, defect or None).

    The declared charset wins when it is known and decodes cleanly, with two repairs: labels
    are read as mail clients read them (ISO-8859-1 as windows-1252, so that curly quotes and
    dashes survive; gb2312 as GB18030, which holds the GBK bytes such mail carries; see
    ``charsets.toml``), and a single-byte label on bytes that are valid UTF-8 with non-ASCII
    characters is taken as the mislabelling it nearly always is. Otherwise UTF-8; then (with
    ``detect``, for files) charset detection; then UTF-8 with each byte that is not UTF-8 read
    as windows-1252 (``decode_mixed``), so that one bad byte or one pasted windows-1252 line
    does not turn a whole UTF-8 part into mojibake.
    """
    declared = normalise_charset(charset)
    if declared:
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if len(text) == len(data) and not data.isascii() and is_utf8(data):
                # A label that lies: UTF-8 bytes under a one-byte charset. Text really in
                # windows-1252 is practically never also valid UTF-8 with multi-byte
                # sequences ("Ã¸" instead of "ø" otherwise).
                return data.decode("utf-8"), f"charset {charset!r} was wrong, decoded as utf-8"
            return text, None
    if is_utf8(data):
        text = data.decode("utf-8")
        return text, (f"charset {charset!r} unusable, decoded as utf-8" if charset else None)
    if detect:
        best = detect_charset(data, cp_isolation=PLAUSIBLE_ENCODINGS).best()
        if best is not None and best.encoding:
            return str(best), f"charset {charset!r} unusable, detected {best.encoding}"
    return (
        decode_mixed(data),
        f"charset {charset!r} unusable, read as utf-8 with the other bytes as cp1252",
    )


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes that are not UTF-8 read as windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    return bytes(error.object[error.start : error.end]).decode("cp1252", "replace"), error.end


codecs.register_error("mailbot-cp1252", _cp1252_bytes)


def decode_mixed(data: bytes) -> str:
    """UTF-8 where the bytes are UTF-8, windows-1252 for each byte that is not.

    Measured on Norwegian text (a UTF-8 part with one stray byte, UTF-8 lines with a pasted
    windows-1252 line, windows-1252 labelled UTF-8, curly quotes, a lone cp1252 dash): this
    reads all five right; decoding the whole part as windows-1252 two, charset-normalizer's
    best guess none (it picks windows-1250 for Norwegian), ftfy after the old fallback four
    (it straightens curly quotes, and would be one more dependency).
    """
    return data.decode("utf-8", "mailbot-cp1252")


@cache
def charset_aliases() -> dict[str, str]:
    """Charset labels read as mail clients read them (``parsers/data/charsets.toml``)."""
    aliases: dict[str, str] = load_toml("charsets.toml")["aliases"]
    return aliases


def normalise_charset(charset: str | None) -> str | None:
    """Map the charset names mail carries to Python codec names (None when absent)."""
    if not charset:
        return None
    name = charset.strip().strip("\"'").lower()
    return charset_aliases().get(name, name)


def reader_for(filename: str, content_type: str) -> Callable[[bytes], str] | None:
    """Choose a reader from the content type, falling back to the file extension."""
    lowered = filename.lower()
    if content_type in DOCX_TYPES or lowered.endswith(".docx"):
        return read_docx
    if content_type in XLSX_TYPES or lowered.endswith((".xlsx", ".xlsm")):
        return read_xlsx
    if content_type in PDF_TYPES or lowered.endswith(".pdf"):
        return read_pdf
    if content_type in TEXT_TYPES or lowered.endswith((".txt", ".csv", ".tsv")):
        return read_text
    return None


def extract(
    filename: str,
    content_type: str,
    data: bytes,
    charset: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Attachment:
    """Build an ``Attachment`` with whatever text can be read from ``data``.

    Never raises: documents from the outside world are often broken, and a broken
    attachment must not cost us the mail it came with. One that would take more than
    ``limits`` allow is listed with an ``error`` starting with ``CUT_PREFIX``, unread.
    """
    size = len(data)
    reader = reader_for(filename, content_type)
    if reader is None:
        return Attachment(filename, content_type, size)
    refusal = read_refusal(reader, data, limits)
    if refusal is not None:
        return Attachment(
            filename, content_type, size, error=f"{CUT_PREFIX}attachment not read: {refusal}"
        )
    places: tuple[LinePlace, ...] = ()
    try:
        if reader is read_text:
            text = read_text(data, charset)
        elif reader in PLACED_READERS:
            text, places = PLACED_READERS[reader](data)
        else:
            text = reader(data)
    except Exception as exc:  # noqa: BLE001 - third-party readers raise anything on bad files
        return Attachment(filename, content_type, size, error=f"unreadable: {type(exc).__name__}")
    text = clean_text(text[: limits.attachment_text_chars * 2])[: limits.attachment_text_chars]
    return Attachment(filename, content_type, size, text=text, places=places)


#: The readers whose text is not the file's own lines, with the reading that also says
#: where each line stands in the file.
PLACED_READERS: Final[
    dict[Callable[[bytes], str], Callable[[bytes], tuple[str, tuple[LinePlace, ...]]]]
] = {
    read_docx: docx_text,
    read_xlsx: xlsx_text,
}


def read_refusal(reader: Callable[[bytes], str], data: bytes, limits: Limits) -> str | None:
    """Why ``data`` must not be read (None: it may): too big, or a zip (.docx, .xlsx)
    that would unpack to too much."""
    if len(data) > limits.attachment_bytes:
        return f"{len(data)} bytes (limit {limits.attachment_bytes})"
    if reader in (read_docx, read_xlsx):
        return zip_refusal(data, limits)
    return None


def clean_text(text: str) -> str:
    """Remove NUL and other control characters that documents sometimes carry."""
    return "".join(
        char for char in text if char in "\n\t" or not (ord(char) < 32 or ord(char) == 127)
    )
