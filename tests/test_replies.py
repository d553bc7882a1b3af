"""Reply bodies (nb and nn templates) and the headers of an automatic reply."""

import re
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default

import pytest

from mailbot.event import load_event
from mailbot.replies import (
    ReplyContext,
    build_reply,
    make_message_id,
    render_reply,
    reply_references,
    reply_subject,
)
from rules.base import Finding, Member

EVENT = load_event()
MEMBERS = (
    Member("Kari Nordmann", "kulturskolerektor", "kulturskole"),
    Member("Ola Hansen", "ordfører", "politikk"),
    Member("Siri Berg", "lærer ved Bodø skole", "skole"),
    Member("Lars Eik", None, "annet"),
)
MISSING_ROLE = Finding(
    "missing_role",
    "error",
    "Vi mangler rollen til Lars Eik. Skriv hvilken rolle personen har i kommunen.",
    "Vi manglar rolla til Lars Eik. Skriv kva rolle personen har i kommunen.",
)
LATE = Finding(
    "late",
    "error",
    "Svarfristen var fredag 8. mai 2020 kl. 23.59, og meldingen kom lørdag 9. mai 2020 kl. 00.12.",
    "Svarfristen var fredag 8. mai 2020 kl. 23.59, og meldinga kom laurdag 9. mai 2020 kl. 00.12.",
)
WARNING = Finding("sender_domain", "warning", "ORGANISER ONLY nb", "ORGANISER ONLY nn")
KINDS = ("confirmation", "correction_request", "late_notice", "withdrawal_confirmation")
# Words that mark one written standard and must not appear in the other.
NB_ONLY = (
    "ikke",
    "fra",
    "deltakere",
    "deltakerne",
    "hilsen",
    "verkstedet",
    "påmeldingen",
    "hva",
    "noen",
    "dere",
    "deres",
    "mulig",
)
NN_ONLY = (
    "ikkje",
    "frå",
    "deltakarar",
    "deltakarane",
    "helsing",
    "verkstaden",
    "påmeldinga",
    "kva",
    "nokon",
    "dykk",
    "dykkar",
    "mogleg",
)


def ctx(language: str, findings: tuple[Finding, ...] = (), **kw: object) -> ReplyContext:
    values: dict[str, object] = dict(
        event=EVENT,
        language=language,
        municipality_name="Bodø",
        members=MEMBERS,
        findings=findings,
        recipient_name="Kari Nordmann",
    )
    values.update(kw)
    return ReplyContext(**values)  # type: ignore[arg-type]


def flat(text: str) -> str:
    """The body with line wrapping undone, for phrase checks."""
    return " ".join(text.split())


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


