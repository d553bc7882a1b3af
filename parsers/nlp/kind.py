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
from parsers.nlp.threads import replies_to_own_side
from parsers.types import ExtractionContext, MessageKind, ParsedEmail

#: The whole group is taken back (never one person: "Kari kan ikkje" is an update). ``{units}``
#: is the event's words for the writer's own unit, ``{gatherings}`` its words for the event
#: itself (``ExtractionContext.unit_words`` and ``gathering_words``).
WITHDRAWAL_TEMPLATE = (
    r"\b(?:vi|me|kommunen?{units_compound})\b[^.!?]{{0,40}}\btrekk\w*\s+seg\b"
    r"|\b(?:trekke|trekkje|trekker|trekkjer|trekk|trekt|trukket)\s+oss\b"
    r"|\bmelde[rs]?\s+(?:vi\s+|me\s+)?oss\s+(?:av|ut)\b|\bmeld(?:e|er|a|t)?\s+oss\s+av\b"
    r"|\b(?:vi|me|kommunen)\s+(?:kan|får)\s+(?:dessverre\s+)?(?:likevel\s+)?(?:ikke|ikkje)\s+"
    r"(?:likevel\s+)?(?:delta|være\s+med|vere\s+med|stille)\b"
    r"|\b(?:vi|me|kommunen{units})\s+(?:deltar|deltek|kjem|kommer|stiller|blir\s+med|"
    r"er\s+med)\s+(?:dessverre\s+)?(?:(?:likevel|allikevel)\s+(?:ikke|ikkje)|(?:ikke|ikkje)\s+"
    r"(?:likevel|allikevel))\b"
    r"|\b(?:vi|me|kommunen{units})\s+(?:deltar|deltek|blir|kjem|kommer|stiller)\s+"
    r"(?:dessverre\s+)?(?:ikke|ikkje)\s+(?:med\s+)?(?:{gatherings}"
    r"i\s+(?:år|denne\s+omgang|denne\s+omgangen|denne\s+runden))\b"
    # "trekker (derfor/dessverre/med dette) påmeldingen (vår)", not "… påmeldingen av Kari Berg"
    r"|\btrekk\w*\s+(?:(?:derfor|difor|dessverre|diverre|med\s+dette|herved|likevel|"
    r"altså|då|da|no|nå|her)\s+)*(?:vår\s+|den\s+|vi\s+|me\s+)?(?:påmelding|påmeldinga|"
    r"påmeldingen|registrering|registreringa|registreringen)\b"
    r"(?!\s+(?:vår\s+|vår\s+)?(?:av|for|til|åt)\s+(?-i:[A-ZÆØÅ])\w*\s+(?-i:[A-ZÆØÅ]))"
    r"|\b(?:vi|me|kommunen|oss)\b[^.!?]{{0,30}}\bmeld\w*\s+(?:avbud|avbod|forfall|fråfall)\b"
    r"|\b(?:vi|me|kommunen)\s+(?:står|stå)\s+over\b"
    r"|\b(?:avmelding|avmeld|avmelde|avmelder)\b"
)
UPDATE_RE = re.compile(
    r"\b(?:endring|endringar|endringer|i\s+staden|i\s+stedet|nummer\s+(?:fire|fem|seks|4|5)|"
    r"erstatt\w*|hei\s+igjen|som\s+før|som\s+sist|tillegg\s+til\s+(?:lista|listen)|"
    r"ettermelde|ettermelding|supplere|oppdater\w*|den\s+(?:fjerde|femte|sjette)|"
    r"rettelse|rettelsen|retting|rettinga|korrigering|korreksjon|"
    r"skal\s+stå\s+som|(?:bytt|byt|bytte|byter|bytter)\s+ut|meldt\s+forfall)\b",
    re.IGNORECASE,
)
#: An intent to take part; ``{units}`` as in WITHDRAWAL_TEMPLATE.
INTENT_TEMPLATE = (
    r"(?<!dersom )(?<!om )(?<!hvis )(?<!viss )\b(?:vi|kommune|kommunen{units})\s+"
    r"(?:ønsker|ønskjer|vil\s+gjerne|melder|meld)\s+"
    r"(?:å\s+)?(?:delta|være\s+med|vere\s+med|seg\s+på|oss\s+på|interesse)\b"
    r"|\bmelder\s+(?:interesse|oss\s+på|seg\s+på)\b"
    r"|(?<!eventuell )(?<!eventuelt )(?<!ei eventuell )(?<!evt\. )\bpåmelding\b"
)


