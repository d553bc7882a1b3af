"""Failure classes of blind9–blind11, each as a general test in bokmål and nynorsk.

Small mails written for these tests (not the fixture files): what a fresh set showed going
wrong, said once in each written standard. Where the reader cannot be sure, the reading must
be unsure (held for the organiser) rather than answered wrongly.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from parsers.extraction import extract
from tests.extraction_support import EVENT, codes, people, reader

read = reader("kari.berg@tinn.kommune.no", None)


@pytest.mark.parametrize(
    "body",
    [
        "Hei,\n\nTakk for invitasjonen. Vi har sendt den videre til kulturskolerektor Ola Dal, "
        "som tar stilling til om Tinn skal være med, og som eventuelt melder på selv.",
        "Hei,\n\nTakk for invitasjonen. Me har sendt ho vidare til rektor Ola Dal ved "
        "kulturskulen, som tek kontakt dersom kommunen ønskjer å vere med.",
    ],
)
def test_invitation_passed_on_to_the_one_person_named_is_no_sign_up(body: str) -> None:
    ex = read(body, sender="postmottak@tinn.kommune.no")

    assert ex.kind == "other"
    assert ex.participants == ()


def test_a_list_that_also_says_it_was_passed_on_stays_a_sign_up() -> None:
    body = (
        "Invitasjonen er sendt videre til skolene, og vi melder på:\n"
        "- Kari Berg, kulturskolerektor\n- Ola Dal, rektor\n- Per Ås, ordfører\n"
        "- Eva Li, kultursjef\n"
    )

    assert read(body).kind == "registration"


@pytest.mark.parametrize(
    "body",
    [
        "Hei,\n\nVi har to spørsmål før vi eventuelt melder oss på:\n\n"
        "– Kan vi stille sammen med nabokommunen?\n"
        "– Vi tenker oss kulturskolerektoren, en rektor og en fra ungdomsrådet. Holder det?",
        "Hei,\n\nMe har eit spørsmål før me kanskje melder oss på: kan me vere tre frå Tinn "
        "og ein frå nabokommunen?",
    ],
)
def test_a_question_before_a_sign_up_that_may_come_is_a_question(body: str) -> None:
    assert read(body).kind == "question"


@pytest.mark.parametrize(
    ("body", "roleless"),
    [
        ("Glemte å nevne: Ola Dal, ungdomsrådet, blir også med.", "Ola Dal"),
        (
            "Tinn kommune vil gjerne vere med. Frå kulturskulen kjem rektor Kari Berg, og "
            "ordføraren vår, Per Ås. Dessutan blir Eva Li med; ho er pedagogisk leiar i "
            "Rjukan barnehage.",
            "Eva Li",
        ),
    ],
)
def test_a_role_written_after_the_name_is_read_or_the_reading_is_unsure(
    body: str, roleless: str
) -> None:
    ex = read(body)

    assert roleless in [name for name, _, _ in people(ex)]
    assert not (ex.sure and any(role is None for _, role, _ in people(ex))), people(ex)


@pytest.mark.parametrize(
    "body",
    ["Ola Dal blir også med, men rollen hans vet jeg ikke ennå.", "Ola Dal blir òg med."],
)
def test_a_name_with_no_role_anywhere_near_raises_no_role_doubt(body: str) -> None:
    assert "role_unread" not in codes(read(body))


def forward(outer: str, writer: str, inner: str) -> bytes:
    """A forward whose forwarded part has no marker line, only Outlook's header block."""
    message = EmailMessage()
    message["From"] = "Kari Berg <kari.berg@tinn.kommune.no>"
    message["To"] = "Torkel Øien <torkel.oien@ks.no>"
    message["Subject"] = "VS: Kulturskole for fremtiden – gruppa fra Tinn"
    message["Message-ID"] = "<fwd-outlook@tinn.kommune.no>"
    message["Date"] = "Wed, 29 Apr 2020 08:00:00 +0200"
    message.set_content(
        f"{outer}\n\nHilsen\nKari Berg\nKulturskolerektor\n\n"
        f"Fra: {writer} <ola.dal@tinn.kommune.no>\nSendt: tirsdag 28. april 2020 15:42\n"
        f"Til: Kari Berg <kari.berg@tinn.kommune.no>\nEmne: Gruppa fra Tinn\n\n{inner}"
    )
    return message.as_bytes()


@pytest.mark.parametrize(
    ("outer", "inner", "role"),
    [
        (
            "Hei Torkel,\n\nVideresender påmeldingen fra kommunalsjefen vår.",
            "Hei Kari,\n\nFra Tinn stiller vi slik:\n\n- Kari Berg, kulturskolerektor\n"
            "- meg selv, som kommunalsjef for oppvekst\n- Per Ås, ordfører\n"
            "- Eva Li, leder i Tinn kulturhus\n\nKan du sende dette videre til KS?\n\nOla",
            "kommunalsjef for oppvekst",
        ),
        (
            "Hei Torkel,\n\nSender vidare påmeldinga frå kommunalsjefen vår.",
            "Hei Kari,\n\nFrå Tinn stiller me slik:\n\n- Kari Berg, kulturskulerektor\n"
            "- eg sjølv, som kommunalsjef for oppvekst\n- Per Ås, ordførar\n"
            "- Eva Li, dagleg leiar i Tinn kulturhus\n\nKan du sende dette vidare til KS?\n\nOla",
            "kommunalsjef for oppvekst",
        ),
    ],
)
def test_the_self_line_of_a_forwarded_list_is_its_writer_from_the_header_block(
    outer: str, inner: str, role: str
) -> None:
    ex = extract(forward(outer, "Ola Dal", inner), context=EVENT)

    assert ("Ola Dal", role) in [(name, r) for name, r, _ in people(ex)]
    assert len(ex.participants) == 4
    assert ex.sure, ex.doubts


