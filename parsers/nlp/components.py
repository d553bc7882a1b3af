"""spaCy components of the mailbot pipeline.

Each reads the Doc of the sender's own words plus ``doc._.mail`` (the message context the
text alone does not carry: sender, subject, signature, and the forwarded part and each
attachment as Docs of their own, ``MailContext.parts``) and writes Doc extensions. They are
registered as factories (``mailbot_people``, ``mailbot_kind``, ``mailbot_sector``,
``mailbot_municipality``, ``mailbot_language``, ``mailbot_verdict``, in that order: the kind
needs the people read, the sectors the people the kind kept, a bounce's municipality and
language are not the text's, and the verdict judges everything read) and exposed through
the ``spacy_factories`` entry point so a saved pipeline loads without import-order tricks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from parsers.nlp.candidate import Candidate, ReadDoc, read_doc
from parsers.nlp.kind import classify_kind, is_bulk
from parsers.nlp.language import bounce_language, vote_parts
from parsers.nlp.memo import PerMessage
from parsers.nlp.municipality import resolve_parts as resolve_municipality
from parsers.nlp.people import signature_role
from parsers.nlp.prose import signs_up_unnamed_roles
from parsers.nlp.resolve import resolve
from parsers.nlp.sectors import classify_sector, staff_sector, writer_sector
from parsers.nlp.threads import own_quoted_text
from parsers.types import (
    ATTACHMENT,
    BODY,
    FORWARDED,
    LIST_KINDS,
    QUOTED,
    SIGNATURE,
    WHOLE_TEXT,
    ExtractionContext,
    MessageKind,
    ParsedEmail,
)
from parsers.verdict import SCAN_CHARS, Reading, judge


@dataclass(frozen=True)
class MailContext:
    """What a component may need besides the own text."""

    sender: str = ""
    sender_name: str = ""
    subject: str = ""
    signature: str = ""
    forwarded: str = ""
    #: The forwarded message's writer (its "meg selv" in a forwarded list).
    forwarded_sender: str = ""
    #: The attachments' texts, joined (what the municipality, language and verdict read).
    attachments: str = ""
    #: The forwarded part and each attachment as a ``Doc`` of its own (``doc._.part`` names
    #: it: "forwarded", "attachment <filename>"), what the readers read; when empty, the
    #: readers read ``forwarded`` and ``attachments`` as they are.
    parts: tuple[Doc, ...] = ()
    fallback_text: str = ""
    excluded_names: frozenset[str] = field(default_factory=frozenset)
    #: What the event tells the readers (``parsers.types.ExtractionContext``).
    event: ExtractionContext = field(default_factory=ExtractionContext)
    #: Read the texts the resolver would leave unread too, so a miss can be explained.
    explain: bool = False
    #: The message as read (the kind looks at its subject and headers); None for a bare text.
    parsed: ParsedEmail | None = None
    #: The quoted history the own words answer (is the message a follow-up?).
    quoted: str = ""
    #: The kind the headers alone give automatic mail (a bounce, an auto-reply), else None.
    automatic: MessageKind | None = None
    #: Persons the verdict knows to be someone other than a missed participant: the people
    #: in To and Cc and the event's organisers (the sender and the forwarded message's
    #: writer are ``sender_name`` and ``forwarded_sender``).
    known_names: tuple[str, ...] = ()


#: The part names of the texts besides the own words (``doc._.part`` of a part ``Doc``) are
#: ``parsers.types``' ``BODY``, ``FORWARDED`` and ``ATTACHMENT``.


def attachment_part(filename: str) -> str:
    """ "attachment deltakere.xlsx": the part name of an attachment."""
    return f"{ATTACHMENT} {filename or '(no name)'}"


def register_extensions() -> None:
    """Doc extensions the components write (idempotent)."""
    for name, default in (
        ("mail", None),
        ("participants", None),
        ("removed", None),
        ("set_aside", None),
        ("kind", None),
        ("sectors", None),
        ("language", None),
        ("municipality", None),
        ("municipality_candidates", None),
        ("doubts", None),
        ("part", None),
        ("places", None),
        ("municipality_mention", None),
        ("language_vote", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


def context_of(doc: Doc) -> MailContext:
    return doc._.mail if isinstance(doc._.mail, MailContext) else MailContext()


def text_of(doc: Doc) -> str:
    """``doc.text``, joined from the tokens once per Doc (each component read it again, at
    about 60 µs each time for a sign-up)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "mailbot_text"


def parsed_of(doc: Doc, ctx: MailContext) -> ParsedEmail:
    """The message of ``doc``: the one read, else one holding the own text alone."""
    if ctx.parsed is not None:
        return ctx.parsed
    return ParsedEmail(
        message_id=None,
        sender=ctx.sender,
        sender_name=ctx.sender_name,
        to=(),
        cc=(),
        subject=ctx.subject,
        date=None,
        in_reply_to=None,
        references=(),
        text=text_of(doc),
        own_text=text_of(doc),
    )


