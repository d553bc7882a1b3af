"""Is the reading sure? Consistency checks between what was read and what the text shows.

The readers are tuned for precision, so their typical error is a person missed, and a missed
person makes the automatic answer wrong ("dere er bare tre" to a clerk who named five). These
checks look for traces of such a miss in the text itself — a person's name nobody accounted
for, a head count that disagrees, a list line or an attachment table nothing was read from, a
sign-up read as something else — and return a ``Doubt`` for each. A message with a doubt is
held for the organiser instead of answered: being unsure is fine, being wrong is not.

Pure: strings and the NER's person spans in, doubts out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from parsers.nlp.municipality import is_part_of_longer_name, name_index, names_in, names_written
from parsers.nlp.names import (
    INSTITUTION_FOLLOWERS,
    INSTITUTION_TAILS,
    INSTITUTION_WORDS,
    is_person_name,
)
from parsers.nlp.patterns import pattern as reader_pattern
from parsers.nlp.people import BULLET_RE, is_described_role
from parsers.nlp.places import is_place_name
from parsers.nlp.prose import (
    CONDITIONAL_RE,
    comes_only_maybe,
    is_negated_after,
    name_spans,
    sentences,
)
from parsers.nlp.readers import holds_more_persons
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import find_heads, has_role_word
from parsers.nlp.run_on import given_names
from parsers.nlp.sectors import organisation_sector
from parsers.types import (
    ATTACHMENT,
    BODY,
    FORWARDED,
    LIST_KINDS,
    SIGNATURE,
    SUBJECT,
    Doubt,
    DoubtCode,
    person_key,
)

#: How much of a forwarded part or an attachment the checks read: the list is at the top.
SCAN_CHARS = 4000
#: A line longer than this is prose; the NER check covers prose.
LIST_LINE_CHARS = 160
#: A finite verb ("er", "har", "veit"): a role holding one ran on into a clause.
FINITE_VERB_RE = reader_pattern("finite_verb")
#: " og " between two roles ("kulturskulerektor og rektor på Vik skule").
_NAME_JOIN = reader_pattern("name_join")
#: "Roller i samme rekkefølge: …": the roles of the names in the sentence before.
_IN_SAME_ORDER = reader_pattern("in_same_order")


@dataclass(frozen=True)
class Reading:
    """What one message was read as, and the texts it was read from."""

    kind: str
    body: str
    names: tuple[str, ...]
    removed: tuple[str, ...]
    known: tuple[str, ...]
    person_spans: tuple[tuple[int, int], ...] = ()
    forwarded: str = ""
    attachments: str = ""
    sources: frozenset[str] = frozenset({"own"})
    sender_name: str = ""
    read_sender: bool = False
    #: The roles read for the participants, and the workplaces read apart from them: a
    #: name inside one is a workplace named after a person ("avdelingsleder ved Deichman
    #: Holmlia", "Oppvekst Lier kommune"), not someone missed.
    roles: tuple[str, ...] = ()
    #: Who wrote the forwarded message, when known (its "meg selv").
    forwarded_sender: str = ""
    #: The participants read without a role.
    roleless: tuple[str, ...] = ()
    #: The quoted history (the earlier messages the reply quotes), its first part.
    quoted: str = ""
    #: Each attachment's text by its part name ("attachment deltakere.xlsx"); when empty,
    #: ``attachments`` is read as one part.
    attachment_parts: tuple[tuple[str, str], ...] = ()
    #: Whether a municipality (or the candidates of a shared name) was read.
    municipality_read: bool = True
    #: The sender's signature and the subject, where a municipality may be named.
    signature: str = ""
    subject: str = ""


def doubt_at(code: DoubtCode, detail: str, text: str, pos: int, part: str, name: str = "") -> Doubt:
    """A doubt pointing at the line of ``part`` that holds offset ``pos`` of its ``text``
    (no line when ``pos`` is negative)."""
    line_no = text.count("\n", 0, pos) + 1 if 0 <= pos <= len(text) else -1
    return Doubt(code, detail, part=part, line_no=line_no, name=name)


def judge(reading: Reading) -> tuple[Doubt, ...]:
    """Every doubt the checks raise about one reading (empty: sure)."""
    if reading.kind not in LIST_KINDS:
        return tuple(signup_not_read(reading))
    read = _Accounted(reading.names + reading.removed, ())
    accounted = _Accounted(reading.names + reading.removed, reading.known)
    swallowed = role_swallows_name(reading)
    doubts = [
        *unexplained_names(reading, accounted),
        *stated_count(reading),
        *unread_lines(reading.body, read, accounted, BODY),
        *self_not_read(reading, read, BODY),
        *passed_on(reading),
        *role_unread(reading),
        *swallowed,
        *role_runs_on(reading, frozenset(d.detail for d in swallowed)),
        *joint_municipalities(reading),
        *asks_approval(reading),
        *municipality_unread(reading),
    ]
    if "forwarded" in reading.sources:
        doubts += unread_lines(reading.forwarded[:SCAN_CHARS], read, part=FORWARDED)
        # "- eg sjølv, som kommunalsjef" in a forwarded list is its writer: read, if known
        forwarded = replace(
            reading, body=reading.forwarded[:SCAN_CHARS], sender_name=reading.forwarded_sender
        )
        doubts += self_not_read(forwarded, read, FORWARDED)
    doubts += unread_attachments(reading, read)
    return _unique(doubts)


def unread_attachments(reading: Reading, read: _Accounted) -> list[Doubt]:
    """A list line or table row of an attachment nobody read: one doubt per attachment
    (its first such line), naming the file. The attachments share one reading budget of
    ``SCAN_CHARS``, in their order, as if they were one text."""
    parts = reading.attachment_parts or (
        ((ATTACHMENT, reading.attachments),) if reading.attachments else ()
    )
    doubts: list[Doubt] = []
    left = SCAN_CHARS
    for part, text in parts:
        if left <= 0:
            break
        found = unread_lines(text[:left], read, part=part)
        doubts += [replace(d, code="unread_attachment") for d in found[:1]]
        left -= len(text) + 1
    return doubts


class _Accounted:
    """Names the reading accounts for: read as participants or removed, and (for names in
    prose) known to be someone else: the sender, the organiser, people in copy. A list line
    with the sender's name lists the sender, so list lines are checked against read names
    only."""

    def __init__(self, read: Iterable[str], known: Iterable[str]) -> None:
        self.token_sets = [set(person_key(n).split()) for n in (*read, *known) if n.strip()]

    def covers(self, name: str) -> bool:
        """True when every word of ``name`` belongs to one accounted name ("Kari" or "Kari
        Berg" for "Kari Berg"); a middle initial stands for a name it begins ("Kari S. Berg"
        for "Kari Solheim Berg")."""
        words = set(person_key(name).split())
        full = {w for w in words if not _INITIAL.fullmatch(w)}
        initials = {w[0] for w in words - full}
        return bool(full) and any(
            (full <= known and initials <= {w[0] for w in known - full})
            or _initials_stand_for(known, full)
            for known in self.token_sets
        )

    def covers_any_in(self, line: str) -> bool:
        """A line holds an accounted name, its middle names perhaps as initials."""
        words = set(person_key(re.sub(r"[^\w\s'’-]", " ", line)).split())
        return any(
            known <= words
            or (len(known & words) >= 2 and all(w[0] in words for w in known - words))
            for known in self.token_sets
        )


#: A name's initial as ``person_key`` writes it ("s." or "s").
_INITIAL = re.compile(r"[^\W\d_]\.?")


def _initials_stand_for(known: set[str], full: set[str]) -> bool:
    """An accounted name written with an initial ("Tor E. Rønning") is the full name ("Tor
    Erling Rønning"): its two or more whole words are the full name's, and each initial
    begins one of the full name's other words."""
    whole = {w for w in known if not _INITIAL.fullmatch(w)}
    initials = {w[0] for w in known - whole}
    return (
        len(whole) >= 2
        and bool(initials)
        and whole <= full
        and (initials <= {w[0] for w in full - whole})
    )


def unexplained_names(reading: Reading, accounted: _Accounted) -> list[Doubt]:
    """Persons the NER sees in the own words that nobody accounted for, unless the text says
    they take no part ("… står på kopi", "kan ikkje vere med")."""
    doubts = []
    body = reading.body
    for start, end in name_spans(body, reading.person_spans):
        name = _clean_span(body[start:end])
        if not _is_someone(name, body[end : end + 40]) or accounted.covers(name):
            continue
        if any(name in role and _names_a_workplace(role) for role in reading.roles):
            continue
        if _place_word_before(body[max(0, start - 30) : start]):
            continue
        if _writer_side_label_before(body[max(0, start - 40) : start]):
            continue
        if _in_conditional_sentence(body, start):
            continue  # "Viss ordføraren, Kari Berg, får fri, kjem ho òg": only maybe
        if comes_only_maybe(body, start, end, _next_sentence_end(body, end)):
            continue  # "Kanskje blir også Kari Berg med": only maybe
        if _considered_only(body, start, end):
            continue
        if is_negated_after(body, end, _next_sentence_end(body, end)):
            if reading.kind == "update" and _CANNOT.search(
                body, end, _next_sentence_end(body, end)
            ):
                # an update saying someone cannot come removes them: a name nobody took
                # off the list was missed
                doubts.append(doubt_at("unexplained_name", name, body, start, BODY, name))
            continue
        if reading.kind == "update" and _contact_already_listed(reading, name, start, end):
            continue
        doubts.append(doubt_at("unexplained_name", name, body, start, BODY, name))
    return doubts


#: Where a sentence before a name ends: ". ", "! ", "? " or a line break.
_SENTENCE_BREAK = re.compile(r"(?<!\d)[.!?]\s|\n")


def _in_conditional_sentence(body: str, start: int) -> bool:
    """The name stands in a sentence that opens with a condition ("Dersom Kari Berg får fri,
    kjem ho"): the text says the person comes only maybe, so no one was missed."""
    since = max(0, start - LIST_LINE_CHARS)  # a sentence's opening is near its names
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(body, since, start)]
    opening = breaks[-1] if breaks else since
    if not breaks and since > 0:
        return False  # the sentence opens further back than a list line reaches
    return CONDITIONAL_RE.match(body[opening:start]) is not None


