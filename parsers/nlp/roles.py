"""Role words: find them in text and cut a role phrase down to the role itself.

A role is kept verbatim (a substring of the message); only what is not the role is cut away:
a political party, an e-mail address, a phone number, a "(meg)" marker.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from parsers.nlp.abbreviations import ends_with_dotted_abbreviation, find_abbreviations
from parsers.nlp.memo import current
from parsers.nlp.resources import load_toml
from parsers.nlp.typos import close_match, ends_within_one_edit

WORD_RE = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)
#: Heads shorter than this only match whole words ("kor" must not match "for").
MIN_SUFFIX_HEAD = 5
#: A compound's first part has at least this many letters ("korleder", "fagleder"): "gleder"
#: (glad) is no compound of "leder", nor "avleder" or "utleder" (verbs).
MIN_ROLE_PREFIX = 3

PARTIES = frozenset(load_toml("names.toml")["parties"])


@dataclass(frozen=True)
class RoleHead:
    """One lexicon entry: the head word, its default sector and whether it overrides context."""

    head: str
    sector: str
    strong: bool


@cache
def role_heads() -> dict[str, RoleHead]:
    """All heads of the lexicon by lower-case head (strong entries win over weak ones)."""
    lexicon = load_toml("roles.toml")["heads"]
    heads: dict[str, RoleHead] = {}
    for strength in ("weak", "strong"):
        for sector, words in lexicon[strength].items():
            for word in words:
                heads[word.casefold()] = RoleHead(word.casefold(), sector, strength == "strong")
    return heads


@cache
def sector_prefixes() -> tuple[tuple[str, str], ...]:
    """(prefix, sector) pairs of roles.toml's ``[prefixes]``, in the file's order."""
    table = load_toml("roles.toml")["prefixes"]
    return tuple((p.casefold(), sector) for sector, prefixes in table.items() for p in prefixes)


@cache
def organisation_words() -> dict[str, str]:
    """Organisation word → sector."""
    orgs: dict[str, str] = {}
    for sector, words in load_toml("roles.toml")["organisations"].items():
        for word in words:
            orgs[word.casefold()] = sector
    return orgs


def match_suffix(word: str, table: dict[str, object], min_prefix: int = 1) -> str | None:
    """The longest key of ``table`` that ``word`` is or ends with (compounds, whose first
    part has at least ``min_prefix`` letters), else None."""
    word = word.casefold().strip("-")
    if word in table:
        return word
    best: str | None = None
    for part in [word, *word.split("-")]:
        if part in table and (best is None or len(part) > len(best)):
            best = part
        for size in range(len(part) - 1, MIN_SUFFIX_HEAD - 1, -1):
            tail = part[-size:]
            letters = sum(c.isalpha() for c in part[:-size])
            if letters < min_prefix:
                continue
            if tail in table and (best is None or size > len(best)):
                best = tail
                break
    return best


@cache
def single_word_heads() -> frozenset[str]:
    return frozenset(h for h in role_heads() if " " not in h)


@cache
def plural_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_toml("roles.toml")["plurals"]["words"])


@lru_cache(maxsize=8192)
def head_of_word(word: str) -> RoleHead | None:
    """The role head a single word carries, if any (a long word may have one typo)."""
    prefixed = sector_prefix(word)
    if prefixed is not None:
        prefix, sector = prefixed
        is_job = looks_like_person_role(word, prefix)
        return RoleHead(word.casefold(), sector, True) if is_job else None
    key = match_suffix(word, role_heads(), MIN_ROLE_PREFIX)  # type: ignore[arg-type]
    if key is None:
        key = close_match(word, single_word_heads())
    return role_heads()[key] if key else None


#: Endings of a sector prefix's compound that name a person's job (roles.toml).
PERSON_ROLE_ENDINGS = tuple(load_toml("roles.toml")["compounds"]["person_role_endings"])
_PERSON_ROLE_ENDING_SET = frozenset(PERSON_ROLE_ENDINGS)


def looks_like_person_role(word: str, prefix: str) -> bool:
    """A compound of a sector's ``prefix`` that names a person's job ("kulturskulerektor"),
    not the institution.

    One typo in the job part is forgiven in a long word ("kulturskulerektror").
    """
    lowered = word.casefold()
    if any(lowered.endswith(h) for h in PERSON_ROLE_ENDINGS):
        return True
    rest = lowered[len(prefix) :]
    return len(lowered) >= 8 and any(
        len(h) >= 5 and len(rest) >= len(h) - 1 and ends_within_one_edit(rest, h)
        for h in PERSON_ROLE_ENDINGS
    )


def sector_prefix(word: str) -> tuple[str, str] | None:
    """(prefix, sector) when ``word`` starts with one of a sector's prefixes, else None."""
    lowered = word.casefold()
    return next(((p, s) for p, s in sector_prefixes() if lowered.startswith(p)), None)


