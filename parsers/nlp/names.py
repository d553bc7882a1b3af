"""Does a piece of text look like a person's name, as written?

Names are kept exactly as written: lower case and ALL CAPS are fine when the whole name is so
written, name order is free ("Nguyen Thi Lan"), particles ("van der") and initials
("Ole K. Hansen") are allowed. Places and institutions named after persons are not names:
they end in an institution word ("Ivar Aasen-tunet", "Ole Bull Akademiet").
"""

from __future__ import annotations

import re

from parsers.nlp.memo import per_message
from parsers.nlp.resources import load_toml
from parsers.nlp.roles import has_role_word

PARTICLES = frozenset(load_toml("names.toml")["particles"])
NAME_TOKEN_RE = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*\.?$", re.UNICODE)
INITIAL_RE = re.compile(r"^[^\W\d_]\.$", re.UNICODE)

#: Words that are never part of a person's name in these mails.
NOT_NAME_WORDS = frozenset(load_toml("names.toml")["not_name_words"])

#: Institution words: a "name" ending in one of these is a place or an institution.
INSTITUTION_TAILS = tuple(load_toml("names.toml")["institution_tails"])
#: Definite institution words that open an institution's name ("Kulturhuset Sølvberget").
INSTITUTION_HEADS = frozenset(load_toml("names.toml")["institution_heads"])
#: Endings of a capitalised compound that names a building ("Eidsvollsbygningen").
INSTITUTION_COMPOUND_HEADS = tuple(load_toml("names.toml")["institution_compound_heads"])
#: Institution words that count only as a whole word, since surnames end in them.
INSTITUTION_WORDS = frozenset(load_toml("names.toml")["institution_words"])
#: Lower-case words that, right after a capitalised run, show it names an institution
#: ("Olav Duun vidaregåande skule", "Kong Oscars gate").
INSTITUTION_FOLLOWERS = frozenset(load_toml("names.toml")["institution_followers"])
#: Given names that are also common words ("Mai" is a month): allowed as the first of three
#: or more name tokens ("Mai Britt Folkestad"), never alone with a surname.
GIVEN_NAME_WORDS = frozenset(load_toml("names.toml")["given_name_words"])


def name_tokens(text: str) -> list[str]:
    return text.split()


@per_message
def is_person_name(text: str, min_tokens: int = 2, max_tokens: int = 6) -> bool:
    """True when ``text`` is written like a person's full name (and is not an institution)."""
    tokens = name_tokens(text)
    if not min_tokens <= len(tokens) <= max_tokens:
        return False
    if any(not NAME_TOKEN_RE.match(t) for t in tokens):
        return False
    if any(not_name_word(t, k, tokens) for k, t in enumerate(tokens)):
        return False
    last = tokens[-1].casefold()
    whole = last.rsplit("-", 1)[-1]  # "Nordstoga" is a surname, "Heddal-stoga" a place
    if last.endswith(INSTITUTION_TAILS) or whole in INSTITUTION_WORDS or INITIAL_RE.match(last):
        return False
    if tokens[0].casefold() in INSTITUTION_HEADS or opens_with_building(tokens):
        return False
    if has_role_word(text):
        return False
    core = [t for t in tokens if t.casefold() not in PARTICLES and not INITIAL_RE.match(t)]
    if not core:
        return False
    return consistent_case(core)


def opens_with_building(tokens: list[str]) -> bool:
    """ "Eidsvollsbygningen Marius Lund": a compound building word in the definite form opens
    three or more capitalised words; it is the workplace written before the name."""
    first = tokens[0].casefold()
    return len(tokens) >= 3 and any(
        first.endswith(head) and len(first) > len(head) + 2 for head in INSTITUTION_COMPOUND_HEADS
    )


def not_name_word(token: str, k: int, tokens: list[str]) -> bool:
    """A word that is never part of a name here, at position ``k`` of ``tokens``.

    A lower-case particle inside a name is a particle even when it is also a pronoun
    ("Karin de Lange"); a given name that is also a word may open a long name.
    """
    word = token.casefold().strip(".")
    if word not in NOT_NAME_WORDS:
        return False
    if 0 < k < len(tokens) - 1 and token.islower() and word in PARTICLES:
        return False
    return not (k == 0 and len(tokens) >= 3 and word in GIVEN_NAME_WORDS)


def consistent_case(tokens: list[str]) -> bool:
    """All capitalised, all lower case or all upper case: how a person writes one name."""
    if all(t.islower() for t in tokens):
        return True
    if all(t.isupper() for t in tokens):
        return True
    return all(t[0].isupper() and not t.isupper() or len(t) <= 2 for t in tokens)
