"""Classes of wrong automatic answers (blind21, blind22, blind24), each as a general test in
bokmål and nynorsk: a reading that could be wrong is held, and where the text says enough it
is read whole.

Small mails written for these tests (not the fixture files).
"""

from __future__ import annotations

import dataclasses

import pytest

from parsers.nlp.roles import find_heads
from parsers.verdict import Reading, judge
from tests.extraction_support import codes, reader, sure_people

read = reader("eli.dal@vik.kommune.no", None)


@pytest.mark.parametrize(
    ("body", "glad"),
    [
        (
            "Hei\n\nVik kommune blir med. Fra oss kommer Eli Dal (kulturskolerektor), Per Ås "
            "(ordfører), Ola Li (rektor ved Vik skole) og Siv Tun, som gleder seg stort.\n\n"
            "Hilsen\nEli Dal",
            "Vi gleder oss til verkstedet.",
        ),
        (
            "Hei\n\nVik kommune blir med. Frå oss kjem Eli Dal (kulturskulerektor), Per Ås "
            "(ordførar), Ola Li (rektor ved Vik skule) og Siv Tun, som gleder seg stort.\n\n"
            "Helsing\nEli Dal",
            "Me gleder oss til verkstaden.",
        ),
    ],
    ids=["nb", "nn"],
)
def test_gleder_is_no_leader(body: str, glad: str) -> None:
    """ "gleder" (glad) ends in "leder" but is no compound of it: a compound's first part
    has letters enough to be a word ("korleder", "fagleder", "veileder")."""
    assert find_heads(glad) == []
    assert [h.head.head for h in find_heads("korleder og veileder")] == ["korleder", "leder"]
    assert sure_people(read(body, sender_name="Eli Dal"))["Siv Tun"] == (None, "annet")


def by_name(body: str, sender_name: str = "Eli Dal") -> dict[str, tuple[str | None, str]]:
    return sure_people(read(body, sender_name=sender_name))


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Hei!\n\nVik kulturskole blir gjerne med. Jeg har spurt rektor på Nes skole, "
            "Ola Li, og han er med. Fra kommunen kommer Per Ås, som er kommunalsjef for "
            "oppvekst. Politiker blir ordfører Siv Tun (Sp). Og så blir det meg, som "
            "kulturskolelærer og kontaktperson for gruppen.\n\nHilsen Eli",
            "kulturskolelærer",
        ),
        (
            "Hei!\n\nVik kulturskule blir gjerne med. Eg har spurt rektor på Nes skule, "
            "Ola Li, og han er med. Frå kommunen kjem Per Ås, som er kommunalsjef for "
            "oppvekst. Politikar blir ordførar Siv Tun (Sp). Og så blir det meg då, som "
            "kulturskulelærar og kontaktperson for gruppa.\n\nHelsing Eli",
            "kulturskulelærar",
        ),
    ],
    ids=["nb", "nn"],
)
def test_the_sender_in_the_group_in_prose_is_read(body: str, role: str) -> None:
    """ "Og så blir det meg (då), som …": the sender, signed with a first name only, is a
    participant under the From name, with the role of the same sentence (the group's contact
    is a task, no part of the role)."""
    found = by_name(body)

    assert found["Eli Dal"] == (role, "kulturskole")
    assert len(found) == 4


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Hei!\n\nVik kommune vil gjerne være med. Fra oss kommer Ola Li, Per Ås og Siv "
            "Tun, i tillegg til meg selv.\n\nOla er rektor på Nes skole. Per er ordfører. "
            "Siv er styrer i Dal barnehage.\n\nVennlig hilsen\nEli Dal\nKultursjef\nVik kommune",
            "Kultursjef",
        ),
        (
            "Hei!\n\nVik kommune vil gjerne vere med. Frå oss kjem Ola Li, Per Ås og Siv "
            "Tun, i tillegg til meg sjølv.\n\nOla er rektor på Nes skule. Per er ordførar. "
            "Siv er styrar i Dal barnehage.\n\nHelsing\nEli Dal\nKultursjef\nVik kommune",
            "Kultursjef",
        ),
    ],
    ids=["nb", "nn"],
)
def test_the_sender_added_in_prose_takes_the_signature_role(body: str, role: str) -> None:
    """ "…, i tillegg til meg selv.": the sender is one of the group, the role from the
    signature."""
    assert by_name(body)["Eli Dal"] == (role, "administrasjon")


