"""Run-on lists: several persons with their roles in one stretch of running text, joined by
commas, "og", "+" or "&", with no sign-up verb and often no capital letter ("kari lie rektor
på Vik skule, per dal kommunalsjef oppvekst og siv berg styrar i Lia barnehage").

A piece of such a list is a person when it opens with a name and the role follows right after
it ("er", "som er" or "som" may stand between). A capitalised name is read as any name is
(``is_person_name``); a name written all in lower case only when its first word is a given name
of the lexicon (``parsers/data/given_names.toml``, a set lookup), with one or two surname words
after the given names. A piece that opens with no name continues the role before it ("sjef for
oppvekst og kultur"). The stretch is a list only when at least two of its persons have a role
the lexicon knows; one person alone is running text, left to the prose readers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from parsers.nlp.names import NAME_TOKEN_RE, NOT_NAME_WORDS, is_person_name
from parsers.nlp.patterns import pattern
from parsers.nlp.people import is_job_at_organisation, role_is_phrase
from parsers.nlp.prose import NEGATION_RE
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import clean_role, find_heads, is_party

#: What stands between two persons of a run-on list: ",", ";", "og", "+", "&".
SEPARATOR_RE = pattern("run_on_separator")
#: What may stand between a name and its role: "er", "som er", "som" (and dialect "e").
LEAD_RE = pattern("run_on_lead")
#: Where a stretch of running text ends or a list opens: a sentence end, a colon.
STRETCH_END_RE = pattern("run_on_stretch_end")
#: A label before the colon that opens no list ("Kopi: …", "Kontaktperson: …").
NO_LIST_LABEL_RE = pattern("run_on_no_list_label")
#: At most this many given names and surname words make one lower-case name.
MAX_GIVEN, MAX_SURNAME = 3, 2


@cache
def given_names() -> frozenset[str]:
    """The first-name lexicon, lower case."""
    return frozenset(n.casefold() for n in load_toml("given_names.toml")["given_names"])


@dataclass(frozen=True)
class RunOnPerson:
    """A person of a run-on list: ``start`` is the offset of the name in the text read."""

    name: str
    role: str
    start: int
    #: The role opens with a role word of the lexicon.
    titled: bool


def run_on_people(text: str) -> list[RunOnPerson]:
    """The persons of every run-on list in ``text`` (one line), in order. A stretch that asks
    ("…?"), that follows a label of no list ("Kopi: …"), or whose persons do something of
    their own ("… har sagt nei", "… kan ikkje") lists nobody."""
    out: list[RunOnPerson] = []
    label = ""
    for start, stretch, end in stretches(text):
        found = read_stretch(stretch, start)
        listed = not end.startswith("?") and not NO_LIST_LABEL_RE.search(label)
        if listed and sum(1 for p in found if p.titled) >= 2 and all(map(plain_role, found)):
            out.extend(found)
        label = stretch
    return out


def plain_role(person: RunOnPerson) -> bool:
    """The role is a role, not the rest of a sentence ("ordførar har sagt nei")."""
    return role_is_phrase(person.role) and not NEGATION_RE.search(person.role)


def stretches(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, text, what ends it) of each stretch between sentence ends and colons."""
    pos = 0
    for m in STRETCH_END_RE.finditer(text):
        yield pos, text[pos : m.start()], m.group().strip()
        pos = m.end()
    yield pos, text[pos:], ""


def read_stretch(stretch: str, offset: int) -> list[RunOnPerson]:
    """The persons of one stretch; nothing when the stretch does not open with a person (it
    is a sentence that mentions people, "vi tenkjer å spørje Kari Berg (rektor), …")."""
    found: list[RunOnPerson] = []
    pieces = list(split_pieces(stretch))
    for start, piece, sep in pieces:
        person = read_piece(piece, offset + start)
        if person is not None:
            found.append(person)
        elif not found:
            return []
        elif not role_is_phrase(piece):
            break  # a clause of its own ("…, men vil ikkje spørje dei enno") ends the list
        else:
            last = found[-1]
            found[-1] = RunOnPerson(last.name, f"{last.role}{sep}{piece}", last.start, last.titled)
    return [p for p in found if clean_role(p.role)]


def split_pieces(stretch: str) -> Iterator[tuple[int, str, str]]:
    """(offset, piece, separator before it) of each piece of a stretch."""
    pos, sep = 0, ""
    for m in SEPARATOR_RE.finditer(stretch):
        yield pos, stretch[pos : m.start()], sep
        pos, sep = m.end(), m.group()
    yield pos, stretch[pos:], sep


def read_piece(piece: str, offset: int) -> RunOnPerson | None:
    """A person written as a name and then the role, or None."""
    words = list(re.finditer(r"\S+", piece))
    if len(words) < 3:
        return None
    lead = len(piece) - len(piece.lstrip())
    for size in name_sizes([w.group() for w in words]):
        name = " ".join(w.group() for w in words[:size])
        rest = piece[words[size - 1].end() :]
        role = role_after(rest)
        if role is not None:
            titled = bool(find_heads(role)) and find_heads(role)[0].start == 0
            return RunOnPerson(name, role, offset + lead, titled)
    return None


def name_sizes(words: list[str]) -> list[int]:
    """How many of ``words`` may make the name, likeliest first."""
    if words[0][:1].isupper():
        run = 0
        while run < min(len(words) - 1, 4) and NAME_TOKEN_RE.match(words[run]):
            if not words[run][:1].isupper():
                break
            run += 1
        return [n for n in range(run, 1, -1) if is_person_name(" ".join(words[:n]))]
    if not words[0].islower() or words[0].casefold() not in given_names():
        return []
    given = 1
    while given < min(len(words) - 1, MAX_GIVEN) and words[given].casefold() in given_names():
        given += 1
    sizes = []
    for g in range(given, 0, -1):
        for s in range(1, MAX_SURNAME + 1):
            n = g + s
            if n < len(words) and lower_name(words[:n]):
                sizes.append(n)
    return sizes


def lower_name(words: list[str]) -> bool:
    """A lower-case name: name-like words that are no function or role words."""
    return all(w.islower() and w.casefold() not in NOT_NAME_WORDS for w in words) and (
        is_person_name(" ".join(words))
    )


def role_after(rest: str) -> str | None:
    """The role right after a name: a role word first (after "er"/"som er"), a role in
    brackets, or after "som" a phrase of its own ("som dirigerer koret")."""
    text = rest.strip()
    if text.startswith("(") and text.endswith(")"):
        inner = text[1:-1].strip()
        return inner if find_heads(inner) and not is_party(inner) else None
    lead = LEAD_RE.match(text)
    body = text[lead.end() :] if lead else text
    heads = find_heads(body)
    if heads and heads[0].start == 0:
        return body
    if lead and lead.group("som") and len(body.split()) >= 2:
        return body
    return body if is_job_at_organisation(body) else None
