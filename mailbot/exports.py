"""The participant list as the organiser takes it away: CSV and XLSX (and the registry as
JSON), the same from the desk and from ``mailbot export``.

Column names and values are in the organiser's bokmål. The CSV is UTF-8 with a byte-order
mark, so that Excel shows «ø» as «ø» when the file is opened with a double click.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from db.desk import ExportRow, export_rows
from db.session import make_engine, make_session_factory

OSLO = ZoneInfo("Europe/Oslo")
COLUMNS = (
    "kommune",
    "kommunenummer",
    "nr",
    "navn",
    "rolle",
    "sektor",
    "status",
    "registrert",
    "kilde",
    "meldings-id",
)
STATUS_WORDS = {
    "complete": "fullført",
    "incomplete": "ufullstendig",
    "late": "etter fristen",
    "withdrawn": "trukket",
}
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _local(value: datetime | None) -> datetime | None:
    """Oslo wall-clock time without a zone: spreadsheets have no time zones."""
    return value.astimezone(OSLO).replace(tzinfo=None) if value else None


def _values(row: ExportRow) -> list[Any]:
    return [
        row.municipality,
        row.municipality_number,
        row.position,
        row.name,
        row.role,
        row.sector,
        STATUS_WORDS.get(row.status, row.status),
        _local(row.registered_at),
        row.source,
        row.source_message_id,
    ]


def to_csv(rows: Sequence[ExportRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        values = _values(row)
        registered = values[7]
        values[7] = registered.strftime("%Y-%m-%d %H:%M") if registered else ""
        writer.writerow(values)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(rows: Sequence[ExportRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Deltakere"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_values(row))
    for cell in sheet["H"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    for index, width in enumerate((18, 14, 5, 28, 40, 15, 14, 17, 36, 40), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_file(url: str, fmt: str) -> bytes:
    """``mailbot export --format csv|xlsx``: the participant list from the database."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            rows = export_rows(session)
    finally:
        engine.dispose()
    return to_xlsx(rows) if fmt == "xlsx" else to_csv(rows)
