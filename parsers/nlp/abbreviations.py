"""Abbreviated role words ("komm.dir.", "rådgj.", "ped. leder", "kult.sjef").

They come from ``[abbreviations]`` in ``roles.toml``; an abbreviation is matched as a phrase
(a dot inside may be followed by one space), case-insensitively, never inside a longer word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from parsers.nlp.resources import load_toml


@cache
def abbreviations() -> dict[str, tuple[str, bool]]:
    """Lower-case abbreviation → (sector, strong)."""
    table: dict[str, tuple[str, bool]] = {}
    data = load_toml("roles.toml")["abbreviations"]
    for strength in ("weak", "strong"):
        for sector, entries in data[strength].items():
            for entry in entries:
                table[entry.casefold()] = (sector, strength == "strong")
    return table


def pattern_of(entry: str) -> str:
    body, final_dot = (entry[:-1], r"\.") if entry.endswith(".") else (entry, "")
    parts = [re.escape(p) for p in body.split(".")]
    words = r"\.\s?".join(parts)
    return words.replace(r"\ ", r"\s+") + final_dot


@cache
def abbreviation_regex() -> re.Pattern[str]:
    entries = sorted(abbreviations(), key=len, reverse=True)
    alternation = "|".join(pattern_of(e) for e in entries)
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])", re.IGNORECASE)


@cache
def dotless_regex() -> re.Pattern[str] | None:
    """``abbreviation_regex`` of only the entries without a dot ("ped leder"), in the same
    order; None when there are none. In a text without a dot no other entry can match (each
    needs a literal dot), so this finds exactly what the whole pattern finds, several times
    faster: most lines the readers ask about have no dot."""
    entries = sorted((e for e in abbreviations() if "." not in e), key=len, reverse=True)
    if not entries:
        return None
    alternation = "|".join(pattern_of(e) for e in entries)
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])", re.IGNORECASE)


def _matches(text: str) -> Iterator[re.Match[str]]:
    if "." in text:
        return abbreviation_regex().finditer(text)
    dotless = dotless_regex()
    return dotless.finditer(text) if dotless is not None else iter(())


def key_of(found: str) -> str:
    """The lexicon entry a matched abbreviation stands for ("Komm. dir." → "komm.dir.")."""
    squeezed = re.sub(r"\.\s", ".", " ".join(found.split())).casefold()
    if squeezed in abbreviations():
        return squeezed
    for entry in abbreviations():
        if re.fullmatch(pattern_of(entry), found, re.IGNORECASE):
            return entry
    return squeezed


def find_abbreviations(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, sector, strong) of every abbreviated role word in ``text``."""
    out = []
    for m in _matches(text):
        sector, strong = abbreviations().get(key_of(m.group()), ("annet", False))
        out.append((m.start(), m.end(), sector, strong))
    return out


def ends_with_dotted_abbreviation(text: str) -> bool:
    """ "… komm.dir." : the final dot belongs to the abbreviation, not to the sentence."""
    if "." not in text:
        return False
    for m in abbreviation_regex().finditer(text):
        if m.end() == len(text) and m.group().endswith("."):
            return True
    return False


#: What ``mask_dots`` writes for the dot of an abbreviation: one character, no full stop.
DOT_MASK = "\u2024"


def mask_dots(text: str) -> str:
    """``text`` with the dots of its abbreviated role words masked ("ped. leder" as "ped․
    leder"), the same length: a pattern that stops at a full stop reads on through them."""
    if "." not in text:
        return text
    out = list(text)
    for m in abbreviation_regex().finditer(text):
        for k in range(m.start(), m.end()):
            if out[k] == ".":
                out[k] = DOT_MASK
    return "".join(out)
