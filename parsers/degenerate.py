"""Shorten degenerate stretches of text before patterns and spaCy's tokenizer read it.

Why: spaCy's tokenizer strips prefixes and suffixes one at a time from each whitespace-free
chunk, so its work grows with the square of a chunk's length when the chunk is punctuation
(a 16k run of ">" takes about 40 s; a 6k run of "*", "_", ")" or "!" about 6 s) or when it
repeatedly looks like a URL; ordinary patterns such as ``\\S+@\\S+`` (and mail-parser-reply's)
do the same. Anyone can send such a line, and a quoted-reply marker of 700,000 ">" occurs in
real mail. No participant, role or municipality is ever written that way, so those stretches
are cut to a fixed length before anything reads them; the work is then linear in the size of
the text, whatever it holds.

Two rules, applied in order, each keeping a prefix of what it shortens:
1. a run of more than ``MAX_SYMBOL_RUN`` characters that are neither letters, digits nor
   whitespace ("»»»»", ">>>>>", "-_-_-_", "……") keeps its first ``MAX_SYMBOL_RUN``;
2. a whitespace-free chunk longer than ``MAX_CHUNK`` characters (a pasted token, a URL,
   base64) keeps its first ``MAX_CHUNK``.
Line breaks are never removed. ``Shortened.original_offset`` maps a position in the
shortened text back to the original, so anything found in it can still be pointed at in the
text the sender wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Final

#: Longest run of punctuation and symbols kept (longer runs keep this many characters).
MAX_SYMBOL_RUN: Final = 16
#: Longest whitespace-free chunk kept.
MAX_CHUNK: Final = 128

SYMBOL_RUN: Final = re.compile(rf"(?:_|[^\w\s]){{{MAX_SYMBOL_RUN + 1},}}")
LONG_CHUNK: Final = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")


@dataclass(frozen=True)
class Shortened:
    """Text with degenerate stretches cut, and where each kept piece came from.

    ``starts`` and ``origins`` are parallel: the kept piece starting at ``starts[i]`` in
    ``text`` starts at ``origins[i]`` in the original.
    """

    text: str
    starts: tuple[int, ...] = field(default=(0,))
    origins: tuple[int, ...] = field(default=(0,))

    @property
    def changed(self) -> bool:
        return len(self.starts) > 1

    def original_offset(self, position: int) -> int:
        """The position in the original text of ``position`` in the shortened text."""
        piece = max(bisect_right(self.starts, position) - 1, 0)
        return self.origins[piece] + position - self.starts[piece]


def cut(text: str, pattern: re.Pattern[str], keep: int) -> Shortened:
    """Keep the first ``keep`` characters of every match of ``pattern``."""
    parts: list[str] = []
    starts, origins = [0], [0]
    written = consumed = 0
    for match in pattern.finditer(text):
        parts.append(text[consumed : match.start() + keep])
        written += match.start() + keep - consumed
        consumed = match.end()
        starts.append(written)
        origins.append(consumed)
    if consumed == 0:
        return Shortened(text)
    parts.append(text[consumed:])
    return Shortened("".join(parts), tuple(starts), tuple(origins))


def compose(outer: Shortened, inner: Shortened) -> Shortened:
    """``inner`` shortened ``outer.text``; map its positions through both to the original."""
    if not inner.changed:
        return outer
    if not outer.changed:
        return inner
    starts: list[int] = []
    origins: list[int] = []
    boundaries = sorted(
        set(inner.starts) | {s for s in (inverse(inner, o) for o in outer.starts) if s >= 0}
    )
    for position in boundaries:
        starts.append(position)
        origins.append(outer.original_offset(inner.original_offset(position)))
    return Shortened(inner.text, tuple(starts), tuple(origins))


def inverse(shortened: Shortened, original: int) -> int:
    """The shortened position of an original position that was kept (-1 when it was cut)."""
    piece = max(bisect_right(shortened.origins, original) - 1, 0)
    position = shortened.starts[piece] + original - shortened.origins[piece]
    end = shortened.starts[piece + 1] if piece + 1 < len(shortened.starts) else None
    if end is not None and position >= end:
        return -1
    return position


def shorten_degenerate(text: str) -> Shortened:
    """``text`` with symbol runs and over-long chunks cut (see the module docstring)."""
    runs = cut(text, SYMBOL_RUN, MAX_SYMBOL_RUN)
    chunks = cut(runs.text, LONG_CHUNK, MAX_CHUNK)
    return compose(runs, chunks)
