"""List lines no reader took, so that correct sign-ups were held (blind25, blind27:
unexplained_name, unread_line), each class as a general test in bokmål and nynorsk.

Small mails written for these tests (not the fixture files): a name with where the person
comes from after it and no separator ("frå oppvekst", "fra helsestasjonen", "barnehagen",
"kommunestyret"), a party in brackets after the name or the place, a person listed by first
name and named in full later in the text, a name alone between blocks of name and role, and
a name running straight into the role (read before, kept). Where the text gives the person,
the reading is sure; where a line is not a list line, nothing is read from it.
"""

from __future__ import annotations

import pytest

from tests.extraction_support import by_name, codes, reader

read = reader("eli.dal@vik.kommune.no", None)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei. Vik kommune blir med, vi er\n\nEli Dal kulturskolerektor\n"
            "Geir Lund fra oppvekst\nTone Moe fra skolen\nArvid Sæle (Krf) fra politikken\n"
            "Mona Rud fra helsestasjonen\n\nMvh Eli",
            {
                "Eli Dal": ("kulturskolerektor", "kulturskole"),
                "Geir Lund": ("fra oppvekst", "annet"),
                "Tone Moe": ("fra skolen", "skole"),
                "Arvid Sæle": ("fra politikken", "politikk"),
                "Mona Rud": ("fra helsestasjonen", "annet"),
            },
        ),
        (
            "Hei. Vik kommune blir med, me er\n\nEli Dal kulturskulerektor\n"
            "Geir Lund frå oppvekst\nTone Moe frå skulen\nArvid Sæle (Sp) frå politikken\n"
            "Mona Rud frå Vik songlag\n\nHelsing Eli",
            {
                "Eli Dal": ("kulturskulerektor", "kulturskole"),
                "Geir Lund": ("frå oppvekst", "annet"),
                "Tone Moe": ("frå skulen", "skole"),
                "Arvid Sæle": ("frå politikken", "politikk"),
                "Mona Rud": ("frå Vik songlag", "kulturliv"),
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_name_then_where_the_person_comes_from(
    body: str, expected: dict[str, tuple[str, str]]
) -> None:
    """ "Geir Lund frå oppvekst": no separator after the name, the role is the body the person
    comes from, kept as written; a party in brackets after the name is no part of either."""
    assert by_name(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "hei. vi er med!\n\neli dal kulturskolen\nPål Nes rektor barneskolen\n"
            "Siri Holt barnehagen\nOla Brun kommunestyret (V)\n\nmvh Eli",
            {
                "eli dal": ("kulturskolen", "kulturskole"),
                "Pål Nes": ("rektor barneskolen", "skole"),
                "Siri Holt": ("barnehagen", "barnehage"),
                "Ola Brun": ("kommunestyret", "politikk"),
            },
        ),
        (
            "hei. me er med!\n\neli dal kulturskulen\nPål Nes rektor barneskulen\n"
            "Siri Holt barnehagen\nOla Brun kommunestyret (Ap)\n\nhelsing Eli",
            {
                "eli dal": ("kulturskulen", "kulturskole"),
                "Pål Nes": ("rektor barneskulen", "skole"),
                "Siri Holt": ("barnehagen", "barnehage"),
                "Ola Brun": ("kommunestyret", "politikk"),
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_name_then_a_workplace_word_alone(
    body: str, expected: dict[str, tuple[str, str]]
) -> None:
    """ "Siri Holt barnehagen": one lower-case word after the name that the organisation
    words know is where the person works, as the role; a party after it is dropped."""
    found = read(body, sender_name="Eli Dal")
    assert {p.name: (p.role, p.sector) for p in found.participants} == expected
    assert "unexplained_name" not in codes(found)
    assert "unread_line" not in codes(found)


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVi blir:\n\nEli Dal, kulturskolerektor\nPer Ås, ordfører\n"
        "+ en fra barnehagen om vi får det til\n\nHilsen Eli Dal fra Vik",
        "Hei!\n\nMe blir:\n\nEli Dal, kulturskulerektor\nPer Ås, ordførar\n"
        "+ ein frå barnehagen om vi får det til\n\nHelsing Eli Dal frå Vik",
    ],
    ids=["nb", "nn"],
)
def test_no_name_no_place_role(body: str) -> None:
    """A wish for someone from a body, and a greeting with the place of the sender, are no
    list lines of a person."""
    assert set(by_name(body)) == {"Eli Dal", "Per Ås"}


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Hei,\n\nVik kommune blir gjerne med. Gruppa er:\n\n- Siri, kulturskolerektor\n"
            "- Per Ås, ordfører\n- Tor Lie, rektor ved Nes skole\n\n"
            "Kontaktperson er Siri Fjeld (siri.fjeld@vik.kommune.no).\n\nHilsen Eli Dal",
            "kulturskolerektor",
        ),
        (
            "Hei,\n\nVik kommune vil gjerne vere med. Gruppa er:\n\n- Siri, kulturskulerektor\n"
            "- Per Ås, ordførar\n- Tor Lie, rektor ved Nes skule\n\n"
            "Kontaktperson er Siri Fjeld (tlf. 900 00 000).\n\nHelsing Eli Dal",
            "kulturskulerektor",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_first_name_in_the_list_named_in_full_later(body: str, role: str) -> None:
    """ "- Siri, kulturskulerektor" and later "Kontaktperson er Siri Fjeld": the one person
    of the text with that first name, read with the list line's role."""
    found = by_name(body)
    assert found["Siri Fjeld"] == (role, "kulturskole")
    assert len(found) == 3


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nVi blir:\n\n- Siri, kulturskolerektor\n- Per Ås, ordfører\n\n"
        "Siri Fjeld og Siri Holm vet mer.\n\nHilsen Eli Dal",
        "Hei!\n\nMe blir:\n\n- Siri, kulturskulerektor\n- Per Ås, ordførar\n\n"
        "Siri Fjeld og Siri Holm veit meir.\n\nHelsing Eli Dal",
    ],
    ids=["nb", "nn"],
)
def test_a_first_name_two_full_names_share_is_not_guessed(body: str) -> None:
    """Two full names begin with the first name of the list line: which one is meant is not
    guessed."""
    found = read(body, sender_name="Eli Dal")
    assert not {"Siri Fjeld", "Siri Holm"} & {p.name for p in found.participants}


