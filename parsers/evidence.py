"""Where something was read: the part of the message, its line, and for a table row its row
and column; for a spreadsheet also the sheet, and the row as Excel numbers it.

The readers, the municipality, the written standard and the verdict each say where in which
part they read something (a part name and a character offset, or a line); this turns that
into what the organiser can find again ("vedlegget deltakere.xlsx, ark Påmelding, rad 3,
kolonne Navn"). Pure: texts in, places out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from parsers.nlp.people import is_table_row
from parsers.nlp.tables import cells_under, header_kind, split_cells
from parsers.types import BODY, Doubt, LinePlace


@dataclass(frozen=True)
class Spot:
    """One line of one part: its text, its number (from 1), and in a table its row, the
    column a name stands in and a spreadsheet's sheet."""

    part: str
    line: str
    line_no: int
    row: int = -1
    column: str = ""
    sheet: str = ""


@dataclass(frozen=True)
class Parts:
    """The texts of a message by part name, and for an attachment whose text is not the
    file's own lines, where each line stands in the file (``LinePlace``)."""

    texts: Mapping[str, str]
    places: Mapping[str, tuple[LinePlace, ...]] = field(default_factory=dict)

    def spot(self, part: str, pos: int, name: str = "", table: bool = False) -> Spot:
        """The line of ``part`` holding offset ``pos`` (``table``: read as a table row even
        without cell separators)."""
        text = self.texts.get(part, self.texts.get(BODY, ""))
        pos = min(max(pos, 0), len(text))
        start = text.rfind("\n", 0, pos) + 1
        return self.line_spot(part, text.count("\n", 0, start), name, table)

    def line_spot(self, part: str, index: int, name: str = "", table: bool = False) -> Spot:
        """Line ``index`` (from 0) of ``part``, with its cell where it is a table row."""
        lines = self.texts.get(part, self.texts.get(BODY, "")).split("\n")
        if not 0 <= index < len(lines):
            return Spot(part, "", -1)
        line = lines[index].strip()
        places = self.places.get(part, ())
        place = places[index] if index < len(places) else LinePlace()
        row, column = -1, ""
        if place.row >= 0:
            row = place.row
            cell = table_cell(lines, index, name, first=_table_start(lines, places, index))
            column = cell[1] if cell else ""
        elif is_table_row(line) or table:
            row, column = table_cell(lines, index, name) or (-1, "")
        return Spot(part, line[:300], index + 1, row, column, place.sheet)


def _table_start(lines: list[str], places: tuple[LinePlace, ...], index: int) -> int:
    """The first line of the table line ``index`` is a row of: a Word table's row 1, else
    (a sheet) the sheet's first row of two cells or more, so a single-cell row (a merged
    group heading) inside the table does not end it."""
    place = places[index]
    if not place.sheet:
        return max(index - place.row + 1, 0)
    first = index
    for j in range(index, -1, -1):
        if j >= len(places) or places[j].sheet != place.sheet or places[j].row < 0:
            break
        if len(split_cells(lines[j])) >= 2:
            first = j
    return first


def table_cell(
    lines: list[str], i: int, name: str, first: int | None = None
) -> tuple[int, str] | None:
    """Where in its table line ``i`` holds ``name``: the row (the table's first line is row
    1, as in a spreadsheet whose header is on its first row) and the column (the header's
    cell when the table's first line is a header, else the column's number); None when the
    line is no row of cells. A table is a run of lines of two cells or more, unless
    ``first`` says where it starts."""

    def is_row(j: int) -> bool:
        return bool(lines[j].strip()) and len(split_cells(lines[j])) >= 2

    if not 0 <= i < len(lines) or not is_row(i):
        return None
    if first is None:
        first = i
        while first > 0 and is_row(first - 1):
            first -= 1
    row = cells_under(lines[first], lines[i]) if first < i else split_cells(lines[i])
    cells = [set(c.replace(",", " ").casefold().split()) for c in row]
    words = set(name.replace(",", " ").casefold().split())
    column = next((k for k, c in enumerate(cells) if c and c <= words), None)
    if column is None:
        column = next((k for k, c in enumerate(cells) if c & words), None)
    if column is None:
        return i - first + 1, ""
    header = split_cells(lines[first])
    if first < i and column < len(header) and any(header_kind(c) for c in header):
        return i - first + 1, header[column]
    return i - first + 1, str(column + 1)


def placed(doubt: Doubt, parts: Parts) -> Doubt:
    """``doubt`` with the row, column and sheet of the line it points at."""
    if not doubt.part or doubt.line_no < 1:
        return doubt
    spot = parts.line_spot(doubt.part, doubt.line_no - 1, doubt.name or doubt.detail)
    return replace(doubt, line=spot.line, row=spot.row, column=spot.column, sheet=spot.sheet)
