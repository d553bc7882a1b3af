"""Reader and sector classes of blind22 and blind23, each as a general test in bokmål and
nynorsk: names and roles written as two lists "i samme rekkefølge"; first names listed and the
full names told with their roles after; the group so far ("Foreløpig har vi …") under a
signature with no closing formula; a role with its workplace followed by "og" and the next
person; and the sector a workplace gives a role.

Small mails written for these tests (not the fixture files).
"""

from __future__ import annotations

import pytest

from parsers.nlp.in_order import people_by_first_name
from parsers.nlp.sectors import classify_sector
from tests.extraction_support import FROM_GUARDED, NOT_FROM_GUARDED, people, reader

read = reader("eli.dal@vik.kommune.no", None)


def read_sure(body: str) -> list[tuple[str, str | None, str]]:
    ex = read(body, sender_name="Eli Dal")
    assert ex.sure, ex.doubts
    return people(ex)


# --- names, then roles in the same order ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei,\n\nDeltakere fra Vik kommune: Kari Berg, Per Ås, Siv Tun og Ola Li.\n\n"
            "Roller i samme rekkefølge: kulturskolerektor, ordfører, leder av ungdomsrådet "
            "og rektor ved Nes skole.\n\nHilsen\nEli Dal",
            [
                ("Kari Berg", "kulturskolerektor", "kulturskole"),
                ("Per Ås", "ordfører", "politikk"),
                ("Siv Tun", "leder av ungdomsrådet", "kulturliv"),
                ("Ola Li", "rektor ved Nes skole", "skole"),
            ],
        ),
        (
            "Hei,\n\nDeltakarar frå Vik kommune: Kari Berg, Per Ås, Siv Tun og Ola Li.\n\n"
            "Rollene i same rekkjefølgje: kulturskulerektor, ordførar, leiar i ungdomsrådet "
            "og rektor ved Nes skule.\n\nHelsing\nEli Dal",
            [
                ("Kari Berg", "kulturskulerektor", "kulturskole"),
                ("Per Ås", "ordførar", "politikk"),
                ("Siv Tun", "leiar i ungdomsrådet", "kulturliv"),
                ("Ola Li", "rektor ved Nes skule", "skole"),
            ],
        ),
    ],
    ids=["nb", "nn"],
)
def test_names_and_roles_in_the_same_order_are_paired(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    assert read_sure(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Deltakere: Kari Berg, Per Ås, Siv Tun og Ola Li.\n\n"
        "Roller i samme rekkefølge: kulturskolerektor, ordfører og rektor ved Nes skole.\n",
        "Deltakarar: Kari Berg, Per Ås, Siv Tun og Ola Li.\n\n"
        "Roller i same rekkjefølgje: kulturskulerektor, ordførar og rektor ved Nes skule.\n",
    ],
    ids=["nb", "nn"],
)
def test_lists_of_different_lengths_are_not_paired_and_the_reading_is_held(body: str) -> None:
    ex = read(body, sender_name="Eli Dal")

    assert not ex.sure
    assert all(role is None for _, role, _ in people(ex))