@dataclass(frozen=True)
class HeadMatch:
    start: int
    end: int
    head: RoleHead


def find_heads(text: str) -> list[HeadMatch]:
    """Every role head in ``text`` with its character span (two-word heads included).

    Memoised for the message being read (``parsers.nlp.memo``): the readers ask it of the
    same line many times."""
    memo = current()
    if memo is None:
        return _find_heads(text)
    key = ("find_heads", text)
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(_find_heads(text))
    return list(found)


def _find_heads(text: str) -> list[HeadMatch]:
    matches: list[HeadMatch] = []
    abbreviated = find_abbreviations(text)
    for start, end, sector, strong in abbreviated:
        matches.append(HeadMatch(start, end, RoleHead(text[start:end].casefold(), sector, strong)))
    words = list(WORD_RE.finditer(text))
    folded = [m.group().casefold() for m in words]
    heads, starts = role_heads(), _pair_starts()
    skip_until = -1
    for i, m in enumerate(words):
        start = m.start()
        if start < skip_until or (
            abbreviated and any(s <= start < e for s, e, _, _ in abbreviated)
        ):
            continue
        if i + 1 < len(words) and folded[i] in starts:
            pair = f"{folded[i]} {folded[i + 1]}"
            if pair in heads and text[m.end() : words[i + 1].start()] == " ":
                matches.append(HeadMatch(start, words[i + 1].end(), heads[pair]))
                skip_until = words[i + 1].end()
                continue
        head = head_of_word(m.group())
        if head is not None:
            matches.append(HeadMatch(start, m.end(), head))
        elif i + 1 < len(words) and (split := split_head(text, words[i], words[i + 1])):
            matches.append(HeadMatch(start, words[i + 1].end(), split))
            skip_until = words[i + 1].end()
        elif i + 2 < len(words) and (split := split_job(text, words[i : i + 3])):
            matches.append(HeadMatch(start, words[i + 2].end(), split))
            skip_until = words[i + 2].end()
    return sorted((with_qualifier(text, h) for h in matches), key=lambda h: h.start)


#: How far before a head a qualifier may start (the longest qualifier and its space).
QUALIFIER_WINDOW = 30


@cache
def qualifier_re() -> re.Pattern[str]:
    """A qualifying word ("konstituert", "fung.") right before the end of the text."""
    words = sorted(load_toml("roles.toml")["qualifiers"]["words"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w.])(?:{alternatives})\s+$", re.IGNORECASE)


def with_qualifier(text: str, match: HeadMatch) -> HeadMatch:
    """The head with the qualifying word right before it ("konstituert rektor")."""
    found = qualifier_re().search(text, max(0, match.start - QUALIFIER_WINDOW), match.start)
    return HeadMatch(found.start(), match.end, match.head) if found else match


def split_head(text: str, first: re.Match[str], second: re.Match[str]) -> RoleHead | None:
    """A head written as two lower-case words ("kommunal sjef" for "kommunalsjef", as speech
    recognition and hurried typing split compounds): the joined word is a head of the
    lexicon, exactly, and the second word is none of its own, unless the first ends in the
    linking "s" ("enhets leder")."""
    a, b = first.group(), second.group()
    if not (a.islower() and b.islower()) or text[first.end() : second.start()] != " ":
        return None
    joined = role_heads().get(a + b)
    if joined is None:
        return None
    # "enhets leder": a first part ending in the compound's linking "s" stands for no word
    # of its own, so the pair is the compound even where the second word is a head too
    linked = len(a) > 3 and a.endswith("s")
    return joined if linked or head_of_word(b) is None else None


def split_job(text: str, parts: list[re.Match[str]]) -> RoleHead | None:
    """A sector's job compound written as three lower-case words ("kultur skole rektor" for
    "kulturskolerektor", as dictation splits it): the first two words make a sector's prefix
    exactly ("kultur skole"), the third is a person's job ("rektor")."""
    if parts[2].group() not in _PERSON_ROLE_ENDING_SET:
        return None  # the cheapest test first: most triples of words end in no job
    words = [m.group() for m in parts]
    gaps = [text[a.end() : b.start()] for a, b in zip(parts, parts[1:], strict=False)]
    if not all(w.islower() for w in words) or any(g != " " for g in gaps):
        return None
    prefixed = sector_prefix(words[0] + words[1])
    if (
        prefixed is None
        or prefixed[0] != words[0] + words[1]
        or words[2] not in PERSON_ROLE_ENDINGS
    ):
        return None
    return head_of_word("".join(words))


