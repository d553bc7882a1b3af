"""Changes to an earlier list: corrected roles, and names taken off the list.

A correction names a person and the role they should have ("Per Olav Nilsen er ikke rektor,
men inspektør ved X skole", "rettelse: Kari Berg skal stå som rådgiver", "rolla til Kari Berg
skal vere …"): the person is listed again with the corrected role. A removal takes a name off
("X kan ikkje likevel", "X har ikke anledning", "X har meldt forfall", "i staden for X kjem Y",
"bytt ut X med Y", "X går ut", "stryk X").
"""

from __future__ import annotations

import re

from parsers.nlp.candidate import Candidate
from parsers.nlp.names import PARTICLES, is_person_name
from parsers.nlp.patterns import opens_with_name, pattern
from parsers.nlp.people import clean_name
from parsers.nlp.prose import name_spans, sentences
from parsers.nlp.roles import clean_role, find_heads

#: The removals' patterns (``readers.toml``): "X kan ikkje likevel", "i staden for X",
#: "X har meldt forfall", "bytt ut X".
REMOVAL_KEYS = ("removal_modal", "removal_instead_of", "removal_going_out", "removal_verb_first")
REMOVAL_RES = tuple(pattern(key) for key in REMOVAL_KEYS)
#: What a sentence must hold for each removal pattern to match in it (None: no check). The
#: name-led patterns try every word as the start of a name, which made them most of the
#: reading's pattern work; the part after the name alone is a cheap search that finds no
#: sentence the whole pattern would match in.
REMOVAL_TRIGGERS = (
    pattern("removal_modal_trigger"),
    None,
    pattern("removal_going_out_trigger"),
    None,
)
#: A name spelled right ("Solveig heiter Solveig Tvedt Eide, ikkje Solveig Tvedt slik det
#: stod"): the right form is listed, the wrong one taken off.
RENAME_RE = pattern("rename")
#: "Ho er framleis rektor ved …": the role of the person just named, in the next sentence.
PRONOUN_ROLE_RE = pattern("rename_role_next")


#: "X er ikke rektor, men inspektør ved …" / "X skal stå (oppført) som …".
CORRECTION_AFTER_RE = pattern("correction_after")
CORRECTION_BEFORE_RE = pattern("correction_before")
CORRECTION_ROLE_AFTER_NAME_RE = pattern("correction_role_after_name")
#: "Rolla hans skal altså vere …" after a sentence that names the person.
PRONOUN_CORRECTION_RE = pattern("pronoun_correction")
TRAILING_RE = pattern("correction_trailing")
SUBJECT_JOIN_RE = pattern("subject_join")


def trim_to_name(text: str) -> str | None:
    """The longest tail of ``text`` that is a person's name ("Ei endring: Ola Tistel")."""
    words = clean_name(text)[0].split()
    for start in range(len(words)):
        candidate = " ".join(words[start:])
        if is_person_name(candidate):
            return candidate
    return None


def names_in(text: str) -> list[str]:
    """The names of a removal's subject: each of "A og B" / "A, B og C" when every part is
    a name, else the longest tail that is one ("Ei endring: Ola Tistel")."""
    parts = [trim_to_name(p) for p in SUBJECT_JOIN_RE.split(text)]
    if len(parts) > 1 and all(parts):
        return [p for p in parts if p]
    whole = trim_to_name(text)
    return [whole] if whole else []


#: The same removals by a bare first name ("Kari kan diverre ikkje likevel") standing for a
#: full name elsewhere; True where the name opens the pattern (and must open its sentence).
FIRST_NAME_RES = tuple(
    (pattern(key, name="%first_name%"), opens_with_name(key)) for key in REMOVAL_KEYS
)


def removed_names(text: str, known: str = "") -> list[str]:
    """Names the text takes off the list ("X kan ikkje likevel", "i staden for X").

    A removed name is a person's name as written: capitalised (or in capitals). A name in
    lower case counts only when ``known`` (the whole message) writes it capitalised too, and
    is given as written there; so "eg ser at fristen er ute" never takes anyone off. A bare
    first name counts when ``known`` names exactly one person with that first name.
    """
    names: list[str] = [old for _, old, _, _ in renamed(text)]
    for _, sent in sentences(text):
        triggered = [t is None or t.search(sent) is not None for t in REMOVAL_TRIGGERS]
        found = [
            *named_removals(sent, known, triggered),
            *first_name_removals(sent, known, triggered),
        ]
        for name in found:
            if name not in names:
                names.append(name)
    return names


def named_removals(sent: str, known: str, triggered: list[bool]) -> list[str]:
    """The full names one sentence takes off, as written (see ``written_as_name``), by the
    removal patterns ``triggered`` says may match in it."""
    found = []
    for regex, may_match in zip(REMOVAL_RES, triggered, strict=True):
        if not may_match:
            continue
        for m in regex.finditer(sent):
            found += [w for n in names_in(m.group("name")) if (w := written_as_name(n, known))]
    return found


def first_name_removals(sent: str, known: str, triggered: list[bool]) -> list[str]:
    """The persons one sentence takes off by first name ("Kari kan ikkje likevel")."""
    found = []
    for (regex, leads), may_match in zip(FIRST_NAME_RES, triggered, strict=True):
        if not may_match:
            continue
        for m in regex.finditer(sent):
            if leads and sent[: m.start()].strip():
                continue  # a leading first name opens its sentence
            full = full_name_for(m.group("name"), known)
            if full:
                found.append(full)
    return found


def full_name_for(first: str, known: str) -> str | None:
    """The one full name in ``known`` whose first name is ``first`` (else None)."""
    found: dict[str, str] = {}
    for _, sent in sentences(known):
        for start, end in name_spans(sent):
            name = clean_name(sent[start:end])[0]
            if name.split()[0] == first and capitalised(name):
                found.setdefault(name.casefold(), name)
    return next(iter(found.values())) if len(found) == 1 else None


