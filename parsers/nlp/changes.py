"""Changes to an earlier list: corrected roles, and names taken off the list.

A correction names a person and the role they should have ("Per Olav Nilsen er ikke rektor,
men inspektør ved X skole", "rettelse: Kari Berg skal stå som rådgiver", "rolla til Kari Berg
skal vere …"): the person is listed again with the corrected role. A removal takes a name off
("X kan ikkje likevel", "X har ikke anledning", "X har meldt forfall", "i staden for X kjem Y",
"bytt ut X med Y", "X går ut", "stryk X").
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from parsers.nlp.candidate import Candidate
from parsers.nlp.names import PARTICLES, is_person_name
from parsers.nlp.patterns import opens_with_name, pattern
from parsers.nlp.people import clean_name, parse_line
from parsers.nlp.prose import name_spans, sentences
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import clean_role, find_heads
from parsers.nlp.run_on import given_names

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
    names: list[str] = [old for _, old, _, _ in renamed(text, known)]
    names += [n for n in replaced_names(text, known) if n not in names]
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


#: "X har fått eit fylkesmøte": what keeps the person just named away …
OBSTACLE_RE = pattern("obstacle_after_name")
#: … "I staden kjem Y" / "… og erstattes av Y": someone named comes in their place …
REPLACED_CUE_RE = pattern("replaced_cue")
#: … or "…, så ho kan ikkje kome": they cannot come.
KEPT_AWAY_CUE_RE = pattern("kept_away_cue")


def replaced_names(text: str, known: str = "") -> list[str]:
    """Persons the text says are kept away and then replaced or unable to come, across one
    sentence boundary ("ordføraren, Kari Berg, har fått eit fylkesmøte 4. juni. I staden kjem
    varaordførar Per Ås"). Neither sentence alone takes anyone off: an obstacle ("har fått
    …") says nothing by itself, and "i staden kjem Y" does not say for whom; together they do.
    """
    found: list[str] = []
    sents = sentences(text)
    for k, (_, sent) in enumerate(sents):
        following = sents[k + 1][1] if k + 1 < len(sents) else ""
        if following.rstrip().endswith(":") and k + 2 < len(sents):
            following += " " + sents[k + 2][1]  # "I staden kjem:" / "- Per Ås, rektor"
        for start, end, bound in subjects(sent):
            kept_away = OBSTACLE_RE.match(sent[end:])
            if kept_away is None:
                continue
            rest = sent[end + kept_away.end() :]
            if not (
                names_someone_after(REPLACED_CUE_RE, rest)
                or names_someone_after(REPLACED_CUE_RE, following)
                or KEPT_AWAY_CUE_RE.search(sent[end + kept_away.end() : bound])
                or KEPT_AWAY_CUE_RE.match(following)
            ):
                continue
            name = kept_away_name(sent[start:end], known)
            if name and name not in found:
                found.append(name)
    return found


def subjects(sent: str) -> list[tuple[int, int, int]]:
    """(start, end, bound) of each person's name in a sentence, a first name opening it too
    ("Per har fått eit anna møte"); ``bound`` is where the next name starts."""
    spans = name_spans(sent)
    lead = len(sent) - len(sent.lstrip())
    first = FIRST_NAME_RE.match(sent, lead)
    if first and (not spans or spans[0][0] > lead):
        spans = [(first.start(), first.end()), *spans]
    return [
        (s, e, spans[n + 1][0] if n + 1 < len(spans) else len(sent))
        for n, (s, e) in enumerate(spans)
    ]


def kept_away_name(written: str, known: str) -> str | None:
    """The person as a removal names them: a full name as written; a first name as the one
    full name ``known`` gives it, else, when it is a given name of the lexicon ("Per", not
    "Vi"), as written (the registry matches it to the one person of that first name, or
    holds the message)."""
    name = clean_name(written)[0]
    if len(name.split()) == 1:
        return full_name_for(name, known) or (name if name.casefold() in given_names() else None)
    written_name = written_as_name(name, known)
    return written_name if written_name and is_person_name(written_name) else None


def names_someone_after(cue: re.Pattern[str], text: str) -> bool:
    """``cue`` occurs in ``text`` and the text names a person: after the cue ("I staden kjem
    Y") or before it ("Y kjem for henne")."""
    m = cue.search(text)
    if m is None:
        return False
    return any(is_person_name(clean_name(text[s:e])[0]) for s, e in name_spans(text))


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


#: "Det skal vere Kari Berg, ikkje Karin Berg" / "Karin Berg skal vere Kari Berg".
RENAME_SAID_RE = pattern("rename_said")
RENAME_OLD_FIRST_RE = pattern("rename_old_first")


def renamed(text: str, known: str = "") -> list[tuple[str, str, str | None, int]]:
    """(new name, old name, role, position) of each name the text spells anew; the role
    is the one the next sentence gives ("Ho er framleis rektor ved …"), else the one the
    earlier list in ``known`` (the whole message, its quotes too) gives the old form."""
    out = []
    sents = sentences(text)
    for k, (offset, sent) in enumerate(sents):
        for m in spelled_anew(sent):
            new, old = m.group("new").strip(" .,"), m.group("old").strip(" .,")
            if not (is_person_name(new) and is_person_name(old)) or new == old:
                continue
            following = sents[k + 1][1] if k + 1 < len(sents) else ""
            said = PRONOUN_ROLE_RE.match(following)
            heads = find_heads(said.group("role")) if said else []
            role = clean_role(said.group("role")[heads[0].start :]) if said and heads else None
            out.append((new, old, role or earlier_role(old, known), offset + m.start("new")))
    return out


def spelled_anew(sent: str) -> list[re.Match[str]]:
    """The matches of the renaming patterns in one sentence. Only "X heiter Y, ikkje Z" says
    outright that it spells a name; "Det er Kari Berg, ikke Per Ås, som …" and "X skal vere
    Y" may be about two people, so those count only when the two forms are one name spelled
    two ways."""
    found = list(RENAME_RE.finditer(sent))
    for m in [*RENAME_SAID_RE.finditer(sent), *RENAME_OLD_FIRST_RE.finditer(sent)]:
        if one_name_two_spellings(m.group("old"), m.group("new")):
            found.append(m)
    return found


def one_name_two_spellings(old: str, new: str) -> bool:
    """The forms share a name ("Karin Berg" / "Kari Berg"), differ by a letter or two, or are
    one name written with "aa" for "å", "oe" for "ø" or "ae" for "æ"."""
    a, b = old.casefold().strip(" .,"), new.casefold().strip(" .,")
    return (
        bool(set(a.split()) & set(b.split()))
        or SequenceMatcher(None, a, b).ratio() >= 0.8
        or spelled_alike(a, b)
    )


def spelled_alike(a: str, b: str) -> bool:
    """ "Aasheim" and "Åsheim", "Kari Moe" and "Kari Mø": the same once each of the pairs
    that spell one letter two ways (``names.toml``) is written one way, or one letter apart."""
    folded_a, folded_b = fold_spelling(a.casefold()), fold_spelling(b.casefold())
    return folded_a == folded_b or one_letter_apart(folded_a, folded_b)


def fold_spelling(text: str) -> str:
    """``text`` with each two-letter spelling of a letter written as that letter."""
    for pair, letter in load_toml("names.toml")["spelling_pairs"]:
        text = text.replace(pair, letter)
    return text


def one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    head = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    if len(a) == len(b):
        return a[head + 1 :] == b[head + 1 :]
    return a[head:] == b[head + 1 :] if len(a) < len(b) else a[head + 1 :] == b[head:]


def earlier_role(name: str, known: str) -> str | None:
    """The role a list line of the earlier message gives ``name`` ("> - Karin Berg,
    rektor"), if one does."""
    for line in known.split("\n"):
        if name not in line:
            continue
        parsed = parse_line(line.lstrip("> \t"))  # quote markers ("> > ") are no part of it
        if parsed and parsed[0] == name and parsed[1]:
            return parsed[1]
    return None


def corrections(text: str, known: str = "") -> list[Candidate]:
    """Persons whose role the text corrects or supplies, with that role; a name spelled
    anew, with the role the text gives it (without one it is left to the checks). A person
    corrected by first name ("Kari er ikkje rektor, ho er inspektør") is the one person of
    that first name written in full in ``known`` (the whole message, its quotes too)."""
    out = named_corrections(text, known)
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


def named_corrections(text: str, known: str = "") -> list[Candidate]:
    """The corrections written with the person's full name."""
    out: list[Candidate] = [
        Candidate(new, role, pos) for new, _, role, pos in renamed(text, known) if role is not None
    ]
    last: tuple[str, int] | None = None  # the last name written, for "rolla hans"
    asked: set[str] = set()  # first names whose role a sentence announced
    announced: list[tuple[str, int]] = []  # "eg gløymde rolla til Kari Berg": "Ho er …" next
    for offset, sent in sentences(text):
        spans = name_spans(sent)
        out += supplied_roles(sent, offset, spans, asked, out)
        out += announced_roles(sent, announced, out)
        announced = role_announced_for(sent, offset, spans, known)
        asked_here = ROLE_OF_RE.search(sent)
        if asked_here:
            asked.add(asked_here.group("first"))
        pronoun = PRONOUN_CORRECTION_RE.match(sent)
        role = corrected_role(pronoun.group("role")) if pronoun else None
        if role and last and not any(c.name == last[0] for c in out):
            out.append(Candidate(last[0], role, last[1]))
        for start, end in spans:
            last = (clean_name(sent[start:end])[0], offset + start)
            role = role_corrected_at(sent, start, end) or role_restated(sent, start, end, known)
            if role:
                out.append(Candidate(last[0], role, offset + start))
    return out


#: "Eva Dahl er inspektør ved Vik skule." as the whole sentence.
ROLE_RESTATED_RE = pattern("role_restated")


def role_restated(sent: str, start: int, end: int, known: str) -> str | None:
    """The role a sentence of its own gives a person the quoted earlier list already holds
    ("Eva Dahl er inspektør ved Vik skule.", answering a request for her role): the name
    opens the sentence, the rest is the role, and the name is written again beyond this
    sentence in ``known`` (the whole message, its quotes too)."""
    before = sent[:start].strip()
    if before and not before.endswith(":"):
        return None  # the name opens the sentence, or what a colon introduces
    m = ROLE_RESTATED_RE.match(sent[end:])
    if m is None:
        return None
    name = sent[start:end]
    if len(name.split()) < 2 or known.count(name) <= sent.count(name):
        return None
    return corrected_role(m.group("role"))


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


#: "Jeg glemte å skrive at …" right before a name: its role follows ("… Kari Berg er rektor").
FORGOT_BEFORE_RE = pattern("forgot_before")


def role_corrected_at(sent: str, start: int, end: int) -> str | None:
    """The corrected role of the name at ``start:end``: written after it ("X er ikkje …,
    men …") or announced before it ("rolla til X skal vere …", "eg gløymde å skrive at X er
    …")."""
    m = CORRECTION_AFTER_RE.match(sent[end:])
    if not m and announces_role(sent[:start]):
        m = CORRECTION_ROLE_AFTER_NAME_RE.match(sent[end:])
    return corrected_role(m.group("role")) if m else None


def announces_role(before: str) -> bool:
    """The words before a name say its role comes now ("rolla til", "glemte å skrive at")."""
    return bool(CORRECTION_BEFORE_RE.search(before) or FORGOT_BEFORE_RE.search(before))


def role_announced_for(
    sent: str, offset: int, spans: list[tuple[int, int]], known: str = ""
) -> list[tuple[str, int]]:
    """(name, position) of each person whose role this sentence announces but does not give
    ("Eg ser at eg gløymde rolla til Kari Berg i går."): the next sentence may give it. A
    first name ("rolla til Kari") is the one person ``known`` names in full with it."""
    out = []
    for start, end in spans:
        name = clean_name(sent[start:end])[0]
        full = len(name.split()) >= 2 and is_person_name(name)
        if full and announces_role(sent[:start]) and role_corrected_at(sent, start, end) is None:
            out.append((name, offset + start))
    for m in FIRST_NAME_RE.finditer(sent):
        if any(s <= m.start() < e for s, e in spans) or not announces_role(sent[: m.start()]):
            continue
        full_name = full_name_for(m.group(), known)
        if full_name and role_corrected_at(sent, m.start(), m.end()) is None:
            out.append((full_name, offset + m.start()))
    return out


def announced_roles(
    sent: str, announced: list[tuple[str, int]], out: list[Candidate]
) -> list[Candidate]:
    """ "Ho er pedagogisk leiar i …" right after a sentence that announced the role of one
    person: that person, with the role."""
    if len(announced) != 1:
        return []
    said = PRONOUN_ROLE_RE.match(sent)
    role = corrected_role(said.group("role")) if said else None
    name, pos = announced[0]
    if role is None or any(c.name == name for c in out):
        return []
    return [Candidate(name, role, pos)]
