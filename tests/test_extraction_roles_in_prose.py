"""Roles written in prose the readers did not take apart (blind19 and blind21 answered two of
them with a wrong correction request): a role in the sentence before the name, a role told
with a verb before the name ("han som har ansvar for SFO Per Ås"), a role running on into the
next person's ("eg som kulturskulerektor og rektor på Vik skule Kari Berg") or into a clause
("ordføraren sagt ja ho heiter …"), a building glued in front of a name.

Each class twice: the checks of ``parsers.verdict`` doubt the reading when a reader misses it
(being unsure is fine, being wrong is not), and the readers read it, in bokmål and nynorsk.
Small mails and readings written for these tests (not the fixture files).
"""

from __future__ import annotations

import dataclasses

import pytest

from parsers.verdict import Reading, judge
from tests.extraction_support import people, reader

read = reader("eli.dal@vik.kommune.no", None)

FOUR = ("Kari Berg", "Per Ås", "Ola Li", "Siv Tun")


def unsure_of(reading: Reading) -> list[tuple[str, str]]:
    return [(d.code, d.detail) for d in judge(reading)]


def read_people(body: str, sender_name: str = "Eli Dal") -> list[tuple[str, str | None, str]]:
    ex = read(body, sender_name=sender_name)
    assert ex.sure, ex.doubts
    return people(ex)


# --- the checks: a role the readers left in the prose makes the reading unsure ------------