def _contact_already_listed(reading: Reading, name: str, start: int, end: int) -> bool:
    """An update names someone the quoted earlier list holds, in a sentence that makes
    them the contact ("Ny kontaktperson for gruppa er Kari Berg"): the group is the same."""
    body = reading.body
    sentence_start = max(body.rfind(". ", 0, start) + 1, body.rfind("\n", 0, start) + 1)
    sentence = body[sentence_start : _next_sentence_end(body, end)]
    contact = re.compile(load_toml("verdict.toml")["patterns"]["contact"], re.IGNORECASE)
    listed = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?!\w)"
    return bool(contact.search(sentence)) and bool(re.search(listed, reading.quoted))


def _considered_only(body: str, start: int, end: int) -> bool:
    """ "Vi vurderte òg å ta med Kari Berg …, men …": considered, and turned down."""
    words = load_toml("text.toml")
    before = "|".join(f"(?:{p})" for p in words["considered_before"])
    if not re.search(before, body[max(0, start - 60) : start], re.IGNORECASE):
        return False
    return bool(re.search(words["considered_but"], body[end : _next_sentence_end(body, end)]))


def _names_a_workplace(role: str) -> bool:
    """A role with one name in it names a workplace after a person ("avdelingsleder ved
    Deichman Holmlia", "avdelingsleder (Deichman Holmlia)"); a role holding several names or
    a name with a role of its own ("Ola Dal (rektor), Per Ås (ordfører) og Eva Li")
    swallowed the next persons."""
    return not holds_more_persons(role)