# --- first names listed, full names told ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Vik kommune vil gjerne være med. Vi blir fire: Kari, Per, Siv og Ola.\n\n"
            "Kari Berg er kulturskolerektor. Per Ås er rådgiver for kultur i kommunen. "
            "Siv Tun er styrer i Lia barnehage, og Ola Li er daglig leder i Vik kulturhus.\n\n"
            "Hilsen Eli",
            [
                ("Kari Berg", "kulturskolerektor", "kulturskole"),
                ("Per Ås", "rådgiver for kultur i kommunen", "administrasjon"),
                ("Siv Tun", "styrer i Lia barnehage", "barnehage"),
                ("Ola Li", "daglig leder i Vik kulturhus", "kulturliv"),
            ],
        ),
        (
            "Vik kommune vil gjerne vere med. Me blir fire: Kari, Per, Siv og Ola.\n\n"
            "Kari Berg er kulturskulerektor. Per Ås er rådgjevar for kultur i kommunen. "
            "Siv Tun er styrar i Lia barnehage, og Ola Li er dagleg leiar i Vik kulturhus.\n\n"
            "Helsing Eli",
            [
                ("Kari Berg", "kulturskulerektor", "kulturskole"),
                ("Per Ås", "rådgjevar for kultur i kommunen", "administrasjon"),
                ("Siv Tun", "styrar i Lia barnehage", "barnehage"),
                ("Ola Li", "dagleg leiar i Vik kulturhus", "kulturliv"),
            ],
        ),
    ],
    ids=["nb", "nn"],
)
def test_first_names_listed_are_read_where_their_full_names_are_told(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    assert read_sure(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Vik vil gjerne være med. Vi blir tre: Kari, Per og Siv.\n\n"
        "Kari Berg er kulturskolerektor. Per Ås er ordfører.\n",
        "Vik vil gjerne vere med. Me blir tre: Kari, Per og Siv.\n\n"
        "Kari Berg er kulturskulerektor. Per Ås er ordførar.\n",
    ],
    ids=["nb", "nn"],
)
def test_a_first_name_never_told_leaves_the_list_unread(body: str) -> None:
    assert people_by_first_name(body) == []


# --- the group so far, and a signature with no closing formula ----------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei. Vik vil gjerne være med. Foreløpig har vi Kari Berg (kulturskolerektor) og "
            "Per Ås (rektor på Nes skole). Vi prøver å få med en fra kommunestyret.\n\n"
            "Eli Dal\nkultursjef Vik\n\nSendt fra min iPhone",
            [
                ("Kari Berg", "kulturskolerektor", "kulturskole"),
                ("Per Ås", "rektor på Nes skole", "skole"),
            ],
        ),
        (
            "Hei. Vik vil gjerne vere med. Førebels har vi Kari Berg (kulturskulerektor) og "
            "Per Ås (rektor på Nes skule). Vi prøver å få med ein frå kommunestyret.\n\n"
            "Eli Dal\nkultursjef Vik\n\nSendt frå min iPhone",
            [
                ("Kari Berg", "kulturskulerektor", "kulturskole"),
                ("Per Ås", "rektor på Nes skule", "skole"),
            ],
        ),
    ],
    ids=["nb", "nn"],
)
def test_the_group_so_far_is_read_and_the_signature_above_a_device_line_is_no_one(
    body: str, expected: list[tuple[str, str, str]]
) -> None:
    assert read_sure(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Fra oss kommer:\n\nKari Berg\nrektor\n\nEli Dal\nkultursjef\n\nSendt fra min iPhone",
        "Frå oss kjem:\n\nKari Berg\nrektor\n\nEli Dal\nkultursjef\n\nSendt frå min iPhone",
        "Vi er to:\n\nEli Dal\nkultursjef\n\nKari Berg\nrektor\n\nSendt fra min iPhone",
        "Vi er to:\n\nEli Dal\nkultursjef\n\nKari Berg\nrektor\n\nSendt frå min iPhone",
    ],
    ids=["nb-last", "nn-last", "nb-first", "nn-first"],
)
def test_the_sender_in_a_list_of_names_above_a_device_line_stays_a_participant(
    body: str,
) -> None:
    assert ("Eli Dal", "kultursjef") in [
        (n, r) for n, r, _ in people(read(body, sender_name="Eli Dal"))
    ]


