"""What kind of message this is: registration, update, withdrawal, question, auto-reply, …

Automatic mail is recognised from the MIME stage's signals and headers; a person's mail from
what its own new words do: take the whole registration back, change an earlier one in the same
thread, sign people up, or only ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from parsers.nlp.patterns import pattern
from parsers.nlp.threads import answers_organisers_list, inherited_subject, replies_to_own_side
from parsers.own_words import FORWARD_SUBJECT
from parsers.types import ExtractionContext, MessageKind, ParsedEmail

#: The words and patterns of this module are data: ``parsers/data/kind.toml``.
KIND_DATA = "kind.toml"
UPDATE_RE = pattern("update", KIND_DATA)
#: Update words a first sign-up uses to announce the rest ("den fjerde kommer"), and the
#: words that make the message a first sign-up.
UPDATE_ANNOUNCED_RE = pattern("update_announced", KIND_DATA)
FIRST_SIGN_UP_RE = pattern("first_sign_up", KIND_DATA)


def _alternatives(words: tuple[str, ...], suffix: str = "") -> str:
    """ "|(?:a|b)suffix" to extend an alternation, or nothing when there are no words."""
    if not words:
        return ""
    return "|(?:" + "|".join(re.escape(w) for w in words) + ")" + suffix


@cache
def withdrawal_re(context: ExtractionContext) -> re.Pattern[str]:
    """The whole group is taken back (never one person: "Kari kan ikkje" is an update):
    ``withdrawal`` of kind.toml with the event's words for the writer's unit and the event."""
    gatherings = _alternatives(context.gathering_words)
    return pattern(
        "withdrawal",
        KIND_DATA,
        units_compound=_alternatives(context.unit_words, r"\w*"),
        units=_alternatives(context.unit_words),
        gatherings=f"%on%(?:{gatherings[1:]})|" if gatherings else "",
    )


@cache
def intent_re(context: ExtractionContext) -> re.Pattern[str]:
    """An intent to take part: ``intent`` of kind.toml with the event's words for the
    writer's unit."""
    return pattern("intent", KIND_DATA, units=_alternatives(context.unit_words))


#: The own words plainly sign a group up, even when no person could be read from them.
REGISTERS_RE = pattern("registers", KIND_DATA)
#: A new message (no reply header) that refers to the sign-up it changes.
EARLIER_RE = pattern("earlier", KIND_DATA)
#: The invitation was passed on to someone else ("videresendt til", "sendt vidare til"):
#: that is no sign-up.
PASSED_ON_RE = pattern("passed_on", KIND_DATA)
BULK_HEADERS = ("list-unsubscribe", "list-id")
#: No event: only the words every sign-up shares ("vi", "kommunen").
NO_EVENT = ExtractionContext()


OUT_OF_OFFICE_SUBJECT_RE = pattern("out_of_office_subject", KIND_DATA)
WITHDRAWAL_SUBJECT_RE = pattern("withdrawal_subject", KIND_DATA)
#: The own words only point at an attachment ("Vedlagt følger brev …. Se vedlegg.").
ATTACHMENT_POINTER_RE = pattern("attachment_pointer", KIND_DATA)


def is_bulk(parsed: ParsedEmail) -> bool:
    """Mailing-list or bulk mail (a newsletter): Precedence or list headers."""
    precedence = (parsed.header("Precedence") or "").casefold()
    return precedence in {"bulk", "list", "junk"} or any(parsed.header(h) for h in BULK_HEADERS)


def auto_submitted(parsed: ParsedEmail) -> str:
    return (parsed.header("Auto-Submitted") or "no").split(";")[0].strip().casefold()


def is_automatic(parsed: ParsedEmail) -> MessageKind | None:
    """bounce / auto_reply / other from the MIME stage's signals and headers.

    An out-of-office (Auto-Submitted: auto-replied, or an out-of-office subject) is an
    auto_reply even when its server also marks it Precedence: bulk; a newsletter is other; so
    is a receipt a system generated on its own (Auto-Submitted: auto-generated: "Vi har
    mottatt din henvendelse"), which answers no person; but one that answers a message of
    ours (In-Reply-To: "Kvittering: Invitasjon …", Auto-Submitted: auto-generated, as
    Exchange marks its out-of-office too) is an automatic reply to it.
    """
    if parsed.is_bounce:
        return MessageKind.BOUNCE
    if "read-receipt" in parsed.auto_signals:
        return MessageKind.OTHER  # a read receipt (RFC 8098) answers no one
    signals = " ".join(parsed.auto_signals).casefold()
    if "bounce" in signals or "dsn" in signals or "delivery" in signals:
        return MessageKind.BOUNCE
    auto = auto_submitted(parsed)
    if auto == "auto-replied" or OUT_OF_OFFICE_SUBJECT_RE.match(parsed.subject):
        return MessageKind.AUTO_REPLY
    if is_bulk(parsed) or (auto.startswith("auto-generated") and not parsed.in_reply_to):
        return MessageKind.OTHER
    if auto != "no" or signals:
        return MessageKind.AUTO_REPLY
    return None