#: "kan ikkje vere med", "får dessverre ikke": what an update says of someone it removes.
_CANNOT = re.compile(load_toml("verdict.toml")["patterns"]["cannot"], re.IGNORECASE)


def _clean_span(text: str) -> str:
    """The name in an entity span: no greeting word, no table cell beyond the first."""
    first = re.split(r"[\t\n|]", text)[0].strip()
    return _greeting().sub("", first).strip(" ,.:;")


def _is_someone(name: str, after: str) -> bool:
    """A person's full name, not a place or an institution named after a person ("Ole Bull
    Akademiet", "Ivar Aasen-tunet")."""
    if not is_person_name(name) or is_place_name(name):
        return False
    follower = re.match(r"\s*([^\W\d_][\w-]*)", after)
    if follower:
        word = follower.group(1).casefold()
        if word.endswith(INSTITUTION_TAILS) or word in INSTITUTION_FOLLOWERS | INSTITUTION_WORDS:
            return False
    return True


#: A sentence ends at . ! ? followed by a space, but not in "1. juni"; or at a blank line.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?:\s|$)|\n\s*\n")


#: A postcode right before a capitalised run makes it the post office's place ("6501
#: Kristiansund N"), not a person.
_POSTCODE_BEFORE = re.compile(r"(?<![\d.,/-])\d{4}\s+$")