def person_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Character spans of PER entities, when a NER model ran before us."""
    return tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER")


class PeopleComponent:
    """Finds the participants and the names an update removes: the readers' table over the
    own words, the forwarded part and the attachments, and the one resolver over them."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        signed = signature_role(ctx.signature, ctx.sender_name) or ""
        own = read_doc(
            text_of(doc), "own", ctx.sender_name, person_spans(doc), ctx.fallback_text,
            sender_role=signed,
        )  # fmt: skip
        forwarded, attachments = part_docs(ctx)
        resolution = resolve(
            own, forwarded, attachments, ctx.event, ctx.excluded_names, explain=ctx.explain
        )
        doc._.participants = [with_signature_role(c, ctx) for c in resolution.people]
        doc._.removed = resolution.removed
        doc._.set_aside = resolution.set_aside
        return doc


def part_docs(ctx: MailContext) -> tuple[ReadDoc | None, list[ReadDoc]]:
    """The forwarded part and each attachment as the readers read them: from the part
    ``Doc``s, else (a context built by hand) from the texts as they are."""
    if not ctx.parts:
        forwarded = read_doc(ctx.forwarded, "forwarded", ctx.forwarded_sender)
        attachment = read_doc(ctx.attachments, "attachment")
        return (forwarded if ctx.forwarded else None), ([attachment] if ctx.attachments else [])
    found: ReadDoc | None = None
    attachments = []
    for part in ctx.parts:
        if part._.part == FORWARDED:
            found = read_doc(text_of(part), "forwarded", ctx.forwarded_sender, part=FORWARDED)
        else:
            attachments.append(read_doc(text_of(part), "attachment", part=part._.part))
    return found, attachments


def with_signature_role(candidate: Candidate, ctx: MailContext) -> Candidate:
    """The sender signed up in the own words without a role ("det blir eg og tre andre")
    takes the role their signature gives, if any."""
    if not (candidate.is_self and candidate.role is None and candidate.source == "own"):
        return candidate
    role = signature_role(ctx.signature, candidate.name)
    return replace(candidate, role=role) if role else candidate


class KindComponent:
    """The message's kind from the people read, the own words, the quoted history and the
    headers; a message that is no list (a question, a withdrawal, other mail) keeps none of
    the people read, each set aside with the reason."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        people = list(doc._.participants or [])
        removed = list(doc._.removed or [])
        kind = ctx.automatic or classify_kind(
            parsed_of(doc, ctx),
            text_of(doc),
            ctx.quoted,
            len(people),
            len(removed),
            ctx.event,
            tuple(c.name for c in people),
            ctx.attachments,
        )
        if (
            kind == MessageKind.OTHER
            and not ctx.automatic
            and not people
            and not removed
            and signs_up_unnamed_roles(text_of(doc), ctx.sender_name)
        ):
            kind = MessageKind.REGISTRATION  # places without names: the rules ask for them
        if kind not in LIST_KINDS:
            reason = f"the message was read as {kind}, not a list"
            doc._.set_aside = [*(doc._.set_aside or []), *((c, reason) for c in people)]
            doc._.participants, doc._.removed = [], []
        doc._.kind = kind
        return doc


class SectorComponent:
    """The sector of each participant (``doc._.sectors``, in the order of
    ``doc._.participants``): from the role, where the person works, and what the event says
    about the sector it guards (does the sender write from it, are all listed its staff)."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        event = ctx.event
        writer = writer_sector(event, text_of(doc), ctx.signature)
        staff = staff_sector(event, text_of(doc))
        bare = frozenset(r.casefold() for r in event.bare_roles)
        doc._.sectors = tuple(
            classify_sector(c.role, writer, c.context, staff, event.guarded_sector, bare)
            for c in doc._.participants or ()
        )
        return doc