def _alternatives(words: tuple[str, ...], suffix: str = "") -> str:
    """ "|(?:a|b)suffix" to extend an alternation, or nothing when there are no words."""
    if not words:
        return ""
    return "|(?:" + "|".join(re.escape(w) for w in words) + ")" + suffix


@cache
def withdrawal_re(context: ExtractionContext) -> re.Pattern[str]:
    """WITHDRAWAL_TEMPLATE with the event's words for the writer's unit and the event."""
    gatherings = _alternatives(context.gathering_words)
    return re.compile(
        WITHDRAWAL_TEMPLATE.format(
            units_compound=_alternatives(context.unit_words, r"\w*"),
            units=_alternatives(context.unit_words),
            gatherings=rf"på\s+(?:{gatherings[1:]})|" if gatherings else "",
        ),
        re.IGNORECASE,
    )


@cache
def intent_re(context: ExtractionContext) -> re.Pattern[str]:
    """INTENT_TEMPLATE with the event's words for the writer's unit."""
    return re.compile(
        INTENT_TEMPLATE.format(units=_alternatives(context.unit_words)), re.IGNORECASE
    )


#: The own words plainly sign a group up, even when no person could be read from them.
REGISTERS_RE = re.compile(
    r"\bmeld(?:er|ar)\s+(?:vi\s+|me\s+)?(?:herved\s+)?(?:oss\s+|seg\s+)?på\b"
    r"|^\s*(?:deltakere|deltakarar|deltakarane|deltakerne|deltagere|påmeldte|påmelde)\s*:"
    r"|\b(?:desse|disse|følgende|følgjande)\s+(?:blir\s+med|vert\s+med|stiller|deltar|deltek|"
    r"kjem|kommer|er\s+med)\b"
    r"|\bstiller\s+(?:vi\s+|me\s+)?med\s+(?:følgende|følgjande)\b"
    r"|\b(?:vi|me)\s+(?:blir|vert)\s+(?:disse|desse)\b",
    re.IGNORECASE | re.MULTILINE,
)
#: A new message (no reply header) that refers to the sign-up it changes.
EARLIER_RE = re.compile(
    r"\b(?:påmeldinga|påmeldingen|påmeldinga\s+vår|vår\s+påmelding|lista\s+vår|listen\s+vår|"
    r"tidlegare|tidligere|sist\s+veke|forrige\s+uke|vi\s+sende|vi\s+sendte|vi\s+meldte|"
    r"vi\s+melde|den\s+(?:innsende|innsendte))\b",
    re.IGNORECASE,
)
#: The invitation was passed on to someone else ("videresendt til", "sendt vidare til",
#: "fordelt til virksomhetsleder", "har overlevert saka til"): that is no sign-up.
PASSED_ON_RE = re.compile(
    r"\b(?:videresendt|vidaresendt|vidaresend|videresender|vidaresender|oversendt|"
    r"oversender|fordelt|fordelte|delegert|overlevert|overlevert\s+saka|sendt\s+"
    r"(?:(?:ho|hun|han|den|det|denne|dette|dei|dem)\s+)?(?:videre|vidare|over|saka|saken|"
    r"invitasjonen|e-posten|eposten)|send(?:er|ar)\s+(?:videre|vidare|"
    r"over)|gitt\s+(?:beskjed\s+)?(?:videre|vidare)|gått\s+(?:videre|vidare)|"
    r"journalført|registrert\s+i\s+sak)\b[^.!?\n]{0,80}?"
    r"(?:\btil\b|\bi\s+sak\b|\bsaksnummer\b)",
    re.IGNORECASE,
)
BULK_HEADERS = ("list-unsubscribe", "list-id")
#: No event: only the words every sign-up shares ("vi", "kommunen").
NO_EVENT = ExtractionContext()


