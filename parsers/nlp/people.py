"""List lines: how one line names a person and a role.

The line parsers the readers of ``parsers.nlp.readers`` use: "Name, role", "Name (role)",
"Role: Name", "Name – role", table rows with tab or '|' cells, names in capitals running into
the role, the sender written as "meg selv, kultursjef", several persons on one line, and the
tests a neighbour line is held to. Which reader reads which line, and which reading stands,
is decided in ``parsers.nlp.readers`` and ``parsers.nlp.resolve``, not here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from parsers.nlp.candidate import Candidate
from parsers.nlp.line_groups import parse_semicolon_line, parse_shared_line
from parsers.nlp.memo import per_message
from parsers.nlp.names import is_person_name
from parsers.nlp.patterns import pattern
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import (
    EMAIL_RE,
    NOTE_MARKERS,
    PHONE_RE,
    SELF_MARKERS,
    clean_role,
    find_heads,
    has_role_word,
    is_party,
)
from parsers.nlp.sectors import organisation_sector

BULLET_RE = re.compile(r"^\s*(?:[-*•·▪◦●–]|\d{1,2}[.)]|[a-h][.)])\s+")
PAREN_RE = re.compile(r"\s*\(([^()]*)\)")
NAME_ROLE_RE = re.compile(
    r"^(?P<name>[^,:;()|/\t–—]+?)\s*(?P<paren>\([^()]*\))?"
    r"(?:\s*[,:;]\s+|\s+[-–—]\s*|\s*[-–—]\s+|\s*[–—]\s*|\s*\|\s*|\s*/\s*)(?P<role>.+)$"
)
NAME_PAREN_ROLE_RE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<role>.+)\)\s*[.,]?\s*$")
ROLE_NAME_RE = re.compile(r"^(?P<role>[^:]+?)\s*:\s*(?P<name>[^:]+?)\s*$")
SENTENCE_VERBS = frozenset(load_toml("readers.toml")["words"]["sentence_verbs"])
CELL_SPLIT_RE = re.compile(r"\t+|\s+\|\s+|\s{3,}")
#: The sender as a list item: "meg selv, kultursjef", "eg sjølv (kulturskulerektor)",
#: "undertegnede, rådgiver", "jeg selv som kultursjef".
SELF_LINE_RE = pattern("self_line")
SELF_ROLE_TAIL_RE = pattern("self_role_tail")


def clean_name(text: str) -> tuple[str, bool]:
    """Name without party or self marker in parentheses; True when it marked the sender."""
    marked_self = False

    def drop(match: re.Match[str]) -> str:
        nonlocal marked_self
        inner = match.group(1).strip().casefold()
        if inner in SELF_MARKERS:
            marked_self = True
        return ""

    name = PAREN_RE.sub(drop, text)
    return " ".join(name.strip(" \t,.;:*").split()), marked_self


def role_is_phrase(role: str) -> bool:
    """A role cut from a list line, not the rest of a sentence."""
    words = role.split()
    return 0 < len(words) <= 14 and not any(w.casefold() in SENTENCE_VERBS for w in words)


def strip_bullet(line: str) -> str:
    return BULLET_RE.sub("", line, count=1).strip()


def parse_cells(line: str) -> tuple[str, str | None] | None:
    """(name, role) from a table row: one cell is the name, the role cell has a role word."""
    cells = [c.strip() for c in CELL_SPLIT_RE.split(line) if c.strip()]
    if len(cells) < 2:
        return None
    usable = [c for c in cells if not is_noise_cell(c)]
    for i, cell in enumerate(usable):
        name, _ = clean_name(cell)
        if is_person_name(name):
            rest = usable[:i] + usable[i + 1 :]
            roles = [r for r in rest if has_role_word(r)]
            if not roles and len(rest) == 1 and is_plain_words(rest[0]):
                # a lone cell is the role, unless the row left the cell after the name
                # empty ("Per Ås<tab><tab>Vik skule"): then it is the column after it
                roles = [] if blank_after_name(line, name) else rest
            return name, clean_role(roles[0]) if roles else None
    return None


#: One cell boundary of a row, empty cells kept: a tab or a spaced bar.
ONE_CELL_RE = re.compile(r"\t|\s+\|\s+")


def row_cells(line: str) -> list[str]:
    """The cells of a table row as written, an empty cell kept as ""."""
    return [c.strip() for c in ONE_CELL_RE.split(strip_bullet(line).strip())]


def blank_after_name(line: str, name: str) -> bool:
    """The row leaves the cell right after the name's empty, and fills one after it ("Per
    Ås<tab><tab>Vik skule"): the second column, not the third, is missing."""
    cells = row_cells(line)
    k = next((j for j, c in enumerate(cells) if c and clean_name(c)[0] == name), None)
    return k is not None and k + 1 < len(cells) and not cells[k + 1] and any(cells[k + 2 :])


