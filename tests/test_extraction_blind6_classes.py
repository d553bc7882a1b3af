"""Hand-written mails for the failure classes blind6 showed (own wording, not copies).

Bokmål and nynorsk: a one-line comma list of "Name role" items with no separator between name
and role; a role-first list line whose role ends in an institution's name ("Lærer ved Bakken
skole Nina Ruud"); "har ikke anledning" / "har ikkje høve" / "får ikke anledning" as a removal;
"trekker (derfor) påmeldingen (vår)" as a withdrawal of the whole registration.
"""

from __future__ import annotations

import pytest

from parsers.nlp.changes import removed_names
from parsers.nlp.kind import says_withdrawal
from parsers.nlp.line_groups import parse_role_first
from tests.extraction_support import DEV_INVITATION, own_reply, people, reader

read = reader("post@aurskog-holand.kommune.no", DEV_INVITATION)

# --- 1. a comma list of "Name role" items ---------------------------------------------------


def test_nb_comma_list_of_name_then_role_items() -> None:
    ex = read(
        "Hei. Nordre Land er med. Åse Lindstad kulturskolerektor, Terje Bakken kommunalsjef "
        "oppvekst, Hilde Sveen rektor Torpa skole, Per Arne Dokken leder i Dokka "
        "skolekorps. Skriver fra mobilen.\n\nÅse\n",
        sender="ase.lindstad@nordre-land.kommune.no",
    )
    assert [(p[0], p[1]) for p in people(ex)] == [
        ("Åse Lindstad", "kulturskolerektor"),
        ("Terje Bakken", "kommunalsjef oppvekst"),
        ("Hilde Sveen", "rektor Torpa skole"),
        ("Per Arne Dokken", "leder i Dokka skolekorps"),
    ]


def test_nn_comma_list_of_name_then_role_items() -> None:
    ex = read(
        "Hei. Vi er med frå Kvinnherad. Brita Hovland kulturskulerektor, Olav Ænes "
        "einingsleiar barnehage, Synnøve Tveit rektor Rosendal skule, Lars Vik leiar i "
        "Husnes skulekorps.\n\nBrita\n",
        sender="brita.hovland@kvinnherad.kommune.no",
    )
    assert [(p[0], p[1]) for p in people(ex)] == [
        ("Brita Hovland", "kulturskulerektor"),
        ("Olav Ænes", "einingsleiar barnehage"),
        ("Synnøve Tveit", "rektor Rosendal skule"),
        ("Lars Vik", "leiar i Husnes skulekorps"),
    ]


def test_role_before_name_with_comma_still_belongs_to_the_next_name() -> None:
    ex = read(
        "Hei,\n\nFrå oss kjem kultursjef Berit Fosse, lærar ved Nes skule, Jon Dal.\n\n"
        "Helsing Berit\n"
    )
    assert ("Berit Fosse", "kultursjef") in [(p[0], p[1]) for p in people(ex)]


# --- 2. role first, ending in an institution's name, then the name ---------------------------


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Nina Ruud", "Lærer ved Bakken skole"),
        ("Ola Strand", "Rektor på Lia barnehage"),
        ("Siri Haugen", "Lærar ved Øvre Vang ungdomsskule"),
        ("Kjell Are Moe", "Styrar i Solbakken barnehage"),
    ],
)
def test_role_first_line_with_an_institution_then_the_name(name: str, role: str) -> None:
    got = parse_role_first(f"{role} {name}")
    assert got is not None and (got[0], got[1]) == (name, role)


def test_school_name_without_closing_word_is_not_read_as_a_role() -> None:
    # No institution word closes the capitalised words: they may be part of the name.
    assert parse_role_first("Rektor ved Granli Ola Berg") is None


def test_nb_bulleted_role_first_list_with_a_school() -> None:
    ex = read(
        "Hei\n\nGran kommune melder på disse:\n\n"
        "  *   Kulturskolerektor Eva Lie\n  *   Lærer ved Brandbu ungdomsskole Tor Hagen\n"
        "  *   Kommunalsjef Anne Moen\n  *   Varaordfører Kjell Tangen\n\nHilsen Eva\n",
        sender="eva.lie@gran.kommune.no",
    )
    assert [p[0] for p in people(ex)] == ["Eva Lie", "Tor Hagen", "Anne Moen", "Kjell Tangen"]
    assert ("Tor Hagen", "Lærer ved Brandbu ungdomsskole") in [(p[0], p[1]) for p in people(ex)]


