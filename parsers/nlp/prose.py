"""Participants written in running text (changes to a list are read by ``changes``).

A sentence signs people up only when it has a join verb ("kjem", "deltar", "blir med",
"har med oss", "sagt ja"); everyone else in prose is merely mentioned. The sender counts when
the sentence says so in the first person ("jeg selv som kultursjef", "kjem eg").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import replace
from functools import cache

from parsers.nlp.abbreviations import (
    ends_with_dotted_abbreviation,
    find_abbreviations,
    mask_dots,
)
from parsers.nlp.candidate import Candidate
from parsers.nlp.line_groups import is_plural
from parsers.nlp.memo import per_message_list
from parsers.nlp.names import (
    INSTITUTION_FOLLOWERS,
    INSTITUTION_TAILS,
    NAME_TOKEN_RE,
    PARTICLES,
    is_person_name,
)
from parsers.nlp.patterns import pattern
from parsers.nlp.people import clean_name, described_role, is_described_role
from parsers.nlp.places import is_place_name
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import HeadMatch, clean_role, find_heads, is_noise_paren, is_party
from parsers.nlp.sectors import organisation_sector

SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
JOIN_RE = pattern("join")
NEGATION_RE = pattern("negation")
CONDITIONAL_RE = pattern("conditional")
SELF_RE = pattern("self")
SELF_ROLE_RE = pattern("self_role")
AFTER_ROLE_RE = pattern("after_role")
PRONOUN_ROLE_RE = pattern("pronoun_role")
TRAILING_CLAUSE_RE = pattern("trailing_clause")


@per_message_list
def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a sentence never crosses a line break or ends at "4. juni".

    Memoised for the message being read (``parsers.nlp.memo``), each caller given a list of
    its own: the readers cut the same text about four times a message."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^\n]+", text):
        line, base = m.group(), m.start()
        start = 0
        for cut in re.finditer(r"(?<!\d)[.!?]+(?=\s+[A-ZÆØÅÁ]|\s*$)", line):
            if line[cut.end() :].strip() and ends_in_abbreviation(line[: cut.end()]):
                continue
            out.append((base + start, line[start : cut.end()]))
            start = cut.end()
        if line[start:].strip():
            out.append((base + start, line[start:]))
    return out


@cache
def non_final_abbreviations() -> frozenset[str]:
    return frozenset(a.casefold() for a in load_toml("text.toml")["non_final_abbreviations"])


def ends_in_abbreviation(text: str) -> bool:
    """ "… kommer komm.dir." / "… bl.a.": the dot is the abbreviation's, the sentence goes on."""
    words = text.split()
    last = words[-1].casefold().lstrip("(") if words else ""
    if len(words) >= 2 and is_initial_after_name(words[-2], words[-1]):
        return True
    return last in non_final_abbreviations() or ends_with_dotted_abbreviation(text)


def is_initial_after_name(before: str, word: str) -> bool:
    """ "Tor E." in "… kulturskolerektor Tor E. Rønning": one capital letter and a dot after
    a capitalised word is a name's initial, the name goes on."""
    return bool(re.fullmatch(r"[A-ZÆØÅ]\.", word)) and before[:1].isupper() and before.isalpha()


