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
from parsers.nlp.people import clean_name
from parsers.nlp.prose import name_spans, sentences
from parsers.nlp.roles import clean_role, find_heads

ONE_NAME = r"[^\W\d_][\w.'’-]*(?:\s+[\w.'’-]+){1,4}?"
#: One name, or names joined by commas and "og" ("Ahmed Yusuf og Ragnhild Wiborg kan ikke").
NAME = r"(?P<name>" + ONE_NAME + r"(?:(?:\s*,\s*|\s+og\s+)" + ONE_NAME + r")*)"
#: A date between the negation and the rest ("kan ikke 4. juni likevel").
ON_DATE = r"(?:\s+(?:den\s+|på\s+)?\d{1,2}\.\s*[^\W\d_]+)?"
NOT = r"(?:ikke|ikkje)"
SORRY = r"(?:dessverre\s+|diverre\s+|likevel\s+|lenger\s+|lengre\s+)*"
#: What follows the name in the name-led removals ("… kan ikkje likevel", "… går ut").
CANNOT_AFTER_NAME = (
    r"\s+(?:\([^()]*\)\s+)?"
    # "X har fått ny jobb og kan ikkje …": a short reason clause before the modal
    r"(?:(?:har|hev|er|ble|blei|vart)\s+[^,.;!?]{1,80}?\s+og\s+)?"
    r"(?:kan|får|rekk|rekker|har|kjem|kommer|deltar|deltek|"
    r"stiller|blir|er)\s+" + SORRY + NOT + r"\b(?!\s+(?:rektor|lærer|lærar)\b)"
    r"(?="
    + ON_DATE
    + r"(?:\s+"
    + SORRY
    + r")?\s*(?:$|[,.;!]|\s+(?:delta|delte|vere|være|med|komme|kome|"
    r"stille|likevel|dessverre|lenger|lengre|rekke|rekkje|på|allikevel|"
    # "X har ikke anledning (likevel)", "X har ikkje høve", "X får ikke anledning"
    r"anledning|høve|høyve)\b))"
)
LEAVES_AFTER_NAME = (
    r"\s+(?:\([^()]*\)\s+)?(?:går\s+ut|trekker\s+seg|trekkjer\s+seg|"
    r"(?:må|vil|har)\s+(?:dessverre\s+)?(?:trekke|trekkje|trekka|trekt|trukket)\s+seg|"
    r"(?:har\s+)?" + SORRY + r"meld(?:er|a|t|te)?\s+(?:fra\s+om\s+|frå\s+om\s+)?"
    r"(?:avbud|avbod|forfall|fråfall)|"
    r"(?:har|hev)\s+" + SORRY + r"(?:fått|fenge|fange)\s+(?:forfall|fråfall)|"
    r"er\s+ute|utgår|fell\s+(?:ut|bort|frå)|faller\s+(?:ut|bort|fra)|"
    r"(?:erstattes|erstattast|(?:blir|vert|er)\s+(?:erstattet|erstatta)|"
    r"(?:byttes|byttast|(?:blir|vert)\s+bytta|(?:blir|vert)\s+byttet)\s+ut)\s+(?:av|med))\b"
)
REMOVAL_RES = (
    re.compile(NAME + CANNOT_AFTER_NAME, re.I),
    re.compile(
        r"\bi\s+(?:staden|stedet)\s+for\s+" + NAME + r"(?=\s*[,.;)]|\s+(?:som|kjem|kommer)\b|$)",
        re.I,
    ),
    re.compile(NAME + LEAVES_AFTER_NAME, re.I),
    re.compile(
        r"\b(?:erstatter|erstattar|tek\s+over\s+for|tar\s+over\s+for|overtek\s+for|"
        r"overtar\s+for|(?:bytt|byt|bytte|byter|bytter)\s+ut|stryk|strek|fjern|slett|"
        r"ta\s+(?:bort|ut|vekk))\s+" + NAME + r"(?=\s*[,.;)]|\s+(?:med|fra|frå|av)\b|$)",
        re.I,
    ),
)
#: What a sentence must hold for each removal pattern to match in it (None: no check). The
#: name-led patterns try every word as the start of a name, which made them most of the
#: reading's pattern work; the part after the name alone is a cheap search that finds no
#: sentence the whole pattern would match in.
REMOVAL_TRIGGERS = (
    re.compile(CANNOT_AFTER_NAME, re.I),
    None,
    re.compile(LEAVES_AFTER_NAME, re.I),
    None,
)
#: "X er ikke rektor, men inspektør ved …" / "X skal stå (oppført) som …".
CORRECTION_AFTER_RE = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?(?:er\s+" + NOT + r"\s+[^,.;!?]{1,60}?,?\s+"
    r"(?:men\s+(?:(?:han|ho|hun|hen)\s+)?(?:er\s+)?|(?:han|ho|hun|hen)\s+er\s+)"
    r"|skal\s+(?:stå|sta|førast|føres|registreres|registrerast)\s+(?:oppført\s+|opp\s+)?"
    r"(?:med\s+(?:rolle|rolla|rollen|tittel|tittelen)\s+|som\s+)"
    r"|sin\s+(?:rolle|rolla|stilling|tittel)\s+(?:er|skal\s+vere|skal\s+være)\s+"
    r"|er\s+(?=[^,.;!?]{1,80},\s*(?:og\s+)?(?:ikke|ikkje)\s+[^\W\d_]+(?:\s+som\s+(?:eg|jeg)\s+"
    r"(?:skreiv|skrev|skrivde|skreiv\s+sist|skrev\s+sist))?\s*[.!]?\s*$)"
    r"|har\s+(?:ny|endra|endret|feil)\s+(?:rolle|rolla|stilling|tittel)\s*[:,]?\s*(?:,?\s*(?:det\s+er|ho\s+er|han\s+er|hun\s+er)\s+)?)"
    r"(?P<role>[^,.;!?()]+(?:\([^()]*\))?)",
    re.IGNORECASE,
)
CORRECTION_BEFORE_RE = re.compile(
    r"\b(?:rolla|rollen|stillinga|stillingen|tittelen)\s+(?:til|for|åt)\s+$", re.IGNORECASE
)
CORRECTION_ROLE_AFTER_NAME_RE = re.compile(
    r"^\s+(?:skal\s+(?:vere|være|stå\s+som)|er)\s+(?:rett\s+(?:nok\s+)?)?(?P<role>[^,.;!?()]+)",
    re.IGNORECASE,
)
#: "Rolla hans skal altså vere …" after a sentence that names the person.
PRONOUN_CORRECTION_RE = re.compile(
    r"^\s*(?:rolla|rollen|stillinga|stillingen|tittelen)\s+(?:hans|hennar|hennes|deira)\s+"
    r"(?:skal\s+(?:altså\s+|alts[åa]\s+|derfor\s+|difor\s+)?(?:vere|være|stå\s+som|vera)|er)\s+"
    r"(?:rett\s+(?:nok\s+)?)?(?P<role>[^,.;!?()]+)",
    re.IGNORECASE,
)
TRAILING_RE = re.compile(
    r"\s+(?:og\s+ikke|og\s+ikkje|ikke|ikkje|altså|takk|beklager|orsak)\b.*$", re.IGNORECASE
)


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
    parts = [trim_to_name(p) for p in re.split(r"\s*,\s*|\s+og\s+", text)]
    if len(parts) > 1 and all(parts):
        return [p for p in parts if p]
    whole = trim_to_name(text)
    return [whole] if whole else []