# --- a role with its workplace, then "og" and the next person -----------------------------


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Fra oss kommer Per Ås som er ordfører, Kari Berg som er styrer i Nes barnehage og "
            "Ola Li som er leder i Nes skolekorps.",
            "styrer i Nes barnehage",
        ),
        (
            "Frå oss kjem Per Ås som er ordførar, Kari Berg som er styrar i Nes barnehage og "
            "Ola Li som er leiar i Nes skulekorps.",
            "styrar i Nes barnehage",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_role_with_its_workplace_before_og_and_the_next_name_is_read(
    body: str, role: str
) -> None:
    found = {name: (r, sector) for name, r, sector in read_sure(body)}

    assert found["Kari Berg"] == (role, "barnehage")
    assert found["Ola Li"][1] == "kulturliv"


# --- sectors by workplace -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "context", "sector"),
    [
        # the head of one named workplace works there; of several, or of an area, not
        ("enhetsleder Dal ungdomsskole", "", "skole"),
        ("einingsleiar for Lia barnehage", "", "barnehage"),
        ("Enhetsleder Vik bibliotek", "", "kulturliv"),
        ("Seksjonssjef", "Vik Offentlige Bibliotek", "kulturliv"),
        ("einingsleiar for Vik barnehagar", "", "administrasjon"),
        ("enhetsleder for barnehagene", "", "administrasjon"),
        ("Enhetsleder PPT", "", "administrasjon"),
        ("enhetsleder Kultur og idrett", "", "administrasjon"),
        # a leader of areas of the municipality, and of a field
        ("leder for oppvekst og kultur", "", "administrasjon"),
        ("leiar for oppvekst og kultur", "", "administrasjon"),
        ("fagleder barnehage", "", "administrasjon"),
        ("fagleiar for skule", "", "administrasjon"),
        # two hats: the first as written
        ("rektor ved Dal barne- og ungdomsskole og kommunestyremedlem", "", "skole"),
        ("styrar i Lia barnehage og leiar i Vik skulekorps", "", "barnehage"),
        ("kommunestyremedlem og leder i Vik skolekorps", "", "politikk"),
        # an organisation word in a workplace's name ("Tunet", "Scenen")
        ("styrer i Tunet barnehage", "", "barnehage"),
        ("styrar i Tunet barnehage", "", "barnehage"),
        # the council by its abbreviation; the county, a parents' council, refugee services
        ("KST-medlem", "", "politikk"),
        ("kst.medlem", "", "politikk"),
        ("rådgiver i Agder fylkeskommune", "", "annet"),
        ("rådgjevar i Vestland fylkeskommune", "", "annet"),
        ("Leder", "FAU, Dal skole", "annet"),
        ("Leiar", "FAU, Dal skule", "annet"),
        ("flyktningkonsulent i innvandrertjenesten", "", "annet"),
        ("flyktningkonsulent i innvandrartenesta", "", "annet"),
        # an English title of the arts, and clubs of music and coastal culture
        ("artistic director i Vik Barokk", "", "kulturliv"),
        ("leder i Vik trekkspillklubb", "", "kulturliv"),
        ("leiar i Vik trekkspelklubb", "", "kulturliv"),
        ("leder i Vik kystlag", "", "kulturliv"),
        ("styreleiar i Vik bluesklubb", "", "kulturliv"),
    ],
)
def test_a_workplace_gives_the_sector(role: str, context: str, sector: str) -> None:
    assert classify_sector(role, context=context, **NOT_FROM_GUARDED) == sector  # type: ignore[arg-type]
    assert classify_sector(role, context=context, **FROM_GUARDED) == sector  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "body",
    [
        "Navn\tRolle\tSted\nKari Berg\trektor\tDal skole\nPer Ås\tmedlem\tVik ungdomsråd\n",
        "Namn\tRolle\tStad\nKari Berg\trektor\tDal skule\nPer Ås\tmedlem\tVik ungdomsråd\n",
    ],
    ids=["nb", "nn"],
)
def test_a_place_column_named_sted_gives_the_sector(body: str) -> None:
    ex = read(body, sender_name="Eli Dal")

    assert [(n, s) for n, _, s in people(ex)] == [("Kari Berg", "skole"), ("Per Ås", "kulturliv")]
