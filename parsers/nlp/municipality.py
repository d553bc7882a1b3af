"""Which 2020 municipality a message is from (or, for a shared kulturskole, registers).

Evidence is weighed, never guessed: "X kommune", the subject, "påmelding frå X", the sender's
domain (matched on its suffix: staff write from sub-domains), bare names in the signature,
Sami/Kven parallel names and pre-2020 names (Førde → Sunnfjord; the 2020 reform in
``kommune-changes-2020.csv``, older merges such as Stokke → Sandefjord 2017 in
``kommune-changes-older.csv``, taken from SSB's classification history, KLASS 131). A name
shared by several municipalities (Herøy, Våler, pre-2020 Sande) is settled by the domain, the
county, or a postcode place; otherwise the answer is None with the candidates listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from parsers.nlp.patterns import pattern, source
from parsers.nlp.resources import load_csv, load_toml
from parsers.types import SENDER, SIGNATURE, SUBJECT, Municipality

#: Weights of evidence; a municipality needs at least MIN_SCORE to be chosen.
W_REGISTERING, W_KOMMUNE, W_DOMAIN, W_SUBJECT, W_INSTITUTION, W_BARE, W_OLD_BARE = (
    4.0,
    3.0,
    2.5,
    2.0,
    1.5,
    1.0,
    0.5,
)
MIN_SCORE = 2.0


@dataclass(frozen=True)
class Entry:
    number: str
    display: str
    county: str
    domains: tuple[str, ...]


@cache
def register() -> dict[str, Entry]:
    """Number → entry; ``display`` is the SSB 2020 name in its Norwegian form."""
    entries: dict[str, Entry] = {}
    for row in load_csv("kommuner-2020.csv"):
        display = row["name_no"] if " - " in row["name"] else row["name"]
        domains = tuple(
            d.strip().casefold()
            for d in [row["domain"], *row["alt_domains"].split(";")]
            if d.strip()
        )
        entries[row["number"]] = Entry(row["number"], display, row["county"], domains)
    return entries


@cache
def name_index() -> dict[str, tuple[frozenset[str], bool]]:
    """Lower-case name → (numbers it may mean, whether it is a pre-2020 name only)."""
    current: dict[str, set[str]] = defaultdict(set)
    for row in load_csv("kommuner-2020.csv"):
        names = {row["name_no"], *row["other_names"].split(";"), *row["name"].split(" - ")}
        for name in names:
            name = re.sub(r"\s*\(.*\)$", "", name).strip()
            if name:
                current[name.casefold()].add(row["number"])
    old: dict[str, set[str]] = defaultdict(set)
    for row in (*load_csv("kommune-changes-2020.csv"), *load_csv("kommune-changes-older.csv")):
        name = re.sub(r"\s*\(.*\)$", "", row["old_name"]).strip().casefold()
        old[name].add(row["new_number"])
    # A pre-2020 name that another municipality still bears (Sande, Bø, Os) keeps both
    # meanings, so that only a county, domain or postcode may settle it.
    index = {k: (frozenset(v | old.get(k, set())), False) for k, v in current.items()}
    index.update({k: (frozenset(v), True) for k, v in old.items() if k not in current})
    return index


@cache
def old_county_names() -> dict[str, str]:
    """Pre-2020 county names → 2020 county name (so "i Østfold" still tells Våler apart)."""
    table: dict[str, str] = load_toml("counties.toml")["old_to_2020"]
    return table


@cache
def district_numbers() -> dict[str, frozenset[str]]:
    """District name ("Romerike") → numbers of the 2020 municipalities in it."""
    by_name = {e.display.casefold(): e.number for e in register().values()}
    table: dict[str, list[str]] = load_toml("counties.toml")["districts"]
    return {
        district: frozenset(by_name[n.casefold()] for n in names if n.casefold() in by_name)
        for district, names in table.items()
    }


@cache
def postcode_counties() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in load_toml("counties.toml")["postcode_prefix"].items()}


@cache
def name_regex() -> re.Pattern[str]:
    return _names_regex(tuple(_names_by_length()))


@cache
def _names_by_length() -> tuple[str, ...]:
    """Every name, longest first: at one place the longest name that fits is taken."""
    return tuple(sorted(name_index(), key=len, reverse=True))


@cache
def _names_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w-])({alternation})(?![\w-])", re.IGNORECASE)


@cache
def _names_by_first_word() -> tuple[dict[str, list[int]], tuple[int, ...]]:
    """First word of each name → the names' places in ``_names_by_length``; and the places
    of names that do not begin with a word character (always candidates)."""
    by_word: dict[str, list[int]] = defaultdict(list)
    always: list[int] = []
    for place, name in enumerate(_names_by_length()):
        first = re.match(r"\w+", name)
        if first and first.start() == 0:
            by_word[first.group()].append(place)
        else:
            always.append(place)
    return dict(by_word), tuple(always)


#: Characters that ``re.IGNORECASE`` matches to a letter of another spelling than their
#: ``lower()`` (long s, dotless i, dotted capital I): a text with one uses the full pattern.
_FOLD_SPECIALS = re.compile("[\u017f\u0131\u0130]")


def names_in(text: str) -> Iterator[re.Match[str]]:
    """What ``name_regex().finditer(text)`` finds, found faster.

    Why: the alternation of every name cost about a millisecond per text. A name can only
    match where the text holds its first word (the pattern starts after a non-word character
    and the name's word ends where the text's does), so the pattern is built from the names
    whose first word the text holds, in the same longest-first order."""
    if _FOLD_SPECIALS.search(text):
        return name_regex().finditer(text)
    by_word, always = _names_by_first_word()
    places = set(always)
    for word in set(re.findall(r"\w+", text.lower())):
        places.update(by_word.get(word, ()))
    names = _names_by_length()
    return _candidates_regex(tuple(names[p] for p in sorted(places))).finditer(text)


@lru_cache(maxsize=4096)
def _candidates_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in names) or "(?!)"
    return re.compile(rf"(?<![\w-])({alternation})(?![\w-])", re.IGNORECASE)


def to_municipality(number: str) -> Municipality:
    entry = register()[number]
    return Municipality(entry.number, entry.display)


def domain_numbers(address: str) -> set[str]:
    """Municipalities whose registered domain is the address's domain or a parent of it."""
    domain = address.rpartition("@")[2].strip(" >").casefold()
    if not domain:
        return set()
    # The domain and each parent of it ("a.b.no", "b.no", "no"), looked up in an index
    # instead of testing every entry's domains (the same set, built in the register's order).
    by_domain, order = _domain_index()
    parents = [domain[i + 1 :] for i, c in enumerate(domain) if c == "."]
    found = {n for d in (domain, *parents) for n in by_domain.get(d, ())}
    return set(sorted(found, key=order.__getitem__))


