"""Bytes in, ``Extraction`` out: the understanding stage.

``load_pipeline()`` builds the spaCy pipeline once (the NorNE NER model when it is shipped,
then the mailbot components); ``extract_parsed`` reads a ``ParsedEmail``; ``extract`` parses
raw bytes first. Pure: no database, no network, no logging of message bodies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from parsers.degenerate import shorten_degenerate
from parsers.evidence import Parts, Spot, placed
from parsers.limits import DEFAULT_LIMITS, Limits
from parsers.mime import parse
from parsers.models import ner_model_path
from parsers.nlp import components  # noqa: F401 - registers the factories
from parsers.nlp.candidate import Candidate
from parsers.nlp.components import MailContext, attachment_part, text_of
from parsers.nlp.kind import is_automatic
from parsers.nlp.language import LanguageVote
from parsers.nlp.municipality import Mention
from parsers.nlp.names import is_person_name
from parsers.nlp.resources import load_toml
from parsers.nlp.textutil import (
    cut_quoted,
    normalise,
    split_sign_off,
)
from parsers.nlp.threads import ADDRESS_RE, same_municipality, tags_own_lines
from parsers.own_words import FORWARD_LINE, HEADER_FIELD, HEADER_FROM_KEYS
from parsers.types import (
    ATTACHMENT,
    BODY,
    FORWARDED,
    QUOTED,
    SENDER,
    SIGNATURE,
    SUBJECT,
    WHOLE_TEXT,
    Evidence,
    Extraction,
    ExtractionContext,
    LinePlace,
    MessageKind,
    ParsedEmail,
    Participant,
)

COMPONENTS = (
    "mailbot_people",
    "mailbot_kind",
    "mailbot_sector",
    "mailbot_municipality",
    "mailbot_language",
    "mailbot_verdict",
)
#: Forward separators and header lines come from the one table of mail markers.
FORWARD_MARKER_RE = FORWARD_LINE
HEADER_LINE_RE = HEADER_FIELD


@cache
def load_pipeline() -> Language:
    """The shipped NorNE NER pipeline plus mailbot's components (loaded once, about a second).

    A missing model is an installation error and fails here, loudly, rather than quietly
    reading mail without the NER.
    """
    nlp = spacy.load(ner_model_path())
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def extract(
    raw: bytes,
    nlp: Language | None = None,
    context: ExtractionContext | None = None,
    limits: Limits = DEFAULT_LIMITS,
    explain: bool = False,
) -> Extraction:
    """Parse raw message bytes, then read them (see ``extract_parsed``)."""
    return extract_parsed(parse(raw, limits=limits), nlp, context, limits=limits, explain=explain)


def forwarded_part(parsed: ParsedEmail) -> str:
    """The forwarded message's own words (its header block and its quotes cut off); or the
    quoted message when the own words say the answers are written inside it."""
    if answers_inline(parsed):
        return quoted_message_text(parsed)
    text = normalise(parsed.forwarded_text)
    if not text:
        match = FORWARD_MARKER_RE.search(normalise(parsed.text))
        text = normalise(parsed.text)[match.end() :] if match else ""
    lines = text.split("\n")
    while lines and (
        not lines[0].strip() or HEADER_LINE_RE.match(lines[0]) or FORWARD_MARKER_RE.match(lines[0])
    ):
        lines.pop(0)
    own = split_sign_off(cut_quoted("\n".join(lines)))[0]
    deeper = deeper_forward(parsed) if parsed.forwarded_text else ""
    return f"{own}\n\n{deeper}" if deeper else own


#: "Se svar i teksten under": the answers stand inside the quoted message.
INLINE_ANSWER_RE = re.compile(load_toml("mail_markers.toml")["inline_answer"], re.IGNORECASE)


def answers_inline(parsed: ParsedEmail) -> bool:
    """The sender answered inside the quoted message, not above it: the own words say so,
    or a line of the quote opens with the sender's name in brackets, as Outlook tags an
    inline comment ("[Kari Berg] Her er deltakarane: …")."""
    if parsed.forwarded_text:
        return False
    own = normalise(parsed.own_text)
    return bool(own and INLINE_ANSWER_RE.search(own)) or tags_own_lines(parsed)


def quoted_message_text(parsed: ParsedEmail) -> str:
    """The quoted message without its separator and header block."""
    lines = normalise(parsed.quoted_text).split("\n")
    while lines and (
        not lines[0].strip()
        or HEADER_LINE_RE.match(lines[0])
        or FORWARD_MARKER_RE.match(lines[0])
        or set(lines[0].strip()) <= set("_-=")
    ):
        lines.pop(0)
    return "\n".join(_unbracket(line.lstrip("> ")) for line in lines)


def _unbracket(line: str) -> str:
    """An inline answer in brackets ("[MÅLSELV: Vi har seks deltakere:" … "Hege Moe, styrer]")
    without its brackets and label."""
    line = INLINE_TAG_RE.sub("", line)
    line = INLINE_LABEL_RE.sub("", line)
    return line.rstrip().removesuffix("]") if "[" not in line else line


#: The label that opens an inline answer: "[MÅLSELV: ", "[Svar: ".
INLINE_LABEL_RE = re.compile(r"^\s*\[[^\[\]:]{1,40}:\s*")
#: The writer's name in brackets that opens an inline comment ("[Kari Berg] Vi blir fire.").
INLINE_TAG_RE = re.compile(load_toml("mail_markers.toml")["inline_tag"])


def deeper_forward(parsed: ParsedEmail) -> str:
    """A forward of a forward inside the municipality (rektor → kommunalsjef → rådgiver →
    organiser): the own words of the message the forwarded one forwards, when its header
    block is from the sender's own municipality ("Jeg er med selv, som du ser" above, the
    list two levels down)."""
    lines = normalise(parsed.quoted_text).split("\n")
    header: list[str] = []
    while lines and (not lines[0].strip() or HEADER_LINE_RE.match(lines[0])):
        header.append(lines.pop(0))
    sender = FORWARDED_FROM_RE.search("\n".join(header))
    if sender is None:
        return ""
    addresses = ADDRESS_RE.findall("\n".join(h for h in header if sender.group(0) in h))
    if not any(same_municipality(parsed.sender, a) for a in addresses):
        return ""
    return split_sign_off(cut_quoted("\n".join(lines)))[0]


FORWARDED_FROM_RE = re.compile(
    rf"^\s*\*?(?:{HEADER_FROM_KEYS})\*?\s*:\*?\s*\"?([^<>\"\n]+?)\"?\s*(?:<|\[|$)",
    re.IGNORECASE | re.MULTILINE,
)


def forwarded_sender(parsed: ParsedEmail) -> str:
    """Who wrote the forwarded message: its From line, else a name line of its signature
    (so "meg selv - kultursjef" in a forwarded list is that writer)."""
    if answers_inline(parsed):
        return ""  # the quoted message is the organiser's; the answers are the sender's
    whole = normalise(parsed.text)
    marker = FORWARD_MARKER_RE.search(whole)
    if marker:
        header = FORWARDED_FROM_RE.search(whole[marker.end() : marker.end() + 600])
        if header and is_person_name(header.group(1).strip()):
            return header.group(1).strip()
    header_name = _from_line_before(whole, normalise(parsed.forwarded_text))
    if header_name:
        return header_name
    signature = split_sign_off(cut_quoted(normalise(parsed.forwarded_text)))[1]
    return next((x.strip() for x in signature.split("\n") if is_person_name(x.strip())), "")


def _from_line_before(whole: str, forwarded: str) -> str:
    """The writer in the header block right above a forwarded part that has no marker line
    (Outlook's "Fra: … / Sendt: … / Til: …" block alone): its last From line."""
    start = whole.find(forwarded[:200]) if forwarded.strip() else -1
    if start <= 0:
        return ""
    headers = list(FORWARDED_FROM_RE.finditer(whole[max(0, start - 600) : start]))
    name = headers[-1].group(1).strip() if headers else ""
    return name if is_person_name(name) else ""


def quoted_part(parsed: ParsedEmail, own: str) -> str:
    """The quoted history: the MIME stage's, else whatever follows the own words."""
    if parsed.quoted_text:
        return normalise(parsed.quoted_text)
    whole = normalise(parsed.text)
    return whole[len(own) :] if whole.startswith(own) else whole


def excluded_names(parsed: ParsedEmail) -> frozenset[str]:
    """Names of the organiser(s) the message is addressed to: never participants."""
    return frozenset(n.casefold() for n in header_names(parsed, ("To",)))


def header_names(parsed: ParsedEmail, keys: tuple[str, ...]) -> tuple[str, ...]:
    """Display names of persons in address headers (``"Kari Berg" <kari@…>``)."""
    names = []
    for key in keys:
        value = parsed.header(key) or ""
        for m in re.finditer(r"([^,<>\"]+?)\s*<", value):
            if is_person_name(m.group(1).strip()):
                names.append(m.group(1).strip())
    return tuple(names)


def sender_full_name(parsed: ParsedEmail, signature: str) -> str:
    """The sender's full name: the From display name, else a name line of the signature."""
    if is_person_name(parsed.sender_name.strip()):
        return parsed.sender_name.strip()
    for line in signature.split("\n"):
        if is_person_name(line.strip()):
            return line.strip()
    return ""


def read_own_words(
    nlp: Language, body: str, ctx: MailContext, limit: int = DEFAULT_LIMITS.nlp_chars
) -> Doc:
    """Run the pipeline over the own words, degenerate stretches cut first: spaCy's
    tokenizer is quadratic on long runs of punctuation and on over-long chunks
    (``parsers.degenerate``), so without the cut one line of ">" stalls the worker. Only
    the first ``limit`` characters are read: the model's memory grows with the text (2.5 MB
    took 3 GB), and no sign-up needs more."""
    return nlp(own_words_doc(nlp, body, ctx, limit))


def own_words_doc(
    nlp: Language, body: str, ctx: MailContext, limit: int = DEFAULT_LIMITS.nlp_chars
) -> Doc:
    """The own words as ``read_own_words`` gives them to the pipeline, not yet run."""
    text = shorten_degenerate(body).text
    if len(text) > limit:
        end = text.rfind("\n", limit // 2, limit)
        text = text[: end if end > 0 else limit]
    doc = nlp.make_doc(text)
    doc._.mail = ctx
    return doc


def readable_view(parsed: ParsedEmail, limit: int = Limits.text_chars) -> ParsedEmail:
    """The message as the understanding stage reads it: every text with its degenerate
    stretches cut (``parsers.degenerate``) and no longer than ``limit``. Not only spaCy's
    tokenizer but ordinary patterns such as ``\\S+@\\S+`` take quadratic time on a
    700,000-character line, so no text reaches them uncut."""

    def shorten(text: str) -> str:
        return shorten_degenerate(text[:limit]).text

    return replace(
        parsed,
        text=shorten(parsed.text),
        own_text=shorten(parsed.own_text),
        quoted_text=shorten(parsed.quoted_text),
        forwarded_text=shorten(parsed.forwarded_text),
        signature=shorten(parsed.signature),
        subject=shorten(parsed.subject),
        sender_name=shorten(parsed.sender_name),
        attachments=tuple(
            replace(a, text=shorten(a.text)) if a.text else a for a in parsed.attachments
        ),
        headers=tuple((name, shorten(value)) for name, value in parsed.headers),
    )


def extract_parsed(
    parsed: ParsedEmail,
    nlp: Language | None = None,
    context: ExtractionContext | None = None,
    limits: Limits = DEFAULT_LIMITS,
    explain: bool = False,
) -> Extraction:
    """Read municipality, participants, roles, sectors, language and kind of one message.

    With ``explain`` the readers also read what the resolver leaves unread (the forwarded
    part and attachments beside a list in the own words), so ``set_aside`` can explain a
    miss; what is read is the same either way."""
    nlp = nlp or load_pipeline()
    context = context or ExtractionContext()
    unread = prepare(parsed, nlp, context, limits, explain)
    return read_doc(unread, nlp(unread.doc), context)


def extract_many(
    messages: Sequence[ParsedEmail],
    nlp: Language | None = None,
    context: ExtractionContext | None = None,
    limits: Limits = DEFAULT_LIMITS,
    batch_size: int = 32,
) -> list[Extraction]:
    """``extract_parsed`` of each message, with the pipeline run over all of them as one
    batch (``nlp.pipe``): the model's matrix work costs less per message in a batch, and
    each message gets the same reading as alone."""
    nlp = nlp or load_pipeline()
    context = context or ExtractionContext()
    unread = [prepare(parsed, nlp, context, limits) for parsed in messages]
    docs = nlp.pipe((u.doc for u in unread), batch_size=batch_size)
    return [read_doc(u, doc, context) for u, doc in zip(unread, docs, strict=True)]


@dataclass(frozen=True)
class Reader:
    """``extract_parsed`` and ``extract_many`` with the pipeline, the event's context and
    the limits bound: what the worker reads messages with, one or a batch at a time."""

    nlp: Language
    context: ExtractionContext
    limits: Limits = DEFAULT_LIMITS

    def __call__(self, parsed: ParsedEmail) -> Extraction:
        return extract_parsed(parsed, self.nlp, self.context, self.limits)

    def many(self, parsed: Sequence[ParsedEmail]) -> list[Extraction]:
        return extract_many(parsed, self.nlp, self.context, self.limits)


@dataclass(frozen=True)
class Unread:
    """A message ready for the pipeline: its own words as a ``Doc`` no component has seen,
    and what the reading after the pipeline needs."""

    original: ParsedEmail
    parsed: ParsedEmail
    ctx: MailContext
    doc: Doc


def prepare(
    parsed: ParsedEmail,
    nlp: Language,
    context: ExtractionContext,
    limits: Limits,
    explain: bool = False,
) -> Unread:
    """Everything of the reading that comes before the pipeline."""
    original, parsed = parsed, readable_view(parsed, limits.text_chars)
    own = cut_quoted(normalise(parsed.own_text or parsed.text))
    body, signature = split_sign_off(own)
    signature = "\n".join(s for s in (signature, normalise(parsed.signature)) if s)
    forwarded = forwarded_part(parsed)
    attachments = attachment_texts(parsed, limits.text_chars)
    ctx = MailContext(
        sender=parsed.sender,
        sender_name=sender_full_name(parsed, signature),
        subject=normalise(parsed.subject),
        signature=signature,
        forwarded=forwarded,
        forwarded_sender=forwarded_sender(parsed),
        attachments="\n".join(text for _, text, _ in attachments),
        parts=part_docs(nlp, forwarded, attachments),
        fallback_text=normalise(parsed.text),
        excluded_names=excluded_names(parsed)
        | frozenset(n.casefold() for n in context.organiser_names),
        event=context,
        explain=explain,
        parsed=parsed,
        quoted=quoted_part(parsed, own),
        automatic=is_automatic(parsed),
        known_names=(*header_names(parsed, ("To", "Cc")), *context.organiser_names),
    )
    doc = own_words_doc(nlp, body, ctx, limits.nlp_chars)
    return Unread(original, parsed, ctx, doc)


def attachment_texts(
    parsed: ParsedEmail, limit: int
) -> list[tuple[str, str, tuple[LinePlace, ...]]]:
    """Each attachment's text by its part name, together no longer than ``limit`` (with a
    line break between two): what the readers read of the attachments; with where each
    line stands in its file (``Attachment.places``)."""
    texts: list[tuple[str, str, tuple[LinePlace, ...]]] = []
    names: set[str] = set()
    left = limit
    for attachment in (a for a in parsed.attachments if a.text):
        if left < 0:
            break
        name = unique_name(attachment_part(attachment.filename), names)
        texts.append((name, normalise(attachment.text or "")[:left], attachment.places))
        left -= len(texts[-1][1]) + 1
    return texts


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, numbered when an attachment before had it ("attachment liste.csv (2)")."""
    number, unique = 1, name
    while unique in taken:
        number += 1
        unique = f"{name} ({number})"
    taken.add(unique)
    return unique


def part_docs(
    nlp: Language, forwarded: str, attachments: list[tuple[str, str, tuple[LinePlace, ...]]]
) -> tuple[Doc, ...]:
    """The forwarded part and each attachment's text as a ``Doc`` of its own, named by
    ``doc._.part``, with where its lines stand in the file (``doc._.places``)."""
    docs = []
    for name, text, places in ((FORWARDED, forwarded, ()), *attachments):
        if text:
            doc = nlp.make_doc(text)
            doc._.part = name
            doc._.places = places
            docs.append(doc)
    return tuple(docs)


def read_doc(unread: Unread, doc: Doc, context: ExtractionContext) -> Extraction:
    """The ``Extraction`` of what the pipeline wrote on ``unread.doc`` (people, kind,
    sectors, municipality, language, the verdict's doubts)."""
    original, ctx = unread.original, unread.ctx
    parts = parts_of(doc, ctx)
    candidates = list(doc._.participants or [])
    removed = list(doc._.removed or [])
    set_aside = list(doc._.set_aside or [])
    kind = doc._.kind
    participants = tuple(
        Participant(c.name, c.role, sector)
        for c, sector in zip(candidates, doc._.sectors, strict=True)
    )
    municipality, options = doc._.municipality, tuple(doc._.municipality_candidates or ())
    language = doc._.language
    if doc._.doubts is None:
        raise ValueError("the pipeline judged nothing: it lacks the mailbot_verdict component")
    return Extraction(
        message_id=original.message_id,
        kind=kind,
        language=language,
        municipality=municipality,
        participants=participants,
        removed=tuple(removed) if kind == MessageKind.UPDATE else (),
        municipality_candidates=options,
        sender=original.sender,
        sender_name=original.sender_name,
        subject=original.subject,
        date=original.date,
        in_reply_to=original.in_reply_to,
        references=original.references,
        auto_signals=original.auto_signals,
        evidence=tuple(evidence_of(c, parts) for c in candidates),
        doubts=tuple(placed(d, parts) for d in doc._.doubts),
        set_aside=tuple(evidence_of(c, parts, why) for c, why in set_aside),
        municipality_evidence=municipality_evidence(doc._.municipality_mention, parts),
        language_evidence=language_evidence(doc._.language_vote, parts),
    )


def parts_of(doc: Doc, ctx: MailContext) -> Parts:
    """The text of each part of the message by its name (the own words as "body"), and
    where the lines of an attachment stand in its file."""
    texts = {
        BODY: text_of(doc),
        FORWARDED: ctx.forwarded,
        ATTACHMENT: ctx.attachments,
        SIGNATURE: ctx.signature,
        SUBJECT: ctx.subject,
        QUOTED: ctx.quoted,
        SENDER: ctx.sender,
        WHOLE_TEXT: ctx.fallback_text,
    }
    texts |= {part._.part: text_of(part) for part in ctx.parts}
    places = {part._.part: part._.places or () for part in ctx.parts}
    return Parts(texts, places)


def evidence_of(candidate: Candidate, parts: Parts, note: str = "") -> Evidence:
    """The line a participant was read from, in the part of the message it was read from
    (for a table row also its row and column), and the reader that read it (``note``: why a
    reading did not stand)."""
    part = candidate.part or {"own": BODY}.get(candidate.source, candidate.source)
    spot = parts.spot(part, candidate.pos, candidate.name, candidate.reader == "header_table")
    return Evidence(
        candidate.name,
        candidate.source,
        spot.line,
        candidate.reader,
        spot.line_no,
        note,
        part=part,
        row=spot.row,
        column=spot.column,
        sheet=spot.sheet,
    )


def municipality_evidence(mention: Mention | None, parts: Parts) -> tuple[Evidence, ...]:
    """Where the municipality was read: its strongest mention (the sender's domain when
    only that named it)."""
    if mention is None:
        return ()
    spot = parts.spot(mention.part or BODY, mention.pos, mention.words)
    return (spot_evidence(mention.words, spot, "municipality", f"weight {mention.weight:g}"),)


def language_evidence(vote: LanguageVote | None, parts: Parts) -> tuple[Evidence, ...]:
    """Where the written standard was read: the first line with its marker words in the
    part that weighed most ("" part: no marker anywhere, bokmål by default)."""
    if vote is None:
        return ()
    counts = f"{vote.nn} nynorsk, {vote.nb} bokmål"
    if not vote.part:
        return (Evidence(vote.language, "", "", "language", note=counts),)
    spot = parts.line_spot(vote.part, vote.line_index)
    return (spot_evidence(vote.language, spot, "language", f"{', '.join(vote.words)} ({counts})"),)


def spot_evidence(text: str, spot: Spot, reader: str, note: str) -> Evidence:
    """Evidence for what ``reader`` read at ``spot``: the municipality and the written
    standard point at a place the same way a participant's evidence does."""
    return Evidence(
        text,
        source_of(spot.part),
        spot.line,
        reader,
        spot.line_no,
        note,
        part=spot.part,
        row=spot.row,
        column=spot.column,
        sheet=spot.sheet,
    )


def source_of(part: str) -> str:
    """The ``Evidence.source`` of a part: "own" for the own words, else the part's kind."""
    return "own" if part == BODY else part.partition(" ")[0]


__all__ = [
    "Reader",
    "extract",
    "extract_many",
    "extract_parsed",
    "load_pipeline",
]
