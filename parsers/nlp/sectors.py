"""Sector of a role: which part of the municipality a careful organiser files the person under.

Order of evidence: a tie to the event's guarded sector wins (a person with two roles is filed
under that one); then a strong head ("kommunalsjef" is administration whatever it is for);
then the organisation the role names ("lærar ved Ole Bull Akademiet" is cultural life); then
the head's default; a bare role of the event's ("rektor") written from the guarded sector
means that sector's own. Which sector is guarded, and its words, come from the event
(``ExtractionContext``); the lexicon here knows only the seven sectors.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from parsers.nlp.patterns import pattern
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import (
    WORD_RE,
    HeadMatch,
    find_heads,
    match_suffix,
    organisation_words,
    sector_prefix,
)
from parsers.types import ExtractionContext, Sector

#: "skole- og barnehagesjef": the words after a cut-short word (roles.toml).
ELISION_CONJUNCTIONS = frozenset(load_toml("roles.toml")["compounds"]["elision_conjunctions"])
#: A workplace named in a role: "ved Vik skule", "i Lia barnehage", ", Tou Scene".
NAMED_WORKPLACE_RE = pattern("named_workplace", "roles.toml")
#: "rådgiver ved Vik skole", "rådgjevar i Vik skule": the adviser works at the organisation.
WORKPLACE_RE = pattern("workplace", "roles.toml")


@cache
def adviser_heads() -> frozenset[str]:
    return frozenset(h.casefold() for h in load_toml("roles.toml")["advisers"]["heads"])


@cache
def subject_roles() -> tuple[frozenset[str], re.Pattern[str]]:
    """Role heads by subject ("fagansvarlig") and a pattern of the art subjects they are for."""
    table = load_toml("roles.toml")["subject_roles"]
    subjects = sorted(table["subjects"], key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in subjects) + r")\b", re.I)
    return frozenset(h.casefold() for h in table["heads"]), pattern


def is_subject_role(role: str, head_end: int, head: str) -> bool:
    """ "avdelingsleder for musikk", "fagansvarlig dans": a role by art subject (no named
    organisation after the head: "leiar for Vik teater" works at a theatre)."""
    heads, subjects = subject_roles()
    rest = role[head_end:]
    named = any(w.group()[0].isupper() for w in WORD_RE.finditer(rest))
    return head in heads and not named and bool(subjects.search(rest))


@cache
def field_leader_heads() -> frozenset[str]:
    return frozenset(h.casefold() for h in load_toml("roles.toml")["field_leaders"]["heads"])


def is_municipal_adviser(role: str, head_end: int, head: str) -> bool:
    """An adviser whose role names what they advise on, not where they work; so is a leader
    of a field ("fagleder barnehage", "fagleiar for skule"), unless the field is an art
    subject taught ("fagleder musikk")."""
    if WORKPLACE_RE.match(role[head_end:]):
        return False
    if head in field_leader_heads():
        return bool(role[head_end:].strip()) and not is_subject_role(role, head_end, head)
    return head in adviser_heads()


@cache
def area_leading() -> tuple[frozenset[str], re.Pattern[str]]:
    """Leader heads, and a pattern of what follows one that leads areas of the municipality
    ("for oppvekst og kultur")."""
    table = load_toml("roles.toml")["area_leaders"]
    areas = "|".join(re.escape(a) for a in sorted(table["areas"], key=len, reverse=True))
    rest = pattern("area_leader_rest", areas=areas)
    return frozenset(h.casefold() for h in table["heads"]), rest


def leads_areas(role: str, head: HeadMatch) -> bool:
    """ "leiar for oppvekst og kultur": a leader of areas of the municipality, nothing else."""
    heads, rest = area_leading()
    return head.head.head in heads and bool(rest.match(role[head.end :]))


@cache
def unit_heads() -> tuple[frozenset[str], frozenset[str]]:
    """Heads of one unit, and the plural workplace words that name several units."""
    table = load_toml("roles.toml")["unit_heads"]
    plural = frozenset(w.casefold() for w in table["plural_workplaces"])
    return frozenset(h.casefold() for h in table["heads"]), plural


#: What follows a unit head before the workplace it heads: ", ", "for ", "ved " …
UNIT_PLACE_LEAD_RE = pattern("unit_place_lead")


def named_workplace_sector(place: str) -> str | None:
    """Sector of one named workplace: capitalised name words, then the organisation word
    ("Farnes skule", "Bergen Offentlige Bibliotek"); None for anything else ("Kultur og
    idrett", "PPT", "Vik barnehagar")."""
    words = WORD_RE.findall(place)
    if len(words) < 2 or len(words) > 5 or not all(w[:1].isupper() for w in words[:-1]):
        return None
    if not place.rstrip(" .").endswith(words[-1]) or words[-1].casefold() in unit_heads()[1]:
        return None
    return organisation_sector(words[-1])


def unit_workplace_sector(role: str, head: HeadMatch, context: str) -> str | None:
    """The sector of the one workplace a unit head heads ("einingsleiar for Vik barnehage",
    "Seksjonssjef" in a row whose workplace is "Vik bibliotek"), else None."""
    if head.head.head not in unit_heads()[0]:
        return None
    rest = role[head.end :]
    if rest.strip():
        return named_workplace_sector(rest[UNIT_PLACE_LEAD_RE.match(rest).end() :])  # type: ignore[union-attr]
    return named_workplace_sector(context) if context else None


#: "rådgjevar for kulturskule og musikk": what an adviser advises on follows "for".
ADVISES_ON_RE = re.compile(r"^\s+for\s", re.IGNORECASE)


def advises_on(role: str, heads: list[HeadMatch], guarded: Sector) -> bool:
    """An adviser "for" the guarded sector (a county's "rådgjevar for kulturskule") advises
    on it and does not work in it: no tie to it ("rådgiver i kulturskolen" works there)."""
    if not heads or any(h.head.sector == guarded for h in heads):
        return False
    first = heads[0]
    return first.head.head in adviser_heads() and bool(ADVISES_ON_RE.match(role[first.end :]))


def organisation_sector(text: str) -> str | None:
    """Sector of the first organisation word or phrase in ``text`` (a word with a sector's
    prefix included: "kulturskulen").

    Two-word entries ("samisk senter") match a word pair whose first word ends with the
    entry's first word ("lulesamisk senter"); a truncated compound ("kultur- og idrettshus")
    is read as the whole word it stands for ("kulturhus") before its own second part.
    """
    words = list(WORD_RE.finditer(text))
    for i, m in enumerate(words):
        word = m.group()
        prefixed = sector_prefix(word)
        if prefixed is not None:
            return prefixed[1]
        nxt = words[i + 1].group().casefold() if i + 1 < len(words) else ""
        phrase = phrase_sector(word.casefold(), nxt)
        if phrase is not None:
            return phrase
        if word.endswith("-") and i + 2 < len(words) and nxt in ELISION_CONJUNCTIONS:
            elided = elided_sector(word[:-1], words[i + 2].group())
            if elided is not None:
                return elided
        key = match_suffix(word, organisation_words())  # type: ignore[arg-type]
        if key is not None and not names_next_organisation(word, nxt):
            return organisation_words()[key]
    return None


def names_next_organisation(word: str, nxt: str) -> bool:
    """ "Tunet barnehage", "Scenen skule": a capitalised organisation word before a lower-case
    one is the workplace's name; the word after it says what the workplace is."""
    return (
        word[:1].isupper()
        and nxt[:1].islower()
        and match_suffix(nxt, organisation_words()) is not None  # type: ignore[arg-type]
    )


@lru_cache(maxsize=8192)
def phrase_sector(first: str, second: str) -> str | None:
    """Sector of a two-word organisation entry matching ``first second``."""
    if not second:
        return None
    for entry, sector in organisation_words().items():
        parts = entry.split()
        if len(parts) == 2 and second == parts[1] and first.endswith(parts[0]):
            return sector
    return None


def elided_sector(stem: str, full: str) -> str | None:
    """ "kultur-" + "idrettshus": the sector of "kulturhus" (the stem with a tail of ``full``)."""
    lowered = full.casefold()
    for size in range(len(lowered) - 1, 2, -1):
        candidate = stem.casefold() + lowered[-size:]
        if candidate in organisation_words():
            return organisation_words()[candidate]
    return None


#: What joins two roles of one person: "rektor og kommunestyremedlem", "lærar / KFU-leiar".
TWO_ROLES_JOIN_RE = pattern("two_roles_join", "roles.toml")


def first_of_two_roles(role: str, heads: list[HeadMatch]) -> str | None:
    """The first of two roles joined in one ("rektor ved Vik skule og kommunestyremedlem",
    "lærar Vik skule / KFU-leiar"): the text before the join, when a role word stands before
    it and the text after it opens with one; else None. A join inside a role word ("barne-
    og ungdomsarbeidar") or before a mere subject ("leiar for oppvekst og kultur") is none."""
    for m in TWO_ROLES_JOIN_RE.finditer(role):
        if any(h.start < m.end() and m.start() < h.end for h in heads):
            continue
        before = any(h.end <= m.start() for h in heads)
        word = re.match(r"\S+", role[m.end() :])
        if before and word and any(m.end() <= h.start < m.end() + word.end() for h in heads):
            return role[: m.start()].rstrip(" ,")
    return None


def classify_sector(
    role: str | None,
    writer: Sector | None = None,
    context: str = "",
    staff: Sector | None = None,
    guarded: Sector | None = None,
    bare_roles: frozenset[str] = frozenset(),
) -> Sector:
    """Sector of one role text.

    The event says which sector is ``guarded`` (the one that may not be alone: a tie to it
    wins, so a person with two roles is filed under it) and which ``bare_roles`` ("rektor")
    mean that sector's own when the message is written from it (``writer``); ``staff`` is the
    sector the message says all the people listed work in. ``context`` is where the person
    works when the message gives it apart from the role (an "Arbeidssted:" line or a table
    column); it counts only when the role itself names no organisation.
    """
    if not role:
        return "annet"
    heads = find_heads(role)
    org = organisation_sector(role) or (organisation_sector(context) if context else None)
    tied = guarded is not None and (org == guarded or any(h.head.sector == guarded for h in heads))
    if tied and guarded is not None and not advises_on(role, heads, guarded):
        return guarded
    written_first = first_of_two_roles(role, heads)
    if written_first is not None:
        # "rektor ved Vik skule og kommunestyremedlem": filed under the role written first
        return classify_sector(written_first, writer, context, staff, guarded, bare_roles)
    strong = [h for h in heads if h.head.strong]
    if strong:
        unit = unit_workplace_sector(role, strong[0], context)
        return unit or strong[0].head.sector  # type: ignore[return-value]
    if heads and (
        is_municipal_adviser(role, heads[0].end, heads[0].head.head) or leads_areas(role, heads[0])
    ):
        return "administrasjon"
    if staff is not None and (org is None or not NAMED_WORKPLACE_RE.search(role)):
        # the message says where they all work; only a workplace named in the role itself
        # ("rektor ved Vik skule") overrides it, not an organisation the role is about
        # ("koordinator for samarbeidet med grunnskolen")
        return staff
    # "fagleiar for teater": the art is the subject taught, not a theatre worked at
    if (
        writer is not None
        and heads
        and is_subject_role(role, heads[0].end, heads[0].head.head)
        and organisation_sector(subject_roles()[1].sub(" ", role)) is None
    ):
        return writer
    if org is not None:
        return org  # type: ignore[return-value]
    if heads:
        first = heads[0].head
        if writer is not None and first.head in bare_roles:
            return writer
        return first.sector  # type: ignore[return-value]
    return "annet"


@cache
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """The event's patterns as one case-insensitive expression (None when there are none)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _matches(patterns: tuple[str, ...], text: str) -> bool:
    compiled = _compiled(patterns)
    return bool(compiled and compiled.search(text))


def writer_sector(context: ExtractionContext, body: str, signature: str) -> Sector | None:
    """The event's guarded sector when the sender writes from it (so a bare "rektor" is its
    rektor), else None."""
    if context.guarded_sector is None:
        return None
    if _matches(context.writer_signature_patterns, signature) or _matches(
        context.writer_patterns, body
    ):
        return context.guarded_sector
    return None


def staff_sector(context: ExtractionContext, body: str) -> Sector | None:
    """The event's guarded sector when the message says everyone listed works there."""
    if context.guarded_sector is not None and _matches(context.staff_patterns, body):
        return context.guarded_sector
    return None