def test_nn_bulleted_role_first_list_with_a_school() -> None:
    ex = read(
        "Hei\n\nLuster kommune melder på desse:\n\n"
        "  *   Kulturskulerektor Ragna Bøe\n  *   Rektor ved Gaupne skule Arne Nes\n"
        "  *   Ordførar Olav Hauge\n  *   Leiar i ungdomsrådet Marte Loen\n\nHelsing Ragna\n",
        sender="ragna.boe@luster.kommune.no",
    )
    assert [p[0] for p in people(ex)] == ["Ragna Bøe", "Arne Nes", "Olav Hauge", "Marte Loen"]


# --- 3. "har ikke anledning" as a removal ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Kari Holm har ikke anledning likevel.",
        "Kari Holm har dessverre ikke anledning 4. juni.",
        "Kari Holm får ikke anledning til å delta.",
        "Kari Holm har ikkje høve.",
        "Kari Holm har diverre ikkje høve den dagen.",
    ],
)
def test_no_opportunity_is_a_removal(sentence: str) -> None:
    assert removed_names(sentence) == ["Kari Holm"]


def test_nb_no_opportunity_then_a_replacement_is_an_update() -> None:
    earlier = "- Siv Aune, rektor\n- Jo Holm, ordfører\n- Tone Ek, kultursjef\n- Eli Dahl, styrer"
    body = own_reply(
        "Hei igjen,\n\nEn endring: Jo Holm har ikke anledning likevel. I stedet kommer "
        "Rolf Berg, leder av oppvekstutvalget.",
        earlier,
        "tone.ek@eidsvoll.kommune.no",
        "Tone Ek",
    )
    ex = read(body, sender="tone.ek@eidsvoll.kommune.no", sender_name="Tone Ek")
    assert ex.kind == "update"
    assert ex.removed == ("Jo Holm",)
    assert [p[0] for p in people(ex)] == ["Rolf Berg"]


def test_nn_no_opportunity_then_a_replacement_is_an_update() -> None:
    earlier = "- Siv Aune, rektor\n- Jo Holm, ordførar\n- Tone Ek, kultursjef\n- Eli Dahl, styrar"
    body = own_reply(
        "Hei att,\n\nEi endring: Jo Holm har ikkje høve. I staden kjem Rolf Berg, leiar i "
        "oppvekstutvalet.",
        earlier,
        "tone.ek@voss.kommune.no",
        "Tone Ek",
    )
    ex = read(body, sender="tone.ek@voss.kommune.no", sender_name="Tone Ek")
    assert ex.kind == "update"
    assert ex.removed == ("Jo Holm",)
    assert [p[0] for p in people(ex)] == ["Rolf Berg"]


def test_having_no_opportunity_without_a_name_removes_nobody() -> None:
    assert removed_names("Vi har ikke anledning til å sende flere.") == []


# --- 4. "trekker påmeldingen" as a withdrawal -----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Kommunen trekker derfor påmeldingen vår til verkstedet.",
        "Vi trekker dessverre påmeldingen.",
        "Vi trekker med dette påmeldingen vår.",
        "Kommunen trekkjer difor påmeldinga vår.",
        "Me trekkjer diverre påmeldinga til verkstaden.",
    ],
)
def test_taking_back_the_registration_is_a_withdrawal(sentence: str) -> None:
    assert says_withdrawal(sentence, "SV: Invitasjon")


def test_taking_back_one_persons_registration_is_no_withdrawal() -> None:
    assert not says_withdrawal("Vi trekker påmeldingen av Kari Holm.", "SV: Invitasjon")


def test_nb_withdrawal_after_an_earlier_sign_up() -> None:
    earlier = "- Siv Aune, rektor\n- Jo Holm, ordfører\n- Tone Ek, kultursjef\n- Eli Dahl, styrer"
    body = own_reply(
        "Hei,\n\nVi har sett på dette igjen og får det ikke til i vår. Eidsvoll kommune trekker "
        "derfor påmeldingen vår.",
        earlier,
        "tone.ek@eidsvoll.kommune.no",
        "Tone Ek",
    )
    ex = read(body, sender="tone.ek@eidsvoll.kommune.no", sender_name="Tone Ek")
    assert ex.kind == "withdrawal"
    assert ex.participants == ()


def test_nn_withdrawal_after_an_earlier_sign_up() -> None:
    earlier = "- Siv Aune, rektor\n- Jo Holm, ordførar\n- Tone Ek, kultursjef\n- Eli Dahl, styrar"
    body = own_reply(
        "Hei,\n\nVi har sett på dette att og får det ikkje til no. Voss herad trekkjer difor "
        "påmeldinga vår.",
        earlier,
        "tone.ek@voss.kommune.no",
        "Tone Ek",
    )
    ex = read(body, sender="tone.ek@voss.kommune.no", sender_name="Tone Ek")
    assert ex.kind == "withdrawal"
    assert ex.participants == ()