@cache
def _pair_starts() -> frozenset[str]:
    """The first words of the two-word heads (no other word can open one)."""
    return frozenset(h.split(" ", 1)[0] for h in role_heads() if " " in h)


def has_role_word(text: str) -> bool:
    return bool(find_heads(text))


PHONE_RE = re.compile(r"(?:\+47\s*)?(?:\d[\s.]?){8,}")
EMAIL_RE = re.compile(r"\S+@\S+")
PAREN_RE = re.compile(r"\s*\(([^()]*)\)")
TRAILING_PARTY_RE = re.compile(r",\s*([^\s,()]{1,6})\s*$")
#: "kommunestyrerepresentant for Ap", "medlem av formannskapet frå Sp": the party is no role.
CLEANING = load_toml("roles.toml")["cleaning"]
FOR_PARTY_RE = re.compile(
    rf"\s+(?:{'|'.join(CLEANING['party_prepositions'])})\s+([^,()]{{1,40}}?)\s*$", re.IGNORECASE
)
#: "rektor og": the conjunction a list left at the role's end.
TRAILING_CONJUNCTION_RE = re.compile(rf"\s+(?:{'|'.join(CLEANING['trailing_conjunctions'])})$")
#: "rektor, tlf.": a contact label whose number or address was cut away.
TRAILING_CONTACT_LABEL_RE = re.compile(
    rf"(?:^|[,;]?\s+|[,;])(?:{'|'.join(re.escape(w) for w in CLEANING['contact_labels'])})"
    r"\.?\s*:?$",
    re.IGNORECASE,
)
#: "Ap, leiar i hovudutval for oppvekst": a party written before the role.
LEADING_PARTY_RE = re.compile(r"^\s*([^\s,()]{1,6})\s*,\s*(?=\S)")


def is_party(text: str) -> bool:
    return text.strip().casefold() in PARTIES


def clean_role(text: str) -> str | None:
    """Cut a role phrase down to the role: no party, e-mail, phone, self marker, aside,
    emoji, punctuation, and no "hun som" before a described role."""
    role = "".join(ch for ch in text if not is_pictograph(ch))
    role = DESCRIBED_OPENER_RE.sub("", role)
    role = PRONOUN_BEFORE_DESCRIBED_RE.sub("", role)
    role = EMAIL_RE.sub(" ", role)
    role = PHONE_RE.sub(" ", role)
    role = PAREN_RE.sub(lambda m: "" if is_noise_paren(m.group(1)) else m.group(0), role)
    match = TRAILING_PARTY_RE.search(role)
    if match and is_party(match.group(1)):
        role = role[: match.start()]
    match = LEADING_PARTY_RE.match(role)
    if match and is_party(match.group(1)) and has_role_word(role[match.end() :]):
        role = role[match.end() :]
    label = TRAILING_CONTACT_LABEL_RE.search(role.rstrip(" \t,;:"))
    if label:
        role = role[: label.start()]
    match = FOR_PARTY_RE.search(role)
    if match and is_party(match.group(1)) and has_role_word(role[: match.start()]):
        role = role[: match.start()]
    kept = role.strip(" \t-–—:;,/|*•")
    role = role.strip(" \t-–—:;,./|*•")
    if kept.endswith(".") and ends_with_dotted_abbreviation(role + "."):
        role += "."  # "komm.dir.": the dot is the abbreviation's
    role = TRAILING_CONJUNCTION_RE.sub("", role)
    return role or None


def is_noise_paren(inner: str) -> bool:
    """Parenthesised text that is not part of a role: a party, "meg"/"eg", a status note."""
    lowered = inner.strip().casefold()
    first = lowered.split()[0] if lowered.split() else ""
    return (
        is_party(inner)
        or lowered in SELF_MARKERS
        or lowered in NOTE_MARKERS
        or (first in ASIDE_OPENERS and len(lowered.split()) >= 3)
    )


def is_pictograph(ch: str) -> bool:
    """An emoji or other pictograph (and the joiners between them): no part of a role."""
    return unicodedata.category(ch) in {"So", "Cs"} or ch in "\ufe0f\u200d"


SELF_MARKERS = frozenset(CLEANING["self_markers"])
NOTE_MARKERS = frozenset(CLEANING["note_markers"])
ASIDE_OPENERS = frozenset(CLEANING["aside_openers"])
DESCRIBED_OPENER_RE = re.compile(
    rf"^\s*(?:{'|'.join(re.escape(w) for w in CLEANING['described_openers'])})\s+", re.I
)
#: "ho sit i kommunestyret": the pronoun before a role told with a verb.
PRONOUN_BEFORE_DESCRIBED_RE = re.compile(CLEANING["pronoun_before_described"])
