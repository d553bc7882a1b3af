"""Labelled fields: "Navn: Kari Berg" / "Rolle: rektor" on lines of their own.

A form-like reply gives each person as a small block of "label: value" lines ("Navn:"/"Namn:",
"Rolle:"/"Stilling:"/"Funksjon:", optionally "Arbeidssted:"), blocks often separated by blank
lines. The name label is what makes a person: a role label alone signs nobody up. When the
first labelled line of the text is a role, the layout is role-first and each name takes the
role written before it; otherwise each name takes the role written after it, up to the next
name. "Navn: meg selv" is the sender.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.nlp.names import is_person_name
from parsers.nlp.patterns import pattern
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import SELF_MARKERS, clean_role

LABEL_RE = re.compile(
    r"^\s*(?:[-*•·▪–]\s*|\d{1,2}[.)]\s*)?(?P<label>[^\W\d_][^\W\d_ /-]*(?:[ /-][^\W\d_]+){0,2})"
    r"\s*:\s*(?P<value>.*?)\s*$"
)
INLINE_ROLE_RE = pattern("inline_role")
SELF_PAREN_RE = pattern("self_paren_field")
NAME_LABELS = frozenset(load_toml("readers.toml")["words"]["name_labels"])
ROLE_LABELS = frozenset(load_toml("readers.toml")["words"]["role_labels"])
PLACE_LABELS = frozenset(load_toml("readers.toml")["words"]["place_labels"])
SELF_VALUES = SELF_MARKERS | frozenset(load_toml("readers.toml")["words"]["self_field_values"])


@dataclass(frozen=True)
class Field:
    line: int
    kind: str  # "name" | "role" | "place"
    value: str


@dataclass(frozen=True)
class FieldPerson:
    """A person from a labelled block; ``name`` is "" when the block names the sender."""

    name: str
    role: str | None
    context: str
    line: int
    is_self: bool
    lines: frozenset[int]


def label_kind(label: str) -> str | None:
    lowered = " ".join(label.casefold().split())
    if lowered in NAME_LABELS:
        return "name"
    if lowered in ROLE_LABELS:
        return "role"
    if lowered in PLACE_LABELS:
        return "place"
    return None


#: Where a line may hold a further field: " / ", " | ", ";" or "," before a known label.
FIELD_SEPARATOR_RE = re.compile(r"\s+[/|]\s+|\s*[;,]\s*")


def segments(line: str) -> list[str]:
    """The line cut where a further "label: value" with a known label starts ("Namn: Kari
    Berg / Rolle: rektor" is two fields); one segment when there is none."""
    out: list[str] = []
    start = 0
    for sep in FIELD_SEPARATOR_RE.finditer(line):
        m = LABEL_RE.match(line[sep.end() :])
        if m and label_kind(m.group("label")) is not None and sep.start() > start:
            out.append(line[start : sep.start()])
            start = sep.end()
    return [*out, line[start:]]


def fields_of(lines: list[str]) -> list[Field]:
    """Every "label: value" with a known label, several on one line when so written."""
    out: list[Field] = []
    for i, line in enumerate(lines):
        for segment in segments(line):
            m = LABEL_RE.match(segment)
            if not m:
                continue
            kind = label_kind(m.group("label"))
            if kind is not None:
                out.append(Field(i, kind, m.group("value")))
    return out


def person_of(value: str) -> tuple[str, bool, str | None] | None:
    """(name, is_self, inline role) of a name field's value, or None if it is no name."""
    inline = INLINE_ROLE_RE.search(value)
    role = inline.group("role") if inline else None
    raw = value[: inline.start()] if inline else value
    marker = re.sub(r"[().,]", " ", raw).casefold()
    if " ".join(marker.split()) in SELF_VALUES:
        return "", True, role
    name = " ".join(re.sub(r"\s*\([^()]*\)", "", raw).strip(" ,.;").split())
    self_marked = bool(SELF_PAREN_RE.search(raw))
    return (name, self_marked, role) if is_person_name(name) else None


def people_from_fields(text: str) -> list[FieldPerson]:
    """Persons of a form-like layout, in the order written."""
    lines = text.split("\n")
    fields = fields_of(lines)
    if not any(f.kind == "name" for f in fields):
        return []
    role_first = next(f.kind for f in fields if f.kind != "place") == "role"
    names = [i for i, f in enumerate(fields) if f.kind == "name"]
    out: list[FieldPerson] = []
    for n, idx in enumerate(names):
        person = person_of(fields[idx].value)
        if person is None:
            continue
        name, is_self, inline_role = person
        if role_first:
            lo = names[n - 1] + 1 if n else 0
            group = fields[lo:idx] + [
                f
                for f in fields[idx + 1 : names[n + 1] if n + 1 < len(names) else None]
                if f.kind == "place"
            ]
        else:
            group = fields[idx + 1 : names[n + 1] if n + 1 < len(names) else None]
        group = [f for f in group if abs(f.line - fields[idx].line) <= 6]
        roles = [f.value for f in group if f.kind == "role" and f.value]
        places = [f.value for f in group if f.kind == "place" and f.value]
        role = clean_role(inline_role or (roles[0] if roles else ""))
        used = frozenset({fields[idx].line, *(f.line for f in group)})
        out.append(FieldPerson(name, role, " ".join(places), fields[idx].line, is_self, used))
    return out