@cache
def _domain_index() -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """Registered domain → the numbers of the municipalities it belongs to, and each
    number's place in the register."""
    by_domain: dict[str, list[str]] = {}
    for entry in register().values():
        for d in dict.fromkeys(entry.domains):
            by_domain.setdefault(d, []).append(entry.number)
    order = {number: place for place, number in enumerate(register())}
    return {d: tuple(numbers) for d, numbers in by_domain.items()}, order


#: The data of this reader: ``parsers/data/places.toml``.
PLACES_DATA = "places.toml"
REGISTERING_BEFORE_RE = pattern("registering_before", PLACES_DATA)
#: "lista vi sende frå ": the writer's list, sent from the municipality named next.
LIST_SENT_FROM_RE = pattern("list_sent_from", PLACES_DATA)
REGISTERING_AFTER_RE = pattern("registering_after", PLACES_DATA)
KOMMUNE_AFTER_RE = pattern("kommune_after", PLACES_DATA)
#: "Flakstad og Moskenes kulturskole": the second name of a shared institution.
SHARED_BEFORE_RE = pattern("shared_before", PLACES_DATA)
#: Words before a name that leave it free to be a municipality's ("fra Vik").
FREE_BEFORE = frozenset(load_toml(PLACES_DATA)["free_before"])
#: Names that in lower case are everyday words ("en time"): never read in lower case.
LOWER_CASE_WORDS = frozenset(load_toml(PLACES_DATA)["lower_case_words"])