OUT_OF_OFFICE_SUBJECT_RE = re.compile(
    r"^\s*(?:automatisk\s+svar|autosvar|auto(?:matic)?[- ]?reply|fråværende|fraværende|"
    r"fråverande|out\s+of\s+(?:the\s+)?office|fravær|fråvær|ikke\s+til\s+stede|"
    r"ikkje\s+til\s+stades)",
    re.IGNORECASE,
)


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
    mottatt din henvendelse"), which answers no person.
    """
    if parsed.is_bounce:
        return MessageKind.BOUNCE
    signals = " ".join(parsed.auto_signals).casefold()
    if "bounce" in signals or "dsn" in signals or "delivery" in signals:
        return MessageKind.BOUNCE
    auto = auto_submitted(parsed)
    if auto == "auto-replied" or OUT_OF_OFFICE_SUBJECT_RE.match(parsed.subject):
        return MessageKind.AUTO_REPLY
    if is_bulk(parsed) or auto.startswith("auto-generated"):
        return MessageKind.OTHER
    if auto != "no" or signals:
        return MessageKind.AUTO_REPLY
    return None


def is_follow_up(parsed: ParsedEmail, own_body: str, quoted: str, n_removed: int) -> bool:
    """A reply in an existing conversation that changes the list (not a first sign-up).

    Either it quotes its own side's earlier message (see ``threads``), or it answers something
    and says it
    changes or completes the list ("i stedet for", "den fjerde blir", a removed name).
    """
    if not parsed.in_reply_to:
        return bool(n_removed or UPDATE_RE.search(own_body)) and bool(EARLIER_RE.search(own_body))
    if replies_to_own_side(parsed, quoted):
        return True
    return bool(n_removed or UPDATE_RE.search(own_body))


def says_withdrawal(own_body: str, subject: str, context: ExtractionContext = NO_EVENT) -> bool:
    """The own words (or the subject) take the registration back, outside a question."""
    for m in withdrawal_re(context).finditer(own_body):
        end = re.search(r"[.!?\n]|$", own_body[m.end() :])
        if not (end and end.group() == "?"):
            return True
    return bool(re.search(r"\bavmelding\b", subject, re.IGNORECASE))


#: "… før vi melder på", "om vi melder på", "før vi eventuelt melder oss på": a sign-up that
#: has not happened yet.
NOT_YET_RE = re.compile(
    r"(?:\b(?:før|når|om|dersom|hvis|viss|innan|innen|kan|skal|bør|vil|ville|kunne|må)\s+"
    r"(?:vi\s+|me\s+|de\s+|dei\s+|kommunen\s+)?|\b(?:eventuelt|evt\.|ev\.|kanskje)\s+)$",
    re.IGNORECASE,
)


#: "Vi melder på så snart vi har svar", "… dersom vi får med ein politikar": not yet, or only
#: on a condition.
NOT_YET_AFTER_RE = re.compile(
    r"^[^.!?\n]{0,25}?\b(?:så\s+snart|straks|når|om|dersom|hvis|viss|etter\s+at|seinare|"
    r"senere|etterpå|seinere)\b",
    re.IGNORECASE,
)


def says_intent(own_body: str, context: ExtractionContext = NO_EVENT) -> bool:
    """An intent to take part that is not put off or made conditional."""
    return any(
        not NOT_YET_AFTER_RE.match(own_body[m.end() :])
        for m in intent_re(context).finditer(own_body)
    )


#: "dette er ikke en påmelding", "vi melder oss ikkje på": the writer says it signs nobody up.
NEGATED_SIGN_UP_RE = pattern("negated_sign_up", "kind.toml")


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
SUPPLEMENT_RE = re.compile(
    r"\b(?:kommune|kommunen|kommuna|gielda|suohkan|gjeld|gjelder|glemte|glømte|gløymde|"
    r"gleymde|manglet|mangla|mangler|manglar|tillegg|supplering|supplerer|utfyllende|utfyllande)\b",
    re.IGNORECASE,
)


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
) -> MessageKind:
    """The kind of a message written by a person (call ``is_automatic`` first); the event's
    ``context`` names the writer's unit and the event ("kulturskulen trekkjer seg");
    ``names`` are the participants read, when the caller has them."""
    if n_participants == 0 and says_withdrawal(own_body, parsed.subject, context):
        return MessageKind.WITHDRAWAL
    if (
        n_participants == 1
        and not n_removed
        and passed_on_to(own_body, names)
        and not says_registration(own_body)
    ):
        return MessageKind.OTHER
    if (n_participants or n_removed) and is_follow_up(parsed, own_body, quoted, n_removed):
        return MessageKind.UPDATE
    # nobody read, and the writer says this is no sign-up: no sign-up word makes it one
    denied = not (n_participants or n_removed) and says_no_sign_up(own_body)
    if n_participants or n_removed or (says_registration(own_body) and not denied):
        return MessageKind.REGISTRATION
    if supplements_own_sign_up(parsed, own_body, quoted):
        return MessageKind.UPDATE
    if "?" in own_body:
        return MessageKind.QUESTION
    if PASSED_ON_RE.search(own_body):
        return MessageKind.OTHER
    if denied:
        return MessageKind.OTHER
    if says_intent(own_body, context) or intent_re(context).search(parsed.subject):
        return MessageKind.REGISTRATION
    return MessageKind.OTHER