def blank_role_column(lines: Sequence[str], i: int, name: str) -> bool:
    """Row ``i`` of a pasted table leaves its role column blank: the cell after the name is
    empty, no cell of the row has a role word, and a neighbouring row has one in that very
    column ("Kari Berg<tab>rektor<tab>Vik skule" above "Per Ås<tab><tab>Vik skule"). The
    role is missing as written, not missed."""
    line = lines[i]
    if not blank_after_name(line, name) or has_role_word(" ".join(row_cells(line))):
        return False
    cells = row_cells(line)
    k = next(j for j, c in enumerate(cells) if c and clean_name(c)[0] == name)
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and is_table_row(lines[j]):
            other = row_cells(lines[j])
            if k + 1 < len(other) and has_role_word(other[k + 1]):
                return True
    return False


def cell_context(line: str, name: str, role: str | None) -> str:
    """The cells of a table row that are neither the name nor the role (the workplace)."""
    cells = [c.strip() for c in CELL_SPLIT_RE.split(strip_bullet(line)) if c.strip()]
    own = person_cell(line)
    rest = [
        c for c in cells
        if not is_noise_cell(c) and clean_name(c)[0] != name and clean_role(c) != role
        and c != own
    ]  # fmt: skip
    return " ".join(rest)


def person_cell(line: str) -> str | None:
    """The one cell of a table row that is not contact data, when the others all are
    ("Kari Berg – rektor<tab>kari.berg@vik.kommune.no"): name and role share that cell."""
    cells = [c.strip() for c in CELL_SPLIT_RE.split(strip_bullet(line)) if c.strip()]
    usable = [c for c in cells if not is_noise_cell(c)]
    return usable[0] if len(cells) >= 2 and len(usable) == 1 else None


def is_plain_words(text: str) -> bool:
    """A short run of words without digits: could be a role the lexicon does not know."""
    return not re.search(r"\d", text) and 0 < len(text.split()) <= 8


def is_noise_cell(cell: str) -> bool:
    stripped = cell.strip("() ").casefold()
    return (
        bool(EMAIL_RE.fullmatch(cell.strip()))
        or bool(PHONE_RE.fullmatch(cell.strip()))
        or stripped in NOTE_MARKERS
        or cell.rstrip().endswith(":")
    )


#: "Kjersti (Kikki) Dahl – …": a nickname in brackets between given and family name.
NICKNAME_RE = pattern("nickname")
#: "Pelle (Per Olav Ås) – …": a name the person is called, the full name in brackets.
NICK_BEFORE_NAME_RE = pattern("nick_before_name")


@per_message
def parse_line(line: str) -> tuple[str, str | None, bool] | None:
    """(name, role, marks_sender) from one list-like line, or None. A nickname in brackets
    inside the name ("Kjersti (Kikki) Dahl") stays in it, as written."""
    text = strip_bullet(line)
    if not text or len(text) > 200:
        return None
    called = NICK_BEFORE_NAME_RE.match(text)
    if (
        called
        and is_person_name(called.group("full"))
        and not has_role_word(called.group("nick"))
        and not is_party(called.group("full"))
    ):
        # "Pelle (Per Olav Ås) – leiar …": the name the person is called, then the full name
        # in brackets; the full name is the participant's
        return parse_plain_line(called.group("full") + text[called.end() :])
    nick = NICKNAME_RE.match(text)
    if nick and not is_party(nick.group("nick")):
        given = nick.group("given")
        found = parse_plain_line(given + " " + text[nick.end() :])
        if found and found[0].startswith(given + " "):
            return (f"{given} ({nick.group('nick')}){found[0][len(given) :]}", *found[1:])
    return parse_plain_line(text)