def _alternation(key: str) -> str:
    return "|".join(re.escape(w) for w in load_toml("places.toml")[key])


@cache
def institution_after_re() -> re.Pattern[str]:
    """ "Bodø bibliotek": one of the institutions a municipality has one of, named after it."""
    return re.compile(rf"^\s+(?:{_alternation('municipal_institutions')})\b", re.I)


@cache
def place_of_after_re() -> re.Pattern[str]:
    """ "vi frå Berg skule": the name is a school's or a choir's (a municipal institution,
    though its word may end like one, is the municipality's own)."""
    municipal, local = (
        _alternation("municipal_institutions"),
        _alternation("local_institution_endings"),
    )
    return re.compile(rf"^\s+(?!{municipal})[a-zæøå]*(?:{local})\b")


POSTCODE_BEFORE_RE = re.compile(r"\b(\d{4})\s+$")
#: "6090 Fosnavåg": a postcode and its place, anywhere (an address line in a signature).
POSTCODE_PLACE_RE = re.compile(r"(?<![\d.,/-])(\d{4})\s+[A-ZÆØÅ][a-zæøå]+(?!\s+\d)")


#: A hint naming a district, not a county ("district:Romerike").
DISTRICT = "district:"


@dataclass(frozen=True)
class Mention:
    """Where a name counted for a group: the part it stands in (``parsers.types`` part
    names: "body", "signature", "subject", "sender", "forwarded", "attachment <file>"), its
    offset there, the name as written and what it weighed."""

    part: str
    pos: int
    words: str
    numbers: frozenset[str]
    weight: float


@dataclass
class Evidence:
    """Scores per group of numbers a name could mean (a shared name is one group), and
    each mention that added to them."""

    scores: dict[frozenset[str], float]
    mentions: list[Mention] = field(default_factory=list)

    def add(self, numbers: frozenset[str], weight: float, mention: Mention | None = None) -> None:
        self.scores[numbers] = self.scores.get(numbers, 0.0) + weight
        if mention is not None:
            self.mentions.append(mention)

    def strongest(self, numbers: frozenset[str]) -> Mention | None:
        """The mention that weighed most for any of ``numbers`` (the first of equals)."""
        found = [m for m in self.mentions if m.numbers & numbers]
        return max(found, key=lambda m: m.weight) if found else None


def gather(
    text: str,
    evidence: Evidence,
    weight_scale: float,
    hints: set[str],
    postcodes: list[str],
    part: str = "",
) -> None:
    """Add every municipality name in ``text`` (the part ``part``) to ``evidence``,
    weighted by its context."""
    for m in names_in(text):
        word = m.group(1)
        lower = not word[0].isupper()
        if lower and word.casefold() in LOWER_CASE_WORDS:
            continue
        if is_part_of_longer_name(text, m.start()):
            continue
        numbers, is_old = name_index()[word.casefold()]
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 40]
        if lower and not named_as_municipality(before, after):
            continue  # "tor inge vik": a lower-case name needs words that make it a place's
        pc = POSTCODE_BEFORE_RE.search(before)
        if pc:
            postcodes.append(pc.group(1))
        registering = (
            REGISTERING_BEFORE_RE.search(before)
            or LIST_SENT_FROM_RE.search(before)
            or REGISTERING_AFTER_RE.match(after)
        )
        if registering and not place_of_after_re().match(after):
            weight = W_REGISTERING
        elif KOMMUNE_AFTER_RE.match(after) or (
            part == SIGNATURE
            and institution_after_re().match(after)
            and not SHARED_BEFORE_RE.search(before)
        ):
            weight = W_KOMMUNE  # a signature's "Vik kulturskule" is where the writer works
        elif institution_after_re().match(after) or pc:
            weight = W_INSTITUTION
        else:
            weight = W_OLD_BARE if is_old else W_BARE
        scaled = weight * weight_scale
        evidence.add(numbers, scaled, Mention(part, m.start(), word, numbers, scaled))
    postcodes.extend(m.group(1) for m in POSTCODE_PLACE_RE.finditer(text))
    lowered = text.casefold()
    any_hint, patterns = hint_patterns()
    if any_hint.search(lowered):
        hints.update(hint for pattern, hint in patterns if pattern.search(lowered))


