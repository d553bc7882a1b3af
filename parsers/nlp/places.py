"""Is a would-be person's name really a place or public body from the register?

"Nordre Follo kommune melder seg på" must not make "Nordre Follo" a participant. A name is a
place when it equals a municipality name (2020 name, other forms, pre-2020 names) or a county
name (2020 or older), or is made only of such names' words plus body words ("kommune").
"""

from __future__ import annotations

from functools import cache

from parsers.nlp.municipality import name_index, old_county_names, register
from parsers.nlp.resources import load_toml


@cache
def place_names() -> frozenset[str]:
    """Case-folded municipality and county names, 2020 and older."""
    counties = {e.county for e in register().values()}
    counties |= set(old_county_names()) | set(old_county_names().values())
    return frozenset(name_index()) | frozenset(c.casefold() for c in counties)


@cache
def place_words() -> frozenset[str]:
    """Words of multi-word place names ("nordre", "follo") and body words ("kommune")."""
    words = {
        w for name in place_names() if len(name.split()) > 1 for w in name.split() if w.isalpha()
    }
    return frozenset(words) | frozenset(load_toml("places.toml")["body_words"])


def is_place_name(text: str) -> bool:
    """True for "Nordre Follo", "Vestre Toten kommune", "Troms og Finnmark"."""
    folded = " ".join(text.casefold().replace("–", "-").split())
    if not folded:
        return False
    if folded in place_names():
        return True
    words = folded.split()
    known = place_names() | place_words()
    return all(w in known for w in words) and any(w in place_words() for w in words)