def _place_word_before(before: str) -> bool:
    if _POSTCODE_BEFORE.search(before):
        return True
    words = before.split()
    return bool(words) and words[-1].casefold() in load_toml("verdict.toml")["place_before"]


@cache
def _writer_side_label() -> re.Pattern[str]:
    return re.compile(load_toml("verdict.toml")["patterns"]["writer_side_label"], re.IGNORECASE)


def _writer_side_label_before(before: str) -> bool:
    """A letterhead label right before the name names the writer's own clerk
    ("Saksbehandler: Kari Berg"), not someone signed up."""
    return _writer_side_label().search(before) is not None


def _next_sentence_end(text: str, start: int) -> int:
    match = _SENTENCE_END.search(text, start)
    return match.end() if match else len(text)


def stated_count(reading: Reading) -> list[Doubt]:
    """A first sign-up that says how many it signs up ("vi blir fem") must agree with what
    was read; an update's count is the whole group's, which this message alone cannot tell.
    A part count ("fire frå kulturskulen") only says there are at least that many; a count
    larger than the names read, where the text says the names will follow ("navn kommer"),
    counts places nobody fills yet."""
    if reading.kind != "registration":
        return []
    stated = _stated_numbers(reading.body)
    slot = re.compile(load_toml("verdict.toml")["patterns"]["unnamed_slot"], re.IGNORECASE)
    slots = sum(1 for line in reading.body.split("\n") if slot.match(line))
    slots += _unnamed_count(reading.body)
    read = len(reading.names)
    if slots and any(n == read + slots for n, partial, _, _ in stated if not partial):
        return []
    whole = [n for n, partial, _, _ in stated if not partial]
    parts = [n for n, partial, _, _ in stated if partial]
    if read in whole or (parts and sum(parts) == read):
        return []
    later = re.compile(load_toml("verdict.toml")["patterns"]["names_later"], re.IGNORECASE)
    if all(n > read for n, _, _, _ in stated) and later.search(reading.body):
        return []  # "Vi blir fem: A, B og C …, navn kommer": two places not filled yet
    wrong = [(text, at) for n, partial, text, at in stated if (n > read if partial else n != read)]
    if not wrong:
        return []
    words, at = wrong[0]
    return [doubt_at("stated_count", f"{words} ({read} lest)", reading.body, at, BODY)]


def _unnamed_count(text: str) -> int:
    """How many persons the text adds by number without names ("I tillegg kommer to lærere
    fra Vik skole")."""
    template = load_toml("verdict.toml")["patterns"]["unnamed_count"]
    found = re.compile(template.replace("{n}", _NUMBER), re.IGNORECASE).finditer(text)
    return sum(n for m in found if (n := _number(m.group("n")) or 0) <= 30)


