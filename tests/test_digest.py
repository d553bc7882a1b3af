"""The organiser's digest: order of completion, target, what needs a person, headers."""

from datetime import UTC, datetime

import pytest

from mailbot.digest import (
    AttentionItem,
    BouncedReply,
    DigestData,
    RegistrationLine,
    SentReply,
    build_digest,
    render_digest,
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
            AttentionItem(
                "unreadable", "x@example.org", "Påmelding\r\nBcc: y", None, "UnicodeDecodeError"
            ),
        ),
        replies_sent=(
            SentReply(
                "a@bodo.kommune.no", "confirmation", datetime(2020, 5, 1, 8, 1, tzinfo=UTC), "Bodø"
            ),
            SentReply("b@alta.kommune.no", "correction_request", None, "Alta"),
        ),
        bounces=(
            BouncedReply(
                "kulturskolen@tjome.kommune.no", "confirmation", None, "550 5.1.1 User unknown"
            ),
        ),
        counts={"received": 40, "processed": 38, "needs_review": 1, "custom": 2},
    )


class TestRenderDigest:
    def test_subject_counts_complete_against_target(self) -> None:
        subject, _ = render_digest(data(3), EVENT)
        assert subject == (
            "Dagsoversikt «Kulturskole for fremtiden» mandag 4. mai 2020: "
            "3 av 6–7 kommuner komplette"
        )

    def test_completion_order_is_by_time(self) -> None:
        _, body = render_digest(data(3), EVENT)
        assert body.index("1. Tromsø (5401)") < body.index("2. Voss (4621)")
        assert body.index("2. Voss (4621)") < body.index("3. Bodø (1804)")
        assert "Arendal (4203) – komplett mandag 27. april 2020 kl. 12.00" in body
        assert "nå trukket" in body

    def test_sector_spread_and_target(self) -> None:
        _, body = render_digest(data(3), EVENT)
        assert "4 deltakere (kulturskole 2, administrasjon 1, politikk 1)" in body
        assert "Komplette påmeldinger: 3 (målet er 6–7 kommuner; 3 til trengs)" in body
        assert "Ufullstendige: 2" in body and "Trukket: 1" in body

    def test_beyond_target(self) -> None:
        _, body = render_digest(data(8), EVENT)
        assert "målet er 6–7 kommuner; 1 utover målet" in body
        line = next(li for li in body.splitlines() if li.startswith("  8. "))
        assert line.endswith("– utover målet")
        assert not next(li for li in body.splitlines() if li.startswith("  7. ")).endswith(
            "utover målet"
        )

    def test_incomplete_needs_person_replies_bounces_counts(self) -> None:
        _, body = render_digest(data(1), EVENT)
        assert (
            "  - Alta (5403) – 0 deltakere – mangler: for få deltakere – "
            "kontakt: kari@alta.kommune.no"
        ) in body
        assert "(ukjent kommune) – 5 deltakere" in body
        assert "kommunenavnet passer på flere kommuner" in body
        assert "TRENGER EN PERSON (2)" in body
        assert "Spørsmål: post@hyllestad.kommune.no, «Kan vi vere tre?», tirsdag 28. april" in body
        assert "Kunne ikke leses: x@example.org, «Påmelding Bcc: y», (ukjent tid)" in body
        assert "SVAR SENDT (2)" in body and "bekreftelse 1, ber om retting 1" in body
        assert "SVAR SOM KOM I RETUR (1)" in body and "550 5.1.1 User unknown" in body
        assert "Meldinger mottatt: 40" in body and "custom: 2" in body

    def test_empty_digest(self) -> None:
        subject, body = render_digest(DigestData(datetime(2020, 4, 24, tzinfo=UTC)), EVENT)
        assert "0 av 6–7" in subject and "(ingen ennå)" in body and "(ingen)" in body

    def test_only_bokmal(self) -> None:
        with pytest.raises(ValueError):
            render_digest(data(), EVENT, language="nn")


class TestBuildDigest:
    def test_headers(self) -> None:
        msg = build_digest(
            data(),
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
        assert msg.get_content_type() == "text/plain"
        assert "KOMPLETTE, I DEN REKKEFØLGEN DE BLE KOMPLETTE" in msg.get_content()