def parse_plain_line(text: str) -> tuple[str, str | None, bool] | None:
    """(name, role, marks_sender) from a bulletless list line, or None."""
    if "\t" in text or " | " in text:
        cells = parse_cells(text)
        if cells:
            return cells[0], cells[1], False
        own = person_cell(text)
        return parse_plain_line(own) if own else None
    for parser in (
        parse_name_paren_role,
        parse_role_colon_name,
        parse_name_sep_role,
        parse_name_run_role,
    ):
        found = parser(text)
        if found:
            return found
    return None


def named_role(raw_name: str, raw_role: str) -> tuple[str, str | None, bool] | None:
    """The cleaned name, role and self-marker when both read as such, else None."""
    name, marked = clean_name(raw_name)
    role = clean_role(raw_role)
    if role and is_person_name(name) and is_described_role(role):
        return name, described_role(role), marked  # "Per Ås, han som har ansvar for SFO …"
    if not role or not is_person_name(name) or not role_is_phrase(role):
        return None
    if has_role_word(role) or is_job_at_organisation(role):
        return name, role, marked
    return None


#: "rektor ved Vik skule, Kari Berg", "ein av lærarane våre, Kari Berg (fiolin)": the role,
#: a comma, the name closing the line (a note in brackets after it).
ROLE_COMMA_NAME_RE = re.compile(
    r"^(?P<role>[^,()]+?)\s*,\s*(?P<name>[^,()]+?)\s*(?:\((?P<paren>[^()]*)\))?\s*[.]?$"
)


def parse_role_comma_name(text: str) -> tuple[str, str, bool] | None:
    """(name, role, marks_sender) of a list line written role first, a comma, then the name
    ("en av lærerne våre, Kari Berg (fiolin)"); a role in the brackets after the name makes
    the line another shape (None), a note there ("(fiolin)") is no part of the role."""
    text = strip_bullet(text)
    aside = NAME_ASIDE_RE.search(text)
    if aside and not has_role_word(aside.group("aside")):
        text = text[: aside.start()]  # "…, Ola Li, som går i tiande klasse": an aside, no role
    m = ROLE_COMMA_NAME_RE.match(text)
    if not m:
        return None
    name, marked = clean_name(m.group("name"))
    paren = (m.group("paren") or "").strip()
    label, colon, after = m.group("role").rpartition(":")
    # "frå politisk side: leiar i oppvekstutvalet, Kari Berg": the label is no part of it
    written = after if colon and label.strip() and starts_with_role(after) else m.group("role")
    role = clean_role(written)
    if not role or not is_person_name(name) or (paren and has_role_word(paren)):
        return None
    one = ONE_FROM_BODY_RE.match(role)
    if one and organisation_sector(one.group("body")) is not None:
        role = one.group("role")  # "ein frå ungdomsrådet, Ola Li": where the person comes from
    elif not has_role_word(role) or not role_is_phrase(role) or len(role.split()) > 8:
        return None
    return name, role, marked or paren.casefold() in SELF_MARKERS


#: "(og så) ein frå ungdomsrådet": one person from a body the organisation words know.
ONE_FROM_BODY_RE = pattern("one_from_body")
#: ", som går i tiande klasse" closing a line "role, Name": an aside on the person.
NAME_ASIDE_RE = pattern("name_aside")


def starts_with_role(text: str) -> bool:
    heads = find_heads(text.strip())
    return bool(heads) and heads[0].start == 0


DESCRIBED_ROLE_RE = pattern("described_role")


