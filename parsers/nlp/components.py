"""spaCy components of the mailbot pipeline.

Each reads the Doc of the sender's own words plus ``doc._.mail`` (the message context the
text alone does not carry: sender, subject, signature, forwarded text, attachments) and
writes one Doc extension. They are registered as factories (``mailbot_people``,
``mailbot_municipality``, ``mailbot_language``) and exposed through the
``spacy_factories`` entry point so a saved pipeline loads without import-order tricks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from parsers.nlp.changes import corrections, removed_names
from parsers.nlp.language import detect_language
from parsers.nlp.municipality import resolve
from parsers.nlp.people import Candidate, candidates_from_lines
from parsers.nlp.places import is_place_name
from parsers.nlp.prose import candidates_from_prose


@dataclass(frozen=True)
class MailContext:
    """What a component may need besides the own text (all plain strings)."""

    sender: str = ""
    sender_name: str = ""
    subject: str = ""
    signature: str = ""
    forwarded: str = ""
    #: The forwarded message's writer (its "meg selv" in a forwarded list).
    forwarded_sender: str = ""
    attachments: str = ""
    fallback_text: str = ""
    excluded_names: frozenset[str] = field(default_factory=frozenset)


def register_extensions() -> None:
    """Doc extensions the components write (idempotent)."""
    for name, default in (
        ("mail", None),
        ("participants", None),
        ("removed", None),
        ("language", None),
        ("municipality", None),
        ("municipality_candidates", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


def context_of(doc: Doc) -> MailContext:
    return doc._.mail if isinstance(doc._.mail, MailContext) else MailContext()


def person_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of PER entities, when a NER model ran before us."""
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"]


def people_in(
    text: str, ctx: MailContext, ner: list[tuple[int, int]], with_self: bool
) -> list[Candidate]:
    """Candidates from list lines and prose of one text, ordered as written."""
    lines, used = candidates_from_lines(text, ctx.sender_name if with_self else "")
    prose = candidates_from_prose(text, ctx.sender_name if with_self else "", used, ner)
    return sorted(lines + prose, key=lambda c: c.pos)


class PeopleComponent:
    """Finds the participants and the names an update removes."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        removed = removed_names(doc.text, ctx.fallback_text)
        corrected = corrections(doc.text)
        found = people_in(doc.text, ctx, person_spans(doc), with_self=True)
        if corrected:
            names = {c.name.casefold() for c in corrected}
            found = [c for c in found if c.name.casefold() not in names]
            found = sorted(found + corrected, key=lambda c: c.pos)
        if all(c.is_self for c in found) and ctx.forwarded:
            # "Sender vidare lista nedanfor; i tillegg kjem eg sjølv": the forwarded list
            # and the sender both (the sender is listed first, as written above the list)
            writer = replace(ctx, sender_name=ctx.forwarded_sender)
            forwarded = people_in(ctx.forwarded, writer, [], with_self=bool(ctx.forwarded_sender))
            found = found + [replace(c, source="forwarded") for c in forwarded]
        if not found and ctx.attachments:
            found = people_in(ctx.attachments, ctx, [], with_self=False)
            found = [replace(c, source="attachment") for c in found]
        doc._.participants = tidy(found, removed, ctx)
        doc._.removed = removed
        return doc


def tidy(found: list[Candidate], removed: list[str], ctx: MailContext) -> list[Candidate]:
    """One entry per person (the first, with a role if any mention gave one); a place or
    public body from the register ("Nordre Follo kommune melder seg på") is nobody."""
    gone = {n.casefold() for n in removed} | ctx.excluded_names
    named = {c.name.casefold() for c in found if not c.is_self}
    out: dict[str, Candidate] = {}
    for cand in found:
        key = cand.name.casefold()
        if key in gone or (cand.is_self and key in named) or is_place_name(cand.name):
            continue
        if key in out:
            if out[key].role is None and cand.role is not None:
                out[key] = replace(out[key], role=cand.role, context=cand.context)
            continue
        out[key] = cand
    return merge_short_names(list(out.values()))


def short_form_of(short: str, full: str) -> bool:
    """ "Tor Inge" is the first names of "Tor Inge Sinnes": the same person, named short."""
    a, b = short.casefold().split(), full.casefold().split()
    return len(a) < len(b) and b[: len(a)] == a


def merge_short_names(found: list[Candidate]) -> list[Candidate]:
    """A name that is only the first names of another person in the list is that person
    ("- Tor Inge Sinnes" … "Tor Inge har sagt ja"): never a participant of its own."""
    out = list(found)
    for short in found:
        full = next((c for c in out if short_form_of(short.name, c.name)), None)
        if full is None:
            continue
        out.remove(short)
        if full.role is None and short.role is not None:
            merged = replace(full, role=short.role, context=short.context)
            out[out.index(full)] = merged
    return out


class MunicipalityComponent:
    """Resolves the municipality from the own text, signature, subject and sender domain."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        texts = [
            (doc.text, 1.0),
            (ctx.signature, 1.0),
            (ctx.forwarded, 0.8),
            (ctx.attachments, 0.8),
        ]
        municipality, candidates = resolve(
            [t for t in texts if t[0]], ctx.sender, ctx.subject, ctx.signature
        )
        doc._.municipality = municipality
        doc._.municipality_candidates = candidates
        return doc


class LanguageComponent:
    """nb or nn of the own words (falling back to forwarded, attachments, whole text)."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        doc._.language = detect_language(
            doc.text + "\n" + ctx.signature, ctx.forwarded, ctx.attachments, ctx.fallback_text
        )
        return doc


@Language.factory(
    "mailbot_people", assigns=["doc._.participants", "doc._.removed"], default_config={}
)
def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent()


@Language.factory(
    "mailbot_municipality",
    assigns=["doc._.municipality", "doc._.municipality_candidates"],
    default_config={},
)
def make_municipality(nlp: Language, name: str) -> MunicipalityComponent:
    return MunicipalityComponent()


@Language.factory("mailbot_language", assigns=["doc._.language"], default_config={})
def make_language(nlp: Language, name: str) -> LanguageComponent:
    return LanguageComponent()
