"""The organiser's digest: what changed first, what waits for the organiser, every
participant by name, in Norwegian words only (text and HTML), headers."""

import re
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from db.states import HoldReason, MessageStatus, OutboxStatus, ReplyKind
from mailbot.digest import (
    CODE_LABELS,
    AttentionItem,
    BouncedReply,
    ChangeLine,
    DigestData,
    RegistrationLine,
    SentReply,
    build_digest,
    render_digest,
    render_digest_html,
    sector_spread,
)
from mailbot.event import load_event
from rules.base import Member

EVENT = load_event()
MIXED = sector_spread(
    [
        Member("A", "kulturskolerektor", "kulturskole"),
        Member("B", "ordfører", "politikk"),
        Member("C", "lærer", "kulturskole"),
        Member("D", "rådmann", "administrasjon"),
    ]
)
NAMES = [
    ("Bodø", "1804"),
    ("Voss", "4621"),
    ("Tromsø", "5401"),
    ("Ørsta", "1520"),
    ("Sogndal", "4640"),
    ("Bergen", "4601"),
    ("Stryn", "4651"),
    ("Luster", "4644"),
]


def complete(index: int, name: str, number: str) -> RegistrationLine:
    # Completed in reverse order of the list, to prove the digest sorts by time.
    at = datetime(2020, 5, 1, 8, 0, tzinfo=UTC).replace(hour=20 - index)
    return RegistrationLine(name, number, "complete", 4, MIXED, (), at)


def data(n_complete: int = 3) -> DigestData:
    regs = [complete(i, *NAMES[i]) for i in range(n_complete)]
    regs += [
        RegistrationLine(
            "Alta", "5403", "incomplete", 0, (), ("too_few",), None, "kari@alta.kommune.no"
        ),
        RegistrationLine(None, None, "incomplete", 5, MIXED, ("ambiguous_municipality",)),
        RegistrationLine(
            "Arendal", "4203", "withdrawn", 0, (), (), datetime(2020, 4, 27, 10, 0, tzinfo=UTC)
        ),
    ]
    return DigestData(
        generated_at=datetime(2020, 5, 4, 5, 0, tzinfo=UTC),
        registrations=tuple(regs),
        attention=(
            AttentionItem(
                "question",
                "post@hyllestad.kommune.no",
                "Kan vi vere tre?",
                datetime(2020, 4, 28, 7, 30, tzinfo=UTC),
            ),
            AttentionItem("unreadable", "x@example.org", "Påmelding\r\nBcc: y", None),
        ),
        replies_sent=(
            SentReply(
                "a@bodo.kommune.no", "confirmation", datetime(2020, 5, 1, 8, 1, tzinfo=UTC), "Bodø"
            ),
            SentReply("b@alta.kommune.no", "correction_request", None, "Alta"),
        ),
        bounces=(BouncedReply("kulturskolen@tjome.kommune.no", "confirmation", None),),
        counts={"received": 40, "processed": 38, "needs_review": 1},
    )


PEOPLE = (
    Member("Hilde Marie Sørensen", "rektor i kulturskolen", "kulturskole"),
    Member("Trond Åge Nilsen", "kommunalsjef for oppvekst og kultur", "administrasjon"),
    Member("Ingrid Sæther", None, "skole"),
)
SINCE = datetime(2020, 5, 3, 5, 0, tzinfo=UTC)