def is_described_role(role: str) -> bool:
    """A role written as what the person does ("har ansvar for SFO på Vik skule", "sit i
    hovudutval for oppvekst"): a verb of work, then a workplace or a body the organisation
    words know. It says where the person belongs as a title would, so it is the role."""
    return (
        DESCRIBED_ROLE_RE.match(role) is not None
        and len(role.split()) <= 14
        and organisation_sector(role) is not None
    )


def described_role(role: str) -> str:
    """A described role as written, without a party at its end ("sit i kommunestyret for
    Sp": the party is no part of what the person does)."""
    for m in PARTY_PREPOSITION_RE.finditer(role):
        if is_party(role[m.end() :]):
            return role[: m.start()].rstrip(" ,")
    return role


#: A preposition a party may follow at a role's end ("… for Sp", "… frå Ap").
PARTY_PREPOSITION_RE = re.compile(
    rf"\s+(?:{'|'.join(load_toml('roles.toml')['cleaning']['party_prepositions'])})\s+",
    re.IGNORECASE,
)


#: "rektr på Ål ungdomsskule": one word, then where it is done.
JOB_AT_RE = pattern("job_at")
SELF_PAREN_RE = pattern("self_paren")


def is_job_at_organisation(role: str) -> bool:
    """A word the lexicon does not know (a typo, a rare title) followed by a workplace the
    organisation words know: a role all the same."""
    m = JOB_AT_RE.match(role)
    return m is not None and organisation_sector(m.group("org")) is not None


def parse_name_paren_role(text: str) -> tuple[str, str | None, bool] | None:
    m = NAME_PAREN_ROLE_RE.match(text)
    if not m or is_party(m.group("role")) or m.group("role").strip().casefold() in SELF_MARKERS:
        return None
    return named_role(m.group("name"), m.group("role"))


def parse_role_colon_name(text: str) -> tuple[str, str | None, bool] | None:
    m = ROLE_NAME_RE.match(text)
    return named_role(m.group("name"), m.group("role")) if m else None


def parse_name_sep_role(text: str) -> tuple[str, str | None, bool] | None:
    m = NAME_ROLE_RE.match(text)
    found = named_role(m.group("name") + (m.group("paren") or ""), m.group("role")) if m else None
    if m is None or found is None:
        return None
    name, role, marked = found
    return name, role, marked or bool(SELF_PAREN_RE.search(m.group("role")))


def parse_name_run_role(text: str) -> tuple[str, str | None, bool] | None:
    """A name running straight into the role ("ODD MAGNE HUS kulturskulerektor og …"), or
    into a word the lexicon does not know and a workplace ("Kari Berg rektro ved Vik skule")."""
    words = text.split()
    for size in range(min(5, len(words) - 1), 1, -1):
        name, marked = clean_name(" ".join(words[:size]))
        rest = " ".join(words[size:])
        heads = find_heads(rest)
        opens = bool(heads) and heads[0].start == 0
        if not opens and not heads and words[size][:1].islower():
            opens = is_job_at_organisation(rest)
        if is_person_name(name) and opens and role_is_phrase(rest):
            role = clean_role(rest)
            if role:
                return name, role, marked or bool(SELF_PAREN_RE.search(rest))
    return None


#: "frå oppvekst", "fra helsestasjonen", "barnehagen": where a person comes from, as a role.
SECTOR_TAIL_RE = pattern("sector_tail")
#: "oppvekst": a field of the municipality a person may come from, as a role.
FROM_FIELDS = frozenset(load_toml("readers.toml")["words"]["from_fields"])