class TestBodies:
    @pytest.mark.parametrize("kind", KINDS)
    def test_nynorsk_is_nynorsk(self, kind: str) -> None:
        body = render_reply(kind, ctx("nn", (MISSING_ROLE, LATE)))
        assert not words(body) & set(NB_ONLY), words(body) & set(NB_ONLY)
        assert "Venleg helsing\nTorkel Øien\nKS og Norsk kulturskoleråd" in body

    @pytest.mark.parametrize("kind", KINDS)
    def test_bokmal_is_bokmal(self, kind: str) -> None:
        body = render_reply(kind, ctx("nb", (MISSING_ROLE, LATE)))
        assert not words(body) & set(NN_ONLY), words(body) & set(NN_ONLY)
        assert "Vennlig hilsen\nTorkel Øien\nKS og Norsk kulturskoleråd" in body

    def test_confirmation_lists_everyone_and_the_workshop(self) -> None:
        body = render_reply("confirmation", ctx("nb"))
        assert "Vi har registrert Bodø kommune med disse deltakerne:" in flat(body)
        assert "  1. Kari Nordmann – kulturskolerektor\n" in body
        assert "  3. Siri Berg – lærer ved Bodø skole\n" in body
        assert "torsdag 4. juni 2020 kl. 10.00–14.00" in body
        assert "kjernespørsmål" in body and "Før verkstedet" in body

    def test_confirmation_in_nynorsk(self) -> None:
        body = flat(render_reply("confirmation", ctx("nn")))
        for phrase in (
            "Vi har fått påmeldinga frå Bodø kommune",
            "deltakarane",
            "torsdag 4. juni 2020 kl. 10.00–14.00",
            "Før verkstaden",
            "kjernespørsmål",
            "spørsmål",
            "Kulturskule for framtida",
        ):
            assert phrase in body

    def test_correction_request_names_problems_and_quotes_the_list(self) -> None:
        body = render_reply("correction_request", ctx("nb", (MISSING_ROLE, WARNING)))
        assert "- Vi mangler rollen til Lars Eik." in flat(body)
        assert "  4. Lars Eik – (rolle mangler)" in body
        assert "Kommune: Bodø kommune" in body and "fredag 8. mai 2020" in flat(body)
        assert "ORGANISER ONLY" not in body  # warnings are for the organiser, not the clerk

    def test_correction_request_in_nynorsk_without_municipality(self) -> None:
        nn = render_reply("correction_request", ctx("nn", (MISSING_ROLE,), municipality_name=None))
        assert "Kommune: (ikkje funnen)" in nn and "- Vi manglar rolla til Lars Eik." in nn
        assert "Deltakarar:" in nn and "(rolle manglar)" in nn and "kulturskulen" not in nn

    def test_correction_request_with_no_names(self) -> None:
        assert "(ingen namn enno)" in render_reply("correction_request", ctx("nn", members=()))
        assert "(ingen navn ennå)" in render_reply("correction_request", ctx("nb", members=()))

    def test_late_notice_gives_the_deadline(self) -> None:
        nb = flat(render_reply("late_notice", ctx("nb", (LATE,))))
        assert "Svarfristen var fredag 8. mai 2020 kl. 23.59" in nb and "Torkel Øien vil se" in nb
        nn = flat(render_reply("late_notice", ctx("nn", ())))
        assert "Svarfristen var fredag 8. mai 2020, og e-posten dykkar kom etter fristen." in nn
        assert "vil sjå på ho" in nn and "ikkje" in nn

    def test_withdrawal(self) -> None:
        assert "Arendal kommune trekker påmeldingen" in render_reply(
            "withdrawal_confirmation", ctx("nb", members=(), municipality_name="Arendal")
        )
        assert "Arendal kommune trekkjer påmeldinga" in render_reply(
            "withdrawal_confirmation", ctx("nn", members=(), municipality_name="Arendal")
        )

    def test_county_suffix_goes_after_kommune(self) -> None:
        body = render_reply("confirmation", ctx("nb", municipality_name="Herøy (Nordland)"))
        assert "Herøy kommune (Nordland)" in flat(body)

    def test_no_line_is_longer_than_76_and_dates_do_not_break(self) -> None:
        for lang in ("nb", "nn"):
            body = render_reply("confirmation", ctx(lang))
            assert max(len(line) for line in body.splitlines()) <= 76
            assert "4. juni" in body and not re.search(r"\d\.\n", body)

    def test_unknown_kind_is_refused(self) -> None:
        with pytest.raises(ValueError):
            render_reply("none", ctx("nb"))

    def test_line_breaks_in_a_name_cannot_forge_lines(self) -> None:
        sneaky = (Member("Eva\r\nVennlig hilsen KS", "rådgiver", "administrasjon"),)
        body = render_reply("confirmation", ctx("nb", members=sneaky))
        assert "  1. Eva Vennlig hilsen KS – rådgiver" in body


def build(**overrides: object):  # noqa: ANN201 - returns EmailMessage
    args: dict[str, object] = dict(
        to="kari.nordmann@bodo.kommune.no",
        original_subject="SV: Invitasjon til videreutvikling av Kulturskole for fremtiden",
        in_reply_to="<dev-abc@bodo.kommune.no>",
        references=("<dev-invitation@ks.no>",),
        message_id="<mailbot.0123456789abcdef0123456789abcdef@ks.no>",
        from_address="torkel.oien@ks.no",
        from_name="Torkel Øien",
        date=datetime(2020, 5, 4, 8, 30, tzinfo=UTC),
    )
    args.update(overrides)
    kind = str(args.pop("kind", "confirmation"))
    return build_reply(kind, ctx(str(args.pop("language", "nb"))), **args)  # type: ignore[arg-type]


