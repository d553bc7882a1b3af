"""Language vote and message kind."""

from __future__ import annotations

from parsers.nlp.kind import classify_kind, is_automatic
from parsers.nlp.language import detect_language
from parsers.types import ParsedEmail


def parsed(**kw: object) -> ParsedEmail:
    base: dict[str, object] = dict(
        message_id="<m@x>",
        sender="a@b.kommune.no",
        sender_name="A B",
        to=(),
        cc=(),
        subject="",
        date=None,
        in_reply_to=None,
        references=(),
        text="",
        own_text="",
    )
    base.update(kw)
    return ParsedEmail(**base)  # type: ignore[arg-type]


def test_nynorsk_and_bokmal() -> None:
    assert detect_language("Eg kjem frå kulturskulen, men vi er ikkje mange.") == "nn"
    assert detect_language("Jeg kommer fra kulturskolen, men vi er ikke mange.") == "nb"
    assert detect_language("Helsing Liv\n\nSendt fra min iPhone") == "nn"


def test_automatic_kinds() -> None:
    assert is_automatic(parsed(is_bounce=True)) == "bounce"
    assert is_automatic(parsed(headers=(("Auto-Submitted", "auto-replied"),))) == "auto_reply"
    assert is_automatic(parsed(headers=(("Precedence", "bulk"),))) == "other"
    assert is_automatic(parsed()) is None


def test_person_written_kinds() -> None:
    p = parsed()
    assert classify_kind(p, "Vi må dessverre trekke oss.", "", 0, 0) == "withdrawal"
    assert classify_kind(p, "Kan vi vere tre?", "", 0, 0) == "question"
    assert classify_kind(p, "Alta kommune ønsker å være med.", "", 0, 0) == "registration"
    assert (
        classify_kind(p, "Takk, sendt videre dersom kommunen ønsker å delta.", "", 0, 0) == "other"
    )
    assert classify_kind(p, "Her er lista.", "", 4, 0) == "registration"


def test_update_replies_to_own_earlier_message() -> None:
    p = parsed(in_reply_to="<own@x>", sender="kari@x.kommune.no")
    quoted = "> 29. apr. 2020 kl. 10:40 skrev Kari <kari@x.kommune.no>:\n> - Ola, rektor"
    assert classify_kind(p, "Hei igjen! I staden kjem Per.", quoted, 1, 1) == "update"
    other = "> 24. apr. 2020 skrev Torkel <torkel@ks.no>:\n> invitasjon"
    assert classify_kind(p, "Her er lista.", other, 4, 0) == "registration"


def test_municipality_withdraws_in_third_person() -> None:
    body = "Levanger kommune må dessverre trekke seg fra verkstedet."
    assert classify_kind(parsed(), body, "", 0, 0) == "withdrawal"


def test_reply_to_organiser_that_replaces_a_person_is_an_update() -> None:
    p = parsed(in_reply_to="<our-request@ks.no>")
    assert (
        classify_kind(p, "Per Moen kan ikke likevel. I stedet kommer Siri.", "", 1, 1) == "update"
    )