class MunicipalityComponent:
    """Resolves the municipality from the own text, signature, subject and sender domain;
    none for a bounce or for bulk mail that is no sign-up."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        kind = doc._.kind
        if kind == MessageKind.BOUNCE or (
            kind == MessageKind.OTHER and is_bulk(parsed_of(doc, ctx))
        ):
            doc._.municipality, doc._.municipality_candidates = None, ()
            return doc
        texts = [
            (BODY, text_of(doc), 1.0),
            (SIGNATURE, ctx.signature, 1.0),
            (FORWARDED, ctx.forwarded, 0.8),
            *((part, text, 0.8) for part, text in attachment_texts(ctx)),
        ]
        found = resolve_municipality(
            [t for t in texts if t[1]], ctx.sender, ctx.subject, ctx.signature
        )
        own_earlier = own_quoted_text(ctx.sender, ctx.quoted)
        if found.municipality is None and not found.candidates and own_earlier:
            # "Hei igjen! Ein til: …" above the sender's own quoted sign-up "frå kongsvinger"
            texts.append((QUOTED, own_earlier, 0.8))
            found = resolve_municipality(
                [t for t in texts if t[1]], ctx.sender, ctx.subject, ctx.signature
            )
        doc._.municipality = found.municipality
        doc._.municipality_candidates = found.candidates
        doc._.municipality_mention = found.mention
        return doc


def attachment_texts(ctx: MailContext) -> list[tuple[str, str]]:
    """Each attachment's text by its part name (a context built by hand: their texts
    joined, as one part)."""
    if not ctx.parts:
        return [(ATTACHMENT, ctx.attachments)] if ctx.attachments else []
    return [(p._.part, text_of(p)) for p in ctx.parts if p._.part != FORWARDED]


class LanguageComponent:
    """nb or nn of the own words (falling back to forwarded, attachments, whole text); a
    bounce's is the returned message's."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        if doc._.kind == MessageKind.BOUNCE:
            doc._.language = bounce_language(parsed_of(doc, ctx))
            return doc
        vote = vote_parts(
            [(BODY, text_of(doc)), (SIGNATURE, ctx.signature)],
            [(FORWARDED, ctx.forwarded)],
            attachment_texts(ctx),
            [(WHOLE_TEXT, ctx.fallback_text)],
        )
        doc._.language = vote.language
        doc._.language_vote = vote
        return doc


class VerdictComponent:
    """The verdict on the reading (``doc._.doubts``, empty when sure): the consistency checks
    of ``parsers.verdict`` over what the components before wrote; automatic mail (a bounce,
    an auto-reply) is not judged."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        doc._.doubts = () if ctx.automatic else judge(reading_of(doc, ctx))
        return doc


def reading_of(doc: Doc, ctx: MailContext) -> Reading:
    """What the verdict judges: the kind, the people and removals read, and the texts."""
    people = list(doc._.participants or [])
    return Reading(
        kind=doc._.kind,
        body=text_of(doc),
        names=tuple(c.name for c in people),
        removed=tuple(doc._.removed or []),
        known=(ctx.sender_name, ctx.forwarded_sender, *ctx.known_names),
        person_spans=person_spans(doc),
        forwarded=ctx.forwarded[:SCAN_CHARS],
        attachments=ctx.attachments[:SCAN_CHARS],
        attachment_parts=tuple(attachment_texts(ctx)),
        municipality_read=doc._.municipality is not None or bool(doc._.municipality_candidates),
        signature=ctx.signature,
        subject=ctx.subject,
        sources=frozenset(c.source for c in people) or frozenset({"own"}),
        sender_name=ctx.sender_name,
        forwarded_sender=ctx.forwarded_sender,
        read_sender=any(c.is_self for c in people),
        roles=tuple(c.role for c in people if c.role)
        + tuple(c.context for c in people if c.context),
        # a role cell left blank is read, not missed: the rules ask for that role
        roleless=tuple(c.name for c in people if not c.role and not c.role_blank),
        quoted=ctx.quoted[:SCAN_CHARS],
    )


@Language.factory(
    "mailbot_people",
    assigns=["doc._.participants", "doc._.removed", "doc._.set_aside"],
    default_config={},
)
def make_people(nlp: Language, name: str) -> PerMessage:
    return PerMessage(PeopleComponent())


@Language.factory(
    "mailbot_kind",
    assigns=["doc._.kind", "doc._.participants", "doc._.removed", "doc._.set_aside"],
    requires=["doc._.participants", "doc._.removed"],
    default_config={},
)
def make_kind(nlp: Language, name: str) -> PerMessage:
    return PerMessage(KindComponent())


@Language.factory(
    "mailbot_sector",
    assigns=["doc._.sectors"],
    requires=["doc._.participants"],
    default_config={},
)
def make_sector(nlp: Language, name: str) -> PerMessage:
    return PerMessage(SectorComponent())


@Language.factory(
    "mailbot_municipality",
    assigns=["doc._.municipality", "doc._.municipality_candidates", "doc._.municipality_mention"],
    default_config={},
)
def make_municipality(nlp: Language, name: str) -> PerMessage:
    return PerMessage(MunicipalityComponent())


@Language.factory(
    "mailbot_language", assigns=["doc._.language", "doc._.language_vote"], default_config={}
)
def make_language(nlp: Language, name: str) -> PerMessage:
    return PerMessage(LanguageComponent())


@Language.factory(
    "mailbot_verdict",
    assigns=["doc._.doubts"],
    requires=["doc._.participants", "doc._.removed", "doc._.kind"],
    default_config={},
)
def make_verdict(nlp: Language, name: str) -> PerMessage:
    return PerMessage(VerdictComponent())