class TestHeaders:
    def test_exact_headers(self) -> None:
        msg = build()
        assert str(msg["From"]) == "Torkel Øien <torkel.oien@ks.no>"
        assert str(msg["To"]) == "kari.nordmann@bodo.kommune.no"
        assert str(msg["Subject"]) == (
            "Re: Invitasjon til videreutvikling av Kulturskole for fremtiden"
        )
        assert str(msg["Date"]) == "Mon, 04 May 2020 08:30:00 +0000"
        assert str(msg["Message-ID"]) == "<mailbot.0123456789abcdef0123456789abcdef@ks.no>"
        assert str(msg["In-Reply-To"]) == "<dev-abc@bodo.kommune.no>"
        assert str(msg["References"]) == "<dev-invitation@ks.no> <dev-abc@bodo.kommune.no>"
        assert str(msg["Auto-Submitted"]) == "auto-replied"
        assert str(msg["X-Auto-Response-Suppress"]) == "All"
        assert str(msg["X-Mailbot-Reply"]) == "confirmation"
        assert msg["Precedence"] is None
        assert msg.get_content_type() == "text/plain"
        assert msg.get_content_charset() == "utf-8"
        assert str(msg["Content-Language"]) == "nb"

    def test_round_trip_through_bytes(self) -> None:
        parsed = message_from_bytes(build(language="nn").as_bytes(), policy=default)
        assert parsed["X-Mailbot-Reply"] == "confirmation"
        assert "Venleg helsing" in parsed.get_content()
        assert parsed["From"].addresses[0].display_name == "Torkel Øien"

    @pytest.mark.parametrize(
        ("kind", "header"),
        [
            ("confirmation", "confirmation"),
            ("correction_request", "correction_request"),
            ("late_notice", "late_notice"),
            ("withdrawal_confirmation", "confirmation"),
        ],
    )
    def test_reply_kind_header(self, kind: str, header: str) -> None:
        assert build(kind=kind)["X-Mailbot-Reply"] == header

    def test_no_in_reply_to_when_unknown(self) -> None:
        msg = build(in_reply_to=None, references=())
        assert msg["In-Reply-To"] is None and msg["References"] is None

    def test_bad_own_message_id_is_refused(self) -> None:
        with pytest.raises(ValueError):
            build(message_id="not an id")

    def test_cr_lf_in_from_name_cannot_add_a_header(self) -> None:
        msg = build(from_name="Torkel\r\nBcc: evil@example.org")
        raw = msg.as_bytes()
        assert b"\nBcc:" not in raw and msg["Bcc"] is None
        assert msg["From"].addresses[0].addr_spec == "torkel.oien@ks.no"

    def test_display_name_cannot_redirect_the_reply(self) -> None:
        msg = build(to="Kari\r\nBcc: evil@example.org <kari@bodo.kommune.no>")
        assert [a.addr_spec for a in msg["To"].addresses] == ["kari@bodo.kommune.no"]
        assert b"\nBcc:" not in msg.as_bytes()

    def test_cr_lf_in_subject_is_flattened(self) -> None:
        msg = build(original_subject="Påmelding\r\nBcc: evil@example.org")
        assert msg["Subject"] == "Re: Påmelding Bcc: evil@example.org"
        assert msg["Bcc"] is None

    def test_naive_date_is_read_as_utc(self) -> None:
        assert build(date=datetime(2020, 5, 4, 8, 30))["Date"] == "Mon, 04 May 2020 08:30:00 +0000"


class TestSubject:
    @pytest.mark.parametrize(
        ("original", "expected"),
        [
            ("Påmelding", "Re: Påmelding"),
            ("Re: Påmelding", "Re: Påmelding"),
            ("RE: Re: Påmelding", "Re: Påmelding"),
            ("SV: Påmelding", "Re: Påmelding"),
            ("Sv: VS: Påmelding", "Re: Påmelding"),
            ("AW: Påmelding", "Re: Påmelding"),
            ("Re[2]: Påmelding", "Re: Påmelding"),
            ("  sv :Påmelding", "Re: Påmelding"),
            ("Svar på invitasjon", "Re: Svar på invitasjon"),
            ("Revisjon av liste", "Re: Revisjon av liste"),
        ],
    )
    def test_prefixes(self, original: str, expected: str) -> None:
        assert reply_subject(original) == expected

    def test_empty_subject_uses_the_fallback(self) -> None:
        assert reply_subject("", "Kulturskole for fremtiden") == "Re: Kulturskole for fremtiden"
        assert build(original_subject="SV: ")["Subject"] == "Re: Kulturskole for fremtiden"


