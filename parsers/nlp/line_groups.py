"""List lines that hold more than one person, or the role before the name.

- a semicolon one-liner: "påmelding frå oss: Kari Berg, rektor; Per Ås, ordførar; Eli Dal"
  (each segment is read as a list line of its own; a lead-in before a colon is dropped);
- two persons sharing one role: "Ola Vik og Eli Hauge, begge rektor ved Vik skule" or with a
  plural role ("… – lærarar i kulturskulen"): both get the role text as written, without
  "begge";
- a role-first line: "Ordfører Tore Hals (Sp)" (the role words, then a full name to the end of
  the line; only lower-case words between the role head and the name, so that a school's
  name is never read as part of a person's name, unless the role ends in an institution word
  after a preposition: "Rektor ved Finnsnes barneskole Mona Jakobsen").

The single-line reader is passed in (``parse_line``) so this module stays below ``people``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parsers.nlp.names import INSTITUTION_FOLLOWERS, is_person_name
from parsers.nlp.patterns import pattern
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import SELF_MARKERS, clean_role, find_heads, is_party, plural_words

Parsed = tuple[str, str | None, bool]
LineParser = Callable[[str], Parsed | None]

SHARED_MARK_RE = pattern("shared_mark")
NAME_JOIN_RE = pattern("name_join")
PART_CONJUNCTION_RE = pattern("part_conjunction")
ROLE_FIRST_RE = re.compile(r"^(?P<body>[^()]+?)\s*(?:\((?P<paren>[^()]*)\))?\s*[.]?$")
#: "vår " before a role written first: no part of the role.
ROLE_POSSESSIVE_RE = pattern("role_possessive")
#: A role may not end in one of these before the name ("rektor ved | Granli Ola Berg").
OPEN_ENDED = frozenset(load_toml("readers.toml")["words"]["open_ended"])


def semicolon_segments(line: str) -> list[tuple[int, str]]:
    """(offset, text) of the ';'-separated parts of a line, without a lead-in before ':'."""
    if ";" not in line:
        return []
    out, pos = [], 0
    for part in line.split(";"):
        out.append((pos, part))
        pos += len(part) + 1
    first_off, first = out[0]
    colon = first.rfind(":")
    if colon >= 0 and first[colon + 1 :].strip():
        out[0] = (first_off + colon + 1, first[colon + 1 :])
    cleaned = []
    for off, part in out:
        stripped = PART_CONJUNCTION_RE.sub("", part)
        cleaned.append((off + len(part) - len(stripped), stripped))
    return [(off, part) for off, part in cleaned if part.strip()]


def wrapped_semicolon_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line indexes of semicolon lists wrapped over several lines.

    A line with a ';' goes on in the next (non-blank) line when it ends in ';' or ',' or
    the next line holds a ';' too ("Kari Berg, rektor; Per Ås,\nordfører; Eli Dal, …").
    """
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        j = i
        while ";" in "\n".join(lines[i : j + 1]) and continues(lines, j):
            j += 1
        if j > i and ";" in lines[i]:
            runs.append((i, j))
            i = j + 1
        else:
            i += 1
    return runs


def continues(lines: list[str], j: int) -> bool:
    if j + 1 >= len(lines) or not lines[j + 1].strip() or not lines[j].strip():
        return False
    end = lines[j].rstrip()
    return end.endswith((";", ",")) or ";" in lines[j + 1]


def bare_name(text: str) -> str | None:
    name = " ".join(text.strip(" .,").split())
    return name if is_person_name(name) else None


def parse_semicolon_line(line: str, parse_line: LineParser) -> list[tuple[int, Parsed]]:
    """Persons of a semicolon one-liner (at least two, each segment one person or a pair)."""
    found: list[tuple[int, Parsed]] = []
    for offset, segment in semicolon_segments(line):
        people = parse_shared_line(segment, parse_line) or []
        if not people:
            single = parse_line(segment)
            if single is None and (name := bare_name(segment)):
                single = (name, None, False)
            people = [single] if single else []
        found.extend((offset, p) for p in people)
    with_role = [p for _, p in found if p[1]]
    return found if len(found) >= 2 and with_role else []


def parse_shared_line(text: str, parse_line: LineParser) -> list[Parsed] | None:
    """Two persons joined by "og"/"&" before one role: both get the role."""
    for m in NAME_JOIN_RE.finditer(text):
        first = bare_name(text[: m.start()].lstrip("-*•·–0123456789.) "))
        if not first:
            continue
        second = parse_line(text[m.end() :])
        if not second or not second[1]:
            return None
        marked = SHARED_MARK_RE.match(second[1])
        role = second[1][marked.end() :] if marked else second[1]
        heads = find_heads(role)
        if not heads or heads[0].start != 0 or (not marked and not is_plural(role)):
            return None
        if NAME_JOIN_RE.search(role) and len(heads) > 1:
            return None  # "rektor og inspektør": one role each, not a shared one
        cleaned = clean_role(role)
        if cleaned is None:
            return None
        return [(first, cleaned, False), (second[0], cleaned, second[2])]
    return None


def is_plural(role: str) -> bool:
    heads = find_heads(role)
    return bool(heads) and role[heads[0].start : heads[0].end].casefold() in plural_words()


def names_an_institution(role_words: list[str]) -> bool:
    """ "Rektor ved Finnsnes barneskole": capitalised words after a preposition that end in a
    lower-case institution word are the institution's name, so the person's name follows."""
    last = role_words[-1]
    if not last.islower() or not any(
        last.casefold() == w or (len(w) >= 5 and last.casefold().endswith(w))
        for w in INSTITUTION_FOLLOWERS
    ):
        return False
    opened = False
    for word in role_words[1:-1]:
        if word.casefold() in OPEN_ENDED:
            opened = True
        elif not word.islower() and not opened:
            return False
    return opened


def parse_role_first(text: str) -> Parsed | None:
    """ "Ordfører Tore Hals (Sp)": role words, then a full name running to the end."""
    m = ROLE_FIRST_RE.match(text.strip())
    if not m:
        return None
    paren = (m.group("paren") or "").strip()
    if paren and not (is_party(paren) or paren.casefold() in SELF_MARKERS):
        return None
    body = ROLE_POSSESSIVE_RE.sub("", m.group("body"), count=1)  # "vår kultursjef Kari Berg"
    heads = find_heads(body)
    if not heads or heads[0].start != 0:
        return None
    split = split_role_name(body, heads[0].end)
    if split is None:
        return None
    role = clean_role(body[: split[0]])
    return (split[1], role, paren.casefold() in SELF_MARKERS) if role else None


def split_role_name(body: str, head_end: int) -> tuple[int, str] | None:
    """(end of the role, name) of "role words Full Name", the role at least its head word."""
    words = list(re.finditer(r"\S+", body))
    texts = [w.group() for w in words]
    for k in range(1, min(6, len(words) - 1)):
        if words[k - 1].end() < head_end:
            continue
        if capital_inside_role(texts, k):
            if any(names_an_institution(texts[:j]) for j in range(k + 1, len(texts))):
                continue  # the institution's name goes on: its closing word is further on
            return None
        if texts[k - 1].casefold() in OPEN_ENDED:
            continue
        name = body[words[k].start() :].strip()
        if texts[k][0].isupper() and is_person_name(name):
            return words[k - 1].end(), name
    return None


def capital_inside_role(texts: list[str], k: int) -> bool:
    """A capitalised word among the role words ``texts[1:k]`` that names no institution."""
    return any(not w.islower() for w in texts[1:k]) and not names_an_institution(texts[:k])
