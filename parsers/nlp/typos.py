"""One-typo tolerance for role words ("kulturskulerektror" for "kulturskulerektor").

Only long words are forgiven (at least ``MIN_TYPO_LENGTH`` letters), and only one edit
(a letter inserted, dropped, replaced, or two neighbours swapped): short words are too
often other words or names one letter away.
"""

from __future__ import annotations

from functools import lru_cache

MIN_TYPO_LENGTH = 8


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one edit (transposition included)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@lru_cache(maxsize=65536)
def close_match(word: str, candidates: frozenset[str]) -> str | None:
    """The one candidate ``word`` is a single typo away from (long words only), else None.

    Cached: the same words recur in every mail and the scan covers the whole lexicon.
    """
    word = word.casefold()
    if len(word) < MIN_TYPO_LENGTH:
        return None
    hits = [
        c
        for c in candidates
        if len(c) >= MIN_TYPO_LENGTH - 1
        and abs(len(c) - len(word)) <= 1
        and within_one_edit(word, c)
    ]
    return min(hits) if len(hits) == 1 else None


def ends_within_one_edit(word: str, ending: str) -> bool:
    """``word`` ends with ``ending`` give or take one typo ("…rektror" for "…rektor")."""
    word = word.casefold()
    return any(
        within_one_edit(word[-size:], ending)
        for size in (len(ending) - 1, len(ending), len(ending) + 1)
        if 0 < size <= len(word)
    )