class TestIds:
    def test_make_message_id(self) -> None:
        first, second = make_message_id("ks.no"), make_message_id("ks.no")
        assert re.fullmatch(r"<mailbot\.[0-9a-f]{32}@ks\.no>", first) and first != second

    def test_references_are_deduplicated_and_bounded(self) -> None:
        refs = tuple(f"<id{i}@x>" for i in range(30)) + ("<id3@x>", "junk with spaces")
        out = reply_references(refs, "<id29@x>")
        assert len(out) == 20 and out[0] == "<id0@x>" and out[-1] == "<id29@x>"
        assert len(set(out)) == len(out) and "junk with spaces" not in out

    def test_bare_in_reply_to_gets_brackets(self) -> None:
        assert reply_references((), "abc@host") == ("<abc@host>",)


LONG_ID = (
    "<dev-AM6PR07MB"
    + "4285361192BD3C3F13E857323916A529" * 5
    + "@AM6PR07MB4285.eurprd07.prod.outlook.com>"
)
ROOT_ID = "<invitation-" + "7" * 190 + "@ks.no>"


def header_lines(raw: bytes, name: str) -> list[bytes]:
    """The physical lines of header ``name`` (its first line and its folded continuations)."""
    head = raw.split(b"\n\n", 1)[0].split(b"\n")
    start = next(i for i, line in enumerate(head) if line.lower().startswith(name.lower() + b":"))
    end = start + 1
    while end < len(head) and head[end][:1] in (b" ", b"\t"):
        end += 1
    return head[start:end]


class TestThreadingOnTheWire:
    """Long Outlook/Exchange ids must stay plain msg-ids in the bytes we send (issue 7.4)."""

    def test_long_in_reply_to_is_one_plain_msg_id(self) -> None:
        raw = build(in_reply_to=LONG_ID, references=(ROOT_ID,)).as_bytes()
        assert header_lines(raw, b"In-Reply-To") == [b"In-Reply-To: " + LONG_ID.encode()]
        assert b"=?" not in b"".join(header_lines(raw, b"References"))

    def test_references_fold_only_between_ids(self) -> None:
        refs = (ROOT_ID, *(f"<{i}-{'x' * 190}@exchange.example>" for i in range(3)))
        raw = build(in_reply_to=LONG_ID, references=refs).as_bytes()
        lines = header_lines(raw, b"References")
        assert [line.strip() for line in lines] == [
            b"References: " + ROOT_ID.encode(),
            *(r.encode() for r in refs[1:]),
            LONG_ID.encode(),
        ]
        assert all(len(line) <= 998 for line in raw.split(b"\n"))

    def test_the_ids_parse_back_unchanged(self) -> None:
        raw = build(in_reply_to=LONG_ID, references=(ROOT_ID,)).as_bytes()
        parsed = message_from_bytes(raw, policy=default)
        assert parsed["In-Reply-To"] == LONG_ID
        assert parsed["References"].split() == [ROOT_ID, LONG_ID]

    def test_short_ids_stay_on_one_line(self) -> None:
        raw = build().as_bytes()
        assert header_lines(raw, b"References") == [
            b"References: <dev-invitation@ks.no> <dev-abc@bodo.kommune.no>"
        ]

    def test_an_id_too_long_for_a_header_line_or_not_ascii_is_dropped(self) -> None:
        too_long = "<" + "a" * 990 + "@x.no>"
        msg = build(in_reply_to=too_long, references=("<bød@x.no>", ROOT_ID))
        assert msg["In-Reply-To"] is None
        assert str(msg["References"]) == ROOT_ID


def test_wrapping_never_splits_a_two_digit_date_from_its_month() -> None:
    from mailbot.replies import _wrap

    text = _wrap(
        "Svarfristen var fredag 8. mai 2020 kl. 23.59, og meldinga kom torsdag 14. mai "
        "2020 kl. 13.40. Vi har teke vare på påmeldinga."
    )

    assert "14.\nmai" not in text
    assert "14. mai" in text
