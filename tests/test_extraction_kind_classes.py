"""Failure classes of the message's kind (blind sets 14, 15 and 17), each as a general test in
bokmål and nynorsk.

Small mails written for these tests (not the fixture files): a list after a colon with no
sign-up verb, the sender counted as "eg sjølv" with a name written with an initial or a role
said in a sentence of their own, the missing name sent later, roles without names, a
withdrawal that is only an attached letter, a question that puts the sign-up off.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document

from parsers.extraction import extract
from parsers.nlp.kind import asks_before_signing_up, withdraws_in_attachment
from parsers.nlp.prose import lists_after_colon, stated_own_role
from tests.extraction_support import DEV_INVITATION, EVENT, codes, own_reply, people, reader
from tests.mailmaker import make_mail

read = reader("liv.haug@etnedal.kommune.no", DEV_INVITATION)


@pytest.mark.parametrize(
    "body",
    [
        "Hei, kort fra Etnedal: meg selv (Liv Haug, kulturskolerektor), Ove Brenna, medlem av "
        "formannskapet, Siri Lunde rektor Bruflat skole og Arne Tveit leder i Etnedal "
        "musikklag.\n\nLiv",
        "Hei, kort frå Etnedal: eg sjølv (Liv Haug, kulturskulerektor), Ove Brenna, medlem av "
        "formannskapet, Siri Lunde rektor Bruflat skule og Arne Tveit leiar i Etnedal "
        "musikklag.\n\nLiv",
    ],
    ids=["nb", "nn"],
)
def test_a_list_of_named_people_with_roles_after_a_colon_is_a_sign_up(body: str) -> None:
    ex = read(body, sender_name="Liv Haug")

    assert ex.kind == "registration"
    assert [p[0] for p in people(ex)] == ["Liv Haug", "Ove Brenna", "Siri Lunde", "Arne Tveit"]
    assert people(ex)[0][1] in {"kulturskolerektor", "kulturskulerektor"}
    assert ex.sure


@pytest.mark.parametrize(
    "sentence",
    [
        "Kopi: Ove Brenna (rådmann), Siri Lunde (rektor)",
        "Til: Ove Brenna (rådmann); Siri Lunde (rektor)",
        "Vi har snakket med: Ove Brenna (rådmann) og Siri Lunde (rektor), men de har ikke svart",
        "Spørsmål: kan Ove Brenna (rådmann) og Siri Lunde (rektor) bytte?",
        "Me har spurt desse: Ove Brenna (rådmann) og Siri Lunde (rektor), dei kan ikkje",
    ],
)
def test_a_colon_list_that_does_something_of_its_own_signs_nobody_up(sentence: str) -> None:
    assert not lists_after_colon(sentence)


@pytest.mark.parametrize(
    "body",
    [
        "Hei! Vi blir fire fra Vestre Toten: Kari Lie, kulturskolerektor, Per Dal som er rektor "
        "på Vik skole, ordfører Eva Ås og Jon Li, leder i Raufoss skolekorps.\n\nHilsen Kari",
        "Hei! Vi blir fire frå Vestre Toten: Kari Lie, kulturskulerektor, Per Dal som er rektor "
        "på Vik skule, ordførar Eva Ås og Jon Li, leiar i Raufoss skulekorps.\n\nHelsing Kari",
    ],
    ids=["nb", "nn"],
)
def test_a_head_count_from_a_place_of_two_words_opens_the_list(body: str) -> None:
    ex = read(body, sender="kari.lie@vestre-toten.kommune.no", sender_name="Kari Lie")

    assert ex.kind == "registration"
    assert [p[0] for p in people(ex)] == ["Kari Lie", "Per Dal", "Eva Ås", "Jon Li"]


@pytest.mark.parametrize(
    ("body", "earlier", "role"),
    [
        (
            "Her er navnet fra ungdomsrådet: Mari Sundby. Hun er leder i ungdomsrådet og "
            "spiller i skolekorpset. Da er vi fire!",
            "Etnedal blir med. Foreløpig har vi disse:\n\nLiv Haug, kulturskolerektor\n"
            "Ove Brenna, rektor ved Bruflat skole\nSiri Lunde, styrer i Lunde barnehage\n\n"
            "+ NN fra ungdomsrådet, navnet kommer.",
            "leder i ungdomsrådet",
        ),
        (
            "Her er namnet frå ungdomsrådet: Mari Sundby. Ho er leiar i ungdomsrådet og "
            "spelar i skulekorpset. Då er vi fire!",
            "Etnedal blir med. Så langt har vi desse:\n\nLiv Haug, kulturskulerektor\n"
            "Ove Brenna, rektor ved Bruflat skule\nSiri Lunde, styrar i Lunde barnehage\n\n"
            "+ NN frå ungdomsrådet, namnet kjem.",
            "leiar i ungdomsrådet",
        ),
    ],
    ids=["nb", "nn"],
)
def test_the_name_sent_later_for_an_announced_place_is_an_update(
    body: str, earlier: str, role: str
) -> None:
    sender = "liv.haug@etnedal.kommune.no"
    ex = read(own_reply(body, earlier, sender, "Liv Haug"), sender_name="Liv Haug")

    assert ex.kind == "update"
    assert [(p[0], p[1]) for p in people(ex)] == [("Mari Sundby", role)]


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\nEtnedal stiller med ordfører Ove Brenna (Sp), rektor Siri Lunde ved Bruflat "
        "skole, biblioteksjef Arne Tveit og meg selv, kulturskolerektor Liv K. Haug.\n\n"
        "Hilsen Liv K.",
        "Hei!\nEtnedal stiller med ordførar Ove Brenna (Sp), rektor Siri Lunde ved Bruflat "
        "skule, biblioteksjef Arne Tveit og meg sjølv, kulturskulerektor Liv K. Haug.\n\n"
        "Helsing Liv K.",
    ],
    ids=["nb", "nn"],
)
def test_the_sender_written_with_an_initial_is_the_sender(body: str) -> None:
    ex = read(body, sender_name="Liv Karin Haug")

    assert [p[0] for p in people(ex)] == ["Ove Brenna", "Siri Lunde", "Arne Tveit", "Liv K. Haug"]
    assert "self_not_read" not in codes(ex)
    assert ex.sure


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Hei,\n\nJeg er rektor ved Bruflat skole og har fått i oppdrag å samle gruppen. "
            "Vi blir disse:\n\nMeg selv\nOve Brenna, kulturskolerektor\n"
            "Siri Lunde, leder i oppvekstutvalget\nArne Tveit, styrer i Lunde barnehage\n\n"
            "Vennlig hilsen\nLiv Haug",
            "rektor ved Bruflat skole",
        ),
        (
            "Hei,\n\nEg er rektor ved Bruflat skule og har fått i oppdrag å samle gruppa. "
            "Vi blir desse:\n\nEg sjølv\nOve Brenna, kulturskulerektor\n"
            "Siri Lunde, leiar i oppvekstutvalet\nArne Tveit, styrar i Lunde barnehage\n\n"
            "Venleg helsing\nLiv Haug",
            "rektor ved Bruflat skule",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_bare_self_line_takes_the_role_the_sender_states(body: str, role: str) -> None:
    ex = read(body, sender_name="Liv Haug")

    assert people(ex)[0][:2] == ("Liv Haug", role)
    assert len(people(ex)) == 4
    assert ex.sure


@pytest.mark.parametrize(
    "body",
    [
        "Hei,\n\nVi blir disse:\n\nMeg selv\nOve Brenna, kulturskolerektor\n"
        "Siri Lunde, leder i oppvekstutvalget\n\nHilsen\nLiv Haug",
        "Hei,\n\nVi blir desse:\n\nEg sjølv\nOve Brenna, kulturskulerektor\n"
        "Siri Lunde, leiar i oppvekstutvalet\n\nHelsing\nLiv Haug",
    ],
    ids=["nb", "nn"],
)
def test_a_bare_self_line_with_no_role_stated_is_left_to_a_person(body: str) -> None:
    ex = read(body, sender_name="Liv Haug")

    assert "Liv Haug" not in [p[0] for p in people(ex)]
    assert "self_not_read" in codes(ex)
    assert not ex.sure


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Jeg jobber som kultursjef i kommunen.", "kultursjef i kommunen"),
        ("Eg er rektor ved Vik skule og har fått oppdraget.", "rektor ved Vik skule"),
        ("Jeg er glad for invitasjonen.", None),
        ("Eg er rektor ved Vik skule. Jeg er kultursjef.", None),
    ],
)
def test_the_senders_own_role_is_one_stated_role(text: str, role: str | None) -> None:
    assert stated_own_role(text) == role


@pytest.mark.parametrize(
    "body",
    [
        "Hei,\n\nEtnedal ønsker å være med på verkstedet 4. juni. Vi tenker å stille med "
        "kulturskolerektor, en rektor fra grunnskolen, en styrer fra barnehagene og en "
        "politiker fra oppvekstutvalget. Navnene kommer når vi har avklart internt.\n\n"
        "Hilsen\nLiv Haug\nkultursjef",
        "Hei,\n\nEtnedal ønskjer å vere med på verkstaden 4. juni. Vi tenkjer å stille med "
        "kulturskulerektor, ein rektor frå grunnskulen, ein styrar frå barnehagane og ein "
        "politikar frå oppvekstutvalet. Namna kjem når vi har avklart internt.\n\n"
        "Helsing\nLiv Haug\nkultursjef",
    ],
    ids=["nb", "nn"],
)
def test_roles_without_names_are_a_sign_up_of_nobody_yet(body: str) -> None:
    ex = read(body, sender_name="Liv Haug")

    assert ex.kind == "registration"
    assert ex.participants == ()


LETTER = {
    "nb": [
        "Etnedal kommune",
        "Trekking av påmelding - Kulturskole for fremtiden",
        "Etnedal kommune meldte 30. april på fire deltakere til verkstedet.",
        "Etter en ny vurdering må vi dessverre trekke påmeldingen vår.",
        "Med hilsen",
        "Liv Haug",
        "kommunalsjef oppvekst",
        "Ove Brenna",
        "rådgiver",
    ],
    "nn": [
        "Etnedal kommune",
        "Trekking av påmelding - Kulturskole for framtida",
        "Etnedal kommune melde 30. april på fire deltakarar til verkstaden.",
        "Etter ei ny vurdering må vi diverre trekkje påmeldinga vår.",
        "Med helsing",
        "Liv Haug",
        "kommunalsjef oppvekst",
        "Ove Brenna",
        "rådgjevar",
    ],
}
POINTERS = {
    "nb": "Hei,\n\nVedlagt følger brev fra Etnedal kommune. Se vedlegg.\n\nMed hilsen\nPostmottak",
    "nn": "Hei,\n\nVedlagt følgjer brev frå Etnedal kommune. Sjå vedlegg.\n\nHelsing\nPostmottak",
}


def letter_docx(lines: list[str]) -> bytes:
    """The letter as a Word document, one paragraph a line."""
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize("form", ["nb", "nn"])
def test_a_withdrawal_in_the_attached_letter_the_mail_points_at(form: str) -> None:
    raw = make_mail(
        "postmottak@etnedal.kommune.no",
        POINTERS[form],
        subject="Brev 20/1234-4",
        sender_name="Etnedal kommune, Postmottak",
        attachments=(("brev.docx", DOCX, letter_docx(LETTER[form])),),
    )
    ex = extract(raw, context=EVENT)

    assert ex.kind == "withdrawal"
    assert ex.participants == ()


@pytest.mark.parametrize(
    ("own", "letter", "expected"),
    [
        ("Se vedlegg.", "Vi må dessverre trekke påmeldingen vår.", True),
        ("Sjå vedlagt brev.", "Kommunen trekkjer seg frå verkstaden.", True),
        # the own words sign up themselves; or say more than a pointer does not matter, but a
        # question in the letter is no withdrawal
        ("Vi melder oss på, se vedlegg.", "Vi må dessverre trekke påmeldingen vår.", False),
        ("Se vedlegg.", "Kan vi trekke påmeldingen vår?", False),
        ("Hei, her er lista.", "Vi må dessverre trekke påmeldingen vår.", False),
    ],
)
def test_only_a_pointer_to_a_withdrawing_letter_withdraws(
    own: str, letter: str, expected: bool
) -> None:
    assert withdraws_in_attachment(own, letter) is expected


@pytest.mark.parametrize(
    "subject",
    ["Trekking av påmelding – Kulturskole for fremtiden", "Vi trekkjer påmeldinga"],
)
def test_a_subject_that_takes_the_sign_up_back_withdraws(subject: str) -> None:
    ex = read("Hei,\n\nSjå vedlegg.\n\nHelsing\nLiv", subject=subject, in_reply_to=None)

    assert ex.kind == "withdrawal"


@pytest.mark.parametrize(
    "body",
    [
        "Hei! Et par spørsmål før vi melder på: Kan én delta bare den første timen? "
        "Kommunalsjefen, Ove Brenna, har møte samme dag.\n\nJeg selv (kulturskolerektor) og en "
        "lærer fra Bruflat skole blir uansett med. Kommer tilbake med påmelding når jeg har "
        "svar.\n\nMvh Liv Haug",
        "Hei! Eit par spørsmål før vi melder på: Kan ein delta berre den første timen? "
        "Kommunalsjefen, Ove Brenna, har møte same dag.\n\nEg sjølv (kulturskulerektor) og ein "
        "lærar frå Bruflat skule blir uansett med. Kjem tilbake med påmelding når eg har "
        "svar.\n\nHelsing Liv Haug",
    ],
    ids=["nb", "nn"],
)
def test_a_question_that_puts_the_sign_up_off_is_a_question(body: str) -> None:
    ex = read(body, sender_name="Liv Haug")

    assert ex.kind == "question"
    assert ex.participants == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kan vi ta med to? Kommer tilbake med påmelding.", True),
        ("Kva med reisa? Påmeldinga kjem når vi har svar.", True),
        # the rest of a list already sent is no sign-up put off
        ("Er det greitt? Kjem tilbake med påmelding av den femte.", False),
        # a plain sign-up with a question besides is a sign-up
        ("Vi melder på Ove Brenna, rektor. Kommer tilbake med påmelding av resten?", False),
        # no question: nothing to ask first
        ("Kommer tilbake med påmelding når vi har snakket sammen.", False),
    ],
)
def test_asking_before_signing_up(text: str, expected: bool) -> None:
    assert asks_before_signing_up(text) is expected


@pytest.mark.parametrize(
    "body",
    [
        "Hei,\n\nEtnedal blir med. Jeg kommer selv som kultursjef, sammen med rektor Ove Brenna. "
        "Vi tar også med Siri Lunde, som er styrer i Lunde barnehage.\n\nHilsen\nLiv Haug",
        "Hei,\n\nEtnedal blir med. Eg kjem sjølv som kultursjef, saman med rektor Ove Brenna. "
        "Vi tek òg med Siri Lunde, som er styrar i Lunde barnehage.\n\nHelsing\nLiv Haug",
    ],
    ids=["nb", "nn"],
)
def test_taking_someone_along_signs_them_up(body: str) -> None:
    ex = read(body, sender_name="Liv Haug")

    assert "Siri Lunde" in [p[0] for p in people(ex)]
    assert dict((p[0], p[1]) for p in people(ex))["Siri Lunde"].startswith("styr")


@pytest.mark.parametrize(
    "body",
    [
        "Hei Ove,\n\nKan du ta denne og svare innen 8. mai? Jeg synes vi skal være med, og jeg "
        "kan gjerne være med selv.\n\nTorkel står på kopi.\n\nHilsen Liv",
        "Hei Ove,\n\nKan du svare på denne? Eg trur vi bør vere med, og eg kan gjerne stille "
        "sjølv.\n\nTorkel står på kopi.\n\nHelsing Liv",
    ],
    ids=["nb", "nn"],
)
def test_a_forward_handing_the_invitation_to_a_colleague_is_no_question(body: str) -> None:
    ex = read(body, sender_name="Liv Haug", subject="VS: Invitasjon", in_reply_to=None)

    assert ex.kind == "other"
    assert ex.participants == ()


def test_the_same_question_to_the_organiser_stays_a_question() -> None:
    ex = read(
        "Hei Torkel,\n\nKan du svare på om vi kan være fem?\n\nHilsen Liv",
        sender_name="Liv Haug",
    )

    assert ex.kind == "question"
