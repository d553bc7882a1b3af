"""Does a reply follow up its own side's earlier registration (rather than the invitation)?

Extraction sees one message, so the quoted history is the evidence: the first quoted message
(the one replied to) was written by the sender, by a colleague of the same municipality (the
same municipal mail domain), or it is itself a sign-up written by someone other than the
organiser the reply goes to. A reply to the organiser's invitation or answer is none of those.
"""

from __future__ import annotations

import re

from parsers.nlp.municipality import domain_numbers
from parsers.nlp.patterns import pattern
from parsers.nlp.people import parse_line
from parsers.nlp.resources import load_toml
from parsers.own_words import QUOTE_HEADER, REPLY_SUBJECT
from parsers.types import ParsedEmail

ADDRESS_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
#: The quoted message itself signs people up: a list heading or a registering phrase.
QUOTED_SIGN_UP_RE = pattern("quoted_sign_up", "kind.toml")
HEADER_WINDOW = 40
#: The quoted message thanks for a sign-up or says it is registered: an answer to one.
ANSWERS_SIGN_UP_RE = pattern("answers_sign_up", "kind.toml")
#: "Se svar i teksten under": the sender answered inside the quoted message.
INLINE_ANSWER = re.compile(load_toml("mail_markers.toml")["inline_answer"], re.IGNORECASE)


def first_quote_header(quoted: str) -> tuple[str, int] | None:
    """The header (attribution or From: line, with the next line) of the first quoted
    message, and the line where it starts."""
    lines = quoted.split("\n")
    for i, line in enumerate(lines[:HEADER_WINDOW]):
        if QUOTE_HEADER.search(line):
            return " ".join(lines[i : i + 2]), i
    return None


def quoted_message(quoted: str, start: int) -> str:
    """The text of the quoted message whose header starts at line ``start``."""
    lines = quoted.split("\n")[start + 1 :]
    for i, line in enumerate(lines):
        if i > 1 and QUOTE_HEADER.search(line):
            return "\n".join(lines[:i])
    return "\n".join(lines)


def own_quoted_text(sender: str, quoted: str) -> str:
    """The quoted history up to the end of its first message, when that message is the
    sender's own (its header names the sender's address: "… skrev Kari Berg <kari@…>:"),
    else "": the sender's earlier words, which may name what this reply leaves out."""
    found = first_quote_header(quoted)
    if found is None or not sender.strip() or sender.casefold() not in found[0].casefold():
        return ""
    header, start = found
    lines = quoted.split("\n")
    own = quoted_message(quoted, start)
    return "\n".join(lines[: start + 1]) + "\n" + own


def organiser_addresses(parsed: ParsedEmail) -> set[str]:
    """The addresses the reply is sent to (the organiser's)."""
    return {a.casefold() for a in ADDRESS_RE.findall(parsed.header("To") or "")}


def organiser_names(parsed: ParsedEmail) -> set[str]:
    """Display names of the addressees ("Torkel Øien" in 'Torkel Øien <…>')."""
    names = re.findall(r"([^,<>\"]+?)\s*<", parsed.header("To") or "")
    return {" ".join(n.casefold().split()) for n in names if len(n.split()) >= 2}


def same_municipality(a: str, b: str) -> bool:
    """Two addresses of one municipality's mail domain (not a shared webmail domain)."""
    return bool(domain_numbers(a) & domain_numbers(b))


def replies_to_own_side(parsed: ParsedEmail, quoted: str) -> bool:
    """The message replied to is the sender's own, a colleague's, or another sign-up."""
    if not parsed.in_reply_to and not parsed.references:
        return False
    found = first_quote_header(quoted)
    if found is None:
        return False
    header, start = found
    lowered = header.casefold()
    address = parsed.sender.casefold()
    name = " ".join(parsed.sender_name.casefold().split())
    if (address and address in lowered) or (name and name in " ".join(lowered.split())):
        return True
    quoted_from = [a.casefold() for a in ADDRESS_RE.findall(header)]
    if any(a in organiser_addresses(parsed) for a in quoted_from):
        return False
    if any(n in " ".join(lowered.split()) for n in organiser_names(parsed)):
        return False
    if address and any(same_municipality(address, a) for a in quoted_from):
        return True
    return bool(QUOTED_SIGN_UP_RE.search(quoted_message(quoted, start)))


def replies_to_organiser(parsed: ParsedEmail, quoted: str, organisers: tuple[str, ...]) -> bool:
    """The message replied to (the first quoted one) is the organiser's: its header names an
    address the reply goes to or one of the event's ``organisers`` addresses, and none of
    the sender's own municipality (a colleague's mail is the own side's)."""
    found = first_quote_header(quoted)
    if found is None:
        return False
    quoted_from = {a.casefold() for a in ADDRESS_RE.findall(found[0])}
    sender = parsed.sender.casefold()
    if sender in quoted_from or any(same_municipality(sender, a) for a in quoted_from):
        return False
    if not quoted_from:  # "Den 04.05.2020 10:15, skrev Torkel Øien:": the name alone
        return names_addressee(parsed, found[0])
    ours = organiser_addresses(parsed) | {a.casefold() for a in organisers}
    return bool(quoted_from & ours)


def names_addressee(parsed: ParsedEmail, header: str) -> bool:
    """A quote header without an address names one of the addressees, not the sender."""
    said = " ".join(header.casefold().split())
    sender = " ".join(parsed.sender_name.casefold().split())
    if sender and sender in said:
        return False
    return any(name in said for name in organiser_names(parsed))


def inherited_subject(parsed: ParsedEmail, quoted: str, organisers: tuple[str, ...]) -> bool:
    """The subject is the organiser's ("Sv: Påmelding registrert"): a reply prefix on the
    subject of the organiser's message the reply quotes. Its words are not the sender's."""
    return bool(REPLY_SUBJECT.match(parsed.subject)) and replies_to_organiser(
        parsed, quoted, organisers
    )


def tags_own_lines(parsed: ParsedEmail) -> bool:
    """A line of the quoted message opens with the sender's name in brackets, as Outlook
    tags an inline comment ("[Kari Berg] Her er deltakarane: …"): the sender answered inside
    the quote."""
    name = " ".join(parsed.sender_name.split())
    if len(name.split()) < 2 or not parsed.quoted_text:
        return False
    tag = re.compile(r"^[\s>]*\[" + re.escape(name) + r"\]", re.IGNORECASE | re.MULTILINE)
    return tag.search(parsed.quoted_text) is not None


def answers_organisers_list(
    parsed: ParsedEmail, own_body: str, quoted: str, organisers: tuple[str, ...]
) -> bool:
    """The message replied to is the organiser's answer about a sign-up: the organiser's, and
    it lists persons ("Vi har registrert disse deltakerne: * Kari Berg – rektor …") or thanks
    for the sign-up ("Takk for påmeldinga frå Lom. Hugs at …"). The invitation does neither;
    a reply to such an answer follows up the registration. Lists the sender wrote inside the
    quoted message ("se svar i teksten under") are no answer's."""
    if INLINE_ANSWER.search(own_body) or tags_own_lines(parsed):
        return False
    if not replies_to_organiser(parsed, quoted, organisers):
        return False
    found = first_quote_header(quoted)
    if found is None:
        return False
    message = quoted_message(quoted, found[1])
    lines = [line.lstrip("> ").strip() for line in message.split("\n")]
    if ANSWERS_SIGN_UP_RE.search(" ".join(lines)):
        return True
    return any(parse_line(line) for line in lines if line)
