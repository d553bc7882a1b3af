"""Helpers shared by the hand-written extraction tests (test_extraction_*.py).

``reader`` gives a test file its ``read(body, ...)``: one mail built with ``make_mail`` and run
through ``extract``, with that file's default sender and ``In-Reply-To``. ``people`` lists the
extracted participants as (name, role, sector) tuples; ``own_reply`` writes a follow-up quoting
the sender's earlier mail; ``codes`` gives the codes of a reading's doubts.
"""

from __future__ import annotations

from collections.abc import Callable

from mailbot.event import load_event
from parsers.extraction import extract
from parsers.types import Extraction, ExtractionContext
from tests.mailmaker import make_mail

SUBJECT = "SV: Invitasjon: Kulturskole for fremtiden"
#: The Message-ID of the development set's invitation, which most hand-written mails answer.
DEV_INVITATION = (
    "<dev-HE1PR0701MB2876EFF60D78E721B9E02B60A342D121@HE1PR0701MB2876.eurprd07.prod.outlook.com>"
)
#: The packaged event's reader context: the hand-written mails answer its invitation.
EVENT: ExtractionContext = load_event().extraction_context()
#: ``classify_sector`` keywords for a message written from the event's guarded sector, and
#: for one that is not.
FROM_GUARDED: dict[str, object] = {
    "writer": EVENT.guarded_sector,
    "guarded": EVENT.guarded_sector,
    "bare_roles": frozenset(EVENT.bare_roles),
}
NOT_FROM_GUARDED: dict[str, object] = {
    "guarded": EVENT.guarded_sector,
    "bare_roles": frozenset(EVENT.bare_roles),
}


def reader(default_sender: str, default_in_reply_to: str | None) -> Callable[..., Extraction]:
    """A ``read`` whose sender and In-Reply-To default to the given ones."""

    def read(
        body: str,
        sender: str = default_sender,
        sender_name: str = "",
        subject: str = SUBJECT,
        in_reply_to: str | None = default_in_reply_to,
        headers: dict[str, str] | None = None,
    ) -> Extraction:
        raw = make_mail(
            sender, body, subject=subject, sender_name=sender_name, in_reply_to=in_reply_to,
            headers=headers,
        )  # fmt: skip
        return extract(raw, context=EVENT)

    return read


def people(ex: Extraction) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.role, p.sector) for p in ex.participants]


def own_reply(
    body: str,
    earlier: str,
    sender: str,
    name: str,
    *,
    sent: str = "mandag 4. mai 2020 09:12",
    subject: str = "Påmelding",
) -> str:
    """A follow-up that quotes the sender's own earlier message below an Outlook header."""
    return (
        f"{body}\n\nHilsen\n{name}\n\n"
        f"Fra: {name} <{sender}>\nSendt: {sent}\n"
        f"Til: Torkel Øien <torkel.oien@ks.no>\nEmne: {subject}\n\n{earlier}\n"
    )


def codes(ex: Extraction) -> set[str]:
    """The codes of the doubts a reading raised (empty: sure)."""
    return {d.code for d in ex.doubts}


def sure_people(ex: Extraction) -> dict[str, tuple[str | None, str]]:
    """The participants of a reading that must be sure, by name: (role, sector)."""
    assert ex.sure, ex.doubts
    return {p.name: (p.role, p.sector) for p in ex.participants}


#: The reader of the list-line tests: a mail from Eli Dal in Vik, in no thread.
read_from_eli = reader("eli.dal@vik.kommune.no", None)


def by_name(body: str) -> dict[str, tuple[str | None, str]]:
    """The sure reading of ``body`` sent by Eli Dal, by name."""
    return sure_people(read_from_eli(body, sender_name="Eli Dal"))