def _stated_numbers(text: str) -> list[tuple[int, bool, str, int]]:
    """(number, is a part count, the words, where they start) for each stated head count."""
    partial = re.compile(load_toml("verdict.toml")["patterns"]["partial_count"], re.IGNORECASE)
    found = []
    for pattern in _count_patterns():
        for match in pattern.finditer(text):
            number = _number(match.group("n"))
            if number is not None and 1 <= number <= 30:
                is_part = bool(partial.match(text, match.end()))
                words = match.group(0)
                at = match.start() + len(words) - len(words.lstrip())
                found.append((number, is_part, words.strip(), at))
    return found


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    numbers: dict[str, int] = load_toml("verdict.toml")["numbers"]
    return numbers.get(word.casefold())


#: A head count as written: digits or a number word of verdict.toml.
_NUMBER_WORDS = "|".join(sorted(load_toml("verdict.toml")["numbers"], key=len, reverse=True))
_NUMBER = rf"(?P<n>\d{{1,2}}|{_NUMBER_WORDS})"


@cache
def _count_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(p.replace("{n}", _NUMBER), re.IGNORECASE)
        for p in load_toml("verdict.toml")["patterns"]["stated_count"]
    )


@cache
def _greeting() -> re.Pattern[str]:
    return re.compile(load_toml("verdict.toml")["patterns"]["greeting"], re.IGNORECASE)


def unread_lines(
    text: str, accounted: _Accounted, known: _Accounted | None = None, part: str = BODY
) -> list[Doubt]:
    """List lines and table rows of ``text`` (the part ``part``) that name a person nobody
    read ("- Kari Berg, rektor" beside four lines that were read); a line that says its
    person is in copy ("Kari Berg (kopi) er kontakten vår") explains itself when that
    person is in copy."""
    doubts = []
    copy = re.compile(load_toml("verdict.toml")["patterns"]["in_copy"], re.IGNORECASE)
    for number, line in enumerate(text.split("\n"), 1):
        name = _listed_name(line)
        if name is None or accounted.covers_any_in(line) or accounted.covers(name):
            continue
        if known is not None and known.covers(name) and copy.search(line):
            continue
        if is_negated_after(line, line.find(name) + len(name)):
            continue
        if _writer_side_label_before(line[: max(line.find(name), 0)]):
            continue
        detail = line.strip()[:LIST_LINE_CHARS]
        doubts.append(Doubt("unread_line", detail, part=part, line_no=number, name=name))
    return doubts


def _listed_name(line: str) -> str | None:
    """The person's name a list line or table row gives, if it does: after a bullet, in a
    cell, before a separator ("Kari Berg (rektor)", "Kari Berg – rektor") or after a role
    label ("Rektor: Kari Berg")."""
    if not line.strip() or len(line) > LIST_LINE_CHARS or _greeting().match(line):
        return None
    bullet = BULLET_RE.match(line)
    rest = (line[bullet.end() :] if bullet else line).strip()
    parts = [p.strip() for p in _LIST_SEPARATOR.split(rest) if p.strip()]
    if not bullet and len(parts) < 2:
        return None
    labelled = rest.rsplit(":", 1)[-1].strip() if ":" in rest else ""
    if labelled and _is_someone(labelled, "") and _lower_case_given(labelled):
        return labelled
    if not bullet:
        return parts[0] if _is_someone(parts[0], "") and _lower_case_given(parts[0]) else None
    words = parts[0].split()
    for size in (4, 3, 2):
        for window in (words[:size], words[-size:]):
            if len(window) == size and _is_someone(" ".join(window), ""):
                return " ".join(window)
    return None


def _lower_case_given(name: str) -> bool:
    """A name written in lower case opens with a given name of the lexicon ("kari berg", not
    "glemte å si"); a capitalised one needs no lexicon."""
    return not name.islower() or name.split()[0] in given_names()


