"""Names and roles written apart, paired by their order: "Deltakere: Kari Berg, Per Ås og Eli
Dal. Roller i samme rekkefølge: rektor, ordfører og kultursjef." (or the roles first and the
names "i same rekkjefølgje" after them); and first names listed, the full names with their
roles told after ("Vi blir tre: Kari, Per og Eli. Kari Berg er rektor. Per Ås er …").

The sentence that says so (``in_same_order`` in ``parsers/data/readers.toml``) holds one list,
the sentence before it the other: one holds only names (no role word), the other only roles
(every item opens with a role word). They are paired one by one only when both lists are as
long; otherwise nothing is read here, and the verdict holds the names nobody read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.nlp.names import is_person_name
from parsers.nlp.patterns import pattern
from parsers.nlp.prose import is_question, name_spans, sentences, starts_with_head
from parsers.nlp.roles import clean_role, find_heads

#: "i samme rekkefølge", "i same rekkjefølgje": the lists are written in one order.
IN_SAME_ORDER_RE = pattern("in_same_order")
#: The last item of a list joined by "og" ("…, leder av ungdomsrådet og rektor ved …").
LAST_JOIN_RE = pattern("last_join")
LIST_LEFTOVER_RE = pattern("list_leftover")
JOIN_WORD_RE = pattern("join_word")
#: At least this many persons make such a list.
MIN_PAIRS = 2


@dataclass(frozen=True)
class OrderedPerson:
    """A person of a paired list: ``start`` is where the name stands in the text."""

    name: str
    role: str
    start: int


def people_in_order(text: str) -> list[OrderedPerson]:
    """The persons of every pair of lists written in one order in ``text``."""
    out: list[OrderedPerson] = []
    sents = sentences(text)
    for k, (offset, sent) in enumerate(sents):
        marker = IN_SAME_ORDER_RE.search(sent)
        if marker is None or k == 0 or is_question(sent):
            continue
        prev_offset, prev = sents[k - 1]
        here = list_part(sent, marker)
        there = list_part(prev)
        for names, names_at, roles in (
            (there, prev_offset, here),
            (here, offset, there),
        ):
            found = paired(names[1], names_at + names[0], roles[1])
            if found:
                out.extend(found)
                break
    return out


def list_part(sentence: str, marker: re.Match[str] | None = None) -> tuple[int, str]:
    """(offset, text) of the list a sentence holds: after its last colon, the marker taken
    out ("Roller i samme rekkefølge: …", "Rollene, i same rekkjefølgje: …")."""
    text = sentence
    if marker is not None:
        text = sentence[: marker.start()] + " " * len(marker.group()) + sentence[marker.end() :]
    cut = text.rfind(":") + 1
    return cut, text[cut:]


def paired(names_text: str, names_at: int, roles_text: str) -> list[OrderedPerson]:
    """The names of ``names_text`` with the roles of ``roles_text`` one by one, or nothing
    when the first is no bare list of names, the second no list of roles, or their lengths
    differ."""
    if find_heads(names_text):
        return []
    spans = name_spans(names_text)
    roles = role_items(roles_text)
    if len(spans) < MIN_PAIRS or len(spans) != len(roles) or name_spans(roles_text):
        return []
    rest = names_text
    for s, e in reversed(spans):
        rest = rest[:s] + rest[e:]
    if LIST_LEFTOVER_RE.sub("", rest):
        return []  # words besides the names: a sentence, not a bare list
    return [
        OrderedPerson(names_text[s:e], role, names_at + s)
        for (s, e), role in zip(spans, roles, strict=True)
    ]


def role_items(text: str) -> list[str]:
    """The roles of a list "a, b, c og d", each opening with a role word; none when an item
    does not (a sentence, or an "og" inside a role that makes the count uncertain)."""
    items = [i.strip() for i in re.split(r"\s*[,;]\s*", text.strip().rstrip(".!")) if i.strip()]
    if not items:
        return []
    last = items.pop()
    joins = list(LAST_JOIN_RE.finditer(last))
    if joins and starts_with_head(last[joins[-1].end() :]):
        items.extend([last[: joins[-1].start()], last[joins[-1].end() :]])
    else:
        items.append(last)
    roles = [clean_role(i) for i in items]
    if not all(r and starts_with_head(r) for r in roles):
        return []
    return [r for r in roles if r]


#: "Vi blir fire: Oda, Kjetil, Frida og Rune.": a list of first names only, after a colon.
LISTED_FIRST_NAMES_RE = pattern("listed_first_names")
#: "Oda Heimdal er kulturskolerektor": a full name and the role told of it.
TOLD_ROLE_RE = pattern("later_role")
TRAILING_CLAUSE_RE = pattern("trailing_clause")


def people_by_first_name(text: str) -> list[OrderedPerson]:
    """ "Vi blir fire: Oda, Kjetil, Frida og Rune. Oda Heimdal er kulturskolerektor. Kjetil
    Dal er rådgiver …": first names listed, then each person's full name with the role told
    of it in the sentences after. Read only when every first name of the list is told once,
    by a full name that opens with it and a role that opens with a role word."""
    out: list[OrderedPerson] = []
    sents = sentences(text)
    for k, (_, sent) in enumerate(sents):
        listed = LISTED_FIRST_NAMES_RE.search(sent)
        if listed is None or is_question(sent):
            continue
        words = re.findall(r"[^\W\d_][\w-]*", listed.group("list"))
        firsts = [w for w in words if not JOIN_WORD_RE.fullmatch(w)]
        if len(firsts) < MIN_PAIRS or len(set(firsts)) != len(firsts):
            continue
        told: dict[str, list[OrderedPerson]] = {f: [] for f in firsts}
        for offset, sentence in sents[k + 1 :]:
            later = sentence.lstrip()
            offset += len(sentence) - len(later)
            for m in TOLD_ROLE_RE.finditer(later):
                full = m.group("first")
                words = full.split()
                if len(words) != 2 or words[0] not in told or not is_person_name(full):
                    continue
                role = clean_role(TRAILING_CLAUSE_RE.sub("", m.group("role")).strip())
                if role and starts_with_head(role):
                    told[words[0]].append(OrderedPerson(full, role, offset + m.start("first")))
        if all(len(found) == 1 for found in told.values()):
            out.extend(told[f][0] for f in firsts)
    return out
