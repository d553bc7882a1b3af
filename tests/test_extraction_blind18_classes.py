"""Failure classes of blind18 (the human voice), each as a general test in bokmål and nynorsk.

Small mails written for these tests (not the fixture files): hurried run-on lists, names in
lower case, a nickname in brackets, a thank-you that promises names later, a group that says
it all works in the guarded sector.
"""

from __future__ import annotations

import pytest

from parsers.nlp.roles import clean_role
from parsers.nlp.run_on import given_names, run_on_people
from parsers.nlp.sectors import classify_sector
from tests.extraction_support import own_reply, people, reader

read = reader("eli.dal@tinn.kommune.no", None)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "hei her kommer våre: tone vik rektor på dal skole, geir arne nes varaordfører, "
            "ida storm kulturskolelærer og jens rud leder i tinn skolekorps\n\nmvh eli",
            [
                ("tone vik", "rektor på dal skole"),
                ("geir arne nes", "varaordfører"),
                ("ida storm", "kulturskolelærer"),
                ("jens rud", "leder i tinn skolekorps"),
            ],
        ),
        (
            "hei. tinn kjem med fire: tone vik er rektor på dal skule, geir arne nes "
            "varaordførar, ida storm kulturskulelærar + jens rud leiar i tinn skulekorps. "
            "helsing eli",
            [
                ("tone vik", "rektor på dal skule"),
                ("geir arne nes", "varaordførar"),
                ("ida storm", "kulturskulelærar"),
                ("jens rud", "leiar i tinn skulekorps"),
            ],
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_lower_case_run_on_list_is_read_with_the_given_name_lexicon(
    body: str, expected: list[tuple[str, str]]
) -> None:
    ex = read(body, sender_name="Eli Dal")

    assert ex.kind == "registration"
    assert [(name, role) for name, role, _ in people(ex)] == expected


@pytest.mark.parametrize(
    "body",
    [
        "Fra Tinn: Tone Vik (rektor Dal skole), Geir Nes (ordfører), Ida Storm (kultursjef) og "
        "Jens Rud (leder Tinn frivilligsentral). Er det for sent?\n\nHilsen Eli",
        "Frå Tinn: Tone Vik som er rektor på Dal skule, Geir Nes som er ordførar, Ida Storm "
        "som er kultursjef, og Jens Rud som dirigerer songlaget. Er det for seint?\n\nHelsing Eli",
    ],
    ids=["nb", "nn"],
)
def test_a_capitalised_run_on_list_needs_no_sign_up_verb(body: str) -> None:
    ex = read(body, sender_name="Eli Dal")

    assert [p[0] for p in people(ex)] == ["Tone Vik", "Geir Nes", "Ida Storm", "Jens Rud"]
    assert ex.kind == "registration"


@pytest.mark.parametrize(
    "text",
    [
        "vi har snakket med per om saken og rektor er enig, så vi kommer tilbake",
        "me har snakka med kari om det og ordføraren er positiv, så me kjem attende",
        # one person with a role is running text, not a list
        "ola berg er ordfører her",
        # persons who do something of their own, a question, a copy line
        "Kari Berg rektor og Per Ås ordfører har sagt nei takk",
        "kari berg rektor og per ås ordførar kan dessverre ikkje",
        "Kan Kari Berg (rektor) og Per Ås (ordførar) kome seinare? Vi spør",
        "Kari Berg (rektor) og Per Ås (ordfører) kan de ta med?",
        "Kopi: Kari Berg (rektor), Per Ås (ordfører)",
        # lower-case words that are no given names make no person
        "bra tiltak ordfører, godt initiativ rektor",
    ],
)
def test_running_text_is_no_run_on_list(text: str) -> None:
    assert run_on_people(text) == []


def test_the_given_name_lexicon_is_lower_case_and_looked_up_as_a_set() -> None:
    names = given_names()
    assert isinstance(names, frozenset)
    assert {"kari", "ola", "ingebjørg", "oddvar"} <= names
    assert all(n == n.casefold() for n in names)
    assert not {"rektor", "og", "hei", "kommune"} & names


@pytest.mark.parametrize(
    "body",
    [
        "Hei!\n\nHer er påmeldingen fra Tinn:\n\nJohanne (Hanne) Lie – kultursjef\n"
        "Per Ås – ordfører\nKari Berg – rektor ved Rjukan skole\n"
        "Ola Li – daglig leder i Tinn frivilligsentral\n\nHilsen\nHanne",
        "Hei!\n\nHer er påmeldinga frå Tinn:\n\nJohanne (Hanne) Lie – kultursjef\n"
        "Per Ås – ordførar\nKari Berg – rektor ved Rjukan skule\n"
        "Ola Li – dagleg leiar i Tinn frivilligsentral\n\nHelsing\nHanne",
    ],
    ids=["nb", "nn"],
)
def test_a_nickname_in_brackets_stays_in_the_name(body: str) -> None:
    ex = read(body, sender_name="Johanne Lie")

    assert [p[0] for p in people(ex)][0] == "Johanne (Hanne) Lie"
    assert len(ex.participants) == 4


@pytest.mark.parametrize(
    "body",
    [
        "Hei Torkel!\n\nTakk for invitasjonen. Vi tar det opp i ledermøtet neste uke, så kommer "
        "jeg tilbake med navn før fristen.\n\nHilsen\nEli Dal\nkultursjef",
        "Hei Torkel!\n\nTakk for invitasjonen. Me tek det opp i leiarmøtet neste veke, så kjem "
        "eg tilbake med namn før fristen.\n\nHelsing\nEli Dal\nkultursjef",
    ],
    ids=["nb", "nn"],
)
def test_a_promise_to_come_back_with_names_signs_nobody_up(body: str) -> None:
    ex = read(body, sender_name="Eli Dal")

    assert ex.participants == ()
    assert ex.kind == "other"


@pytest.mark.parametrize(
    "body",
    [
        "Hei,\n\nTinn kulturskole melder seg på med disse:\n\n1. Eli Dal – rektor\n"
        "2. Per Ås – avdelingsleder\n3. Kari Berg – fiolinlærer\n4. Ola Li – kulturskolelærer\n\n"
        "Vi er alle ansatt i kulturskolen.\n\nHilsen\nEli Dal",
        "Hei,\n\nTinn kulturskule meldar seg på med desse:\n\n1. Eli Dal – rektor\n"
        "2. Per Ås – avdelingsleiar\n3. Kari Berg – fiolinlærar\n4. Ola Li – kulturskulelærar\n\n"
        "Me jobbar alle i kulturskulen.\n\nHelsing\nEli Dal",
    ],
    ids=["nb", "nn"],
)
def test_we_all_work_in_the_guarded_sector_files_everyone_there(body: str) -> None:
    ex = read(body, sender_name="Eli Dal")

    assert {p.sector for p in ex.participants} == {"kulturskole"}
    assert len(ex.participants) == 4


@pytest.mark.parametrize(
    "body",
    [
        "Hei\n\nHer er navnene på de som blir med fra Tinn. Rollene sender jeg i morgen, må "
        "bare sjekke titlene:\n\nEli Dal\nJon Rud\nIngrid Moe\nTore Lie\n\nHilsen\nEli Dal",
        "Hei\n\nHer er namna på dei som blir med frå Tinn. Rollene sender eg i morgon, må "
        "berre sjekke titlane:\n\nEli Dal\nJon Rud\nIngrid Moe\nTore Lie\n\nHelsing\nEli Dal",
    ],
    ids=["nb", "nn"],
)
def test_bare_names_under_a_line_opening_a_list_are_listed_without_roles(body: str) -> None:
    ex = read(body, sender_name="Eli Dal")

    assert ex.kind == "registration"
    assert people(ex) == [
        ("Eli Dal", None, "annet"),
        ("Jon Rud", None, "annet"),
        ("Ingrid Moe", None, "annet"),
        ("Tore Lie", None, "annet"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Hei\n\nTinn melder på disse: Per Ås (ordfører), Kari Berg, rektor ved Rjukan skole, "
        "Ola Li som er kulturskolelærer, og meg selv – jeg er enhetsleder for kultur.\n\n"
        "Hilsen fra Tinn kulturskole",
        "Hei\n\nTinn melder på desse: Per Ås (ordførar), Kari Berg, rektor ved Rjukan skule, "
        "Ola Li som er kulturskulelærar, og meg sjølv – eg er einingsleiar for kultur.\n\n"
        "Helsing frå Tinn kulturskule",
    ],
    ids=["nb", "nn"],
)
def test_and_myself_closing_a_list_is_the_sender_from_the_from_header(body: str) -> None:
    ex = read(body, sender_name="Eli Marie Dal")

    found = {name: role for name, role, _ in people(ex)}
    assert found["Eli Marie Dal"] is not None
    assert found["Eli Marie Dal"].startswith("e")  # enhetsleder / einingsleiar
    assert len(found) == 4
    assert ex.sure


@pytest.mark.parametrize(
    "body",
    [
        "Hei. Tinn er med! Disse kommer: Eli Dal kulturskolerektor, Per Ås rektor Rjukan skole, "
        "Ida Moe styrer i Tinn barnehage og Ola Li leder i Tinn musikklag.\n\nHvis ordføreren, "
        "Kari Berg, får fri fra et annet møte, kommer hun også, men det vet vi ikke ennå.\n\nEli",
        "Hei. Tinn er med! Desse kjem: Eli Dal kulturskulerektor, Per Ås rektor Rjukan skule, "
        "Ida Moe styrar i Tinn barnehage og Ola Li leiar i Tinn musikklag.\n\nViss ordføraren, "
        "Kari Berg, får fri frå eit anna møte, kjem ho òg, men det veit vi ikkje enno.\n\nEli",
    ],
    ids=["nb", "nn"],
)
def test_a_person_who_comes_only_on_a_condition_is_not_signed_up(body: str) -> None:
    ex = read(body, sender_name="Eli Dal")

    assert [p[0] for p in people(ex)] == ["Eli Dal", "Per Ås", "Ida Moe", "Ola Li"]
    assert ex.sure


@pytest.mark.parametrize(
    ("correction", "role"),
    [
        ("glemte å nevne: Ingrid er ikke rektor, hun er inspektør. Beklager!", "inspektør"),
        ("gløymde å seie: Ingrid er ikkje rektor, ho er inspektør. Orsak!", "inspektør"),
    ],
    ids=["nb", "nn"],
)
def test_a_role_corrected_by_first_name_is_the_person_of_the_quoted_list(
    correction: str, role: str
) -> None:
    earlier = (
        "Tinn melder på:\n\nEli Dal, kulturskolerektor\nIngrid Moe, rektor Rjukan skole\n"
        "Per Ås, kommunalsjef oppvekst\nOla Li, kommunestyrerepresentant\n"
    )
    body = own_reply(correction, earlier, "eli.dal@tinn.kommune.no", "Eli Dal")
    ex = read(body, sender_name="Eli Dal")

    assert people(ex) == [("Ingrid Moe", role, "skole")]
    assert ex.sure


@pytest.mark.parametrize(
    "body",
    [
        "Hei igjen – nå har vi en fra barnehagene også: Siri Vik, pedagogisk leder i Tinn "
        "barnehage. Da er vi fire.\n\nEli",
        "Hei igjen – no har vi ein frå barnehagane òg: Siri Vik, pedagogisk leiar i Tinn "
        "barnehage. Då er vi fire.\n\nEli",
    ],
    ids=["nb", "nn"],
)
def test_now_we_have_one_from_signs_the_person_up(body: str) -> None:
    ex = read(body, sender_name="Eli Dal")

    assert [p[0] for p in people(ex)] == ["Siri Vik"]


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("leder i Tinn spellemannslag 🎻", "leder i Tinn spellemannslag"),
        ("leiar i Tinn spelemannslag 🎻🎶", "leiar i Tinn spelemannslag"),
        ("kulturskolerektor (kontaktperson)", "kulturskolerektor"),
        ("kulturskulerektor (kontaktperson)", "kulturskulerektor"),
        ("kulturskolelærer (vi har ingen rektor, jeg er alene)", "kulturskolelærer"),
        ("kulturskulelærar (vi har ingen rektor, eg er åleine)", "kulturskulelærar"),
        ("hun som leder biblioteket på Dal", "leder biblioteket på Dal"),
        ("ho som leiar biblioteket på Dal", "leiar biblioteket på Dal"),
    ],
)
def test_emoji_notes_asides_and_descriptions_are_cut_from_the_role(written: str, role: str) -> None:
    assert clean_role(written) == role
    # a parenthesis that is part of the role stays
    assert clean_role("lærer (fiolin)") == "lærer (fiolin)"


@pytest.mark.parametrize(
    "role", ["styreleder i Ibsen-stemnet", "styreleiar for Vinje-stemnet", "leiar i stemnet"]
)
def test_a_festival_gathering_is_cultural_life(role: str) -> None:
    assert classify_sector(role) == "kulturliv"


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        (
            "Vi melder på Per Ås som er ordfører, Kari Berg kommunal sjef for kultur og Ola Li "
            "rektor på Rjukan skole.",
            "kommunal sjef for kultur",
        ),
        (
            "Vi melder på Per Ås som er ordførar, Kari Berg kommunal sjef for oppvekst og Ola Li "
            "rektor på Rjukan skule.",
            "kommunal sjef for oppvekst",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_head_split_in_two_words_is_the_head_and_no_role_is_borrowed(
    sentence: str, role: str
) -> None:
    ex = read(f"Hei\n\n{sentence}\n\nHilsen Eli", sender_name="Eli Dal")

    found = {name: (r, sector) for name, r, sector in people(ex)}
    assert found["Kari Berg"] == (role, "administrasjon")
    assert found["Ola Li"][0].startswith("rektor på Rjukan")