def test_a_forwarded_self_line_whose_writer_is_unknown_is_unsure() -> None:
    inner = (
        "Hei Kari,\n\nFrå Tinn stiller me slik:\n\n- Kari Berg, kulturskulerektor\n"
        "- eg sjølv, som kommunalsjef for oppvekst\n- Per Ås, ordførar\n"
        "- Eva Li, dagleg leiar i Tinn kulturhus\n\nOla"
    )
    ex = extract(forward("Sender vidare påmeldinga.", "Kommunalsjefen", inner), context=EVENT)

    assert not ex.sure
    assert "self_not_read" in codes(ex)


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Tinn kommune melder på Kari Berg, kulturskolerektor, Per Ås, ordfører, og Eva Li, "
            "leder ved Ole Bull Akademiet.",
            "leder ved Ole Bull Akademiet",
        ),
        (
            "Frå Tinn kjem Kari Berg, kulturskulerektor, Per Ås, ordførar, og Eva Li, "
            "leiar ved Ivar Aasen Tunet.",
            "leiar ved Ivar Aasen Tunet",
        ),
    ],
)
def test_an_institution_named_after_a_person_in_prose_is_nobody(body: str, role: str) -> None:
    ex = read(body)

    assert [(n, r) for n, r, _ in people(ex)][-1] == ("Eva Li", role)
    assert len(ex.participants) == 3


def forwarded_twice(top: str, middle: str, bottom: str, bottom_sender: str) -> bytes:
    """Forwarded twice inside the municipality: the list is two header blocks down."""
    message = EmailMessage()
    message["From"] = "Lene Hauge <lene.hauge@tinn.kommune.no>"
    message["To"] = "Torkel Øien <torkel.oien@ks.no>"
    message["Subject"] = "VS: VS: Deltakere Kulturskole for fremtiden"
    message["Message-ID"] = "<fwd-twice@tinn.kommune.no>"
    message["Date"] = "Wed, 06 May 2020 10:00:00 +0200"
    message.set_content(
        f"{top}\n\nMed vennlig hilsen\nLene Hauge\nRådgiver\n\n"
        "Fra: Ola Dal <ola.dal@tinn.kommune.no>\nSendt: onsdag 6. mai 2020 08:58\n"
        "Til: Lene Hauge <lene.hauge@tinn.kommune.no>\nEmne: VS: Deltakere\n\n"
        f"{middle}\n\nOla\n\n"
        f"Fra: Kari Berg <{bottom_sender}>\nSendt: mandag 4. mai 2020 15:02\n"
        "Til: Ola Dal <ola.dal@tinn.kommune.no>\nEmne: Deltakere\n\n"
        f"{bottom}\n\nHilsen Kari\nKari Berg\nKulturskolerektor\n"
    )
    return message.as_bytes()


@pytest.mark.parametrize(
    ("top", "middle", "bottom"),
    [
        (
            "Hei,\n\nOversender påmelding fra Tinn kommune, se videresendte e-poster under.",
            "Hei Lene,\n\nKan du sende denne til KS? Jeg er med selv, som du ser.",
            "Hei Ola,\n\nHer er deltakerne fra Tinn:\n\n  *   Kari Berg – kulturskolerektor\n"
            "  *   Ola Dal – kommunalsjef for oppvekst\n  *   Per Ås – ordfører\n"
            "  *   Eva Li – leder i Tinn kulturhus",
        ),
        (
            "Hei,\n\nSender over påmeldinga frå Tinn kommune, sjå vidaresende e-postar under.",
            "Hei Lene,\n\nKan du sende denne til KS? Eg er med sjølv, som du ser.",
            "Hei Ola,\n\nHer er deltakarane frå Tinn:\n\n  *   Kari Berg – kulturskulerektor\n"
            "  *   Ola Dal – kommunalsjef for oppvekst\n  *   Per Ås – ordførar\n"
            "  *   Eva Li – leiar i Tinn kulturhus",
        ),
    ],
)
def test_a_list_forwarded_twice_inside_the_municipality_is_read(
    top: str, middle: str, bottom: str
) -> None:
    ex = extract(forwarded_twice(top, middle, bottom, "kari.berg@tinn.kommune.no"), context=EVENT)

    assert [n for n, _, _ in people(ex)] == ["Kari Berg", "Ola Dal", "Per Ås", "Eva Li"]
    assert ("Ola Dal", "kommunalsjef for oppvekst") in [(n, r) for n, r, _ in people(ex)]
    assert ex.sure, ex.doubts


def test_a_message_two_levels_down_from_elsewhere_is_not_read_as_the_list() -> None:
    bottom = "Hei Ola,\n\nHer er deltakerne:\n\n  *   Kari Berg – rektor\n  *   Per Ås – ordfører"
    raw = forwarded_twice(
        "Hei,\n\nOversender, se under.", "Hei Lene,\n\nKan du sende denne til KS?", bottom,
        "kari.berg@annen.example.org",
    )  # fmt: skip

    ex = extract(raw, context=EVENT)

    assert "Per Ås" not in [n for n, _, _ in people(ex)]