@pytest.mark.parametrize(
    "body",
    [
        "Hei igjen!\n\nJeg glemte å føre opp meg selv. Jeg blir også med, som kultursjef, "
        "så da er vi fem.\n\nHilsen Eli",
        "Hei igjen!\n\nEg gløymde å føre opp meg sjølv. Eg blir òg med, som kultursjef, "
        "så då er me fem.\n\nHelsing Eli",
    ],
    ids=["nb", "nn"],
)
def test_the_sender_who_adds_themself_in_an_update_is_read(body: str) -> None:
    """An update in the first person ("Jeg blir også med, som kultursjef"): the sender."""
    earlier = "Vik kommune melder på Ola Li (rektor), Per Ås (ordfører), Siv Tun og Kari Lie."
    ex = read(f"{body}\n\n> {earlier}\n", sender_name="Eli Dal", in_reply_to="<x@vik>")

    assert sure_people(ex) == {"Eli Dal": ("kultursjef", "administrasjon")}


@pytest.mark.parametrize(
    ("line", "role"),
    [("- og meg, pianolærer ved kulturskolen", "pianolærer ved kulturskolen"),
     ("- og meg, pianolærar ved kulturskulen", "pianolærar ved kulturskulen"),
     ("- and me, piano teacher at the kulturskole", "piano teacher at the kulturskole")],
    ids=["nb", "nn", "en"],
)  # fmt: skip
def test_the_sender_closing_a_list_is_read(line: str, role: str) -> None:
    """A list line that is the sender ("- og meg, …", "- and me, piano teacher …"): the
    role after the comma, one word before its role word allowed."""
    body = (
        "Hei!\n\nVik kommune blir med:\n\n- Ola Li, kulturskolerektor\n"
        "- Per Ås, ordfører\n- Siv Tun, rektor ved Nes skole\n" + line + "\n\nHilsen\nEli Dal"
    )
    assert by_name(body)["Eli Dal"][0] == role


@pytest.mark.parametrize(
    "sentence",
    [
        # bokmål
        "Og så blir det meg.",
        "Ola Li, Per Ås og meg.",
        "I tillegg kommer jeg.",
        "Jeg blir også med.",
        "Undertegnede deltar også.",
        "De to kommer i tillegg til meg."
        # nynorsk
        "Og så vert det meg.",
        "Ola Li, Per Ås og meg, som kjem frå kulturskulen.",
        "I tillegg kjem eg.",
        "Eg blir òg med.",
        "Underteikna deltek òg.",
        "Og eg sjølv.",
    ],
)
def test_every_first_person_sign_up_unread_is_a_doubt(sentence: str) -> None:
    """Any first-person reference to the sender as one of the group, when nobody was read
    as the sender, holds the message: the group may be one larger than read."""
    reading = Reading(
        kind="registration",
        body=f"Vik kommune melder på Ola Li, rektor, og Per Ås, ordfører. {sentence}",
        names=("Ola Li", "Per Ås"),
        removed=(),
        known=("Eli Dal",),
        sender_name="Eli Dal",
    )

    assert "self_not_read" in [d.code for d in judge(reading)]
    assert judge(dataclasses.replace(reading, read_sender=True)) == ()


@pytest.mark.parametrize(
    "sentence",
    ["Ta kontakt med meg om noe er uklart.", "Send gjerne svaret til Ola og meg i kopi.",
     "Eg blir ikkje med sjølv.", "Spør meg om det er noko."],
)  # fmt: skip
def test_the_sender_named_outside_the_group_is_no_doubt(sentence: str) -> None:
    reading = Reading(
        kind="registration",
        body=f"Vik kommune melder på Ola Li, rektor, og Per Ås, ordfører. {sentence}",
        names=("Ola Li", "Per Ås"),
        removed=(),
        known=("Eli Dal",),
        sender_name="Eli Dal",
    )

    assert judge(reading) == ()


