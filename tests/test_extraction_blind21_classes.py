"""People and roles in the human voice that the readers missed and the checks held (blind21:
role_unread, unexplained_name, stated_count), each class as a general test in bokmål and
nynorsk.

Small mails written for these tests (not the fixture files): a pronoun alone before what the
person does, a possessive before a role, a role after "og" that is the next person's, one
person from a body written before the name, a nickname with the full name in brackets, "ho
som …" before a name in prose, a role told in a sentence that names the person at its end,
"vi blir meg (rolle)", and the sender added under a list with the role in the signature.
Where the text gives the role, it is read and the reading is sure. (Prose roles are also
tested in test_extraction_roles_in_prose.py; these are the same classes in other words.)
"""

from __future__ import annotations

import pytest

from tests.extraction_support import by_name, codes, reader

read = reader("eli.dal@vik.kommune.no", None)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei!\n\nVik er med. Vi blir:\n\nEli Dal, kulturskolerektor\n"
            "Per Ås, rektor ved Vik skole\nSiv Tun, hun sitter i kommunestyret for Ap\n"
            "Ola Li, han leder Vik bibliotek\n\nHilsen Eli",
            {"Siv Tun": ("sitter i kommunestyret", "politikk")},
        ),
        (
            "Hei!\n\nVik er med. Me blir:\n\nEli Dal, kulturskulerektor\n"
            "Per Ås, rektor ved Vik skule\nSiv Tun, ho sit i kommunestyret for Sp\n"
            "Ola Li, han driv galleriet på Nes\n\nHelsing Eli",
            {
                "Siv Tun": ("sit i kommunestyret", "politikk"),
                "Ola Li": ("driv galleriet på Nes", "kulturliv"),
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_pronoun_alone_before_what_the_person_does(
    body: str, expected: dict[str, tuple[str, str]]
) -> None:
    """ "Siv Tun, ho sit i kommunestyret": the pronoun opens what the person does, as "ho som"
    would; the party at the end is no part of the role."""
    found = by_name(body)

    assert {name: found[name] for name in expected} == expected
    assert len(found) == 4


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei!\n\nFra Vik kommer:\n\n  *   jeg selv (kulturskolerektor)\n"
            "  *   vår kultursjef Kari Nilsen Berg\n  *   styrer i Nes barnehage, Per Ås\n"
            "  *   min nestleder Ola Li\n\nHilsen Eli",
            {
                "Kari Nilsen Berg": ("kultursjef", "administrasjon"),
                "Ola Li": ("nestleder", "annet"),
            },
        ),
        (
            "Hei!\n\nFrå Vik kjem:\n\n  *   eg sjølv (kulturskulerektor)\n"
            "  *   vår kultursjef Kari Nilsen Berg\n  *   styrar i Nes barnehage, Per Ås\n"
            "  *   vår rektor Ola Li\n\nHelsing Eli",
            {
                "Kari Nilsen Berg": ("kultursjef", "administrasjon"),
                "Ola Li": ("rektor", "skole"),
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_possessive_before_a_role_is_no_part_of_it(
    body: str, expected: dict[str, tuple[str, str]]
) -> None:
    """ "vår kultursjef Kari Berg": the role first, the name after it, the possessive
    dropped."""
    found = by_name(body)

    assert {name: found[name][0] for name in expected} == {n: r for n, (r, _) in expected.items()}
    assert len(found) == 4


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei Torkel vik melder seg på vi blir meg (kulturskolerektor) og Siv Tun som er "
            "lærer på Vik skole og varaordfører Ola Li og Per Ås som er leder i Vik musikklag "
            "og kanskje en til men det vet jeg ikke\n\nmvh Eli",
            {
                "Eli Dal": "kulturskolerektor",
                "Siv Tun": "lærer på Vik skole",
                "Ola Li": "varaordfører",
                "Per Ås": "leder i Vik musikklag",
            },
        ),
        (
            "Hei\n\nVik vil vere med, og dei som kjem er Kari Berg (kulturskulerektor), Per Ås "
            "som er rektor ved Vik skule, Siv Tun som er barnehagelærar i Nes barnehage og "
            "ordføraren Ola Li.\n\nHelsing Eli",
            {
                "Kari Berg": "kulturskulerektor",
                "Per Ås": "rektor ved Vik skule",
                "Siv Tun": "barnehagelærar i Nes barnehage",
                "Ola Li": "ordføraren",
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_role_after_og_before_the_next_name_is_that_names(
    body: str, expected: dict[str, str]
) -> None:
    """ "Siv Tun som er lærar ved Vik skule og ordføraren Ola Li": the role after "og" runs
    into the next name and is his; what "som er" leads before it is hers. "vi blir meg
    (rolle)" signs the writer up, and "og kanskje en til" is no part of a role."""
    found = by_name(body)

    assert {name: role for name, (role, _) in found.items()} == expected


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        (
            "Hei,\n\nVik er med. Vi er:\n\nmeg selv, kulturskolerektor\n"
            "rektor på Vik skole, Inger Dal\nhun som leder biblioteket, Siv Tun\n"
            "og så en fra ungdomsrådet, Ola Li, som går i tiende klasse og er ivrig\n\nHilsen Eli",
            "Ola Li",
            "fra ungdomsrådet",
        ),
        (
            "Hei,\n\nVik er med. Me er:\n\nmeg sjølv, kulturskulerektor\n"
            "rektor på Vik skule, Inger Dal\nho som leiar biblioteket, Siv Tun\n"
            "ein frå ungdomsrådet, Ola Li\n\nHelsing Eli",
            "Ola Li",
            "frå ungdomsrådet",
        ),
    ],
    ids=["nb", "nn"],
)
def test_one_from_a_body_before_the_name(body: str, name: str, role: str) -> None:
    """ "ein frå ungdomsrådet, Ola Li": the body the person comes from is the role; an aside
    after the name with no role word in it (", som er 17 år") changes nothing."""
    found = by_name(body)

    assert found[name] == (role, "kulturliv")
    assert len(found) == 4


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVik er med:\n\nEli Dal (meg) – kulturskolelærer\n"
        "Pelle (Per Olav Ås) – leder i Vik skolekorps\nKari Berg – lærer på Vik skole\n"
        "Ola Li – varaordfører\n\nHilsen Eli",
        "Hei!\n\nVik er med:\n\nEli Dal (meg) – kulturskulelærar\n"
        "Pelle (Per Olav Ås) – leiar i Vik skulekorps\nKari Berg – lærar på Vik skule\n"
        "Ola Li – varaordførar\n\nHelsing Eli",
    ],
    ids=["nb", "nn"],
)
def test_a_nickname_before_the_full_name_in_brackets(body: str) -> None:
    """ "Pelle (Per Olav Ås) – leiar …": the person is called by a nickname, the full name in
    brackets is the participant's; a role word before a bracketed name is no nickname."""
    found = by_name(body)

    assert "Per Olav Ås" in found
    assert found["Per Olav Ås"][1] == "kulturliv"
    assert len(found) == 4


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei!\n\nVi i Vik vil gjerne være med. Disse stiller: jeg selv som "
            "kulturskolerektor, så hun som leier biblioteket, Kari Berg, og rektor på Vik skole "
            "Ola Li. Varaordføreren har også sagt ja til å være med, det er Per Ås.\n\n"
            "Hilsen\nEli Dal",
            {
                "Eli Dal": "kulturskolerektor",
                "Kari Berg": "leier biblioteket",
                "Ola Li": "rektor på Vik skole",
                "Per Ås": "Varaordføreren",
            },
        ),
        (
            "Hei!\n\nMe i Vik vil gjerne vera med. Desse stiller: eg sjølv som "
            "kulturskulerektor, så han som har ansvar for SFO på Nes skule, Kari Berg, og "
            "rektor på Vik skule Ola Li. Ordføraren har òg sagt ja til å vera med, det er "
            "Per Ås.\n\nHelsing\nEli Dal",
            {
                "Eli Dal": "kulturskulerektor",
                "Kari Berg": "har ansvar for SFO på Nes skule",
                "Ola Li": "rektor på Vik skule",
                "Per Ås": "Ordføraren",
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_roles_told_before_the_name_in_prose(body: str, expected: dict[str, str]) -> None:
    """ "så ho som leier biblioteket, Kari Berg": "ho som" tells what the next person does;
    "Ordføraren har òg sagt ja …, det er Per Ås": the role opens the sentence, the name
    closes it."""
    found = by_name(body)

    assert {name: role for name, (role, _) in found.items()} == expected


@pytest.mark.parametrize(
    ("body", "signature"),
    [
        (
            "Hei Torkel,\n\nVi i Vik vil gjerne være med. Jeg har fått med meg disse:\n\n"
            "Kari Berg, hun som leder biblioteket på Nes\n"
            "Per Ås, han som har ansvar for SFO på Vik skole\nOla Li, varaordfører\n\n"
            "pluss meg selv selvfølgelig.\n\nVennlig hilsen\nEli Dal\n",
            "rektor, Vik kulturskole\n",
        ),
        (
            "Hei Torkel,\n\nMe i Vik vil gjerne vera med. Eg har fått med meg desse:\n\n"
            "Kari Berg, ho som leiar biblioteket på Nes\n"
            "Per Ås, han som har ansvar for SFO på Vik skule\nOla Li, varaordførar\n\n"
            "og meg sjølv, sjølvsagt.\n\nHelsing\nEli Dal\n",
            "rektor, Vik kulturskule\n",
        ),
    ],
    ids=["nb", "nn"],
)
def test_the_sender_added_under_a_list_takes_the_signatures_role(body: str, signature: str) -> None:
    """ "pluss meg selv selvfølgelig." under a list: the sender is signed up with the role the
    signature gives ("rektor, Vik kulturskule": the workplace after the comma is no part of
    it); with no role in the signature the sender's role is unknown, and a person decides."""
    found = by_name(body + signature)

    assert found["Eli Dal"] == ("rektor", "kulturskole")
    assert len(found) == 4
    assert "self_not_read" in codes(read(body, sender_name="Eli Dal"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "hei torkel! vik er med vi kommer jeg som kulturskolerektor og rektor på Nes skole "
            "Kari Dal og så har ordføreren sagt ja hun heter Eva Bø og så tar vi med han som har "
            "ansvar for SFO Per-Ola Li. håper det går fint\nEli\n",
            {
                "Eli Dal": ("kulturskolerektor", "kulturskole"),
                "Kari Dal": ("rektor på Nes skole", "skole"),
                "Eva Bø": ("ordføreren", "politikk"),
                "Per-Ola Li": ("har ansvar for SFO", "skole"),
            },
        ),
        (
            "hei torkel! vik er med me kjem eg som kulturskulerektor og rektor på Nes skule "
            "Kari Dal og så har ordføraren sagt ja ho heiter Eva Bø og så tek me med han som har "
            "ansvar for SFO Per-Ola Li. håpar det går fint\nEli\n",
            {
                "Eli Dal": ("kulturskulerektor", "kulturskole"),
                "Kari Dal": ("rektor på Nes skule", "skole"),
                "Eva Bø": ("ordføraren", "politikk"),
                "Per-Ola Li": ("har ansvar for SFO", "skole"),
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_roles_told_in_one_run_on_sentence(body: str, expected: dict[str, tuple[str, str]]) -> None:
    """One run-on sentence from a phone: the writer's role ends where "og rektor …" runs into
    the next name; "ordføraren sagt ja ho heiter Eva Bø" tells the role, then the name; "han
    som har ansvar for SFO Per-Ola Li" describes the next person with no comma."""
    assert by_name(body) == expected
