"""spaCy components of the mailbot pipeline.

Each reads the Doc of the sender's own words plus ``doc._.mail`` (the message context the
text alone does not carry: sender, subject, signature, forwarded text, attachments) and
writes one Doc extension. They are registered as factories (``mailbot_people``,
``mailbot_municipality``, ``mailbot_language``) and exposed through the
``spacy_factories`` entry point so a saved pipeline loads without import-order tricks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from parsers.nlp.candidate import read_doc
from parsers.nlp.language import detect_language
from parsers.nlp.municipality import resolve as resolve_municipality
from parsers.nlp.resolve import resolve
from parsers.types import ExtractionContext


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
    #: What the event tells the readers (``parsers.types.ExtractionContext``).
    event: ExtractionContext = field(default_factory=ExtractionContext)
    #: Read the texts the resolver would leave unread too, so a miss can be explained.
    explain: bool = False


def register_extensions() -> None:
    """Doc extensions the components write (idempotent)."""
    for name, default in (
        ("mail", None),
        ("participants", None),
        ("removed", None),
        ("set_aside", None),
        ("language", None),
        ("municipality", None),
        ("municipality_candidates", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


def context_of(doc: Doc) -> MailContext:
    return doc._.mail if isinstance(doc._.mail, MailContext) else MailContext()


def person_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Character spans of PER entities, when a NER model ran before us."""
    return tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER")


class PeopleComponent:
    """Finds the participants and the names an update removes: the readers' table over the
    own words, the forwarded part and the attachments, and the one resolver over them."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        own = read_doc(doc.text, "own", ctx.sender_name, person_spans(doc), ctx.fallback_text)
        forwarded = attachments = None
        if ctx.forwarded:
            forwarded = read_doc(ctx.forwarded, "forwarded", ctx.forwarded_sender)
        if ctx.attachments:
            attachments = read_doc(ctx.attachments, "attachment")
        resolution = resolve(
            own, forwarded, attachments, ctx.event, ctx.excluded_names, explain=ctx.explain
        )
        doc._.participants = resolution.people
        doc._.removed = resolution.removed
        doc._.set_aside = resolution.set_aside
        return doc


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
        municipality, candidates = resolve_municipality(
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
    "mailbot_people",
    assigns=["doc._.participants", "doc._.removed", "doc._.set_aside"],
    default_config={},
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
