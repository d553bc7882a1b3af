"""What the readers exchange: a ``Candidate`` (a person one reader read) and a ``ReadDoc``
(one text as the readers see it, with what the readers before have read in it).

Both are frozen: a reader never changes what another reader read. The resolver
(``parsers.nlp.resolve``) is the only place that decides which candidates stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Candidate:
    """A person the text signs up; ``pos`` orders them as written.

    ``line`` is the line the person was read on (a table row, a list line, a sentence's line)
    and ``lines`` every line the reading used up (a two-line entry, a wrapped list, a table's
    header): no later reader may read those lines again. ``reader`` names the reader.
    """

    name: str
    role: str | None
    pos: int
    is_self: bool = False
    #: Where the person works when written apart from the role ("Arbeidssted: …").
    context: str = ""
    #: Which kind of text ``pos`` points into: "own", "forwarded" or "attachment".
    source: str = "own"
    #: Which part of the message: "body", "forwarded" or "attachment <filename>" (set by the
    #: resolver from the ``ReadDoc`` read; empty until then).
    part: str = ""
    reader: str = ""
    line: int = -1
    lines: frozenset[int] = frozenset()
    #: False when the reader used up the lines but signs nobody up: a table row whose
    #: attendance cell says no, or the sender's own line when the sender's name is unknown.
    signs_up: bool = True
    #: The reader saw where the role is written and found it empty (a table's role cell left
    #: blank): the role is missing as written, which the rules ask for, not one it missed.
    role_blank: bool = False


@dataclass(frozen=True)
class ReadDoc:
    """One text (the own words, the forwarded part or one attachment) and its reading so far.

    ``sender_name`` is who "eg sjølv" is in this text ("" where the sender may not be read);
    ``ner`` the NER's person spans; ``known`` the whole message, for names written in lower
    case here and capitalised elsewhere. ``read`` holds the candidates readers earlier in the
    table have read (what stands so far), ``claimed`` the lines they used up.
    """

    text: str
    source: str = "own"
    sender_name: str = ""
    ner: tuple[tuple[int, int], ...] = ()
    known: str = ""
    lines: tuple[str, ...] = ()
    starts: tuple[int, ...] = ()
    read: tuple[Candidate, ...] = ()
    claimed: frozenset[int] = frozenset()
    #: Lines on which a person stands (a list line's neighbours are list lines too).
    anchors: frozenset[int] = field(default=frozenset())
    #: The part of the message this text is ("body", "forwarded", "attachment <filename>").
    part: str = ""
    #: The role the sender's signature gives them ("" when none): for "eg sjølv" alone.
    sender_role: str = ""

    def with_read(self, found: list[Candidate]) -> ReadDoc:
        """This doc with ``found`` added to what is read (their lines used up)."""
        if not found:
            return self
        return replace(
            self,
            read=self.read + tuple(found),
            claimed=self.claimed.union(*(c.lines for c in found)),
            anchors=self.anchors | {c.line for c in found if c.signs_up and c.line >= 0},
        )


def read_doc(
    text: str,
    source: str = "own",
    sender_name: str = "",
    ner: tuple[tuple[int, int], ...] = (),
    known: str = "",
    part: str = "",
    sender_role: str = "",
) -> ReadDoc:
    """A fresh ``ReadDoc`` of ``text`` (nothing read yet); ``part`` names it in the message
    (by default the kind of text: "body" for the own words)."""
    lines = tuple(text.split("\n"))
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    name = part or ("body" if source == "own" else source)
    return ReadDoc(
        text, source, sender_name, ner, known, lines, tuple(starts), part=name,
        sender_role=sender_role,
    )  # fmt: skip