def name_spans(sentence: str, extra: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Spans of capitalised name runs (and NER persons) that look like full names.

    Without ``extra`` memoised for the message being read (``parsers.nlp.memo``): the
    readers ask it of the same sentence several times."""
    if extra:
        return _name_spans(sentence, extra)
    return _bare_name_spans(sentence)


@per_message_list
def _bare_name_spans(sentence: str) -> list[tuple[int, int]]:
    return _name_spans(sentence, ())


def _name_spans(sentence: str, extra: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    tokens = list(re.finditer(r"\S+", sentence))
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and is_name_piece(tokens[j].group(), first=(j == i)):
            j += 1
            if ends_run(tokens[j - 1].group()):
                break
        if j - i >= 2:
            spans.extend(best_name_in(sentence, tokens, i, j))
            i = j
        else:
            i += 1
    for start, end in extra:
        if any(s <= start < e for s, e in spans) or not is_person_name(sentence[start:end]):
            continue
        after = sentence[end:].split(maxsplit=1)
        if not names_institution(after[0].strip(",.") if after else ""):
            spans.append((start, end))
    return sorted(spans)


def ends_run(token: str) -> bool:
    """A token after which no name goes on: "Hjelmeland," or "Rettelse:" (not "K.")."""
    return token[-1] in ",;:!?" or (token.endswith(".") and len(token.rstrip(".")) > 1)


def is_name_piece(token: str, first: bool) -> bool:
    word = token.rstrip(",.;:!?")
    if word.casefold() in PARTICLES and not first:
        return True
    if not NAME_TOKEN_RE.match(word) or not word[0].isupper():
        return False
    return token == word or not first or True


def best_name_in(
    sentence: str, tokens: list[re.Match[str]], i: int, j: int
) -> list[tuple[int, int]]:
    """The longest run of tokens i..j that is a name and not an institution's name."""
    for end in range(j, i + 1, -1):
        last = tokens[end - 1]
        for start in range(i, end - 1):
            # A name may not cross punctuation: "Torunn Hjelmeland, som" ends at the comma,
            # "Rettelse: Kari Berg" starts after the colon.
            if any(ends_run(tokens[k].group()) for k in range(start, end - 1)):
                continue
            text = sentence[tokens[start].start() : last.end()].rstrip(",.;:!?")
            follower = tokens[end].group().strip(",.") if end < len(tokens) else ""
            if names_institution(follower):
                return []
            if is_person_name(text):
                return [(tokens[start].start(), tokens[start].start() + len(text))]
    return []


def names_institution(follower: str) -> bool:
    """The word after a capitalised run makes it an institution's name: "… vidaregåande
    skule", or a capitalised institution word ("Ole Bull Akademiet", "Ivar Aasen Tunet")."""
    lowered = follower.casefold()
    return lowered in INSTITUTION_FOLLOWERS or (
        follower[:1].isupper() and lowered.endswith(INSTITUTION_TAILS)
    )


PAREN_ROLE_RE = re.compile(r"^\s*\((?P<role>[^()]+)\)")


def is_role_of_previous(
    sentence: str, prev_start: int, before: str, heads: list[HeadMatch]
) -> bool:
    """The role phrase between two names, closed by a comma, is the previous name's when it
    opens right after that name ("Per Ås som er ordførar, Kari Berg", "Per Ås, rektor ved Vik
    skule, Kari Berg") and the previous name has no role right before it ("ordførar Per Ås,
    rektor ved Vik skule, Kari Berg" gives the phrase to Kari Berg)."""
    return (
        before.rstrip().endswith(",")
        and ROLE_OF_PREVIOUS_RE.match(before[: heads[-1].start]) is not None
        and not immediately_before(sentence, prev_start)
    )


#: What stands between a name and the role written after it ("Per Ås, ", "Per Ås som er
#: ", "Per Ås (Sp), som "): a role right after it is that name's.
ROLE_OF_PREVIOUS_RE = pattern("role_of_previous")


SHARED_MARK_RE = pattern("shared_mark")


def role_after(sentence: str, end: int) -> str | None:
    paren = PAREN_ROLE_RE.match(sentence[end:])
    if paren and not is_party(paren.group("role")):
        inner = clean_role(paren.group("role"))
        heads = find_heads(inner or "")
        if inner and heads and heads[0].start == 0 and len(inner.split()) <= 10:
            return inner
    tail = sentence[end:]
    m = AFTER_ROLE_RE.match(mask_dots(tail))  # "Kari Berg, ped. leder i …": no full stop
    if not m:
        return None
    group = next((g for g in ("role", "verbrole", "joinrole", "pronrole") if m.group(g)), "role")
    raw = tail[m.start(group) : m.end(group)]
    raw = TRAILING_CLAUSE_RE.sub("", raw)
    if raw.count(")") > raw.count("("):  # "eg sjølv (Kari Berg, rektor), …": the bracket ends it
        raw = raw[: raw.index(")")]
    shared = SHARED_MARK_RE.match(raw)
    raw = raw[shared.end() :] if shared else raw
    heads = find_heads(raw)
    described = clean_role(raw)
    if described and is_described_role(described):
        return described_role(described)  # "…, han som har ansvar for SFO på Vik skule"
    if not heads:
        return (
            body_named_between_commas(raw, sentence[end + m.end() :]) if m.group("role") else None
        )
    if m.group("role") is not None and heads[0].start > 0:
        return None
    return clean_role(raw[heads[0].start :])


def body_named_between_commas(raw: str, rest: str) -> str | None:
    """ "Eirik Dal, ungdomsrådet, blir òg med": a body named alone between commas is the
    role (where the person sits); a bare place or word is not."""
    if not rest.lstrip().startswith(",") or len(raw.split()) > 3:
        return None
    return clean_role(raw) if organisation_sector(raw) is not None else None


def role_before(
    sentence: str, start: int, prev_end: int = 0, prev_start: int | None = None
) -> str | None:
    """The role written right before the name (after the previous name, which ends at
    ``prev_end`` and starts at ``prev_start``)."""
    before = sentence[prev_end:start]
    described = DESCRIBED_BEFORE_RE.search(before)
    if (
        described
        and is_described_role(described.group("role"))
        # "Per Ås, han som har ansvar for SFO, Kari Berg": after a comma it is Per Ås's
        and not (
            described.group("comma")
            and prev_start is not None
            and not before[: described.start()].strip(" ,")
        )
    ):
        return described_role(described.group("role"))  # "… han som har ansvar for SFO Per Ås"
    naming = NAMING_CLAUSE_RE.search(before)
    if naming:
        before = before[: naming.start()]  # "ordføraren har sagt ja, ho heiter Kari Berg"
    named = NAMED_AFTER_CLAUSE_RE.search(before)
    if named:
        # "Ordføraren har òg sagt ja, det er Kari Berg": the role the clause's subject gives
        return subject_role(before[: named.start()])
    heads = find_heads(before)
    if not heads:
        return None
    if prev_start is not None and is_role_of_previous(sentence, prev_start, before, heads):
        return None  # "Per Ås som er ordførar, Kari Berg og …": Per Ås's role, not hers
    phrase = before[heads[-1].start :]
    body = phrase.rstrip()
    body = body[:-1] if body.endswith(",") else body
    plain = body
    for a_start, a_end, _, _ in find_abbreviations(body):  # "komm.dir.": no sentence dots
        plain = plain[:a_start] + "x" * (a_end - a_start) + plain[a_end:]
    if re.search(r"[,.;:!?()]", plain) or len(body.split()) > 8:
        return None  # "Lise Hjelle (rektor) og Tor Lien": the role in brackets is Lise's
    return clean_role(body)


#: "… han som har ansvar for SFO " right before a name: a role told with a verb.
DESCRIBED_BEFORE_RE = pattern("described_before")
#: "… sagt ja, ho heiter " right before a name: the clause that names the person a role
#: word before it stands for.
NAMING_CLAUSE_RE = pattern("naming_clause")
#: ", det er " right before a name: the clause before it gives the role ("Ordføraren har
#: sagt ja, det er Kari Berg").
NAMED_AFTER_CLAUSE_RE = pattern("named_after_clause")


def signing_sentences(
    text: str, sents: list[tuple[int, str]], skip_lines: Set[int]
) -> Iterator[tuple[int, int, str]]:
    """(index, offset, sentence) of every sentence of ``sents`` (those of ``text``) that
    signs someone up: one with a join verb, or a bare list right after one; never a
    question, nor one on a line in ``skip_lines`` (a line a list reader has read)."""
    line_of = line_index(text)
    previous_joins = False
    for k, (offset, sent) in enumerate(sents):
        own_join = bool(JOIN_RE.search(sent))
        joins = (
            own_join
            or continues_sign_up(sents, k, previous_joins=previous_joins)
            or lists_after_colon(sent)
        )
        previous_joins = own_join
        signs = joins and not is_question(sent) and not CONDITIONAL_RE.match(sent)
        if line_of(offset) not in skip_lines and signs:
            yield k, offset, sent


#: A label before a colon that opens no list of participants ("Kopi: …", "Spørsmål: …").
NO_LIST_LABEL_RE = pattern("run_on_no_list_label")
#: A mail header's label before the colon ("Til: …", "Kopi: …"): addressed, not listed.
COLON_HEADER_LEAD_RE = pattern("colon_header_lead")
#: "som er" / "som" right after a name: the role follows, no verb of the sentence's own.
RELATIVE_LEAD_RE = pattern("relative_lead")
#: Persons a colon list holds at least (the writer counted as one) to sign a group up.
MIN_COLON_LIST = 2


def lists_after_colon(sentence: str) -> bool:
    """ "kort frå Gulen: eg sjølv (kulturskulerektor), Jon Dal, medlem av kommunestyret, og
    Eli Vik rektor …": after a colon, a list of persons with roles and no verb of its own
    (a "som er" before a role aside) signs them up, with no sign-up verb before it; not
    after a label of no list ("Kopi: …"), nor in a question."""
    lead, colon, tail = sentence.partition(":")
    if not colon or is_question(sentence):
        return False
    if NO_LIST_LABEL_RE.search(lead.rstrip()) or COLON_HEADER_LEAD_RE.match(lead):
        return False
    if VERB_RE.search(RELATIVE_LEAD_RE.sub(" ", tail)) or NEGATION_RE.search(tail):
        return False
    persons = len(name_spans(tail)) + len(SELF_RE.findall(tail))
    return persons >= MIN_COLON_LIST and len(find_heads(tail)) >= MIN_COLON_LIST


def people_in_prose(
    text: str, skip_lines: Set[int] = frozenset(), ner_spans: Iterable[tuple[int, int]] = ()
) -> list[Candidate]:
    """Persons signed up in running text, each with the role written beside the name."""
    found: list[Candidate] = []
    ner = list(ner_spans)
    sents = sentences(text)
    for k, offset, sent in signing_sentences(text, sents, skip_lines):
        extra = [(s - offset, e - offset) for s, e in ner if offset <= s < offset + len(sent)]
        # a place ("(leiar Vestre Slidre skulemusikk)") is no one and bounds no role
        spans = [(s, e) for s, e in name_spans(sent, extra) if not is_place_name(sent[s:e])]
        following = sents[k + 1][1] if k + 1 < len(sents) else None
        mine = people_in_sentence(sent, offset, spans, following)
        found.extend(share_roles(sent, spans, mine).values())
        if not spans and following is not None and not SELF_RE.search(sent):
            named = named_next(sent, *sents[k + 1])
            if named and line_index(text)(named.pos) not in skip_lines:
                found.append(named)
    return found


#: "Det er Kari Berg.", "Ho heiter Kari Berg.": a sentence that only names someone.
NAMING_SENTENCE_RE = pattern("naming_sentence")


def named_next(sent: str, offset: int, following: str) -> Candidate | None:
    """ "Vår kommunalsjef for oppvekst er med. Det er Kari Berg.": a sentence that signs up
    one role and names nobody, then a sentence that only names the person: that person,
    with the role (from its role word up to the verb)."""
    m = NAMING_SENTENCE_RE.match(following)
    if not m or not is_person_name(m.group("name")):
        return None
    role = subject_role(sent)
    return Candidate(m.group("name"), role, offset + m.start("name")) if role else None


def subject_role(clause: str) -> str | None:
    """The one role a clause signs up, from its role word to the verb after it
    ("Vår kommunalsjef for oppvekst er med" → "kommunalsjef for oppvekst", "Ordføraren har
    òg sagt ja til å vere med" → "Ordføraren"); None when it holds no role word, or two."""
    heads = find_heads(clause)
    if len(heads) != 1 or name_spans(clause):
        return None
    start = heads[0].start
    verbs = (*VERB_RE.finditer(clause), *JOIN_RE.finditer(clause))
    role = clean_role(
        clause[start : min((v.start() for v in verbs if v.start() > start), default=len(clause))]
    )
    if not role or re.search(r"[,;:()]", role) or len(role.split()) > 8:
        return None
    return role


def people_in_sentence(
    sent: str, offset: int, spans: list[tuple[int, int]], following: str | None
) -> dict[int, Candidate]:
    """The persons of one signing sentence by their span's index (the negated and the merely
    addressed left out); a role missing here may come from "Ho er …" in ``following``."""
    mine: dict[int, Candidate] = {}
    for n, (s, e) in enumerate(spans):
        name, _ = clean_name(sent[s:e])
        next_start = spans[n + 1][0] if n + 1 < len(spans) else None
        if is_negated_after(sent, e, next_start) or is_addressed_before(sent, s):
            continue
        if comes_only_maybe(sent, s, e, next_start):
            continue
        prev_end = spans[n - 1][1] if n else 0
        prev_start = spans[n - 1][0] if n else None
        role = choose_role(sent, s, e, next_start, prev_end, prev_start)
        if role is None and following is not None:
            m = PRONOUN_ROLE_RE.match(following)
            if m:
                role = clean_role(TRAILING_CLAUSE_RE.sub("", m.group("role")))
        mine[n] = Candidate(name, role, offset + s)
    return mine


def sender_in_prose(
    text: str, sender_name: str, skip_lines: Set[int] = frozenset()
) -> list[Candidate]:
    """The sender, where a signing sentence says so in the first person ("kjem eg")."""
    found = []
    for _, offset, sent in signing_sentences(text, sentences(text), skip_lines):
        self_cand = self_candidate(sent, offset, sender_name)
        if self_cand:
            found.append(self_cand)
    return found


#: "Marit er rektor i …, Jon Arne er rektor på …": a role given later by first name.
LATER_ROLE_RE = pattern("later_role")


def later_roles(text: str, found: list[Candidate]) -> list[Candidate]:
    """Names listed without roles, their roles in a later sentence by first name ("Vi blir
    fire: Marit Kvål, Jon Arne Wold, … Marit er rektor i …, Jon Arne er …", "Marit (meg) er
    …", "Jon Arne har rolla som …"): the first name must be that of exactly one person listed
    before it, and that person must have no role yet."""
    if not any(c.role is None for c in found):
        return found
    out = list(found)
    for m in LATER_ROLE_RE.finditer(text):
        first = m.group("first").split()
        fits = [
            i
            for i, c in enumerate(out)
            if c.pos < m.start()
            and c.name.split()[: len(first)] == first and len(c.name.split()) > len(first)
        ]  # fmt: skip
        if len(fits) != 1 or out[fits[0]].role is not None:
            continue
        raw = TRAILING_CLAUSE_RE.sub("", m.group("role")).strip()
        heads = find_heads(raw)
        if is_described_role(raw):
            role: str | None = described_role(raw)  # "Rune sit i kommunestyret"
        elif not heads or raw[: heads[0].start].strip() or len(raw.split()) > 12:
            continue
        else:
            role = clean_role(raw)
        if role:
            out[fits[0]] = replace(out[fits[0]], role=role)
    return out


def roles_by_full_name(text: str, found: list[Candidate]) -> list[Candidate]:
    """Persons read without a role whose full name stands in another sentence with a role
    word right before it ("På vegne av kommunalsjef for oppvekst Per Ås melder eg på Vik.
    Frå oss kjem …, Per Ås sjølv, …"): that role, when the text gives them only one."""
    if not any(c.role is None for c in found):
        return found
    out = list(found)
    sents = sentences(text)
    for i, cand in enumerate(out):
        if cand.role is not None or len(cand.name.split()) < 2:
            continue
        roles = set()
        for _, sent in sents:
            written = re.finditer(rf"(?<![\w-]){re.escape(cand.name)}(?![\w-])", sent)
            for m in written:
                ends = [e for _, e in name_spans(sent) if e <= m.start()]
                role = role_before(sent, m.start(), max(ends, default=0))
                if role and sent[m.start() - len(role) - 1 : m.start()].strip() != role:
                    continue  # only a role running right into the name ("ordførar Per Ås")
                if role and not (
                    VERB_RE.search(role) or JOIN_RE.search(role) or CLAUSE_WORD_RE.search(role)
                ):
                    roles.add(role)
        if len(roles) == 1:
            out[i] = replace(cand, role=roles.pop())
    return out


#: Words that open a clause: a phrase holding one is no role ("rektor om at").
CLAUSE_WORD_RE = pattern("clause_word")

#: Finite verbs: a sentence with one says something of its own, it is no bare list.
VERB_RE = pattern("finite_verb")
LIST_OPENER_RE = pattern("list_opener")
#: "Det er" / "Førebels er vi" opening a bare list of persons after a sentence that signs up.
NAMING_LEAD_RE = pattern("naming_lead")


def continues_sign_up(
    sents: list[tuple[int, str]], k: int, previous_joins: bool | None = None
) -> bool:
    """ "Voss herad melder seg på. Eg sjølv som kultursjef, rektor Kari Dal og …": a bare
    list of people (no verb of its own) right after a sentence that signs up, on its line.
    ``previous_joins``: whether the sentence before has a join verb, when the caller has
    already searched it (``signing_sentences``), else it is searched here."""
    if k == 0 or is_question(sents[k - 1][1]):
        return False
    if previous_joins is None:
        previous_joins = bool(JOIN_RE.search(sents[k - 1][1]))
    if not previous_joins:
        return False
    prev_off, prev = sents[k - 1]
    offset, sent = sents[k]
    # on the same line, or on the next after a sentence that ends in a colon ("Vi stiller
    # med:" / "Kari Berg (rektor), Ola Dal (ordførar) og …")
    gap = offset - prev_off - len(prev)
    if not (gap == 0 or (gap <= 2 and prev.rstrip().endswith(":"))):
        return False
    lead = NAMING_LEAD_RE.match(sent)
    listed = RELATIVE_LEAD_RE.sub(" ", sent[lead.end() :]) if lead else ""
    if lead and len(name_spans(sent)) >= MIN_COLON_LIST and not VERB_RE.search(listed):
        return True  # "Det er Kari Berg (rektor), Per Ås (ordførar) og …": a list it names
    if VERB_RE.search(sent) or not name_spans(sent):
        return False  # a sentence with a verb of its own
    head = find_heads(sent)
    first_name = name_spans(sent)[0][0]
    opens_with_role = bool(head) and not sent[: head[0].start].strip()
    return bool(LIST_OPENER_RE.match(sent)) or opens_with_role or not sent[:first_name].strip()


def choose_role(
    sentence: str,
    start: int,
    end: int,
    next_start: int | None,
    prev_end: int = 0,
    prev_start: int | None = None,
) -> str | None:
    """The role written after the name, else the one right before it.

    In "kultursjef Bente Hoff, lærer ved Tangen skole, Mona Ruud" the phrase after Bente Hoff
    is Mona Ruud's role (it runs into the next name), so Bente Hoff keeps "kultursjef". A role
    that runs straight into the next name ("…, kulturskolelærar Jon Dal") is that name's.
    """
    bounded = sentence[:next_start] if next_start is not None else sentence
    own = segment_role(bounded, start, end, before_next=next_start is not None)
    if own:
        return own
    after = role_after(bounded, end)
    if (
        after
        and next_start is not None
        and runs_into_next(sentence, end, next_start)
        and not JOIN_BEFORE_NEXT_RE.search(sentence[end:next_start])
    ):
        after = role_before_next_role(after)
    before = role_before(sentence, start, prev_end, prev_start)
    if after and before and next_start is not None and immediately_before(sentence, start):
        m = AFTER_ROLE_RE.match(sentence[end:])
        if m and re.fullmatch(r"\s*,\s*", sentence[end + m.end() : next_start]):
            return before
    return after or before


def role_before_next_role(role: str) -> str | None:
    """A role after a name that runs into the next name: the part before an "og" whose
    rest opens with a role word ("Kari Berg som er lærar i Vik barnehage og ordføraren Per
    Ås": "lærar i Vik barnehage" is hers, "ordføraren" his), else none of it."""
    for m in NAME_JOIN_RE.finditer(role):
        if starts_with_head(role[m.end() :]) and find_heads(role[: m.start()]):
            return clean_role(role[: m.start()])
    return None


#: " og " / " & " between two names or two roles.
NAME_JOIN_RE = pattern("name_join")
#: " og " right before the next name: the role before it ends there.
JOIN_BEFORE_NEXT_RE = pattern("join_before_next")
SEGMENT_OPEN_RE = pattern("segment_open")


def segment_role(sentence: str, start: int, end: int, before_next: bool = False) -> str | None:
    """ "Kari Dal kulturskulerektor, Per Ås einingsleiar skule, …": a comma item that opens
    with the name and runs on, with no separator, into a role phrase is that name's role (not
    the next item's role-before-name). When ``sentence`` ends right before the next name, a
    role after "og" at its end is that name's ("Kari Dal leiar for kultur og rektor Per
    Ås")."""
    if not SEGMENT_OPEN_RE.search(sentence[:start]):
        return None
    rest = re.split(r"[,;:()]|[.!?]\s*$", sentence[end:], maxsplit=1)[0]
    joined = NEXT_ROLE_AFTER_AND_RE.search(rest) if before_next else None
    if joined and len(rest) == len(sentence) - end and starts_with_head(joined.group("next")):
        rest = rest[: joined.start()]
    heads = find_heads(rest)
    if not rest[:1].isspace() or not heads or rest[: heads[0].start].strip():
        return None
    words = rest.split()
    if not 0 < len(words) <= 8 or VERB_RE.search(rest) or JOIN_RE.search(rest):
        return None
    return clean_role(rest.strip())


#: " … og rektor ": a role after "og" closing the words before the next name.
NEXT_ROLE_AFTER_AND_RE = pattern("next_role_after_and")


def starts_with_head(text: str) -> bool:
    heads = find_heads(text)
    return bool(heads) and heads[0].start == 0


PAIR_JOIN_RE = pattern("pair_join")
SHARED_AFTER_RE = pattern("shared_after")


def share_roles(
    sentence: str, spans: list[tuple[int, int]], found: dict[int, Candidate]
) -> dict[int, Candidate]:
    """ "rektorane A og B" / "A og B, begge rektor ved X": both names get the one role."""
    for n in range(len(spans) - 1):
        a, b = found.get(n), found.get(n + 1)
        if not a or not b or not PAIR_JOIN_RE.match(sentence[spans[n][1] : spans[n + 1][0]]):
            continue
        if a.role is None and b.role and SHARED_AFTER_RE.match(sentence[spans[n + 1][1] :]):
            found[n] = replace(a, role=b.role)
        elif (
            b.role is None
            and a.role
            and is_plural(a.role)
            and immediately_before(sentence, spans[n][0])
        ):
            found[n + 1] = replace(b, role=a.role)
    return found


def runs_into_next(sentence: str, end: int, next_start: int) -> bool:
    """The role phrase after a name runs, with no comma, right up to the next name; a
    bracket after the name that marks the sender or a party ("(meg)", "(Sp)") is no role of
    its own, so what follows it may still be the next name's."""
    paren = PAREN_ROLE_RE.match(sentence[end:next_start])
    if paren and not is_noise_paren(paren.group("role")):
        return False
    m = AFTER_ROLE_RE.match(sentence[end:next_start])
    if not m or sentence[end + m.end() : next_start].strip():
        return False
    role = m.group("role") or m.group("verbrole") or m.group("joinrole") or m.group("pronrole")
    return bool(find_heads(role or ""))


def immediately_before(sentence: str, start: int) -> bool:
    """A role head right before the name, with no punctuation between ("varaordfører Dag")."""
    heads = find_heads(sentence[:start])
    return bool(heads) and not sentence[heads[-1].end : start].strip()


@cache
def not_participant_cues() -> re.Pattern[str]:
    cues = load_toml("text.toml")["not_participant_cues"]
    return re.compile("|".join(f"(?:{c})" for c in cues), re.IGNORECASE)


@cache
def not_participant_before() -> re.Pattern[str]:
    cues = load_toml("text.toml")["not_participant_before"]
    return re.compile("|".join(f"(?:{c})" for c in cues), re.IGNORECASE)


@cache
def maybe_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = load_toml("text.toml")
    before, after = (
        re.compile("|".join(f"(?:{c})" for c in words[key]), re.IGNORECASE)
        for key in ("maybe_before", "maybe_after")
    )
    return before, after


def comes_only_maybe(sentence: str, start: int, end: int, next_start: int | None = None) -> bool:
    """ "Kanskje blir også Kari Berg med", "Per Ås kjem truleg", "Eva Li, om ho får fri": the
    text says the person comes only maybe, so the sentence signs them up not."""
    before, after = maybe_cues()
    return bool(
        before.search(sentence[max(0, start - 40) : start])
        or after.search(sentence[end:next_start])
    )


def is_addressed_before(sentence: str, start: int) -> bool:
    """ "har snakka med Gunhild Aarvik": the name is someone talked to, not signed up."""
    return bool(not_participant_before().search(sentence[max(0, start - 40) : start]))


def is_negated_after(sentence: str, end: int, next_start: int | None = None) -> bool:
    """ "Ola Tistel kan dessverre ikkje vere med", "Vibeke Sandaker, som står på kopi, …
    deltar ikke": what is said of the name, up to the next name, says it takes no part."""
    return bool(not_participant_cues().search(sentence[end:next_start]))


def self_candidate(sentence: str, offset: int, sender_name: str) -> Candidate | None:
    m = SELF_RE.search(sentence)
    if not m or not sender_name:
        return None
    if NEGATION_RE.match(sentence[m.end() :].lstrip()):
        return None
    rest = until_next_name(sentence[m.end() :])
    role = clean_role(m.group("role")) if m.group("role") else None
    paren = None if role else PAREN_ROLE_RE.match(rest)  # "meg selv (kulturskolerektor)"
    if paren and find_heads(paren.group("role")) and not is_party(paren.group("role")):
        role = clean_role(paren.group("role"))
    rm = None if role else SELF_ROLE_RE.match(rest)
    if rm:
        raw = TRAILING_CLAUSE_RE.sub("", rm.group("role"))
        if len(rest) < len(sentence) - m.end() and not rest[rm.end() :].strip():
            # "eg som kulturskulerektor og rektor på Vik skule Kari Berg": the role after
            # "og" runs into the next name, so it is hers
            joined = NEXT_ROLE_AFTER_AND_RE.search(raw)
            if joined and starts_with_head(joined.group("next")):
                raw = raw[: joined.start()]
        heads = find_heads(raw)
        if heads:
            role = clean_role(raw[heads[0].start :])
    return Candidate(sender_name, role, offset + m.start(), is_self=True)


#: "Eg er rektor ved Askvoll skule": the sender's role, said in the first person.
SELF_STATEMENT_RE = pattern("self_statement")


def stated_own_role(text: str) -> str | None:
    """The role the sender gives themself in a sentence of their own ("Eg er rektor ved
    Vik skule og har fått i oppdrag …", "Jeg jobber som kultursjef"): the one such role in
    ``text``, opening with a role word; None when there is none, or two that differ."""
    roles = set()
    for m in SELF_STATEMENT_RE.finditer(text):
        raw = TRAILING_CLAUSE_RE.sub("", m.group("role")).strip()
        heads = find_heads(raw)
        if heads and heads[0].start == 0 and len(raw.split()) <= 8:
            role = clean_role(raw)
            if role:
                roles.add(role)
    return roles.pop() if len(roles) == 1 else None


#: "Kan dere bytte ut X med Y?": a request to the organiser to change the list, not a question.
REQUEST_RE = pattern("request")


UNNAMED_CONDITION_RE = pattern("unnamed_condition")


def signs_up_unnamed_roles(text: str, sender_name: str = "") -> bool:
    """ "Vi stiller med kulturskulerektor, einingsleiar oppvekst og ordføraren. Namn kjem.": a
    sentence that signs up (a join verb; no negation, condition or question) two roles or more, in a
    text that names nobody but the sender: a sign-up of places without names, which the
    rules answer by asking for the names."""
    sender = set(sender_name.casefold().split())
    for line in text.splitlines():
        for start, end in name_spans(line):
            if not set(line[start:end].casefold().split()) <= sender:
                return False
    return any(
        JOIN_RE.search(sent)
        and not NEGATION_RE.search(sent)
        and not UNNAMED_CONDITION_RE.search(sent)
        and not is_question(sent)
        and len(find_heads(sent)) >= 2
        for _, sent in sentences(text)
    )


def is_question(sentence: str) -> bool:
    """ "Kan vi ta med Kari Berg, som er …?": a question signs nobody up (a request to the
    organiser to change the list does)."""
    return sentence.rstrip().endswith("?") and not REQUEST_RE.search(sentence)


def until_next_name(text: str) -> str:
    """``text`` up to the next person's name: a role never swallows the next person
    ("meg sjølv som kulturskulerektor og Ola Dal, som er …")."""
    spans = name_spans(text)
    return text[: spans[0][0]] if spans else text


def line_index(text: str) -> Callable[[int], int]:
    """A function from character offset to line number."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def find(offset: int) -> int:
        return max(bisect_right(starts, offset) - 1, 0)

    return find


__all__ = [
    "people_in_prose",
    "sender_in_prose",
    "stated_own_role",
    "later_roles",
    "roles_by_full_name",
    "name_spans",
    "sentences",
]
