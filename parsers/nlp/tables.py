"""Tables with a header row: a spreadsheet or CSV attachment, a pasted table, or an HTML table
that a client flattened to one cell per line.

The header says which column holds what ("Navn;Rolle;Enhet;Deltar 4. juni"), so each row is
read by its column and not guessed from its words: the name cell ("Berg, Kari" kept as
written), the role cell, the workplace cells (the person's context, which tells a bare
"rektor" at "Langmyra skole" from one at the kulturskole) and an attendance column whose "Nei"
says the row is no participant. Without a header naming a name column nothing is read here:
the line readers of ``people`` take such tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from parsers.nlp.fields import NAME_LABELS, PLACE_LABELS, ROLE_LABELS
from parsers.nlp.memo import per_message
from parsers.nlp.names import is_person_name
from parsers.nlp.people import parse_line
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import clean_role, has_role_word

#: Cell separators of a row: tab, semicolon (Norwegian Excel's CSV) or a spaced bar.
CELL_RE = re.compile(r"\t|;|\s+\|\s+")
PAREN_RE = re.compile(r"\s*\([^()]*\)")


@dataclass(frozen=True)
class TablePerson:
    """One row of a table: ``attends`` is False when its attendance cell says no."""

    name: str
    role: str | None
    context: str
    line: int
    attends: bool
    #: The lines this row used up: its own, and for a table's first row the header above it
    #: (together the rows of a table use up every line from its header to its last row).
    lines: frozenset[int] = frozenset()
    #: The table has a role column and this row's cell in it is empty, with no role written
    #: in the other cells either: the role is missing as written, not missed by the reader.
    role_blank: bool = False


def _words(kind: str) -> frozenset[str]:
    return frozenset(load_toml("names.toml")["table_headers"][kind])


@per_message
def header_kind(cell: str) -> str | None:
    """What a header cell names: name, given, family, role, place, attends (or None); a cell
    joining labels ("Rolle og arbeidssted") names what its labels together say."""
    text = " ".join(PAREN_RE.sub("", cell).casefold().strip(" :*").split())
    if not text:
        return None
    kind = _label_kind(text)
    return kind if kind is not None else _compound_kind(text)


def _label_kind(text: str) -> str | None:
    """What one header label names."""
    if text in NAME_LABELS or text in _words("name"):
        return "name"
    for kind in ("given", "family", "attends"):
        if text in _words(kind) or any(text.startswith(w + " ") for w in _words(kind)):
            return kind
    if text in ROLE_LABELS or text in _words("role"):
        return "role"
    if text in PLACE_LABELS or text in _words("place"):
        return "place"
    return None


@cache
def _compound_joins() -> re.Pattern[str]:
    return re.compile(load_toml("names.toml")["table_header_compound"]["joins"])


def _compound_kind(text: str) -> str | None:
    """A header cell joining labels: a role label with workplace labels ("Rolle og
    arbeidssted", "Stilling/arbeidsstad") is the role column, whose cells keep role and
    workplace together as written; workplace labels alone are the workplace column. Every
    label must be known, and none may name the person."""
    parts = [p for p in _compound_joins().split(text) if p]
    if len(parts) < 2:
        return None
    kinds = {_label_kind(p) for p in parts}
    if kinds <= {"role", "place"} and "role" in kinds:
        return "role"
    return "place" if kinds == {"place"} else None


#: Cells aligned with spaces ("Namn     Stilling     Arbeidsstad"): two spaces or more.
ALIGNED_RE = re.compile(r"\s{2,}")
#: A rule under an aligned header ("-------  --------").
RULE_ROW_RE = re.compile(r"^[\s\-–—_=+|]*$")


def split_cells(line: str, aligned: bool = False) -> list[str]:
    cells = (ALIGNED_RE if aligned else CELL_RE).split(line.strip() if aligned else line)
    return [c.strip().strip('"').strip() for c in cells]


#: The tab stops of a typed table: every eighth column, as mail clients and editors show them.
TAB_WIDTH = 8


def tab_cells(line: str) -> list[tuple[int, str]]:
    """(column where it starts on the screen, text) of each tab-separated cell of ``line``,
    tabs expanded to the next tab stop."""
    out: list[tuple[int, str]] = []
    column = 0
    for k, cell in enumerate(line.split("\t")):
        if k:
            column = (column // TAB_WIDTH + 1) * TAB_WIDTH
        out.append((column, cell))
        column += len(cell)
    return out


def cells_under(header: str, line: str) -> list[str]:
    """The cells of ``line`` by the columns of ``header``: cell by cell (a rendered HTML
    table, a CSV row), unless that puts a cell under no header cell. Then the table was typed
    with tabs to line up on the screen ("Navn<tab><tab><tab><tab>Rolle" over "Kari Berg<tab>
    <tab>rektor", as many tabs after each cell as its length needs in the writer's font):
    a row with a cell for every header cell takes them in order; a row with fewer takes,
    cell by cell from the left, the header cell it stands nearest to on a screen of tab
    stops every eight columns, never one left of the cell before it."""
    cells = split_cells(line)
    head = split_cells(header)
    if all(not c or (k < len(head) and head[k]) for k, c in enumerate(cells)):
        return cells
    if len(header.split("\t")) != len(head) or len(line.split("\t")) != len(cells):
        return cells  # other separators than tabs: no columns on the screen to go by
    named = [(start, k) for k, (start, text) in enumerate(tab_cells(header)) if text.strip()]
    filled = [(start, text.strip().strip('"').strip()) for start, text in tab_cells(line)]
    filled = [(start, text) for start, text in filled if text]
    if not filled or len(filled) > len(named):
        return cells
    out = [""] * len(head)
    if len(filled) == len(named):
        for (_, k), (_, text) in zip(named, filled, strict=True):
            out[k] = text
        return out
    left = 0
    for start, text in filled:
        free = named[left:]
        if not free:
            return cells
        nearest = min(range(len(free)), key=lambda i: abs(free[i][0] - start))
        out[free[nearest][1]] = text
        left += nearest + 1
    return out


def aligned_header(line: str) -> list[str | None] | None:
    """The columns of a header whose cells are aligned with spaces, when every cell names a
    column (at least two, one of them the name); else None."""
    if CELL_RE.search(line):
        return None
    columns = [header_kind(c) for c in split_cells(line, aligned=True)]
    if len(columns) >= 2 and "name" in columns and None not in columns:
        return columns
    return None


def inverted_name(text: str) -> bool:
    """ "Berg, Kari" / "Kjos-Hansen, Ole Martin": family name, comma, given names."""
    parts = [p.strip() for p in text.split(",")]
    return (
        len(parts) == 2
        and is_person_name(parts[0], min_tokens=1, max_tokens=3)
        and is_person_name(parts[1], min_tokens=1, max_tokens=3)
    )


def table_name(text: str) -> str | None:
    """The name of a name cell as written (a party in parentheses dropped), or None."""
    name = " ".join(PAREN_RE.sub("", text).strip(" ,.;").split())
    return name if is_person_name(name) or inverted_name(name) else None


def name_and_role(cell: str) -> tuple[str | None, str | None]:
    """A name cell that holds the role too ("Kari Berg – rektor", "Kari Berg (rektor)"), as a
    list line writes them: (name, role), or (None, None) when it is no such line."""
    found = parse_line(cell)
    if found is None or found[1] is None or "\t" in cell:
        return None, None
    return found[0], found[1]


def says_no(cell: str) -> bool:
    words = re.findall(r"[^\W\d_]+", cell.casefold())
    return bool(words) and words[0] in _words("no")


def people_from_tables(text: str) -> tuple[list[TablePerson], set[int]]:
    """Rows of every header table in ``text`` and the lines they used (header included)."""
    lines = text.split("\n")
    found: list[TablePerson] = []
    used: set[int] = set()
    for i, line in enumerate(lines):
        if i in used:
            continue
        columns = [header_kind(c) for c in split_cells(line)]
        aligned = aligned_header(line)
        if aligned is not None:
            columns = list(aligned)
            start = i + 1
            while start < len(lines) and lines[start].strip() and RULE_ROW_RE.match(lines[start]):
                start += 1  # the rule under the header
            rows = [(j, split_cells(lines[j], aligned=True)) for j in range(start, len(lines))]
            people, last = _read_rows(columns, rows)
        elif (len(columns) >= 2 and "name" in columns) or {"given", "family"} <= set(columns):
            rows = [(j, cells_under(line, lines[j])) for j in range(i + 1, len(lines))]
            people, last = _read_rows(columns, rows)
        else:
            people, last, columns = _read_flattened(lines, i)
        if people:
            found.extend(with_blocks(people, i, last))
            used.update(range(i, last + 1))
    return found, used


def with_blocks(people: list[TablePerson], first: int, last: int) -> list[TablePerson]:
    """Each row with the lines it used up: from the line after the row before (the header
    for the first row) to the line before the next row (the table's last line for the last)."""
    out: list[TablePerson] = []
    for k, person in enumerate(people):
        start = people[k - 1].line + 1 if k else first
        end = people[k + 1].line - 1 if k + 1 < len(people) else last
        out.append(replace(person, lines=frozenset(range(start, end + 1))))
    return out


def _read_rows(
    columns: list[str | None], rows: list[tuple[int, list[str]]]
) -> tuple[list[TablePerson], int]:
    """Persons of the rows under a header, up to the first row that is not one."""
    out: list[TablePerson] = []
    last = -1
    for j, cells in rows:
        if not any(cells):
            if out:
                break
            continue
        person = _row(columns, cells, j)
        if person is None:
            break
        out.append(person)
        last = j
    return out, last


def _row(columns: list[str | None], cells: list[str], line: int) -> TablePerson | None:
    cell = dict[str, list[str]]()
    for kind, value in zip(columns, cells, strict=False):
        if kind and value:
            cell.setdefault(kind, []).append(value)
    raw = " ".join(cell.get("name", [])) or " ".join(cell.get("given", []) + cell.get("family", []))
    name = table_name(raw)
    written = None
    if name is None and len(cell.get("name", [])) == 1:
        name, written = name_and_role(raw)
    if name is None:
        return None
    role = clean_role(cell["role"][0]) if cell.get("role") else written
    context = " ".join(cell.get("place", []))
    attends = not any(says_no(v) for v in cell.get("attends", []))
    blank = not role and "role" in columns and not has_role_word(" ".join(cells))
    return TablePerson(name, role or None, context, line, attends, role_blank=blank)


def _read_flattened(lines: list[str], i: int) -> tuple[list[TablePerson], int, list[str | None]]:
    """A table whose cells stand one per line ("Namn", "Rolle", then name, role, …): the
    header cells on consecutive content lines give the width, the rows follow in that step."""
    content = [j for j in range(i, len(lines)) if lines[j].strip()]
    columns: list[str | None] = []
    for j in content:
        kind = header_kind(lines[j]) if len(lines[j].split()) <= 4 else None
        if kind is None:
            break
        columns.append(kind)
    if len(columns) < 2 or "name" not in columns:
        return [], -1, columns
    cells = content[len(columns) :]
    rows = [
        (cells[k], [lines[j].strip() for j in cells[k : k + len(columns)]])
        for k in range(0, len(cells) - len(columns) + 1, len(columns))
    ]
    people, last_row = _read_rows(columns, rows)
    if not people:
        return [], -1, columns
    last = cells[cells.index(last_row) + len(columns) - 1]
    return people, last, columns