#: What separates a name from its role in a list line: comma, parenthesis, colon, dash with
#: spaces, bar, slash or a table cell boundary.
_LIST_SEPARATOR = re.compile(r"\t+|\s*[,(:;|/]\s*|\s+[-–—]\s+|\s{3,}")


def self_not_read(reading: Reading, read: _Accounted, part: str = BODY) -> list[Doubt]:
    """The sender says they take part, but nobody was read as the sender (``reading.body``
    is the part ``part``)."""
    if reading.read_sender or (reading.sender_name and read.covers(reading.sender_name)):
        return []
    body = reading.body
    for found in _pattern("self_signup").finditer(body):
        # "Kari Berg, rektor (meg selv)": a marker after a name read on its line
        before = body[body.rfind("\n", 0, found.start()) + 1 : found.start()]
        if not (found.group(0).startswith("(") and read.covers_any_in(before)):
            return [doubt_at("self_not_read", found.group(0), body, found.start(), part)]
    return []


def passed_on(reading: Reading) -> list[Doubt]:
    """A message that passes the invitation on names who will answer, not who comes: read as
    a sign-up of that one person it would get a wrong correction request ("dere er bare én")."""
    if len(reading.names) > 1:
        return []
    pattern = re.compile(load_toml("verdict.toml")["patterns"]["passed_on"], re.IGNORECASE)
    match = pattern.search(reading.body)
    if not match:
        return []
    return [doubt_at("passed_on", match.group(0), reading.body, match.start(), BODY)]


def role_unread(reading: Reading) -> list[Doubt]:
    """A participant read without a role whose own line or sentence gives a role or a
    workplace after the name ("Eirik Sandvold, ungdomsrådet, blir òg med", "Dessutan blir
    Kari Berg med; ho er pedagogisk leiar i …"): the role was missed, and the correction
    request that asks for it would be wrong."""
    doubts = []
    body = reading.body
    for name in reading.roleless:
        start = body.find(name)
        if start < 0:
            continue
        after = start + len(name)
        line_end = body.find("\n", after)
        end = min(_next_sentence_end(body, after), line_end if line_end >= 0 else len(body))
        tail = body[after:end]
        others = [tail.find(n) for n in reading.names if n != name and n in tail]
        tail = tail[: min(others)] if others else tail
        if has_role_word(tail) or organisation_sector(tail) is not None:
            detail = f"{name}{tail}".strip()[:LIST_LINE_CHARS]
            doubts.append(doubt_at("role_unread", detail, body, start, BODY, name))
            continue
        elsewhere = _role_elsewhere(body, name, start, reading.names) or _role_nearby(
            body, name, reading.roles
        )
        if elsewhere:
            words, at = elsewhere
            doubts.append(doubt_at("role_unread", words[:LIST_LINE_CHARS], body, at, BODY, name))
    return doubts


def _role_nearby(body: str, name: str, roles: Sequence[str]) -> tuple[str, int] | None:
    """A role word no participant's role accounts for, in the sentence that names a
    participant read without a role or in the sentence before ("På vegne av kommunalsjef for
    oppvekst Per Ås melder eg på … Frå oss kjem …, Per Ås sjølv, …") or, "i samme
    rekkefølge", in the sentence after, or a role told with a
    verb there ("… tar vi med han som har ansvar for SFO Per Ås"): the role may be the
    person's, written where the readers did not take it apart; with where it stands."""
    used = [
        (m.start(), m.end())
        for role in roles
        if role.strip()
        for m in re.finditer(re.escape(role), body)
    ]
    sents = sentences(body)
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", body):
        k = max((i for i, (offset, _) in enumerate(sents) if offset <= m.start()), default=0)
        # roles "i samme rekkefølge" may stand in the sentence after the names
        ordered = k + 1 < len(sents) and _IN_SAME_ORDER.search(sents[k + 1][1]) is not None
        for offset, sent in sents[max(0, k - 1) : k + (2 if ordered else 1)]:
            for start, end in _unused_role_words(sent, offset, used):
                return sent[start - offset : end - offset + 40].strip(), start
    return None