@pytest.mark.parametrize(
    ("body", "roles"),
    [
        (
            "På vegne av kommunalsjef for oppvekst Per Ås melder jeg på Vik kommune. Fra oss "
            "kommer kulturskolerektor Kari Berg, Per Ås selv, rektor Ola Li og styrer Siv Tun.",
            ("kulturskolerektor", "rektor", "styrer"),
        ),
        (
            "På vegner av kommunalsjef for oppvekst Per Ås melder eg på Vik kommune. Frå oss "
            "kjem kulturskulerektor Kari Berg, Per Ås sjølv, rektor Ola Li og styrar Siv Tun.",
            ("kulturskulerektor", "rektor", "styrar"),
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_role_word_in_the_sentence_before_a_roleless_participant_is_a_doubt(
    body: str, roles: tuple[str, ...]
) -> None:
    """The role no read role covers stands in the sentence before the second mention: it
    may be his, so the correction request asking for it could be wrong."""
    reading = Reading(
        kind="registration", body=body, names=FOUR, removed=(), known=(),
        roles=roles, roleless=("Per Ås",),
    )  # fmt: skip

    found = unsure_of(reading)

    assert [code for code, _ in found] == ["role_unread"]
    assert found[0][1].startswith("kommunalsjef for oppvekst")
    read_right = dataclasses.replace(
        reading, roles=(*roles, "kommunalsjef for oppvekst"), roleless=()
    )
    assert judge(read_right) == ()


@pytest.mark.parametrize(
    "body",
    [
        "Vi kommer fire: jeg som kulturskolerektor, Per Ås som er rektor, Ola Li og så tar "
        "vi med han som har ansvar for SFO Siv Tun.",
        "Me kjem fire: eg som kulturskulerektor, Per Ås som er rektor, Ola Li og så tek me "
        "med ho som sit i kommunestyret Siv Tun.",
    ],
    ids=["nb", "nn"],
)
def test_a_role_told_with_a_verb_near_a_roleless_participant_is_a_doubt(body: str) -> None:
    reading = Reading(
        kind="registration", body=body, names=FOUR, removed=(), known=(),
        roles=("kulturskolerektor", "kulturskulerektor", "rektor"), roleless=("Ola Li", "Siv Tun"),
    )  # fmt: skip

    assert {code for code, _ in unsure_of(reading)} == {"role_unread"}


@pytest.mark.parametrize(
    "body",
    [
        "Vik melder på kulturskolerektor Kari Berg, rektor Per Ås, ordfører Ola Li og Siv Tun. "
        "Rollen til Siv vet jeg ikke ennå.",
        "Vik melder på kulturskulerektor Kari Berg, rektor Per Ås, ordførar Ola Li og Siv Tun. "
        "Rolla til Siv veit eg ikkje enno.",
    ],
    ids=["nb", "nn"],
)
def test_role_words_that_are_other_participants_roles_raise_no_doubt(body: str) -> None:
    """Every role word near the roleless name is read as someone else's: the role is
    missing as written, and the correction request asking for it is right."""
    roles = tuple(w for w in body.split() if w in {"kulturskolerektor", "kulturskulerektor"})
    roles += ("rektor", "ordfører" if "ordfører" in body else "ordførar")
    reading = Reading(
        kind="registration", body=body, names=FOUR, removed=(), known=(),
        roles=roles, roleless=("Siv Tun",),
    )  # fmt: skip

    assert judge(reading) == ()


@pytest.mark.parametrize(
    ("body", "roles"),
    [
        (
            "Vi kommer jeg som kulturskolerektor og rektor på Vik skole Per Ås og så har "
            "ordføreren sagt ja hun heter Ola Li.",
            ("kulturskolerektor og rektor på Vik skole", "rektor på Vik skole"),
        ),
        (
            "Me kjem eg som kulturskulerektor og rektor på Vik skule Per Ås og så har "
            "ordføraren sagt ja ho heiter Ola Li.",
            ("kulturskulerektor og rektor på Vik skule", "rektor på Vik skule"),
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_role_running_into_the_next_persons_role_or_a_clause_is_a_doubt(
    body: str, roles: tuple[str, ...]
) -> None:
    mayor = "ordføreren" if "ordføreren" in body else "ordføraren"
    reading = Reading(
        kind="registration", body=body, names=("Kari Berg", "Per Ås", "Ola Li"), removed=(),
        known=(), sender_name="Kari Berg", read_sender=True,
        roles=(*roles, f"{mayor} sagt ja {'hun heter' if 'hun' in body else 'ho heiter'}"),
    )  # fmt: skip

    assert [code for code, _ in unsure_of(reading)] == ["role_runs_on", "role_runs_on"]
    read_right = dataclasses.replace(reading, roles=(roles[0].split(" og ")[0], roles[1], mayor))
    assert judge(read_right) == ()


@pytest.mark.parametrize(
    "body",
    [
        "Påmelding fra Vik:\n- Kari Berg, kulturskolelærer og dirigent i Vik skolekorps\n"
        "- Per Ås, har ansvar for SFO på Vik skole\n- Ola Li, rektor\n",
        "Påmelding frå Vik:\n- Kari Berg, kulturskulelærar og dirigent i Vik skulekorps\n"
        "- Per Ås, sit i kommunestyret\n- Ola Li, rektor\n",
    ],
    ids=["nb", "nn"],
)
def test_two_jobs_or_a_role_told_with_a_verb_raise_no_doubt(body: str) -> None:
    lines = [line.removeprefix("- ") for line in body.splitlines()[1:]]
    roles = tuple(line.split(", ", 1)[1] for line in lines)
    reading = Reading(
        kind="registration", body=body, names=("Kari Berg", "Per Ås", "Ola Li"), removed=(),
        known=(), roles=roles,
    )  # fmt: skip

    assert judge(reading) == ()


# --- the readers: the same shapes read -----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei,\n\nPå vegne av kommunalsjef for oppvekst Per Ås melder jeg på Vik kommune. "
            "Fra oss kommer kulturskolerektor Kari Berg, Per Ås selv, rektor ved Vik skole "
            "Ola Li og formidler ved Sjøfartsmuseet Siv Tun.\n\nHilsen\nEli Dal\nrådgiver",
            [
                ("Kari Berg", "kulturskolerektor", "kulturskole"),
                ("Per Ås", "kommunalsjef for oppvekst", "administrasjon"),
                ("Ola Li", "rektor ved Vik skole", "skole"),
                ("Siv Tun", "formidler ved Sjøfartsmuseet", "kulturliv"),
            ],
        ),
        (
            "Hei,\n\nPå vegner av kommunalsjef for oppvekst Per Ås melder eg på Vik kommune. "
            "Frå oss kjem kulturskulerektor Kari Berg, Per Ås sjølv, rektor ved Vik skule "
            "Ola Li og formidlar ved Sjøfartsmuseet Siv Tun.\n\nHelsing\nEli Dal\nrådgjevar",
            [
                ("Kari Berg", "kulturskulerektor", "kulturskole"),
                ("Per Ås", "kommunalsjef for oppvekst", "administrasjon"),
                ("Ola Li", "rektor ved Vik skule", "skole"),
                ("Siv Tun", "formidlar ved Sjøfartsmuseet", "kulturliv"),
            ],
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_role_before_the_name_in_another_sentence_and_a_building_before_a_name_are_read(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    """The full name with a role word right before it in another sentence gives the role;
    a building's compound word glued in front of a name is the workplace, not a name."""
    assert read_people(body) == expected


@pytest.mark.parametrize(
    ("body", "sender", "expected"),
    [
        (
            "hei! vik er med vi kommer jeg som kulturskolerektor og rektor på Vik skole Per Ås "
            "og så har ordføreren sagt ja hun heter Ola Li og så tar vi med han som har "
            "ansvar for SFO Siv Tun. skrevet i farta",
            "Kari Berg",
            [
                ("Kari Berg", "kulturskolerektor", "kulturskole"),
                ("Per Ås", "rektor på Vik skole", "skole"),
                ("Ola Li", "ordføreren", "politikk"),
                ("Siv Tun", "har ansvar for SFO", "skole"),
            ],
        ),
        (
            "hei! vik er med me kjem eg som kulturskulerektor og rektor på Vik skule Per Ås "
            "og så har ordføraren sagt ja ho heiter Ola Li og så tek me med ho som har "
            "ansvar for SFO Siv Tun. skrive i farta",
            "Kari Berg",
            [
                ("Kari Berg", "kulturskulerektor", "kulturskole"),
                ("Per Ås", "rektor på Vik skule", "skole"),
                ("Ola Li", "ordføraren", "politikk"),
                ("Siv Tun", "har ansvar for SFO", "skole"),
            ],
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_run_on_sentence_of_roles_before_names_is_read(
    body: str, sender: str, expected: list[tuple[str, str, str]]
) -> None:
    """The sender's role ends before "og rektor …" that runs into the next name; a clause
    that names the person ("sagt ja ho heiter") is no part of the role before it; "han som
    har ansvar for SFO" right before a name is that person's role."""
    assert read_people(body, sender_name=sender) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei! Vik kommune melder seg på. Kari Berg (kulturskolerektor), Per Ås (rektor) og "
            "Ola Li (lærer ved Vik skole) kommer. Vår kommunalsjef for oppvekst er også med. "
            "Det er Siv Tun.\n\nHilsen Eli Dal",
            ("Siv Tun", "kommunalsjef for oppvekst", "administrasjon"),
        ),
        (
            "Hei! Vik kommune melder seg på. Kari Berg (kulturskulerektor), Per Ås (rektor) og "
            "Ola Li (lærar ved Vik skule) kjem. Ordføraren har òg sagt ja til å vere med, "
            "det er Siv Tun.\n\nHelsing Eli Dal",
            ("Siv Tun", "Ordføraren", "politikk"),
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_role_signed_up_and_then_named_is_read(body: str, expected: tuple[str, str, str]) -> None:
    """ "Vår kommunalsjef for oppvekst er med. Det er X." / "Ordføraren har sagt ja, det er
    X": the role the clause signs up is the named person's."""
    found = read_people(body)

    assert len(found) == 4
    assert found[-1] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei Torkel vik melder seg på vi blir meg (kulturskolerektor) og Per Ås som er "
            "lærer i Vik barnehage og varaordfører Ola Li og Siv Tun som er leder i Vik "
            "musikkorps og kanskje en fra helsestasjonen men det vet jeg ikke enda",
            [
                ("Kari Berg", "kulturskolerektor", "kulturskole"),
                ("Per Ås", "lærer i Vik barnehage", "barnehage"),
                ("Ola Li", "varaordfører", "politikk"),
                ("Siv Tun", "leder i Vik musikkorps", "kulturliv"),
            ],
        ),
        (
            "Hei Torkel vik meldar seg på me vert meg (kulturskulerektor) og Per Ås som er "
            "lærar i Vik barnehage og varaordførar Ola Li og Siv Tun som er leiar i Vik "
            "musikklag og kanskje ein frå helsestasjonen men det veit eg ikkje enno",
            [
                ("Kari Berg", "kulturskulerektor", "kulturskole"),
                ("Per Ås", "lærar i Vik barnehage", "barnehage"),
                ("Ola Li", "varaordførar", "politikk"),
                ("Siv Tun", "leiar i Vik musikklag", "kulturliv"),
            ],
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_relative_role_running_into_the_next_role_is_split_there(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    """ "X som er lærar i Vik barnehage og varaordførar Y": hers up to "og", his after; the
    sender first in "vi blir meg (rolle) og …"; "og kanskje …" is no part of a role."""
    assert read_people(body, sender_name="Kari Berg") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei!\n\nVi i Vik vil gjerne være med. Disse stiller: jeg selv som "
            "kulturskolerektor, så hun som leier kulturhuset, Per Ås, og rektor på Vik skole "
            "Ola Li. Ordføreren har også sagt ja til å være med, det er Siv Tun.\n\nEli",
            [
                ("Eli Dal", "kulturskolerektor", "kulturskole"),
                ("Per Ås", "leier kulturhuset", "kulturliv"),
                ("Ola Li", "rektor på Vik skole", "skole"),
                ("Siv Tun", "Ordføreren", "politikk"),
            ],
        ),
        (
            "Hei!\n\nMe i Vik vil gjerne vere med. Desse stiller: eg sjølv som "
            "kulturskulerektor, så ho som leier kulturhuset, Per Ås, og rektor på Vik skule "
            "Ola Li. Ordføraren har òg sagt ja til å vere med, det er Siv Tun.\n\nEli",
            [
                ("Eli Dal", "kulturskulerektor", "kulturskole"),
                ("Per Ås", "leier kulturhuset", "kulturliv"),
                ("Ola Li", "rektor på Vik skule", "skole"),
                ("Siv Tun", "Ordføraren", "politikk"),
            ],
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_role_told_with_a_verb_before_a_name_between_commas_is_read(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    assert read_people(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Vik melder på: Kari Berg (kulturskolerektor), Per Ås, han som har ansvar for SFO, "
        "Ola Li (ordfører) og Siv Tun (rektor).",
        "Vik melder på: Kari Berg (kulturskulerektor), Per Ås, han som har ansvar for SFO, "
        "Ola Li (ordførar) og Siv Tun (rektor).",
    ],
    ids=["nb", "nn"],
)
def test_a_role_told_with_a_verb_after_a_name_is_not_lent_to_the_next(body: str) -> None:
    found = {name: role for name, role, _ in read_people(body)}

    assert found["Per Ås"] == "har ansvar for SFO"
    assert found["Ola Li"] in ("ordfører", "ordførar")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei Torkel!\n\nVik er med, vi blir fem:\n\nKari Berg, kulturskolerektor\n"
            "Per Ås, han driver galleriet på Vik\nOla Li, rektor ved Vik skole\n"
            "Siv Tun, hun sitter i kommunestyret for Sp\nIda Moe, hun har ansvar for SFO på Vik "
            "skole\n\nHilsen Eli Dal",
            {
                "Per Ås": "driver galleriet på Vik",
                "Siv Tun": "sitter i kommunestyret",
                "Ida Moe": "har ansvar for SFO på Vik skole",
            },
        ),
        (
            "Hei Torkel!\n\nVik er med, me vert fem:\n\nKari Berg, kulturskulerektor\n"
            "Per Ås, han driv galleriet på Vik\nOla Li, rektor ved Vik skule\n"
            "Siv Tun, ho sit i kommunestyret for Sp\nIda Moe, ho har ansvar for SFO på Vik "
            "skule\n\nHelsing Eli Dal",
            {
                "Per Ås": "driv galleriet på Vik",
                "Siv Tun": "sit i kommunestyret",
                "Ida Moe": "har ansvar for SFO på Vik skule",
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_pronoun_before_a_role_told_with_a_verb_is_no_part_of_it(
    body: str, expected: dict[str, str]
) -> None:
    found = {name: role for name, role, _ in read_people(body)}

    assert len(found) == 5
    assert {name: found[name] for name in expected} == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei,\n\nFra Vik kommer:\n\n  *   jeg selv (kulturskolerektor)\n"
            "  *   vår kultursjef Per Ås\n  *   styrer i Vik barnehage, Ola Li\n"
            "  *   fra politisk side: leder i oppvekstutvalget, Siv Tun\n\nHilsen\nEli Dal",
            [
                ("Eli Dal", "kulturskolerektor", "kulturskole"),
                ("Per Ås", "kultursjef", "administrasjon"),
                ("Ola Li", "styrer i Vik barnehage", "barnehage"),
                ("Siv Tun", "leder i oppvekstutvalget", "politikk"),
            ],
        ),
        (
            "Hei,\n\nFrå Vik kjem:\n\n  *   eg sjølv (kulturskulerektor)\n"
            "  *   vår kultursjef Per Ås\n  *   styrar i Vik barnehage, Ola Li\n"
            "  *   frå politisk side: leiar i oppvekstutvalet, Siv Tun\n\nHelsing\nEli Dal",
            [
                ("Eli Dal", "kulturskulerektor", "kulturskole"),
                ("Per Ås", "kultursjef", "administrasjon"),
                ("Ola Li", "styrar i Vik barnehage", "barnehage"),
                ("Siv Tun", "leiar i oppvekstutvalet", "politikk"),
            ],
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_possessive_or_a_label_before_a_role_written_first_is_no_part_of_it(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    """ "vår kultursjef Per Ås": the role written first after "vår"; "frå politisk side:
    leiar i …, Siv Tun": the label before the colon is no part of the role."""
    assert read_people(body) == expected