def parse_name_sector(line: str) -> tuple[str, str, bool] | None:
    """(name, role, marks_sender) of a list line that gives a person's role only by where
    the person comes from, with no separator after the name ("Kari Berg frå oppvekst",
    "Per Ås (H) fra politikken", "eva li barnehagen", "Ola Dal kommunestyret (Frp)"): the
    place must be a body the organisation words know, and a lone word one in lower case; a
    party in brackets is no part of the name or the role. The longest name that leaves such
    a place wins."""
    words = strip_bullet(line).split()
    for size in range(min(5, len(words) - 1), 1, -1):
        name, marked = clean_name(" ".join(words[:size]))
        rest = clean_role(" ".join(words[size:])) or ""
        m = SECTOR_TAIL_RE.match(rest)
        if m is None or not is_person_name(name) or find_heads(rest):
            continue
        word = m.group("word")
        if word is not None and not word[:1].islower():
            continue
        place = m.group("body") or word
        if organisation_sector(place) is not None or place.casefold() in FROM_FIELDS:
            return name, m.group("role"), marked
    return None


def parse_self_line(line: str) -> str | None:
    """The role of a list line that names the sender instead of a name, else None."""
    text = strip_bullet(line)
    m = SELF_LINE_RE.match(text)
    if not m:
        return None
    tail = SELF_ROLE_TAIL_RE.match(text[m.end() :])
    if not tail:
        return None
    role = clean_role(tail.group("role"))
    if not role or not role_is_phrase(role) or len(role.split()) > 8:
        return None
    heads = find_heads(role)
    bulleted = bool(BULLET_RE.match(line))
    # the role opens with its role word, or one word before it in a list ("piano teacher")
    opens = bool(heads) and (
        heads[0].start == 0 or (bulleted and len(role[: heads[0].start].split()) == 1)
    )
    if opens and (bulleted or "," not in role):
        return role
    return None


def several_on_line(line: str, start: int) -> list[Candidate]:
    """Persons of a semicolon one-liner or of two names sharing one role, else []."""
    for_semicolons = parse_semicolon_line(line, parse_line)
    if for_semicolons:
        return [Candidate(n, r, start + off, m) for off, (n, r, m) in for_semicolons]
    shared = parse_shared_line(strip_bullet(line), parse_line)
    if shared:
        return [Candidate(n, r, start + k, m) for k, (n, r, m) in enumerate(shared)]
    return []


def is_table_row(line: str) -> bool:
    return "\t" in line or " | " in line


def in_list_context(lines: Sequence[str], i: int, found: Set[int]) -> bool:
    """A bulleted line, a neighbour of a list line (``found``: lines a person stands on), or
    the first line after "…:"."""
    if BULLET_RE.match(lines[i]) or i - 1 in found or i + 1 in found:
        return True
    return after_list_opener(lines, i)


def after_list_opener(lines: Sequence[str], i: int) -> bool:
    """The first line after "…:" (blank lines between), where the colon opens a list."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j >= 0 and lines[j].rstrip().endswith(":") and not NOT_A_LIST_RE.match(lines[j])


#: Lines ending in ':' that introduce no list of participants ("Kopi til:", "Kontakt:").
NOT_A_LIST_RE = pattern("not_a_list")


def stripped_is_bare(line: str) -> bool:
    return not any(ch in line for ch in ",:;")


def is_role_line(line: str) -> bool:
    text = strip_bullet(line)
    return has_role_word(text) and role_is_phrase(text) and parse_line(line) is None


def next_content_line(lines: Sequence[str], i: int) -> int | None:
    j = i + 1
    return j if j < len(lines) and lines[j].strip() else None


def signature_role(signature: str, sender_name: str) -> str | None:
    """The role a signature gives its writer: the line right after the writer's name when it
    opens with a role word and is short ("Aslaug Nordbø / Kulturskulerektor / …"); a
    workplace after a comma ("rektor, Vik kulturskule") is no part of it."""
    lines = [line.strip() for line in signature.split("\n")]
    for i, line in enumerate(lines[:-1]):
        if not sender_name or line.casefold() != sender_name.casefold():
            continue
        title, _, place = (part.strip() for part in lines[i + 1].partition(","))
        if place and (find_heads(place) or organisation_sector(place) is None or "," in place):
            continue
        heads = find_heads(title)
        if heads and heads[0].start == 0 and len(title.split()) <= 6:
            return clean_role(title)
    return None
