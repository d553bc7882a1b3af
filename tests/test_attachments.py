"""parsers.attachments: text from .docx, .xlsx, .pdf, .txt/.csv files built in the test."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path

from docx import Document
from openpyxl import Workbook

from parsers.attachments import decode_bytes, extract, read_docx, read_pdf, read_xlsx
from tests.corpus import corpus_bytes

REPO = Path(__file__).resolve().parents[1]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def docx_with_table() -> bytes:
    document = Document()
    document.add_paragraph("Deltakarar frå Luster kommune")
    table = document.add_table(rows=3, cols=2)
    rows = [("Namn", "Rolle"), ("Kari Nordmann", "kulturskulerektor"), ("Per Hansen", "ordførar")]
    for row, (name, role) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = name, role
    document.add_paragraph("Helsing Kari")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_with_rows() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Deltakere"
    sheet.append(["Navn", "Rolle"])
    sheet.append(["Kari Nordmann", "rektor"])
    sheet.append([None, None])
    sheet.append(["Per Hansen", "ordfører"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def without_named_styles(xlsx: bytes) -> bytes:
    """The workbook as tools other than Excel write it: a stylesheet with no named styles."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/styles.xml":
                data = re.sub(rb"<cellStyles .*?</cellStyles>", b"", data)
            target.writestr(item, data)
    return out.getvalue()


def pdf_with_text(line: str) -> bytes:
    """A minimal one-page PDF with a Helvetica text line (xref offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class TestDocx:
    def test_table_rows_are_tab_separated_lines_in_document_order(self) -> None:
        text = read_docx(docx_with_table())
        assert text.splitlines() == [
            "Deltakarar frå Luster kommune",
            "Namn\tRolle",
            "Kari Nordmann\tkulturskulerektor",
            "Per Hansen\tordførar",
            "Helsing Kari",
        ]

    def test_corpus_025_docx(self) -> None:
        import email
        import email.policy

        message = email.message_from_bytes(corpus_bytes("025"), policy=email.policy.default)
        (part,) = list(message.iter_attachments())  # type: ignore[attr-defined]
        attachment = extract(part.get_filename(), part.get_content_type(), part.get_content())
        assert attachment.text is not None
        for row in ("Jostein Kvåle\trektor i Luster kulturskule", "Bente Fortun\tvaraordførar"):
            assert row in attachment.text


class TestXlsx:
    def test_rows_as_lines_empty_rows_skipped(self) -> None:
        text = read_xlsx(xlsx_with_rows())
        assert text.splitlines() == [
            "[Deltakere]",
            "Navn\tRolle",
            "Kari Nordmann\trektor",
            "Per Hansen\tordfører",
        ]

    def test_a_workbook_without_named_styles_reads_without_a_warning(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            text = read_xlsx(without_named_styles(xlsx_with_rows()))

        assert "Per Hansen\tordfører" in text

    def test_chosen_by_extension_when_type_is_generic(self) -> None:
        attachment = extract("liste.xlsx", "application/octet-stream", xlsx_with_rows())
        assert attachment.text and "Per Hansen\tordfører" in attachment.text


class TestPdf:
    def test_text_layer(self) -> None:
        assert "Kari Nordmann, rektor" in read_pdf(pdf_with_text("Kari Nordmann, rektor"))

    def test_extract_pdf(self) -> None:
        attachment = extract("plan.pdf", "application/pdf", pdf_with_text("Kulturskoleplan"))
        assert attachment.text and "Kulturskoleplan" in attachment.text
        assert attachment.error is None


class TestTextFiles:
    def test_csv_in_windows_1252_without_declared_charset(self) -> None:
        data = "Navn;Rolle\nÅse Bjørnstad;rektor ved Ajer skole\nPer Møllerud;rektor\n"
        attachment = extract("liste.csv", "text/csv", data.encode("cp1252"))
        assert attachment.text == data

    def test_utf8_txt(self) -> None:
        attachment = extract("liste.txt", "text/plain", "Kari Nordmann – rektor\n".encode())
        assert attachment.text == "Kari Nordmann – rektor\n"

    def test_declared_iso_8859_1_read_as_windows_1252(self) -> None:
        text, defect = decode_bytes("Tor – Åse".encode("cp1252"), "iso-8859-1")
        assert text == "Tor – Åse" and defect is None

    def test_unknown_charset_name_falls_back(self) -> None:
        text, defect = decode_bytes("Påmelding".encode("cp1252"), "x-unknown")
        assert text == "Påmelding" and defect and "x-unknown" in defect

    def test_nul_and_control_characters_removed(self) -> None:
        attachment = extract("liste.txt", "text/plain", b"Kari\x00 Nordmann\x07\trektor\n")
        assert attachment.text == "Kari Nordmann\trektor\n"


class TestUnreadable:
    def test_broken_files_give_an_error_not_an_exception(self) -> None:
        for name, content_type in (
            ("a.docx", DOCX),
            ("a.xlsx", XLSX),
            ("a.pdf", "application/pdf"),
        ):
            attachment = extract(name, content_type, b"garbage")
            assert attachment.text is None and attachment.error
            assert attachment.size == len(b"garbage")

    def test_unknown_types_are_listed_without_text(self) -> None:
        attachment = extract("logo.png", "image/png", b"\x89PNG")
        assert attachment.text is None and attachment.error is None