def _unused_role_words(
    sent: str, offset: int, used: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans (in the body, ``sent`` starting at ``offset``) of the role words and the roles
    told with a verb ("har ansvar for SFO", "sit i kommunestyret") in ``sent`` that no read
    role covers."""
    found = [(offset + h.start, offset + h.end) for h in find_heads(sent)]
    found += [
        (offset + d.start(), offset + d.end())
        for d in _described_near().finditer(sent)
        if organisation_sector(sent[d.start() : d.end() + 60]) is not None
    ]
    return [(s, e) for s, e in found if not any(a <= s and e <= b for a, b in used)]


@cache
def _described_near() -> re.Pattern[str]:
    return re.compile(load_toml("verdict.toml")["patterns"]["described_role"], re.IGNORECASE)


def _role_elsewhere(
    body: str, name: str, start: int, names: Sequence[str]
) -> tuple[str, int] | None:
    """A role for a participant read without one, written off their own line: on the next
    line, indented under theirs ("- Per Ås, 917 40 233" / "  rektor ved Vik skule"), or in
    another sentence that names them, by first name too ("Per er rektor ved …"); with
    where it stands."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", start)
    line_end = len(body) if line_end < 0 else line_end
    following = body[line_end + 1 :].split("\n", 1)[0]
    others = [n for n in names if n != name]
    if (
        following.strip()
        and not BULLET_RE.match(following)
        and not any(n in following for n in others)
        and has_role_word(following)
    ):
        return following.strip(), line_end + 1
    first = name.split()[0]
    for m in re.finditer(rf"(?<![\w-]){re.escape(first)}(?![\w-])", body):
        if line_start <= m.start() < line_end or any(body.startswith(n, m.start()) for n in others):
            continue  # their own line, or another participant of the same first name
        tail = body[m.end() : _next_sentence_end(body, m.end())]
        found = [tail.find(n) for n in others if n in tail]
        tail = tail[: min(found)] if found else tail
        if has_role_word(tail):
            return f"{first}{tail}".strip(), m.start()
    return None


def role_swallows_name(reading: Reading) -> list[Doubt]:
    """A role read with another participant's first name in it, as the subject of a clause
    of its own ("rektor på Vik skule og Rune er leiar i …"): the role ran on into the next
    person's, so both roles are in doubt."""
    firsts = {name.split()[0] for name in reading.names if name.split()}
    template = load_toml("verdict.toml")["patterns"]["swallowed_name"]
    doubts = []
    for role in reading.roles:
        for first in sorted(firsts):
            found = re.search(template.replace("{first}", re.escape(first)), role)
            if found:
                detail = role[:LIST_LINE_CHARS]
                at = reading.body.find(role)
                doubts.append(doubt_at("role_swallows_name", detail, reading.body, at, BODY))
                break
    return doubts


def role_runs_on(reading: Reading, doubted: frozenset[str] = frozenset()) -> list[Doubt]:
    """A role read that ran on past its end into another clause: one that goes on with
    "og" and a role of its own right up to the next participant's name ("eg som
    kulturskulerektor og rektor på Vik skule Kari Berg": the second role is hers), or one
    that holds a clause with a verb ("ordføraren sagt ja ho heiter", "leiar i Vik musikklag
    og kanskje ein til, men det veit eg ikkje"; a role told with a verb, "har ansvar for
    SFO", is none). The role is in doubt, and so is the answer that would confirm it; a
    role another check doubts already (``doubted``, as its detail) is not doubted twice."""
    clause = re.compile(load_toml("verdict.toml")["patterns"]["role_clause"], re.IGNORECASE)
    body = reading.body
    doubts = []
    for role in reading.roles:
        if role[:LIST_LINE_CHARS] in doubted:
            continue
        found = (
            clause.search(role)
            or (FINITE_VERB_RE.search(role) and not is_described_role(role))
            or _runs_into_next_role(body, role, reading.names)
        )
        if found:
            at = body.find(role)
            doubts.append(doubt_at("role_runs_on", role[:LIST_LINE_CHARS], body, at, BODY))
    return doubts