#: A bare first name ("Kari kan diverre ikkje likevel") standing for a full name elsewhere.
FIRST = r"(?P<name>(?-i:[A-ZÆØÅ])[\w'’-]+)"
FIRST_NAME_RES = tuple(
    (re.compile(r.pattern.replace(NAME, FIRST), r.flags), r.pattern.startswith(NAME))
    for r in REMOVAL_RES
)


def removed_names(text: str, known: str = "") -> list[str]:
    """Names the text takes off the list ("X kan ikkje likevel", "i staden for X").

    A removed name is a person's name as written: capitalised (or in capitals). A name in
    lower case counts only when ``known`` (the whole message) writes it capitalised too, and
    is given as written there; so "eg ser at fristen er ute" never takes anyone off. A bare
    first name counts when ``known`` names exactly one person with that first name.
    """
    names: list[str] = []
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
ROLE_OF_RE = re.compile(
    r"\b(?:rolla|rollen|rolle|stillinga|stillingen|tittelen)\s+(?:til|for|åt)\s+"
    r"(?P<first>(?-i:[A-ZÆØÅ])[\w-]+)\s*[.!]?\s*$",
    re.IGNORECASE,
)


def corrections(text: str) -> list[Candidate]:
    """Persons whose role the text corrects or supplies, with that role."""
    out: list[Candidate] = []
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