@pytest.mark.parametrize(
    "body",
    [
        "Hei\n\nVik kommune vil gjerne være med.\n\nEli Dal\nkulturskolerektor\n\n"
        "Per Ås\nkommunalsjef for oppvekst\n\nSiv Tun\n\nOla Li\nleder i Vik skolekorps\n\n"
        "Hilsen\nEli Dal",
        "Hei\n\nVik kommune vil gjerne vere med.\n\nEli Dal\nkulturskulerektor\n\n"
        "Per Ås\nkommunalsjef for oppvekst\n\nSiv Tun\n\nOla Li\nleiar i Vik skulekorps\n\n"
        "Helsing\nEli Dal",
    ],
    ids=["nb", "nn"],
)
def test_a_name_alone_between_blocks_of_name_and_role(body: str) -> None:
    """ "Siv Tun" alone between two blocks of a name and its role: a person of the list whose
    role the sender left out (read without one, so the reply asks for it)."""
    found = read(body, sender_name="Eli Dal")
    assert {p.name: p.role for p in found.participants}["Siv Tun"] is None
    assert "unexplained_name" not in codes(found)
    assert len(found.participants) == 4


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei! Sendt fra mobilen. Vik melder på:\n\nEli Dal kulturskolerektor (meg)\n"
            "Per Ås, rektor på Nes skole\nSiv Tun (Sp) leder i utvalg for oppvekst\n\nMvh Eli",
            {
                "Eli Dal": ("kulturskolerektor", "kulturskole"),
                "Per Ås": ("rektor på Nes skole", "skole"),
                "Siv Tun": ("leder i utvalg for oppvekst", "politikk"),
            },
        ),
        (
            "Hei! Sendt frå mobilen. Vik melder på:\n\nEli Dal kulturskulerektor (eg)\n"
            "Per Ås, rektor på Nes skule\nSiv Tun (Ap) leiar i utval for oppvekst\n\nHelsing Eli",
            {
                "Eli Dal": ("kulturskulerektor", "kulturskole"),
                "Per Ås": ("rektor på Nes skule", "skole"),
                "Siv Tun": ("leiar i utval for oppvekst", "politikk"),
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_name_running_into_its_role_is_kept(
    body: str, expected: dict[str, tuple[str, str]]
) -> None:
    """ "Eli Dal kulturskolerektor (meg)": no comma between name and role, read before and
    still read, beside the new readers."""
    assert by_name(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei. Vik kommune melder på fire. Det er Eli Dal (kulturskolerektor), Per Ås "
            "(kommunalsjef for oppvekst), Siv Tun (styrer i Nes barnehage) og Ola Li (leder i "
            "Vik skolekorps).\n\nHilsen Eli",
            {
                "Eli Dal": ("kulturskolerektor", "kulturskole"),
                "Per Ås": ("kommunalsjef for oppvekst", "administrasjon"),
                "Siv Tun": ("styrer i Nes barnehage", "barnehage"),
                "Ola Li": ("leder i Vik skolekorps", "kulturliv"),
            },
        ),
        (
            "Hei. Vik kommune melder på fire. Det er Eli Dal (kulturskulerektor), Per Ås "
            "(kommunalsjef for oppvekst), Siv Tun (styrar i Nes barnehage) og Ola Li (leiar i "
            "Vik skulekorps).\n\nHelsing Eli",
            {
                "Eli Dal": ("kulturskulerektor", "kulturskole"),
                "Per Ås": ("kommunalsjef for oppvekst", "administrasjon"),
                "Siv Tun": ("styrar i Nes barnehage", "barnehage"),
                "Ola Li": ("leiar i Vik skulekorps", "kulturliv"),
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_several_names_on_one_line_after_det_er(
    body: str, expected: dict[str, tuple[str, str]]
) -> None:
    """ "Vik melder på fire. Det er A (rolle), B (rolle) og C (rolle).": the lead names the
    persons of the sign-up before it; it is no sentence of its own."""
    assert by_name(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei!\nVik blir gjerne med. Foreløpig er vi Eli Dal (kulturskolerektor), Per Ås, "
            "rektor på Nes barneskole og Siv Tun, leder i Vik ungdomsråd.\n\nHilsen Eli",
            {
                "Eli Dal": ("kulturskolerektor", "kulturskole"),
                "Per Ås": ("rektor på Nes barneskole", "skole"),
                "Siv Tun": ("leder i Vik ungdomsråd", "kulturliv"),
            },
        ),
        (
            "Hei!\nVik vil gjerne vere med. Førebels er vi Eli Dal (kulturskulerektor), Per Ås, "
            "rektor på Nes barneskule og Siv Tun, leiar i Vik ungdomsråd.\n\nHelsing Eli",
            {
                "Eli Dal": ("kulturskulerektor", "kulturskole"),
                "Per Ås": ("rektor på Nes barneskule", "skole"),
                "Siv Tun": ("leiar i Vik ungdomsråd", "kulturliv"),
            },
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_role_before_og_and_the_next_name_is_the_one_before(
    body: str, expected: dict[str, tuple[str, str]]
) -> None:
    """ "Per Ås, rektor på Nes skule og Siv Tun, leiar …": the role runs up to "og" and the
    next name; it is Per Ås's, whole."""
    assert by_name(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Hei. Vi er med. Det er Per Ås som har spurt meg, og Siv Tun vet mer.\n\nHilsen Eli",
        "Hei. Me er med. Det er Per Ås som har spurt meg, og Siv Tun veit meir.\n\nHelsing Eli",
    ],
    ids=["nb", "nn"],
)
def test_det_er_before_a_sentence_of_its_own_lists_nobody(body: str) -> None:
    """ "Det er Per Ås som har spurt meg …": a verb of its own, no list of persons."""
    found = read(body, sender_name="Eli Dal")
    assert not {"Per Ås", "Siv Tun"} & {p.name for p in found.participants}


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Hei igjen,\n\nJeg glemte å rette en ting på Siv Tun. Hun er styrer i Nes "
            "barnehage, ikke barnehagelærer. Resten står som før.\n\nHilsen Eli",
            "styrer i Nes barnehage",
        ),
        (
            "Hei att,\n\nEg gløymde å rette ein ting på Siv Tun. Ho er styrar i Nes "
            "barnehage, ikkje barnehagelærar. Resten står som før.\n\nHelsing Eli",
            "styrar i Nes barnehage",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_role_set_against_the_one_written_before_by_pronoun(body: str, role: str) -> None:
    """ "… på Siv Tun. Ho er styrar i Nes barnehage, ikkje barnehagelærar.": the pronoun is
    the person named before, the role before "ikkje" the corrected one."""
    found = read(body, sender_name="Eli Dal")
    assert {p.name: p.role for p in found.participants} == {"Siv Tun": role}
    assert "unexplained_name" not in codes(found)


@pytest.mark.parametrize(
    ("body", "number"),
    [
        (
            "Hei! Her er påmeldingen fra kulturskolen i Herøy. Vi er\nEli Dal (kulturskolerektor)\n"
            "Per Ås rektor Nes skole\nSiv Tun kommunestyret (H)\n\nEli\nHerøy kulturskole, "
            "Fosnavåg",
            "1515",
        ),
        (
            "Hei! Her er påmeldinga frå kulturskulen i Herøy. Me er\nEli Dal (kulturskulerektor)\n"
            "Per Ås rektor Nes skule\nSiv Tun kommunestyret (Sp)\n\nEli\nHerøy kulturskule, "
            "Silvalen",
            "1818",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_shared_municipality_name_told_apart_by_its_centre(body: str, number: str) -> None:
    """ "Herøy kulturskule, Fosnavåg" from a private address: the centre of one of the two
    Herøy tells them apart, as the county would; the list read whole."""
    found = read(body, sender="eli.dal@gmail.com", sender_name="Eli Dal")
    assert found.municipality is not None and found.municipality.number == number
    assert found.sure, found.doubts
    assert len(found.participants) == 3