def _runs_into_next_role(body: str, role: str, names: Sequence[str]) -> bool:
    """ "kulturskulerektor og rektor på Vik skule" written right before another
    participant's name: the part after "og" opens with a role word, so it is that
    person's role written before their name."""
    joins = [m.end() for m in _NAME_JOIN.finditer(role)]
    if not any((h := find_heads(role[j:])) and h[0].start == 0 for j in joins):
        return False
    after = [body[m.end() :] for m in re.finditer(re.escape(role), body)]
    # on the same line, with nothing but spaces between the role and the name
    return any(
        re.match(rf"[ \t]+{re.escape(n)}(?![\w-])", rest)
        for rest in after
        for n in names
        if n.strip()
    )


def joint_municipalities(reading: Reading) -> list[Doubt]:
    """A sign-up of two municipalities as one group ("melde på begge kommunene sammen",
    "kommunane Vik og Lærdal"), in own words that name two municipalities of the register:
    it cannot be filed under the one the sender writes from, so a person decides."""
    body = reading.body
    found = _pattern("joint_group").search(body)
    if not found:
        return []
    named = [g for g in found.groups() if g]
    index = name_index()
    if named and (
        any(n.casefold() not in index for n in named) or " og ".join(named).casefold() in index
    ):
        return []  # "for Nore og Uvdal kommune": one municipality's name
    groups = {
        index[m.group(1).casefold()][0]
        for m in names_in(body)
        if m.group(1)[0].isupper() and not is_part_of_longer_name(body, m.start())
    }
    if len(groups) < 2:
        return []
    return [doubt_at("joint_municipalities", found.group(0), body, found.start(), BODY)]


def asks_approval(reading: Reading) -> list[Doubt]:
    """A sign-up that asks the organiser to approve something it depends on ("Gi beskjed om
    det er greit at vi kommer som to kommuner", "går det an at …"): the organiser answers."""
    body = reading.body
    found = _pattern("asks_approval").search(body)
    if not found:
        return []
    return [doubt_at("asks_approval", found.group(0), body, found.start(), BODY)]


@cache
def _pattern(key: str) -> re.Pattern[str]:
    return reader_pattern(key, "verdict.toml")


def municipality_unread(reading: Reading) -> list[Doubt]:
    """A sign-up read with no municipality whose own words, signature or subject name one
    of the register all the same, in any case ("her er lista vår, kongsvinger", "Vik
    kulturskule"): the request to say which municipality would ask for what the sender
    wrote, so the organiser, who can tell, decides."""
    if reading.kind != "registration" or reading.municipality_read:
        return []
    texts = ((BODY, reading.body), (SIGNATURE, reading.signature), (SUBJECT, reading.subject))
    for part, text in texts:
        for found in names_written(text):
            at = found.start()
            return [doubt_at("municipality_unread", _line_of(text, at), text, at, part)]
    return []


def _line_of(text: str, pos: int) -> str:
    """The line of ``text`` that holds offset ``pos``, stripped and cut to a list line's
    length."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)].strip()[:LIST_LINE_CHARS]


def signup_not_read(reading: Reading) -> list[Doubt]:
    """A message read as no sign-up whose own words sign people up all the same."""
    if reading.kind not in ("other", "question", "auto_reply"):
        return []
    accounted = _Accounted((), reading.known)
    signup = re.compile(load_toml("verdict.toml")["patterns"]["signup"], re.IGNORECASE)
    if not signup.search(reading.body):
        return []
    listed = [d for d in unread_lines(reading.body, accounted)]
    named = unexplained_names(reading, accounted)
    if len(listed) + len(named) >= 2:
        return [replace((listed or named)[0], code="signup_not_read")]
    return []


def _unique(doubts: Sequence[Doubt]) -> tuple[Doubt, ...]:
    seen: dict[tuple[str, str], Doubt] = {}
    for doubt in doubts:
        seen.setdefault((doubt.code, doubt.detail), doubt)
    return tuple(seen.values())