def named_as_municipality(before: str, after: str) -> bool:
    """The words around a name say it is a municipality's: one registering ("påmelding fra
    X", "X melder på"), "X kommune" or "X kulturskole" (not "X skule": a school's place)."""
    if place_of_after_re().match(after):
        return False
    return bool(
        REGISTERING_BEFORE_RE.search(before)
        or LIST_SENT_FROM_RE.search(before)
        or REGISTERING_AFTER_RE.match(after)
        or KOMMUNE_AFTER_RE.match(after)
        or institution_after_re().match(after)
    )


@cache
def local_place_after_re() -> re.Pattern[str]:
    """ "Sande ungdomsskole", "Stryn vidaregåande skule": the name is a local place's, one or
    two words before a school's or a group's word (not a municipal institution's)."""
    municipal, local = (
        _alternation("municipal_institutions"),
        _alternation("local_institution_endings"),
    )
    word = rf"(?!{municipal})[^\W\d_]*"
    return re.compile(rf"^[^\S\n]+(?:{word}[^\S\n]+)?{word}(?:{local})\b", re.I)


@cache
def _given_names() -> frozenset[str]:
    return frozenset(n.casefold() for n in load_toml("given_names.toml")["given_names"])


#: A word right before a name, on its line.
_WORD_BEFORE_RE = re.compile(r"([^\W\d_][\w'’-]*)[^\S\n]+$")


def names_written(text: str) -> Iterator[re.Match[str]]:
    """Register names in ``text``, in any case, that may name the writer's municipality
    where the words around them do not say so ("her er lista frå oss, sykkylven"): not part
    of a person's name ("Ingeborg Nes", "tor inge vik"), not a local place's ("Sande
    ungdomsskole") or a post office's ("5020 Bergen"), not an everyday word ("en time";
    "Time kommune" is the municipality)."""
    for m in names_in(text):
        word = m.group(1)
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 40]
        named = KOMMUNE_AFTER_RE.match(after) or institution_after_re().match(after)
        if word.casefold() in LOWER_CASE_WORDS and not named:
            continue
        if local_place_after_re().match(after) or POSTCODE_BEFORE_RE.search(before):
            continue  # a school's place, or an address's post office (a county's office)
        if word[0].isupper():
            if is_part_of_longer_name(text, m.start()):
                continue
        else:
            prev = _WORD_BEFORE_RE.search(before)
            if prev and prev.group(1).casefold() in _given_names():
                continue  # "kari hareid": a person's name in lower case
        yield m


@cache
def hint_patterns() -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]]:
    """The county, old county and district patterns ``gather`` looks for, each with the
    hint it gives, compiled once; and one pattern that finds any of their words, which
    a text must hold for any of them to match (most texts hold none)."""
    counties = sorted({e.county for e in register().values()})
    olds = sorted(old_county_names().items())
    districts = sorted(district_numbers())
    district_before = source("district_before", PLACES_DATA)
    patterns = [(rf"(?<!\w){re.escape(c.casefold())}(?!\w)", c) for c in counties]
    patterns += [(rf"(?<!\w){re.escape(old.casefold())}(?!\w)", new) for old, new in olds]
    patterns += [
        (rf"(?<!\w){district_before}{re.escape(d.casefold())}(?!\w)", DISTRICT + d)
        for d in districts
    ]
    words = [*counties, *(old for old, _ in olds), *districts]
    alternation = "|".join(re.escape(w.casefold()) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), tuple(
        (re.compile(pattern), hint) for pattern, hint in patterns
    )


def is_part_of_longer_name(text: str, start: int) -> bool:
    """ "Ingeborg Nes": a capitalised word right before makes it a person's or a place's name
    (on the same line: "Mvh Kari" over "Vik kulturskule" is two lines)."""
    before = text[max(0, start - 30) : start]
    m = re.search(r"([^\W\d_][\w'’-]*)[^\S\n]$", before)
    if not m:
        return False
    prev = m.group(1)
    sentence_start = re.search(r"(?:^|[.!?:\n]\s*)$", before[: m.start()]) is not None
    return prev[0].isupper() and not sentence_start and prev.casefold() not in FREE_BEFORE


