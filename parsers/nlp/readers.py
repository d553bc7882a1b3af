"""The readers of participants: each way a reply writes a person is one small named reader,
and ``READERS`` is their one ordered table (as ``rules/registry.py`` is for the rules).

A text reader reads a whole ``ReadDoc`` and returns what it read; a line reader reads one
line of it. The line readers of one *sweep* take each line in turn: the first of them that
reads a line has it, and a line reader sees what was read on the lines before it in the
same sweep (a bare name is a list item when the line above it was one). What a reader
returns is only a proposal: ``parsers.nlp.resolve`` decides, in the order of this table,
what stands (see ``resolve`` for the whole precedence).

The ``effect`` of an entry says how the resolver uses what it read:
``claims`` — persons read where they are written (their lines are used up by the reading);
``re_roles`` — a role for a person another reader read without one (same person, same place);
``corrects`` — a person whose role the text corrects (replaces every reading of that name);
``removes`` — a name the text takes off the list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from parsers.nlp.candidate import Candidate, ReadDoc
from parsers.nlp.changes import corrections, removed_names
from parsers.nlp.fields import people_from_fields
from parsers.nlp.in_order import OrderedPerson, people_by_first_name, people_in_order
from parsers.nlp.line_groups import parse_role_first, wrapped_semicolon_runs
from parsers.nlp.names import is_person_name
from parsers.nlp.patterns import pattern
from parsers.nlp.people import (
    after_list_opener,
    blank_role_column,
    cell_context,
    clean_name,
    in_list_context,
    is_role_line,
    is_table_row,
    next_content_line,
    parse_line,
    parse_name_sector,
    parse_role_comma_name,
    parse_self_line,
    role_is_phrase,
    strip_bullet,
    stripped_is_bare,
)
from parsers.nlp.people import several_on_line as read_several
from parsers.nlp.prose import (
    later_roles,
    name_spans,
    people_in_prose,
    roles_by_full_name,
    sender_in_prose,
    stated_own_role,
)
from parsers.nlp.roles import clean_role, find_heads, has_role_word, is_party
from parsers.nlp.run_on import run_on_people
from parsers.nlp.sectors import organisation_sector
from parsers.nlp.tables import people_from_tables
from parsers.types import ExtractionContext

Effect = Literal["claims", "re_roles", "corrects", "removes"]
#: Reads a whole text (the event's context at hand).
TextRead = Callable[[ReadDoc, ExtractionContext], list[Candidate]]
#: Reads line ``i`` of a text, seeing what the lines before it in its sweep gave.
LineRead = Callable[[ReadDoc, int], list[Candidate]]
#: The texts of a message: the sender's own words, the forwarded part, the attachments.
ALL_TEXTS = frozenset({"own", "forwarded", "attachment"})


@dataclass(frozen=True)
class Reader:
    """One entry of the table: a name (evidence and ``mailbot eval`` show it), one of
    ``read_text``/``read_line``, and for a line reader the sweep it belongs to."""

    name: str
    read_text: TextRead | None = None
    read_line: LineRead | None = None
    sweep: str = ""
    effect: Effect = "claims"
    texts: frozenset[str] = ALL_TEXTS


def line_of(doc: ReadDoc, pos: int) -> int:
    """The index of the line of ``doc`` that character ``pos`` is on."""
    return max(bisect_right(doc.starts, pos) - 1, 0)


def person(
    doc: ReadDoc, i: int, name: str, role: str | None, is_self: bool = False, context: str = ""
) -> Candidate:
    """A candidate read on line ``i`` (at its start) that uses up that line."""
    start = doc.starts[i]
    return Candidate(name, role, start, is_self, context, doc.source, line=i, lines=frozenset({i}))


# --- text readers -----------------------------------------------------------------------


def header_table(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """Rows under a header that names the columns ("Navn;Rolle;Enhet;Deltar"): each row by
    its columns; a row whose attendance cell says "Nei" uses up its line, signs nobody up."""
    rows, _ = people_from_tables(doc.text)
    return [
        replace(
            person(doc, row.line, row.name, row.role, context=row.context),
            lines=row.lines,
            signs_up=row.attends,
            role_blank=row.role_blank,
        )
        for row in rows
    ]


def labelled_fields(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """Form-like blocks ("Navn: Kari Berg" / "Rolle: rektor"); "Navn: meg selv" is the
    sender. A block that shares a line with one read before it is no person of its own."""
    out: list[Candidate] = []
    used = set(doc.claimed)
    for found in people_from_fields(doc.text):
        if used & found.lines:
            continue
        used.update(found.lines)
        name = found.name or doc.sender_name
        cand = person(doc, found.line, name, found.role, found.is_self, found.context)
        out.append(replace(cand, lines=found.lines, signs_up=bool(name)))
    return out


def wrapped_semicolons(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """A semicolon list wrapped over several lines ("Kari Berg, rektor; Per Ås,\\nordførar;
    …"): read as one line, at least two persons; the persons stand on its first line."""
    out: list[Candidate] = []
    for first, last in wrapped_semicolon_runs(list(doc.lines)):
        group = read_several(" ".join(doc.lines[first : last + 1]), doc.starts[first])
        if len(group) >= 2:
            run = frozenset(range(first, last + 1))
            out.extend(replace(c, source=doc.source, line=first, lines=run) for c in group)
    return out


def in_same_order(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """Names in one sentence, their roles "i samme rekkefølge" in the next (or the other way
    round): paired by order when the two lists are as long."""
    return _placed(doc, people_in_order(doc.text))


def first_names_told(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """First names listed ("Vi blir fire: Oda, Kjetil, …"), each full name told with its
    role after ("Oda Heimdal er kulturskolerektor."): read where the full name stands."""
    return _placed(doc, people_by_first_name(doc.text))


def _placed(doc: ReadDoc, found: list[OrderedPerson]) -> list[Candidate]:
    """Candidates of persons read across sentences, each on the line where its name stands
    (none on a line another reader claimed)."""
    out: list[Candidate] = []
    for each in found:
        i = line_of(doc, each.start)
        if i not in doc.claimed:
            out.append(replace(person(doc, i, each.name, each.role), pos=each.start))
    return out


def prose_people(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """Persons in a sentence that signs up ("Kari Berg, rektor ved …, blir med")."""
    found = people_in_prose(doc.text, doc.claimed, doc.ner)
    return [replace(c, source=doc.source, line=line_of(doc, c.pos)) for c in found]


def prose_self(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """The sender, in a signing sentence in the first person ("eg kjem sjølv som …")."""
    if not doc.sender_name:
        return []
    found = sender_in_prose(doc.text, doc.sender_name, doc.claimed)
    return [replace(c, source=doc.source, line=line_of(doc, c.pos)) for c in found]


def run_on_list(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """Several persons with roles run together in one line of running text, no sign-up verb
    and often no capital ("kari lie rektor på Vik skule, per dal ordførar og …"), on a line
    no reader before has read."""
    out: list[Candidate] = []
    for i, line in enumerate(doc.lines):
        if i in doc.claimed:
            continue
        for found in run_on_people(line):
            role = clean_role(found.role)
            cand = person(doc, i, found.name, role or None)
            out.append(replace(cand, pos=doc.starts[i] + found.start))
    return out


def later_role(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """A role given by first name in a later sentence ("Marit er rektor i …") to the one
    person read before it with that first name, when it was read without a role, or by full
    name in another sentence with the role word right before it ("På vegne av kommunalsjef
    Per Ås …"): the person as read, now with that role."""
    read = list(doc.read)
    given = later_roles(doc.text, roles_by_full_name(doc.text, read))
    return [new for old, new in zip(read, given, strict=True) if new != old]


def correction(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """A person whose role the text corrects ("X er ikkje lærar, men inspektør")."""
    found = corrections(doc.text, doc.known)
    return [replace(c, source=doc.source, line=line_of(doc, c.pos)) for c in found]


def removal(doc: ReadDoc, ctx: ExtractionContext) -> list[Candidate]:
    """A name the text takes off the list ("X kan ikkje likevel", "i staden for X")."""
    names = removed_names(doc.text, doc.known)
    return [Candidate(n, None, 0, source=doc.source, signs_up=False) for n in names]


# --- line readers -----------------------------------------------------------------------


def sender_line(doc: ReadDoc, i: int) -> list[Candidate]:
    """A list line naming the sender instead of a name ("- meg selv, kultursjef"); used up
    even when the sender's name is unknown."""
    role = parse_self_line(doc.lines[i])
    if role is None:
        return []
    name = doc.sender_name
    return [replace(person(doc, i, name, role, is_self=True), signs_up=bool(name))]


#: A list line that is only the sender: "Eg sjølv", "- Meg selv.".
BARE_SELF_LINE_RE = pattern("bare_self_line")


def bare_self(doc: ReadDoc, i: int) -> list[Candidate]:
    """A list item that is only the sender ("Eg sjølv" above "Kari Berg, rektor"), the role
    from the sender's own sentence ("Eg er rektor ved Vik skule …"). With no such sentence,
    or no sender's name, nothing is read: the role is unknown, and a person decides."""
    line = strip_bullet(doc.lines[i]).strip()
    if not doc.sender_name or not BARE_SELF_LINE_RE.match(line):
        return []
    if not in_list_context(doc.lines, i, doc.anchors) and not closes_list(doc, i, line):
        return []
    role = stated_own_role(doc.text) or doc.sender_role
    return [person(doc, i, doc.sender_name, role, is_self=True)] if role else []


#: "pluss meg selv": a word adding the sender to the list above.
LIST_ADDITION_RE = pattern("list_addition")


def closes_list(doc: ReadDoc, i: int, line: str) -> bool:
    """ "pluss meg selv selvfølgelig." after a blank line under a list: the sender added to
    the list above (its last line one a person stands on)."""
    j = i - 1
    while j >= 0 and not doc.lines[j].strip():
        j -= 1
    return j >= 0 and j in doc.anchors and LIST_ADDITION_RE.match(line) is not None


def several_on_line(doc: ReadDoc, i: int) -> list[Candidate]:
    """A semicolon one-liner, or two names sharing one role ("Ola Vik og Eli Hauge, begge
    rektor ved Vik skule")."""
    group = read_several(doc.lines[i], doc.starts[i])
    return [replace(c, source=doc.source, line=i, lines=frozenset({i})) for c in group]


def list_line(doc: ReadDoc, i: int) -> list[Candidate]:
    """One person and a role on one line: "Kari Berg, rektor", "Kari Berg (rektor)",
    "Rektor: Kari Berg", "Kari Berg – rektor", a table row with tab or '|' cells."""
    line = doc.lines[i]
    parsed = parse_line(line)
    if not parsed:
        return []
    name, role, marked = parsed
    if role is None or holds_more_persons(role):
        return []  # no role; or "Kari Berg (rektor), Ola Dal (ordførar) og Eva Li": prose
    context = cell_context(line, name, role) if is_table_row(line) else ""
    if not context:
        role, context = workplace_apart(line, name, role)
    return [person(doc, i, name, role, is_self=marked, context=context)]


def workplace_apart(line: str, name: str, role: str) -> tuple[str, str]:
    """(role, workplace) of a line written "Name, role, Workplace" ("Kari Berg, rektor, Vik
    skule"): the workplace, a capitalised last comma field with no role word, is where the
    person works, not part of the role; it decides the sector. A role after another
    separator ("Kari Berg – rektor, Vik skule") stays whole."""
    text = strip_bullet(line)
    if not text.startswith(name) or not text[len(name) :].lstrip().startswith(","):
        return role, ""
    head, comma, place = role.rpartition(",")
    place = place.strip()
    if not comma or not place[:1].isupper() or has_role_word(place) or not has_role_word(head):
        return role, ""
    return head.strip(), place


def holds_more_persons(role: str) -> bool:
    """A "role" with further persons in it ("Ola Dal (ordførar) og Eva Li"): the line lists
    several people in running text, not one person and a role. One name alone may be a
    workplace named after a person ("leiar ved Deichman Holmlia")."""
    spans = [(s, e) for s, e in name_spans(role) if is_person_name(role[s:e])]
    return len(spans) >= 2 or any(role[e:].lstrip().startswith("(") for _, e in spans)


#: "Bakken, Tone - kulturskolerektor": family name, comma, given names, a dash, the role.
FAMILY_FIRST_RE = re.compile(
    r"^(?P<family>[^\W\d_][\w'’-]*),\s+(?P<given>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2})"
    r"\s+[-–—:]\s+(?P<role>\S.*)$"
)


def family_first(doc: ReadDoc, i: int) -> list[Candidate]:
    """ "Bakken, Tone - kulturskolerektor": a list written family name first (two lines or
    more of it), the name kept as written."""
    m = FAMILY_FIRST_RE.match(strip_bullet(doc.lines[i]).strip())
    if m is None or sum(1 for line in doc.lines if family_first_line(line)) < 2:
        return []
    if not is_person_name(f"{m.group('given')} {m.group('family')}"):
        return []
    role = clean_role(m.group("role"))
    if not role or not find_heads(role):
        return []
    return [person(doc, i, f"{m.group('family')}, {m.group('given')}", role)]


def family_first_line(line: str) -> bool:
    m = FAMILY_FIRST_RE.match(strip_bullet(line).strip())
    return m is not None and bool(find_heads(m.group("role")))


def role_first(doc: ReadDoc, i: int) -> list[Candidate]:
    """ "Ordførar Tore Hals (Sp)", "ein av lærarane våre, Kari Berg": role words, then the
    name; only in a list (bulleted, next to a list line, or right after a line ending in
    ':'). A workplace after the name ("rektor Kari Berg (Vik kulturskule)", "fagarbeidar Kari
    Berg, Vik barnehage") is kept beside the role, for its sector."""
    text, workplace = split_workplace(strip_bullet(doc.lines[i]))
    found = parse_role_first(text) or parse_role_comma_name(text)
    if not found or not in_list_context(doc.lines, i, doc.anchors):
        return []
    return [person(doc, i, found[0], found[1], is_self=found[2], context=workplace)]


#: A workplace closing a line, in brackets or after a comma.
WORKPLACE_TAIL_RE = re.compile(
    r"^(?P<rest>.+?)(?:\s*\((?P<paren>[^()]+)\)|\s*,\s*(?P<comma>[^,()]+))\s*$"
)


def split_workplace(text: str) -> tuple[str, str]:
    """The line without a closing workplace ("(Vik kulturskule)", ", Vik barnehage"), and
    that workplace; a party or anything else in brackets stays."""
    m = WORKPLACE_TAIL_RE.match(text.strip())
    if not m:
        return text, ""
    tail = (m.group("paren") or m.group("comma") or "").strip()
    if is_party(tail) or find_heads(tail) or organisation_sector(tail) is None:
        return text, ""
    return m.group("rest"), tail


def neighbour_cells(doc: ReadDoc, i: int) -> list[Candidate]:
    """A table row with a name and no role, next to a line a person stands on."""
    parsed = parse_line(doc.lines[i])
    if not parsed or not (i - 1 in doc.anchors or i + 1 in doc.anchors):
        return []
    if blank_role_column(doc.lines, i, parsed[0]):
        # "Per Ås<tab><tab>Vik skule" under "Kari Berg<tab>rektor<tab>Vik kulturskule": the
        # role cell is blank as written, the workplace stays the row's context
        context = cell_context(doc.lines[i], parsed[0], None)
        found = person(doc, i, parsed[0], None, is_self=parsed[2], context=context)
        return [replace(found, role_blank=True)]
    return [person(doc, i, parsed[0], None, is_self=parsed[2])]


def name_then_sector(doc: ReadDoc, i: int) -> list[Candidate]:
    """A name and where the person comes from, no separator between, in a list ("Kari Berg
    frå oppvekst", "Per Ås (H) fra politikken", "eva li barnehagen" under or above a list
    line, or right after a line ending in ':')."""
    found = parse_name_sector(doc.lines[i])
    if found is None or not in_list_context(doc.lines, i, doc.anchors):
        return []
    return [person(doc, i, found[0], found[1], is_self=found[2])]


#: "- Ingrid, kulturskulerektor": a first name only, then the role.
GIVEN_ROLE_LINE_RE = pattern("given_role_line")


def given_name_only(doc: ReadDoc, i: int) -> list[Candidate]:
    """ "- Ingrid, kulturskulerektor" in a list, the person named in full on another line of
    the text ("Kontaktperson for gruppa er Ingrid Haugland"): the full name with the line's
    role. Only when exactly one full name elsewhere begins with that first name, and no
    reader before has read it."""
    m = GIVEN_ROLE_LINE_RE.match(strip_bullet(doc.lines[i]))
    if m is None or not in_list_context(doc.lines, i, doc.anchors):
        return []
    role = clean_role(m.group("role"))
    heads = find_heads(role) if role else []
    if not role or not heads or heads[0].start != 0 or not role_is_phrase(role):
        return []
    given = m.group("given")
    full = {
        " ".join(line[s:e].split())
        for j, line in enumerate(doc.lines)
        if j != i
        for s, e in name_spans(line)
        if line[s:e].split()[0] == given and is_person_name(line[s:e])
    }
    read = {c.name.casefold() for c in doc.read}
    if len(full) != 1 or next(iter(full)).casefold() in read:
        return []
    return [person(doc, i, full.pop(), role)]


def bare_name(line: str) -> tuple[str, bool]:
    """The line as a name (bullet, parentheses and a trailing dash dropped) and whether it
    marks the sender; "Kari Berg – (rolle kjem)" is Kari Berg."""
    name, marked = clean_name(strip_bullet(line))
    return name.rstrip(" -–—"), marked


def name_then_role(doc: ReadDoc, i: int) -> list[Candidate]:
    """A name on one line, its role on the next ("Kari Berg" / "rektor, Vik skule")."""
    name, marked = bare_name(doc.lines[i])
    nxt = next_content_line(doc.lines, i)
    if not name or not is_person_name(name) or nxt is None or not is_role_line(doc.lines[nxt]):
        return []
    cand = person(doc, i, name, clean_role(doc.lines[nxt]), is_self=marked)
    return [replace(cand, lines=frozenset({i, nxt}))]


#: A phone number or an e-mail address closing a list line, after a comma or semicolon.
CONTACT_TAIL_RE = re.compile(
    r"\s*[,;]\s*(?:\+?\d[\d ().-]{6,}\d|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*$"
)


def without_contact(line: str) -> str:
    """The line without the phone numbers and e-mail addresses that close it ("Per Ås,
    917 40 233, per.as@vik.no" is "Per Ås"): contact data is no role."""
    while (m := CONTACT_TAIL_RE.search(line)) is not None:
        line = line[: m.start()]
    return line


def neighbour_name(doc: ReadDoc, i: int) -> list[Candidate]:
    """A bare name (no ',', ':' or ';'; a phone number or an e-mail address after it aside)
    next to a line a person stands on: a list item without a role."""
    found = bare_person(doc.lines[i])
    if found is None:
        return []
    if (
        i - 1 not in doc.anchors
        and i + 1 not in doc.anchors
        and not heads_name_block(doc, i)
        and not between_blocks(doc, i)
    ):
        return []
    return [person(doc, i, found[0], None, is_self=found[1])]


def between_blocks(doc: ReadDoc, i: int) -> bool:
    """A name alone between blank lines in a list of blocks, each a name with its role on
    the next line ("Kari Berg" / "rektor", blank, "Per Ås", blank, "Eva Li" / "ordførar"):
    the block above was read as a person, and the one below reads as one. A person whose
    role the sender left out."""
    above, below = i - 1, i + 1
    if not (above >= 0 and below < len(doc.lines)) or doc.lines[above].strip():
        return False
    if doc.lines[below].strip():
        return False
    while above >= 0 and not doc.lines[above].strip():
        above -= 1
    while below < len(doc.lines) and not doc.lines[below].strip():
        below += 1
    if above < 0 or above not in doc.claimed or below + 1 >= len(doc.lines):
        return False
    return bare_person(doc.lines[below]) is not None and is_role_line(doc.lines[below + 1])


def bare_person(line: str) -> tuple[str, bool] | None:
    """The line as a bare person's name (contact data after it aside), or None."""
    line = without_contact(line)
    name, marked = bare_name(line)
    if not name or not is_person_name(name) or not stripped_is_bare(line):
        return None
    return name, marked


def heads_name_block(doc: ReadDoc, i: int) -> bool:
    """The first of two or more bare names right under a line that opens a list ("Her er
    namna på dei som skal vere med:" / "Kari Berg" / "Per Ås"): names whose roles are not
    given (yet)."""
    return (
        after_list_opener(doc.lines, i)
        and i + 1 < len(doc.lines)
        and bare_person(doc.lines[i + 1]) is not None
    )


class DuplicateReaderError(ValueError):
    """Two readers share a name: evidence could no longer tell them apart."""


def check_table(table: tuple[Reader, ...]) -> tuple[Reader, ...]:
    """The table as given; a repeated name, or an entry with no or two ways of reading,
    raises."""
    names = [r.name for r in table]
    for name in names:
        if names.count(name) > 1:
            raise DuplicateReaderError(f"reader name {name!r} is registered twice")
    for reader in table:
        if (reader.read_text is None) == (reader.read_line is None):
            raise ValueError(f"reader {reader.name!r} needs read_text or read_line")
    return table


# The order is the precedence (rule 1 of ``parsers.nlp.resolve``): a line goes to the first
# reader that reads it, and the prose readers read only sentences on lines no list reader read.
READERS: tuple[Reader, ...] = check_table(
    (
        # a header names the columns ("Navn;Rolle;Deltar"): the surest reading of a row
        Reader("header_table", header_table),
        # "Navn: Kari Berg" / "Rolle: rektor" blocks, "Navn: meg selv"
        Reader("labelled_fields", labelled_fields),
        # "Kari Berg, rektor; Per Ås,\nordførar; …": a ';' list wrapped over lines
        Reader("wrapped_semicolons", wrapped_semicolons),
        # sweep "list", line by line: "- meg selv, kultursjef" …
        Reader("sender_line", read_line=sender_line, sweep="list"),
        # … "A, rektor; B, ordførar" / "A og B, begge rektor ved …" …
        Reader("several_on_line", read_line=several_on_line, sweep="list"),
        # … "Kari Berg, rektor", "Kari Berg (rektor)", "Rektor: Kari Berg", a tab/'|' row
        Reader("list_line", read_line=list_line, sweep="list"),
        # … "Bakken, Tone - kulturskolerektor": a list written family name first
        Reader("family_first", read_line=family_first, sweep="list"),
        # "Rektor Kari Berg", only where a list is (after the list sweep, so it sees it)
        Reader("role_first", read_line=role_first, sweep="role_first"),
        # sweep "neighbours", line by line: a roleless table row next to a list line …
        Reader("neighbour_cells", read_line=neighbour_cells, sweep="neighbours"),
        # … "- Ingrid, kulturskulerektor", with "Ingrid Haugland" named later in the text …
        Reader("given_name_only", read_line=given_name_only, sweep="neighbours"),
        # … "Kari Berg frå oppvekst", "eva li barnehagen": a place as the role, no separator …
        Reader("name_then_sector", read_line=name_then_sector, sweep="neighbours"),
        # … a name line with its role on the next line …
        Reader("name_then_role", read_line=name_then_role, sweep="neighbours"),
        # … a bare name next to a list line (a list item without a role)
        Reader("neighbour_name", read_line=neighbour_name, sweep="neighbours"),
        # … "Eg sjølv" alone in a list, the role from "Eg er rektor ved …"
        Reader("bare_self", read_line=bare_self, sweep="neighbours"),
        # "Deltakere: Kari Berg, Per Ås og … Roller i samme rekkefølge: rektor, …"
        Reader("in_same_order", in_same_order),
        # "Vi blir tre: Kari, Per og Eli. Kari Berg er rektor. Per Ås er …"
        Reader("first_names_told", first_names_told),
        # running text that signs up: "Kari Berg, rektor ved …, og Per Ås (ordførar) kjem"
        Reader("prose_people", prose_people),
        # the sender in the first person: "eg kjem sjølv som kultursjef"
        Reader("prose_self", prose_self),
        # "kari lie rektor, per dal ordførar og …": a run-on list on a line nobody read
        Reader("run_on_list", run_on_list),
        # "… Marit er rektor i …": a role for a person the prose read without one
        Reader("later_role", later_role, effect="re_roles"),
        # "X er ikkje lærar, men inspektør": the own words only
        Reader("correction", correction, effect="corrects", texts=frozenset({"own"})),
        # "X kan ikkje likevel", "i staden for X": the own words only
        Reader("removal", removal, effect="removes", texts=frozenset({"own"})),
    )
)