def says_change(own_body: str) -> bool:
    """The own words change an earlier list: an update word that is not only a first
    sign-up announcing the rest of its group ("Vi vil gjerne være med … den fjerde kommer",
    "navnet på nummer fire sender jeg så snart …")."""
    hits = list(UPDATE_RE.finditer(own_body))
    if not hits:
        return False
    if not FIRST_SIGN_UP_RE.search(own_body):
        return True
    announced = [m.span() for m in UPDATE_ANNOUNCED_RE.finditer(own_body)]
    return any(not any(start <= m.start() < end for start, end in announced) for m in hits)


def is_follow_up(
    parsed: ParsedEmail,
    own_body: str,
    quoted: str,
    n_removed: int,
    organisers: tuple[str, ...] = (),
) -> bool:
    """A reply in an existing conversation that changes the list (not a first sign-up).

    Either it quotes its own side's earlier message or the organiser's answer that lists the
    group (see ``threads``), or it answers something and says it changes or completes the list
    ("i stedet for", "den fjerde blir", a removed name).
    """
    if not parsed.in_reply_to:
        return bool(n_removed or says_change(own_body)) and bool(
            EARLIER_RE.search(own_body) or REFERS_TO_ANSWER_RE.search(own_body)
        )
    if replies_to_own_side(parsed, quoted) or answers_organisers_list(
        parsed, own_body, quoted, organisers
    ):
        return True
    return bool(n_removed or says_change(own_body))


def says_withdrawal(own_body: str, subject: str, context: ExtractionContext = NO_EVENT) -> bool:
    """The own words (or the subject) take the registration back, outside a question."""
    for m in withdrawal_re(context).finditer(own_body):
        end = re.search(r"[.!?\n]|$", own_body[m.end() :])
        if not (end and end.group() == "?"):
            return True
    return bool(WITHDRAWAL_SUBJECT_RE.search(subject))


def withdraws_in_attachment(
    own_body: str, attachments: str, context: ExtractionContext = NO_EVENT
) -> bool:
    """The own words point at an attached letter ("Se vedlegg.") and the letter takes the
    registration back ("… må vi dessverre trekke påmeldingen vår"): a withdrawal, whoever
    signs the letter (its signers are no participants)."""
    return (
        bool(attachments)
        and ATTACHMENT_POINTER_RE.search(own_body) is not None
        and not says_registration(own_body)
        and any(
            not (end := re.search(r"[.!?\n]|$", attachments[m.end() :])) or end.group() != "?"
            for m in withdrawal_re(context).finditer(attachments)
        )
    )


#: "… før vi melder på", "om vi melder på", "før vi eventuelt melder oss på": a sign-up that
#: has not happened yet.
NOT_YET_RE = pattern("not_yet", KIND_DATA)


#: "Kanskje dere kan oppdatere adresselista?": a question about where the mail goes.
ADDRESS_REQUEST_RE = pattern("address_request", KIND_DATA)


def asks_only_for_addresses(own_body: str) -> bool:
    """Every question of the own words only asks to change where the invitations go
    ("Kanskje dere kan oppdatere adresselista?"): with the invitation passed on to someone
    who will answer, the message asks nothing about the event."""
    asked = [q for q in re.findall(r"[^.!?\n]*\?", own_body) if q.strip(" ?")]
    return bool(asked) and all(ADDRESS_REQUEST_RE.search(q) for q in asked)


#: "Kan du svare på denne?": the invitation handed on to a colleague.
HANDS_ON_RE = pattern("hands_on", KIND_DATA)


def hands_on_to_colleague(parsed: ParsedEmail, own_body: str) -> bool:
    """A forward ("VS: Invitasjon …", no reply header) whose own words ask a colleague to
    answer ("Hei Marit, kan du svare på denne?"), the organiser at most in copy: the
    question is the colleague's to answer, so the message is other mail, not a question
    for the organiser."""
    return (
        not parsed.in_reply_to
        and FORWARD_SUBJECT.match(parsed.subject) is not None
        and HANDS_ON_RE.search(own_body) is not None
    )


#: "Kommer tilbake med påmelding", "før vi melder på": the sign-up comes later.
LATER_SIGN_UP_RE = pattern("later_sign_up", KIND_DATA)


def asks_before_signing_up(own_body: str) -> bool:
    """ "Et par spørsmål før vi melder på: … ? … Kommer tilbake med påmelding når jeg har
    svar.": a question that puts the sign-up off; the people it names (even "jeg selv …
    blir uansett med") are not signed up by it, so it is a question. Not when the own words
    also sign up plainly ("Vi melder på Kari Berg.")."""
    return (
        "?" in own_body
        and LATER_SIGN_UP_RE.search(own_body) is not None
        and not says_registration(own_body)
    )


#: "Vi melder på så snart vi har svar", "… dersom vi får med ein politikar": not yet, or only
#: on a condition.
NOT_YET_AFTER_RE = pattern("not_yet_after", KIND_DATA)