def resolve_group(
    numbers: frozenset[str], domain_hits: set[str], counties: set[str], postcodes: list[str]
) -> frozenset[str]:
    """Narrow a shared name by domain, county or postcode place, when one of them decides."""
    if len(numbers) == 1:
        return numbers
    for narrowing in (
        numbers & domain_hits,
        {n for n in numbers if register()[n].county in counties},
        {
            n
            for n in numbers
            for hint in counties
            if hint.startswith(DISTRICT) and n in district_numbers()[hint[len(DISTRICT) :]]
        },
        {
            n
            for n in numbers
            for p in postcodes
            if register()[n].county in postcode_counties().get(p[:2], ())
        },
    ):
        if len(narrowing) == 1:
            return frozenset(narrowing)
    return numbers


def signature_lines(signature: str, evidence: Evidence) -> None:
    """A signature line that is only a municipality's name ("Ski") counts as "Ski kommune".

    A short name (Ski, Nes, Os, Bø) is also a word, so in running text it needs "kommune"
    after it; on a line of its own under the sender's name it names the municipality.
    """
    pos = 0
    for line in signature.split("\n"):
        text = line.strip(" ,.")
        if text and text[0].isupper() and text.casefold() in name_index():
            numbers, is_old = name_index()[text.casefold()]
            weight = W_KOMMUNE - (W_OLD_BARE if is_old else W_BARE)
            evidence.add(numbers, weight, Mention(SIGNATURE, pos, text, numbers, weight))
        pos += len(line) + 1


def resolve(
    texts: list[tuple[str, float]], sender: str, subject: str, signature: str = ""
) -> tuple[Municipality | None, tuple[Municipality, ...]]:
    """(municipality, candidates) from weighted texts, the sender address and the subject.

    ``signature`` (also among ``texts``) adds the weight of a line that is only a name.
    """
    found = resolve_parts([("", t, w) for t, w in texts], sender, subject, signature)
    return found.municipality, found.candidates


@dataclass(frozen=True)
class Resolved:
    """The municipality (or the candidates of a shared name) and the mention that weighed
    most for it: where the organiser sees what decided (None when nothing did)."""

    municipality: Municipality | None
    candidates: tuple[Municipality, ...]
    mention: Mention | None = None


def resolve_parts(
    texts: list[tuple[str, str, float]], sender: str, subject: str, signature: str = ""
) -> Resolved:
    """``resolve`` over (part name, text, weight) triples, with the deciding mention."""
    evidence = Evidence({})
    counties: set[str] = set()
    postcodes: list[str] = []
    gather(subject, evidence, W_SUBJECT / W_BARE * 0.75, counties, postcodes, SUBJECT)
    for part, text, scale in texts:
        gather(text, evidence, scale, counties, postcodes, part)
    signature_lines(signature, evidence)
    domain_hits = domain_numbers(sender)
    merged: dict[frozenset[str], float] = defaultdict(float)
    for group, score in evidence.scores.items():
        merged[resolve_group(group, domain_hits, counties, postcodes)] += score
    if len(domain_hits) == 1:
        merged[frozenset(domain_hits)] += W_DOMAIN
        domain = frozenset(domain_hits)
        evidence.mentions.append(Mention(SENDER, 0, sender, domain, W_DOMAIN))
    for group in [g for g in merged if len(g) > 1]:
        for number in group:
            if frozenset({number}) in merged:
                merged[frozenset({number})] += merged.pop(group)
                break
    if not merged:
        return Resolved(None, ())
    best, score = max(merged.items(), key=lambda kv: kv[1])
    if score < MIN_SCORE:
        return Resolved(None, ())
    mention = evidence.strongest(best)
    if len(best) > 1:
        return Resolved(None, tuple(to_municipality(n) for n in sorted(best)), mention)
    return Resolved(to_municipality(next(iter(best))), (), mention)