def written_as_name(name: str, known: str) -> str | None:
    """The name as a person's name is written: capitalised as is, or a lower-case name as
    ``known`` writes it capitalised."""
    if capitalised(name):
        return name
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?!\w)"
    for m in re.finditer(pattern, known, re.IGNORECASE):
        if capitalised(m.group()):
            return " ".join(m.group().split())
    return None


def capitalised(name: str) -> bool:
    core = [w for w in name.split() if w.casefold() not in PARTICLES]
    return bool(core) and all(w[0].isupper() for w in core)


def corrected_role(raw: str) -> str | None:
    raw = TRAILING_RE.sub("", raw)
    heads = find_heads(raw)
    if not heads or heads[0].start > 0 or len(raw.split()) > 10:
        return None
    return clean_role(raw)


#: "eg gløymde rolla til Ingeborg": the role of that person follows.
ROLE_OF_RE = pattern("role_of")


def renamed(text: str) -> list[tuple[str, str, str | None, int]]:
    """(new name, old name, role, position) of each name the text spells anew; the role
    is the one the next sentence gives ("Ho er framleis rektor ved …"), if any."""
    out = []
    sents = sentences(text)
    for k, (offset, sent) in enumerate(sents):
        for m in RENAME_RE.finditer(sent):
            new, old = m.group("new").strip(), m.group("old").strip()
            if not (is_person_name(new) and is_person_name(old)):
                continue
            following = sents[k + 1][1] if k + 1 < len(sents) else ""
            said = PRONOUN_ROLE_RE.match(following)
            heads = find_heads(said.group("role")) if said else []
            role = clean_role(said.group("role")[heads[0].start :]) if said and heads else None
            out.append((new, old, role, offset + m.start("new")))
    return out


def corrections(text: str, known: str = "") -> list[Candidate]:
    """Persons whose role the text corrects or supplies, with that role; a name spelled
    anew, with the role the text gives it (without one it is left to the checks). A person
    corrected by first name ("Kari er ikkje rektor, ho er inspektør") is the one person of
    that first name written in full in ``known`` (the whole message, its quotes too)."""
    out = named_corrections(text)
    named = {c.name for c in out}
    for first, role, pos in first_name_corrections(text):
        full = {n for n in full_names(known) if n.split()[0] == first}
        if len(full) == 1 and not full & named:
            out.append(Candidate(full.pop(), role, pos))
    return out


#: A capitalised word standing alone as a first name ("Kari er ikkje …").
FIRST_NAME_RE = re.compile(r"(?<![\w-])[A-ZÆØÅ][a-zæøå]+(?![\w-])(?!\s+[A-ZÆØÅ])")


def first_name_corrections(text: str) -> list[tuple[str, str, int]]:
    """(first name, corrected role, offset) of each correction written by first name."""
    out = []
    for offset, sent in sentences(text):
        for m in FIRST_NAME_RE.finditer(sent):
            role = role_corrected_at(sent, m.start(), m.end())
            if role:
                out.append((m.group(), role, offset + m.start()))
    return out


def full_names(text: str) -> set[str]:
    """The full names written in ``text``."""
    return {clean_name(text[s:e])[0] for s, e in name_spans(text)}


def named_corrections(text: str) -> list[Candidate]:
    """The corrections written with the person's full name."""
    out: list[Candidate] = [
        Candidate(new, role, pos) for new, _, role, pos in renamed(text) if role is not None
    ]
    last: tuple[str, int] | None = None  # the last name written, for "rolla hans"
    asked: set[str] = set()  # first names whose role a sentence announced
    for offset, sent in sentences(text):
        spans = name_spans(sent)
        out += supplied_roles(sent, offset, spans, asked, out)
        asked_here = ROLE_OF_RE.search(sent)
        if asked_here:
            asked.add(asked_here.group("first"))
        pronoun = PRONOUN_CORRECTION_RE.match(sent)
        role = corrected_role(pronoun.group("role")) if pronoun else None
        if role and last and not any(c.name == last[0] for c in out):
            out.append(Candidate(last[0], role, last[1]))
        for start, end in spans:
            last = (clean_name(sent[start:end])[0], offset + start)
            role = role_corrected_at(sent, start, end)
            if role:
                out.append(Candidate(last[0], role, offset + start))
    return out


def supplied_roles(
    sent: str, offset: int, spans: list[tuple[int, int]], asked: set[str], out: list[Candidate]
) -> list[Candidate]:
    """ "Ingeborg Dal er rektor" opening a sentence after "eg gløymde rolla til Ingeborg":
    the role asked for (once per person)."""
    found: list[Candidate] = []
    for start, end in spans:
        name = clean_name(sent[start:end])[0]
        supplied = CORRECTION_ROLE_AFTER_NAME_RE.match(sent[end:])
        if name.split()[0] in asked and supplied and not sent[:start].strip():
            role = corrected_role(supplied.group("role"))
            if role and not any(c.name == name for c in [*out, *found]):
                found.append(Candidate(name, role, offset + start))
    return found


def role_corrected_at(sent: str, start: int, end: int) -> str | None:
    """The corrected role of the name at ``start:end``: written after it ("X er ikkje …,
    men …") or announced before it ("rolla til X skal vere …")."""
    m = CORRECTION_AFTER_RE.match(sent[end:])
    if not m and CORRECTION_BEFORE_RE.search(sent[:start]):
        m = CORRECTION_ROLE_AFTER_NAME_RE.match(sent[end:])
    return corrected_role(m.group("role")) if m else None