JOINT = {
    "nb": (
        "Hei!\n\nVi er en interkommunal kulturskole for Vik og Lærdal, og vi vil gjerne melde "
        "på begge kommunene sammen, som én gruppe.\n\nDeltakere:\n\n- Eli Dal, kulturskolerektor"
        "\n- Ola Li, ordfører i Vik\n- Per Ås, rektor ved Lærdal skole\n- Siv Tun, styrer i "
        "Nes barnehage\n\nHilsen\nEli Dal"
    ),
    "nn": (
        "Hei!\n\nKulturskulen vår er felles for kommunane Vik og Lærdal, og me melder på dei "
        "to kommunane saman.\n\nDeltakarar:\n\n- Eli Dal, kulturskulerektor\n- Ola Li, "
        "ordførar i Vik\n- Per Ås, rektor ved Lærdal skule\n- Siv Tun, styrar i Nes "
        "barnehage\n\nHelsing\nEli Dal"
    ),
}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_two_municipalities_as_one_group_are_held(lang: str) -> None:
    """Two municipalities of the register signed up as one group: no confirmation for the
    one the sender writes from; a person decides."""
    assert "joint_municipalities" in codes(read(JOINT[lang], sender_name="Eli Dal"))


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVik kommune melder på:\n\n- Eli Dal, kulturskolerektor\n- Ola Li, ordfører\n"
        "- Per Ås, rektor ved Vik skole\n- Siv Tun, styrer i Nes barnehage\n\nVi har drøftet "
        "dette med Lærdal, og begge kommunene landet på at Vik melder seg på.\n\nHilsen\nEli Dal",
        "Hei!\n\nNore og Uvdal kommune melder på:\n\n- Eli Dal, kulturskulerektor\n- Ola Li, "
        "ordførar\n- Per Ås, rektor ved Rødberg skule\n- Siv Tun, styrar i Nes barnehage\n\n"
        "Helsing\nEli Dal",
    ],
    ids=["nb", "nn"],
)
def test_one_municipality_beside_another_is_no_joint_group(body: str) -> None:
    """A neighbour named in passing, or one municipality whose name holds "og", is no joint
    group."""
    assert "joint_municipalities" not in codes(read(body, sender_name="Eli Dal"))


@pytest.mark.parametrize(
    ("question", "harmless"),
    [
        (
            "Gi beskjed om det er greit at Per Ås bare er med den første timen.",
            "Gi beskjed om dere trenger noe mer fra oss.",
        ),
        (
            "Er det i orden at Per Ås berre er med den første timen?",
            "Gje beskjed om de treng meir frå oss.",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_sign_up_that_asks_for_approval_is_held(question: str, harmless: str) -> None:
    """A sign-up that asks the organiser to approve something it depends on waits for the
    organiser's answer; an offer of more information does not."""
    body = (
        "Hei!\n\nVik kommune melder på:\n\n- Eli Dal, kulturskolerektor\n- Ola Li, ordfører\n"
        "- Per Ås, rektor ved Vik skole\n- Siv Tun, styrer i Nes barnehage\n\n{}\n\nHilsen\n"
        "Eli Dal"
    )
    assert "asks_approval" in codes(read(body.format(question), sender_name="Eli Dal"))
    assert codes(read(body.format(harmless), sender_name="Eli Dal")) == set()


@pytest.mark.parametrize(
    "question",
    ["Er det greit at vi da blir fire?", "Går det bra at me no er fire?"],
    ids=["nb", "nn"],
)
def test_a_question_of_the_head_count_is_the_rules_to_answer(question: str) -> None:
    """ "Går det bra at me no er fire?": the rules judge the group's size, so their answer
    answers it; no hold."""
    body = (
        "Hei!\n\nVik kommune melder på:\n\n- Eli Dal, kulturskolerektor\n- Ola Li, ordfører\n"
        f"- Per Ås, rektor ved Vik skole\n- Siv Tun, styrer i Nes barnehage\n\n{question}\n\n"
        "Hilsen\nEli Dal"
    )
    assert codes(read(body, sender_name="Eli Dal")) == set()
