"""The one resolver of participants: which of the readers' proposals stand, and in what order.

The readers (``parsers.nlp.readers.READERS``) only propose; every precedence lives here,
applied in this order:

1. **A line is read once.** The readers run in table order over a text; a proposal read on,
   or using up, a line an earlier reading used up is set aside. Within a sweep of line
   readers, each line goes to the first reader that reads it, and later lines of the sweep
   see it (``parsers.nlp.readers``). The prose readers read only sentences on lines no list
   reader has read.
2. **A later sentence gives a missing role** (``re_roles``): a person the prose read without a
   role gets the role a later sentence gives by first name, in place.
3. **A correction wins** (``corrects``): a corrected person replaces every other reading of that
   name, and stands where the correction is written. Persons are then ordered as written.
4. **The own words first.** The forwarded part is read only when the own words sign up nobody
   but the sender ("send vidare lista nedanfor; eg kjem òg"), and is listed after them; the
   attachments only when nothing else signs anyone up (each attachment is a text of its
   own, read in the order attached).
5. **One entry per person** (``tidy``): a removed name (``removes``), an organiser or addressee,
   a place or public body, and the sender read as "eg" when also read by name are nobody;
   the first reading of a name stands, with a role from a later one if it had none; a name
   that is only the first names of another listed person is that person.

Every proposal that does not stand is kept with the reason (``Resolution.set_aside``), so
``mailbot eval`` can say which reader read a name it missed, and why that reading fell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from parsers.nlp.candidate import Candidate, ReadDoc
from parsers.nlp.places import is_place_name
from parsers.nlp.readers import READERS, Reader
from parsers.types import ExtractionContext

#: A reading that did not stand, and why.
SetAside = tuple[Candidate, str]
FORWARDED_UNREAD = "the forwarded part is read only when the own words sign up nobody else"
ATTACHMENTS_UNREAD = "the attachments are read only when nothing else signs anyone up"


@dataclass(frozen=True)
class TextReading:
    """What stands in one text after rules 1–3, the names it removes, and what fell."""

    people: list[Candidate]
    removed: list[str]
    set_aside: list[SetAside] = field(default_factory=list)


@dataclass(frozen=True)
class Resolution:
    """The participants of a message, the names it removes, and every reading set aside."""

    people: list[Candidate]
    removed: list[str]
    set_aside: list[SetAside]


def resolve(
    own: ReadDoc,
    forwarded: ReadDoc | None,
    attachments: Sequence[ReadDoc],
    ctx: ExtractionContext,
    excluded: frozenset[str] = frozenset(),
    table: Sequence[Reader] = READERS,
    explain: bool = False,
) -> Resolution:
    """The participants of a message and the names it removes (rules 1–5 above). With
    ``explain``, a text rule 4 leaves unread is read all the same, into ``set_aside``."""
    first = read_text(own, ctx, table)
    found, aside = first.people, list(first.set_aside)
    if forwarded is not None and all(c.is_self for c in found):
        more = read_text(forwarded, ctx, table)
        found, aside = found + more.people, aside + more.set_aside
    elif forwarded is not None and explain:
        aside += unread(forwarded, ctx, table, FORWARDED_UNREAD)
    if attachments and not found:
        for attachment in attachments:
            more = read_text(attachment, ctx, table)
            found, aside = found + more.people, aside + more.set_aside
    elif explain:
        for attachment in attachments:
            aside += unread(attachment, ctx, table, ATTACHMENTS_UNREAD)
    people, dropped = tidy(found, first.removed, excluded)
    return Resolution(people, first.removed, aside + dropped)


def unread(
    doc: ReadDoc, ctx: ExtractionContext, table: Sequence[Reader], why: str
) -> list[SetAside]:
    """What the readers would read in a text rule 4 leaves unread."""
    return [(c, why) for c in read_text(doc, ctx, table).people]


def read_text(doc: ReadDoc, ctx: ExtractionContext, table: Sequence[Reader]) -> TextReading:
    """Run the table over one text and apply rules 1–3."""
    corrected: list[Candidate] = []
    removed: list[str] = []
    aside: list[SetAside] = []
    for group in sweeps(r for r in table if doc.source in r.texts):
        head = group[0]
        if head.read_line is not None:
            doc = sweep_lines(doc, group, aside)
            continue
        assert head.read_text is not None
        found = [stamped(c, head, doc) for c in head.read_text(doc, ctx)]
        if head.effect == "claims":
            aside += [(c, already_read(c, doc)) for c in found if meets_read(c, doc)]
            doc = doc.with_read([c for c in found if not meets_read(c, doc)])
        elif head.effect == "re_roles":
            doc = replace(doc, read=tuple(re_roled(doc.read, found)))
        elif head.effect == "corrects":
            corrected.extend(found)
        else:
            removed.extend(c.name for c in found)
    aside += [(c, signs_nobody_up(c)) for c in doc.read if not c.signs_up]
    people = sorted((c for c in doc.read if c.signs_up), key=lambda c: c.pos)
    kept, replaced = apply_corrections(people, corrected)
    return TextReading(kept, removed, aside + replaced)


def sweeps(table: Iterable[Reader]) -> list[list[Reader]]:
    """The table in groups: each text reader alone, consecutive line readers of one sweep
    together."""
    groups: list[list[Reader]] = []
    for reader in table:
        joins = groups and reader.read_line is not None and groups[-1][0].sweep == reader.sweep
        if joins and groups[-1][0].read_line is not None:
            groups[-1].append(reader)
        else:
            groups.append([reader])
    return groups


def sweep_lines(doc: ReadDoc, readers: list[Reader], aside: list[SetAside]) -> ReadDoc:
    """Offer each line not yet read to the sweep's readers in turn; the first whose reading
    uses up no line read before has it (a reading that would is added to ``aside``)."""
    for i in range(len(doc.lines)):
        if i in doc.claimed:
            continue
        for reader in readers:
            assert reader.read_line is not None
            found = [stamped(c, reader, doc) for c in reader.read_line(doc, i)]
            if found and not any(meets_read(c, doc) for c in found):
                doc = doc.with_read(found)
                break
            aside += [(c, already_read(c, doc)) for c in found]
    return doc


def stamped(cand: Candidate, reader: Reader, doc: ReadDoc) -> Candidate:
    """The candidate with the name of the reader that read it and of the part of the message
    it was read in (each kept if it has one)."""
    if cand.reader and cand.part:
        return cand
    return replace(cand, reader=cand.reader or reader.name, part=cand.part or doc.part)


def meets_read(cand: Candidate, doc: ReadDoc) -> bool:
    """Rule 1: the candidate is read on, or uses up, a line already used up."""
    return cand.line in doc.claimed or not cand.lines.isdisjoint(doc.claimed)


def already_read(cand: Candidate, doc: ReadDoc) -> str:
    """Why rule 1 set ``cand`` aside: which line, and which reader had read it."""
    line = min(({cand.line} | cand.lines) & doc.claimed)
    owner = next((c.reader for c in doc.read if line in c.lines), "an earlier reader")
    return f"line {line + 1} already read by {owner}"


def signs_nobody_up(cand: Candidate) -> str:
    if cand.is_self:
        return "the sender's own line, and the sender's name is not known"
    return "its row says the person does not take part"


def re_roled(read: Iterable[Candidate], roles: list[Candidate]) -> list[Candidate]:
    """Rule 2: each person read at the same place as one in ``roles`` takes its role."""
    by_place = {(c.pos, c.name): c for c in roles}
    return [by_place.get((c.pos, c.name), c) for c in read]


def apply_corrections(
    people: list[Candidate], corrected: list[Candidate]
) -> tuple[list[Candidate], list[SetAside]]:
    """Rule 3: a corrected person replaces every reading of that name."""
    if not corrected:
        return people, []
    names = {c.name.casefold() for c in corrected}
    kept = [c for c in people if c.name.casefold() not in names]
    replaced = [(c, "replaced by a correction") for c in people if c.name.casefold() in names]
    return sorted(kept + corrected, key=lambda c: c.pos), replaced


def tidy(
    found: list[Candidate], removed: list[str], excluded: frozenset[str]
) -> tuple[list[Candidate], list[SetAside]]:
    """Rule 5: one entry per person (the first, with a role if any mention gave one); a place
    or public body from the register ("Nordre Follo kommune melder seg på") is nobody."""
    gone = {n.casefold() for n in removed}
    named = {c.name.casefold() for c in found if not c.is_self}
    out: dict[str, Candidate] = {}
    aside: list[SetAside] = []
    for cand in found:
        key = cand.name.casefold()
        why = is_nobody(cand, gone, excluded, named)
        if why is None and key in out:
            why = f"the same person as read by {out[key].reader}"
            if out[key].role is None and cand.role is not None:
                out[key] = replace(out[key], role=cand.role, context=cand.context)
        if why is not None:
            aside.append((cand, why))
            continue
        out[key] = cand
    kept, merged = merge_short_names(list(out.values()))
    return kept, aside + merged


def is_nobody(
    cand: Candidate, removed: set[str], excluded: frozenset[str], named: set[str]
) -> str | None:
    """Why rule 5 says the candidate is nobody to list, or None."""
    key = cand.name.casefold()
    if key in removed:
        return "removed by the text"
    if key in excluded:
        return "an organiser or an addressee"
    if cand.is_self and key in named:
        return "the sender, read by name too"
    if is_place_name(cand.name):
        return "a place or public body"
    return None


def short_form_of(short: str, full: str) -> bool:
    """ "Tor Inge" is the first names of "Tor Inge Sinnes": the same person, named short."""
    a, b = short.casefold().split(), full.casefold().split()
    return len(a) < len(b) and b[: len(a)] == a


def merge_short_names(found: list[Candidate]) -> tuple[list[Candidate], list[SetAside]]:
    """A name that is only the first names of another person in the list is that person
    ("- Tor Inge Sinnes" … "Tor Inge har sagt ja"): never a participant of its own."""
    out = list(found)
    aside: list[SetAside] = []
    for short in found:
        full = next((c for c in out if short_form_of(short.name, c.name)), None)
        if full is None:
            continue
        out.remove(short)
        aside.append((short, f"the first names of {full.name}"))
        if full.role is None and short.role is not None:
            merged = replace(full, role=short.role, context=short.context)
            out[out.index(full)] = merged
    return out, aside