def full() -> DigestData:
    """Every kind of line the digest has: names, a late registration, every hold reason,
    every finding code, every reply kind, changes since yesterday."""
    base = data(2)
    bodo = replace(base.registrations[0], members=PEOPLE, registration_id=7)
    late = RegistrationLine(
        "Vardø",
        "5404",
        "incomplete",
        1,
        (),
        ("late", "missing_role"),
        None,
        "k@alta.kommune.no",
        (Member("Ola Nordmann", None, "annet"),),
        9,
        datetime(2020, 5, 9, 8, tzinfo=UTC),
    )
    every_code = RegistrationLine(
        "Vadsø",
        "5405",
        "incomplete",
        2,
        (),
        tuple(c for c in CODE_LABELS if c != "late"),
        None,
        "",
        (Member("Siv Ek", "lærer", "skole"), Member("Jo Li", None, "annet")),
        10,
        datetime(2020, 5, 3, 9, tzinfo=UTC),
    )
    return replace(
        base,
        since=SINCE,
        desk_url="https://pult.ks.no",
        registrations=(bodo, *base.registrations[1:], late, every_code),
        attention=(
            *base.attention,
            AttentionItem("needs_review", "a@b.no", "Endring", SINCE, tuple(HoldReason), "Bodø", 3),
            AttentionItem("not_understood", "c@d.no", "Hei", SINCE, (), None, 4),
            AttentionItem("failed", "e@f.no", "Liste", None),
        ),
        replies_sent=tuple(
            SentReply("x@y.no", kind.value) for kind in ReplyKind if kind != "digest"
        ),
        bounces=(BouncedReply("k@t.no", "confirmation", None, False),),
        changes=(
            ChangeLine("Bodø", "add", "Ingrid Sæther", None),
            ChangeLine("Bodø", "set_role", "Ingrid Sæther", "inspektør", "kari@ks.no"),
            ChangeLine("Alta", "withdraw"),
            ChangeLine("Alta", "accept_late", by_organiser="kari@ks.no"),
        ),
        counts={
            "received": 40,
            "processed": 30,
            "ignored": 2,
            "failed": 1,
            "needs_review": 3,
            "replies_pending": 1,
        },
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# Words of the code and the store that must never reach the organiser.
ENGLISH = [
    "question",
    "organiser",
    "failed",
    "unreadable",
    "registration",
    "understood",
    "review",
    "pending",
    "late",
    "missing",
    "role",
    "complete",
    "incomplete",
    "withdrawn",
    "reply",
    "unknown",
    "bounced",
    "none",
    "null",
    "true",
    "false",
    "needs",
]
INTERNAL = sorted(
    {
        *CODE_LABELS,
        *(str(r) for r in HoldReason),
        *(str(s) for s in MessageStatus),
        *(str(s) for s in OutboxStatus),
        *(str(k) for k in ReplyKind),
        "not_understood",
    }
)


def leaks(text: str) -> list[str]:
    words = set(re.findall(r"[\w-]+", text.casefold()))
    return sorted({*(w for w in ENGLISH if w in words), *(c for c in INTERNAL if c in words)})


class TestRenderDigest:
    def test_subject_counts_complete_and_what_waits(self) -> None:
        subject, _ = render_digest(data(3), EVENT)
        assert subject == (
            "Dagsoversikt «Kulturskole for fremtiden» mandag 4. mai 2020: "
            "3 av 6–7 kommuner komplette, 2 venter på deg"
        )

    def test_no_internal_code_or_english_word_in_text_or_html(self) -> None:
        subject, text = render_digest(full(), EVENT)
        html = visible(render_digest_html(full(), EVENT))

        assert leaks(subject) == []
        assert leaks(text) == []
        assert leaks(html) == []

    def test_every_participant_by_name_and_role_in_both_parts(self) -> None:
        _, text = render_digest(full(), EVENT)
        html = visible(render_digest_html(full(), EVENT))

        for part in (text, html):
            assert "Hilde Marie Sørensen" in part and "rektor i kulturskolen" in part
            assert "Trond Åge Nilsen" in part and "Ingrid Sæther" in part
            assert "Siv Ek" in part and "Ola Nordmann" in part
            assert "rolle ikke oppgitt" in part

    def test_what_changed_comes_first_then_what_waits_for_the_organiser(self) -> None:
        _, text = render_digest(full(), EVENT)

        changed = text.index("SIDEN I GÅR")
        waiting = text.index("VENTER PÅ DEG")
        assert changed < waiting < text.index("STATUS") < text.index("KOMPLETTE, I DEN")
        assert "Du (kari@ks.no) endret rollen til Ingrid Sæther (inspektør)" in text
        assert "Nye påmeldinger: Vardø (5404), Vadsø (5405)" in text
        section = text[waiting : text.index("STATUS")]
        assert "Vardø (5404): påmeldingen kom etter fristen" in section
        assert "Spørsmål til deg: post@hyllestad.kommune.no" in section
        assert "Ikke forstått som påmelding: c@d.no" in section
        assert "avsenderen er ikke kontakt for påmeldingen" in section
        late_part = text[text.index("VENTER PÅ SVAR FRA KOMMUNEN") :]
        assert "Vardø" not in late_part.split("TRUKKET")[0]  # not filed as waiting for them

    def test_links_to_the_desk_only_when_its_address_is_configured(self) -> None:
        _, linked = render_digest(full(), EVENT)
        html = render_digest_html(full(), EVENT)
        _, plain = render_digest(replace(full(), desk_url=None), EVENT)

        assert "https://pult.ks.no/gjennomgang" in linked
        assert 'href="https://pult.ks.no/registrering/7"' in html
        assert "pult.ks.no" not in plain

    def test_completion_order_is_by_time(self) -> None:
        _, body = render_digest(data(3), EVENT)
        assert body.index("1. Tromsø (5401)") < body.index("2. Voss (4621)")
        assert body.index("2. Voss (4621)") < body.index("3. Bodø (1804)")
        assert "Arendal (4203), komplett mandag 27. april 2020 kl. 12.00" in body
        assert "nå trukket" in body

    def test_target(self) -> None:
        _, body = render_digest(data(3), EVENT)
        assert "Komplette påmeldinger: 3 (målet er 6–7 kommuner; 3 til trengs)" in body
        _, body = render_digest(data(8), EVENT)
        assert "målet er 6–7 kommuner; 1 utover målet" in body
        line = next(li for li in body.splitlines() if li.startswith("  8. "))
        assert line.endswith("(utover målet)")

    def test_names_from_mail_cannot_forge_lines(self) -> None:
        _, body = render_digest(data(1), EVENT)
        assert "«Påmelding Bcc: y»" in body

    def test_html_escapes_what_came_from_mail(self) -> None:
        evil = replace(
            full(),
            registrations=(
                replace(
                    full().registrations[0],
                    members=(Member("<script>x</script>", "rektor", "skole"),),
                ),
            ),
        )
        assert "<script>x" not in render_digest_html(evil, EVENT)

    def test_empty_digest(self) -> None:
        subject, body = render_digest(DigestData(datetime(2020, 4, 24, tzinfo=UTC)), EVENT)
        assert "0 av 6–7" in subject and "Ingen ennå." in body and "Ingen endringer." in body

    def test_only_bokmal(self) -> None:
        with pytest.raises(ValueError):
            render_digest(data(), EVENT, language="nn")


class TestBuildDigest:
    def test_headers_and_both_parts(self) -> None:
        msg = build_digest(
            full(),
            EVENT,
            to="torkel.oien@ks.no",
            message_id="<mailbot.digest1@ks.no>",
            from_address="torkel.oien@ks.no",
            from_name="mailbot",
            date=datetime(2020, 5, 4, 5, 0, tzinfo=UTC),
        )
        assert msg["Auto-Submitted"] == "auto-generated"
        assert msg["X-Mailbot-Reply"] == "digest"
        assert msg["Message-ID"] == "<mailbot.digest1@ks.no>"
        assert msg["To"] == "torkel.oien@ks.no"
        assert msg["Date"] == "Mon, 04 May 2020 05:00:00 +0000"
        assert msg["Subject"].startswith("Dagsoversikt «Kulturskole for fremtiden»")
        assert msg.get_content_type() == "multipart/alternative"
        plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
        assert plain is not None and html is not None
        assert "KOMPLETTE, I DEN REKKEFØLGEN DE BLE KOMPLETTE" in plain.get_content()
        assert "Hilde Marie Sørensen" in html.get_content()