def says_intent(own_body: str, context: ExtractionContext = NO_EVENT) -> bool:
    """An intent to take part that is not put off or made conditional."""
    return any(
        not NOT_YET_AFTER_RE.match(own_body[m.end() :])
        for m in intent_re(context).finditer(own_body)
    )


#: "dette er ikke en påmelding", "vi melder oss ikkje på": the writer says it signs nobody up.
NEGATED_SIGN_UP_RE = pattern("negated_sign_up", KIND_DATA)
#: A new message (no reply header) that refers to the list sent or the organiser's answer.
REFERS_TO_ANSWER_RE = pattern("refers_to_answer", KIND_DATA)


def says_no_sign_up(own_body: str) -> bool:
    """The own words say the message is no sign-up ("dette er ikkje ei påmelding")."""
    return NEGATED_SIGN_UP_RE.search(own_body) is not None


def says_registration(own_body: str) -> bool:
    """A registering phrase outside a question ("Kan vi melde på tre?" is a question) that
    is not put off or made conditional ("vi melder på så snart vi har svar")."""
    for m in REGISTERS_RE.finditer(own_body):
        end = re.search(r"[.!?\n]|$", own_body[m.end() :])
        before = own_body[max(0, m.start() - 30) : m.start()]
        if NOT_YET_RE.search(before) or (end and end.group() == "?"):
            continue
        if NOT_YET_AFTER_RE.match(own_body[m.end() :]):
            continue
        return True
    return False


#: Words of a reply that completes its earlier sign-up without naming anyone: the missing
#: municipality ("det gjeld Gloppen kommune"), a forgotten detail.
SUPPLEMENT_RE = pattern("supplement", KIND_DATA)


def supplements_own_sign_up(parsed: ParsedEmail, own_body: str, quoted: str) -> bool:
    """A reply to its own side's sign-up that adds what was missing (no question, no names)."""
    return (
        "?" not in own_body
        and bool(SUPPLEMENT_RE.search(own_body) or UPDATE_RE.search(own_body))
        and replies_to_own_side(parsed, quoted)
    )


def passed_on_to(own_body: str, names: Sequence[str]) -> bool:
    """The invitation was passed on to the person read ("vi har sendt ho vidare til
    kulturskulerektor Kari Berg, som tek stilling til …"): that person will answer; nobody is
    signed up yet, so it is no sign-up of one."""
    if not names:
        return False
    for match in PASSED_ON_RE.finditer(own_body):
        end = re.search(r"[.!?](?:\s|$)|\n\s*\n", own_body[match.end() :])
        tail = own_body[match.end() : match.end() + (end.start() if end else len(own_body))]
        if all(name in tail for name in names):
            return True
    return False


def classify_kind(
    parsed: ParsedEmail,
    own_body: str,
    quoted: str,
    n_participants: int,
    n_removed: int,
    context: ExtractionContext = NO_EVENT,
    names: Sequence[str] = (),
    attachments: str = "",
) -> MessageKind:
    """The kind of a message written by a person (call ``is_automatic`` first); the event's
    ``context`` names the writer's unit and the event ("kulturskulen trekkjer seg");
    ``names`` are the participants read, when the caller has them; ``attachments`` the
    attachments' texts (a letter the own words only point at)."""
    if n_participants == 0 and says_withdrawal(own_body, parsed.subject, context):
        return MessageKind.WITHDRAWAL
    if withdraws_in_attachment(own_body, attachments, context):
        return MessageKind.WITHDRAWAL
    if not n_removed and asks_before_signing_up(own_body):
        return MessageKind.QUESTION
    if (
        n_participants == 1
        and not n_removed
        and passed_on_to(own_body, names)
        and not says_registration(own_body)
    ):
        return MessageKind.OTHER
    if (n_participants or n_removed) and is_follow_up(
        parsed, own_body, quoted, n_removed, context.organiser_addresses
    ):
        return MessageKind.UPDATE
    # nobody read, and the writer says this is no sign-up: no sign-up word makes it one
    denied = not (n_participants or n_removed) and says_no_sign_up(own_body)
    if n_participants or n_removed or (says_registration(own_body) and not denied):
        return MessageKind.REGISTRATION
    if supplements_own_sign_up(parsed, own_body, quoted):
        return MessageKind.UPDATE
    if hands_on_to_colleague(parsed, own_body):
        return MessageKind.OTHER
    passed_on = PASSED_ON_RE.search(own_body) is not None
    if "?" in own_body and not (passed_on and asks_only_for_addresses(own_body)):
        return MessageKind.QUESTION
    if passed_on:
        return MessageKind.OTHER
    if denied:
        return MessageKind.OTHER
    if says_intent(own_body, context) or (
        intent_re(context).search(parsed.subject)
        and not inherited_subject(parsed, quoted, context.organiser_addresses)
    ):
        return MessageKind.REGISTRATION
    return MessageKind.OTHER
