"""Updates over time: the messages that change an earlier registration, each shape a clerk
writes as a general test in bokmål and nynorsk (invented text, not the fixture files).

A person kept away and replaced across two sentences ("har fått eit anna møte 4. juni. I
staden kjem …"), in one ("… er forhindret og erstattes av …", "… kjem for henne"), or only
kept away ("…, så ho kan ikkje kome"); a role given later for a person named before ("eg
gløymde rolla til X i går. Ho er …", "glemte å skrive at X er …"); an addition ("Vi legg til
X (rolle)"); someone taking another's place ("Y tar plassen til X", "Y erstatter X"); a name
spelled anew ("Det skal være X, ikke Y"); a whole list restated. Where the reading cannot be
sure it is held, never answered wrongly. Then the store: the update changes the group, and
the rules judge the whole group (a confirmation before the deadline, the late notice after).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from parsers.nlp.changes import one_name_two_spellings
from parsers.types import Extraction
from tests.conversation import Conversation, conversation, names
from tests.extraction_support import own_reply, people, reader
from tests.flow import body_text, parse_message
from tests.mailmaker import COMPLETE, KARI, ON_TIME, make_mail

NB_SENDER, NB_NAME = KARI, "Kari Lund"
NN_SENDER, NN_NAME = "tarjei.bo@vinje.kommune.no", "Tarjei Bø"
NN_LIST = """Hei!

Vinje kommune meldar seg på med desse:

- Tarjei Bø, kulturskulerektor
- Signe Rue, kommunalsjef for oppvekst
- Knut Haugen, rektor ved Åmot skule
- Anne Haugen, leiar for Vinje bibliotek

Helsing
Tarjei Bø
"""
LISTS = {"nb": (NB_SENDER, NB_NAME, COMPLETE), "nn": (NN_SENDER, NN_NAME, NN_LIST)}

read = reader(NB_SENDER, "<first-0001@levanger.kommune.no>")


def follow_up(body: str, language: str) -> Extraction:
    """A follow-up to the sender's own first list, quoting it below an Outlook header."""
    sender, name, earlier = LISTS[language]
    return read(own_reply(body, earlier, sender, name), sender=sender, sender_name=name)


def change(ex: Extraction) -> tuple[list[tuple[str, str | None, str]], list[str], bool]:
    return people(ex), list(ex.removed), ex.sure


# --- kept away, then replaced ------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "language", "added", "gone"),
    [
        (
            "Ei endring: ordføreren, Ola Nes, har fått et annet møte 4. juni. I stedet kommer "
            "varaordfører Randi Lie.\n\nResten av gruppen er som før.",
            "nb", ("Randi Lie", "varaordfører", "politikk"), "Ola Nes",
        ),
        (
            "Ei endring i lista: rektoren, Knut Haugen, har fått eit anna møte 4. juni. I staden "
            "kjem inspektør Randi Lie.\n\nResten av gruppa er som før.",
            "nn", ("Randi Lie", "inspektør", "skole"), "Knut Haugen",
        ),
        (
            "Per Moen er forhindret. Han erstattes av Liv Dale, rådgiver i oppvekst.",
            "nb", ("Liv Dale", "rådgiver i oppvekst", "administrasjon"), "Per Moen",
        ),
        (
            "Signe Rue er dessverre forhindra. Kjem for henne gjer Liv Dale, rådgjevar i "
            "oppvekst.",
            "nn", ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Signe Rue",
        ),
        (
            "Per Moen har fått et annet møte den dagen og erstattes av Siri Berg, oppvekstsjef.",
            "nb", ("Siri Berg", "oppvekstsjef", "administrasjon"), "Per Moen",
        ),
        (
            "Signe Rue har fått eit anna møte. Liv Dale, rådgjevar i oppvekst, kjem for henne.",
            "nn", ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Signe Rue",
        ),
    ],
)  # fmt: skip
def test_a_person_kept_away_and_replaced_is_taken_off(
    body: str, language: str, added: tuple[str, str, str], gone: str
) -> None:
    assert change(follow_up(body, language)) == ([added], [gone], True)


@pytest.mark.parametrize(
    ("body", "language", "added", "gone"),
    [
        # by first name: the one full name of the quoted list
        ("Per har fått et annet møte. I stedet kommer Siri Berg, oppvekstsjef.", "nb",
         ("Siri Berg", "oppvekstsjef", "administrasjon"), "Per Moen"),
        ("Signe har fått forfall. Liv Dale, rådgjevar i oppvekst, stiller i staden.", "nn",
         ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Signe Rue"),
        # the replacement listed after a colon
        ("Per Moen har fått et annet møte den dagen. I stedet kommer:\n\n"
         "- Siri Berg, oppvekstsjef", "nb",
         ("Siri Berg", "oppvekstsjef", "administrasjon"), "Per Moen"),
        ("Vi har bytta ut Signe Rue med Liv Dale, rådgjevar i oppvekst.", "nn",
         ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Signe Rue"),
        ("Vi har byttet ut Per Moen med Siri Berg, oppvekstsjef.", "nb",
         ("Siri Berg", "oppvekstsjef", "administrasjon"), "Per Moen"),
        # the swap in the passive: the one "med"/"av" names comes in
        ("Ola Nes (ordfører) er byttet ut med varaordfører Randi Lie.", "nb",
         ("Randi Lie", "varaordfører", "politikk"), "Ola Nes"),
        ("Anne Haugen er bytta ut med Liv Dale, rådgjevar i oppvekst.", "nn",
         ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Anne Haugen"),
        # "Y tar hans plass"
        ("Per Moen må dessverre melde forfall, og Siri Berg (oppvekstsjef) tar hans plass.", "nb",
         ("Siri Berg", "oppvekstsjef", "administrasjon"), "Per Moen"),
        ("Signe Rue må diverre melde forfall, og Liv Dale (rådgjevar i oppvekst) tek hennar "
         "plass.", "nn", ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Signe Rue"),
        # "melde av", and the new one as "Ny deltakar er …"
        ("Vi må dessverre melde av Per Moen. Ny deltaker er Siri Berg, oppvekstsjef.", "nb",
         ("Siri Berg", "oppvekstsjef", "administrasjon"), "Per Moen"),
        ("Vi må diverre melde av Signe Rue. Ny deltakar er Liv Dale, rådgjevar i oppvekst.",
         "nn", ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Signe Rue"),
    ],
)  # fmt: skip
def test_a_replacement_by_first_name_after_a_colon_or_swapped(
    body: str, language: str, added: tuple[str, str, str], gone: str
) -> None:
    assert change(follow_up(body, language)) == ([added], [gone], True)


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Per Moen har fått spørsmålene. Han kan ikke svare før fredag.", "nb"),
        ("Eg legg til at Knut Haugen er kontaktperson for gruppa.", "nn"),
    ],
)
def test_what_only_sounds_like_a_change_changes_nobody(body: str, language: str) -> None:
    ex = follow_up(body, language)

    assert (ex.participants, ex.removed) == ((), ())


@pytest.mark.parametrize(
    ("body", "language", "gone"),
    [
        ("Per Moen har fått et annet møte 4. juni og kan ikke komme.", "nb", "Per Moen"),
        ("Signe Rue har fått eit anna møte 4. juni, så ho kan ikkje kome.", "nn", "Signe Rue"),
    ],
)
def test_a_person_kept_away_without_a_replacement_is_taken_off(
    body: str, language: str, gone: str
) -> None:
    ex = follow_up(body, language)

    assert ex.kind == "update"
    assert change(ex) == ([], [gone], True)


@pytest.mark.parametrize(
    ("body", "language", "gone"),
    [
        ("Per Moen melder seg av.", "nb", "Per Moen"),
        ("Signe Rue har meldt seg av verkstaden.", "nn", "Signe Rue"),
        ("Vi må dessverre stryke Per Moen fra listen.", "nb", "Per Moen"),
        ("Ver venleg å fjerne Signe Rue frå lista.", "nn", "Signe Rue"),
        ("Per Moen blir ikke med likevel. Vi har ingen erstatter ennå.", "nb", "Per Moen"),
        ("Signe Rue vert ikkje med. Me har ingen erstattar enno.", "nn", "Signe Rue"),
    ],
)
def test_a_person_taken_off_in_so_many_words(body: str, language: str, gone: str) -> None:
    ex = follow_up(body, language)

    assert ex.kind == "update"
    assert change(ex) == ([], [gone], True)


@pytest.mark.parametrize(
    ("body", "language"),
    [
        # what keeps someone away, but "i stedet for å …" replaces nobody
        ("Per Moen har fått nytt nummer. I stedet for å ringe ham, send en e-post.", "nb"),
        # the same person comes in another role: nobody is taken off
        ("Knut Haugen har fått ny jobb. I staden kjem han som rådgjevar i oppvekst.", "nn"),
    ],
)
def test_an_obstacle_without_a_replacement_takes_nobody_off_and_holds(
    body: str, language: str
) -> None:
    ex = follow_up(body, language)

    assert ex.removed == ()
    assert not ex.sure


# --- a role given later for a person named before -----------------------------------------


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        (
            "Jeg ser at jeg glemte rollen til Eva Dahl i går. Hun er inspektør ved Skogn "
            "barneskole.\n\nBeklager!",
            "nb", ("Eva Dahl", "inspektør ved Skogn barneskole", "skole"),
        ),
        (
            "Eg ser at eg gløymde rolla til Knut Haugen i går. Han er inspektør ved Åmot "
            "skule.\n\nBeklagar!",
            "nn", ("Knut Haugen", "inspektør ved Åmot skule", "skole"),
        ),
        # by first name: the one person of the quoted list with it
        (
            "Jeg glemte rollen til Eva i går. Hun er inspektør ved Skogn skole.",
            "nb", ("Eva Dahl", "inspektør ved Skogn skole", "skole"),
        ),
        (
            "Eg gløymde rolla til Knut i går. Han er inspektør ved Åmot skule.",
            "nn", ("Knut Haugen", "inspektør ved Åmot skule", "skole"),
        ),
        (
            "Jeg glemte å skrive at Eva Dahl er pedagogisk leder i Skogn barnehage.",
            "nb", ("Eva Dahl", "pedagogisk leder i Skogn barnehage", "barnehage"),
        ),
        (
            "Eg gløymde å skrive at Knut Haugen er pedagogisk leiar i Åmot barnehage.",
            "nn", ("Knut Haugen", "pedagogisk leiar i Åmot barnehage", "barnehage"),
        ),
    ],
)  # fmt: skip
def test_a_role_given_later_for_a_person_named_before(
    body: str, language: str, expected: tuple[str, str, str]
) -> None:
    ex = follow_up(body, language)

    assert ex.kind == "update"
    assert change(ex) == ([expected], [], True)


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        # a sentence of its own for a person of the quoted list (answering a request for it)
        ("Eva Dahl er inspektør ved Skogn barneskole.", "nb",
         ("Eva Dahl", "inspektør ved Skogn barneskole", "skole")),
        ("Til spørsmålet dykkar: Knut Haugen er inspektør ved Åmot skule.", "nn",
         ("Knut Haugen", "inspektør ved Åmot skule", "skole")),
        # after a colon
        ("Ny rolle for Eva Dahl: inspektør ved Skogn barneskole.", "nb",
         ("Eva Dahl", "inspektør ved Skogn barneskole", "skole")),
        ("Rett rolle for Knut Haugen: inspektør ved Åmot skule.", "nn",
         ("Knut Haugen", "inspektør ved Åmot skule", "skole")),
    ],
)  # fmt: skip
def test_a_role_restated_for_a_person_of_the_quoted_list(
    body: str, language: str, expected: tuple[str, str, str]
) -> None:
    ex = follow_up(body, language)

    assert ex.kind == "update"
    assert change(ex) == ([expected], [], True)


def test_a_person_not_in_the_quoted_list_gets_no_role_from_a_bare_sentence() -> None:
    """Without the earlier list the sentence does not say the person takes part."""
    ex = read("Hei,\n\nSiri Berg er oppvekstsjef i kommunen.\n\nHilsen Kari")

    assert ex.participants == ()


@pytest.mark.parametrize(
    ("body", "language", "gone"),
    [
        ("Per Moen, som vi meldte på, kan dessverre ikke komme. I stedet kommer Siri Berg, "
         "oppvekstsjef.", "nb", "Per Moen"),
        ("Signe Rue, som vi melde på, kan diverre ikkje kome. I staden kjem Liv Dale, "
         "rådgjevar i oppvekst.", "nn", "Signe Rue"),
    ],
)  # fmt: skip
def test_a_removal_with_a_relative_clause_after_the_name(
    body: str, language: str, gone: str
) -> None:
    ex = follow_up(body, language)

    assert list(ex.removed) == [gone]
    assert len(ex.participants) == 1
    assert ex.sure


# --- additions, and someone taking another's place ------------------------------------------


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        ("Vi legger til Liv Dale (rådgiver i oppvekst).", "nb",
         ("Liv Dale", "rådgiver i oppvekst", "administrasjon")),
        ("Vi vil gjerne leggje til ein til: Liv Dale, rådgjevar i oppvekst.", "nn",
         ("Liv Dale", "rådgjevar i oppvekst", "administrasjon")),
        ("Vi ønsker å melde på en person til: Siri Berg, oppvekstsjef.", "nb",
         ("Siri Berg", "oppvekstsjef", "administrasjon")),
        ("Me vil melde på ein person til: Liv Dale, rådgjevar i oppvekst.", "nn",
         ("Liv Dale", "rådgjevar i oppvekst", "administrasjon")),
    ],
)  # fmt: skip
def test_an_addition_is_read(body: str, language: str, expected: tuple[str, str, str]) -> None:
    ex = follow_up(body, language)

    assert ex.kind == "update"
    assert change(ex) == ([expected], [], True)


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        ("Her kommer navnet på den femte: Siri Berg. Hun er leder i ungdomsrådet og spiller i "
         "skolekorpset.", "nb", ("Siri Berg", "leder i ungdomsrådet", "kulturliv")),
        ("Her er namnet frå ungdomsrådet: Liv Dale. Ho er nestleiar i ungdomsrådet og spelar i "
         "skulekorpset.", "nn", ("Liv Dale", "nestleiar i ungdomsrådet", "kulturliv")),
    ],
)  # fmt: skip
def test_the_name_a_group_waited_for(
    body: str, language: str, expected: tuple[str, str, str]
) -> None:
    ex = follow_up(body, language)

    assert ex.kind == "update"
    assert change(ex) == ([expected], [], True)


def test_the_name_of_a_contact_signs_nobody_up() -> None:
    ex = follow_up("Her er navnet på kontaktpersonen vår: Eva Dahl.", "nb")

    assert ex.participants == ()


@pytest.mark.parametrize(
    ("body", "language", "added", "gone"),
    [
        ("Siri Berg, oppvekstsjef, tar plassen til Per Moen.", "nb",
         ("Siri Berg", "oppvekstsjef", "administrasjon"), "Per Moen"),
        ("Liv Dale, rådgjevar i oppvekst, tek plassen til Signe Rue.", "nn",
         ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Signe Rue"),
        ("Siri Berg (oppvekstsjef) erstatter Per Moen.", "nb",
         ("Siri Berg", "oppvekstsjef", "administrasjon"), "Per Moen"),
        ("Liv Dale, rådgjevar i oppvekst, overtek for Signe Rue.", "nn",
         ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Signe Rue"),
    ],
)  # fmt: skip
def test_one_taking_anothers_place(
    body: str, language: str, added: tuple[str, str, str], gone: str
) -> None:
    assert change(follow_up(body, language)) == ([added], [gone], True)


# --- a name spelled anew ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "language", "expected", "gone"),
    [
        ("Det skal være Eva Dahle, ikke Eva Dahl.", "nb",
         ("Eva Dahle", "rektor ved Skogn barneskole", "skole"), "Eva Dahl"),
        ("Eg skreiv namnet feil. Rett namn er Signe Rud, ikkje Signe Rue.", "nn",
         ("Signe Rud", "kommunalsjef for oppvekst", "administrasjon"), "Signe Rue"),
        ("Skrivefeil i listen: Eva Dahl skal være Eva Dahle.", "nb",
         ("Eva Dahle", "rektor ved Skogn barneskole", "skole"), "Eva Dahl"),
        ("Signe Rue er feilstava, det skal vere Signe Rud.", "nn",
         ("Signe Rud", "kommunalsjef for oppvekst", "administrasjon"), "Signe Rue"),
    ],
)  # fmt: skip
def test_a_name_spelled_anew_keeps_the_role_of_the_earlier_list(
    body: str, language: str, expected: tuple[str, str, str], gone: str
) -> None:
    ex = follow_up(body, language)

    assert ex.kind == "update"
    assert change(ex) == ([expected], [gone], True)


@pytest.mark.parametrize(
    ("body", "sender"),
    [
        ("Hei,\n\nDet skal være Eva Dahle, ikke Eva Dahl.\n\nHilsen Kari", NB_SENDER),
        ("Hei,\n\nRett namn er Signe Rud, ikkje Signe Rue.\n\nHelsing Tarjei", NN_SENDER),
    ],
)
def test_a_name_spelled_anew_without_the_earlier_list_is_held(body: str, sender: str) -> None:
    """No role for the new form: a correction request asking for it could be wrong."""
    assert not read(body, sender=sender).sure


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Per Moen skal være Siri Berg.", "nb"),
        ("Signe Rue skal vere Liv Dale.", "nn"),
    ],
)
def test_two_different_names_are_no_spelling(body: str, language: str) -> None:
    assert follow_up(body, language).removed == ()


@pytest.mark.parametrize(
    ("language", "listed", "written", "body", "expected"),
    [
        # "ae" for "æ", with a remark on the spelling between the new form and "ikke"
        ("nb", "Ola Nes", "Ola Næss",
         "Beklager, jeg skrev feil. Det skal være Ola Naess med ae, ikke Ola Næss. Han er "
         "ordfører som skrevet.", ("Ola Naess", "ordfører", "politikk")),
        ("nn", "Knut Haugen", "Knut Åsen",
         "Orsak, eg skreiv namnet feil. Det skal vere Knut Aasen med to a-ar, ikkje Knut Åsen. "
         "Han er rektor ved Åmot skule som før.", ("Knut Aasen", "rektor ved Åmot skule", "skole")),
        # "oe" for "ø", no role said: the earlier list's
        ("nb", "Per Moen", "Per Møller", "Rett navn er Per Moeller, ikke Per Møller.",
         ("Per Moeller", "kommunalsjef for oppvekst", "administrasjon")),
        ("nn", "Signe Rue", "Signe Sæle", "Rett namn er Signe Saele med ae, ikkje Signe Sæle.",
         ("Signe Saele", "kommunalsjef for oppvekst", "administrasjon")),
        # the wrong form first: "skal skrives / skal skrivast"
        ("nb", "Eva Dahl", "Eva Åsen", "Eva Åsen skal skrives Eva Aasen med dobbel a.",
         ("Eva Aasen", "rektor ved Skogn barneskole", "skole")),
        ("nn", "Anne Haugen", "Anne Hægen", "Liten rettelse: Anne Hægen skal skrivast Anne Haegen.",
         ("Anne Haegen", "leiar for Vinje bibliotek", "kulturliv")),
    ],
)  # fmt: skip
def test_a_name_spelled_anew_with_aa_oe_ae_or_a_spelling_remark(
    language: str, listed: str, written: str, body: str, expected: tuple[str, str, str]
) -> None:
    """One name written two ways is a correction of that participant, not two unexplained
    names: the new form listed with its role, the old one taken off, the reading sure."""
    sender, name, earlier = LISTS[language]
    first = earlier.replace(listed, written)

    ex = read(own_reply(body, first, sender, name), sender=sender, sender_name=name)

    assert ex.kind == "update"
    assert change(ex) == ([expected], [written], True)


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ("Åsheim", "Aasheim", True),
        ("Møller", "Moeller", True),
        ("Sæther", "Saether", True),
        ("Dahl", "Dahle", True),
        ("Moen", "Berg", False),
        ("Dale", "Rue", False),
    ],
)
def test_one_name_two_spellings(old: str, new: str, same: bool) -> None:
    assert one_name_two_spellings(old, new) is same


# --- a follow-up found by what it answers or says, not by its headers ------------------------

ANSWER_QUOTED = [
    # the organiser's answer quoted under a header with a name only, thanking for the sign-up
    (
        "nb",
        "Hei!\n\nNå er politikken på plass: ordfører Ola Nes blir med, så da er vi fire.\n\n"
        "Hilsen Kari\n\nDen 04.05.2020 10:15, skrev Torkel Øien:\n> Hei Kari,\n>\n"
        "> Takk for påmeldingen fra Levanger. Husk at gruppen må være minst fire personer.\n",
        ("Ola Nes", "ordfører", "politikk"),
    ),
    # a reply to the organiser's confirmation, which says what it registered
    (
        "nn",
        "Takk for stadfestinga! Barnehagane vil òg vere med, så me ønskjer å ta med Liv Dale, "
        "som er styrar i Rauland barnehage. Går det bra at me då blir fem?\n\nHelsing Tarjei\n\n"
        "> 30. apr. 2020 kl. 08:40 skrev Torkel Øien <torkel.oien@ks.no>:\n>\n> Hei Tarjei,\n>\n"
        "> Takk for påmeldinga! Vi har registrert Vinje kommune med fire deltakarar.\n",
        ("Liv Dale", "styrar i Rauland barnehage", "barnehage"),
    ),
]


@pytest.mark.parametrize(("language", "body", "added"), ANSWER_QUOTED)
def test_a_reply_to_the_organisers_answer_is_an_update(
    language: str, body: str, added: tuple[str, str, str]
) -> None:
    """The organiser's answer thanks for a sign-up or says it is registered, which the
    invitation never does: a reply to it follows that sign-up up."""
    sender, name, _ = LISTS[language]

    ex = read(body, sender=sender, sender_name=name, in_reply_to="<answer-0002@ks.no>")

    assert (ex.kind, people(ex), ex.sure) == ("update", [added], True)


@pytest.mark.parametrize(
    ("language", "body", "added", "gone"),
    [
        ("nb",
         "Hei\n\nJeg sendte påmelding fra Levanger 28. april. Per Moen kan dessverre ikke være "
         "med likevel, i stedet kommer Siri Berg, som er oppvekstsjef.\n\nDe tre andre er som "
         "før.\n\nHilsen\nKari Lund\n",
         ("Siri Berg", "oppvekstsjef", "administrasjon"), "Per Moen"),
        ("nn",
         "Hei\n\nEg sende påmelding frå Vinje 28. april. Signe Rue kan diverre ikkje vere med "
         "likevel, i staden kjem Liv Dale, som er rådgjevar i oppvekst.\n\nDei tre andre er "
         "som før.\n\nHelsing\nTarjei Bø\n",
         ("Liv Dale", "rådgjevar i oppvekst", "administrasjon"), "Signe Rue"),
    ],
)  # fmt: skip
def test_a_new_mail_that_says_i_sent_the_sign_up_changes_it(
    language: str, body: str, added: tuple[str, str, str], gone: str
) -> None:
    """No reply headers, its own subject: "jeg sendte påmelding …" names the sign-up it
    changes, so the person kept away is taken off."""
    sender, name, _ = LISTS[language]

    ex = read(body, sender=sender, sender_name=name, subject="Endring", in_reply_to=None)

    assert (ex.kind, people(ex), list(ex.removed)) == ("update", [added], [gone])


# --- the whole list restated -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "language", "gone"),
    [
        (
            "Her er den oppdaterte listen vår:\n\n- Kari Lund, kulturskolerektor\n"
            "- Siri Berg, oppvekstsjef\n- Eva Dahl, rektor ved Skogn barneskole\n"
            "- Ola Nes, ordfører\n\nPer Moen kan dessverre ikke likevel.",
            "nb", "Per Moen",
        ),
        (
            "Her er den oppdaterte lista vår:\n\n- Tarjei Bø, kulturskulerektor\n"
            "- Liv Dale, rådgjevar i oppvekst\n- Knut Haugen, rektor ved Åmot skule\n"
            "- Anne Haugen, leiar for Vinje bibliotek\n\nSigne Rue kan diverre ikkje likevel.",
            "nn", "Signe Rue",
        ),
    ],
)  # fmt: skip
def test_a_restated_list_lists_everyone_and_removes_who_is_named_as_leaving(
    body: str, language: str, gone: str
) -> None:
    ex = follow_up(body, language)

    assert len(ex.participants) == 4
    assert list(ex.removed) == [gone]
    assert ex.sure


# --- the store: the update changes the group, the rules judge the whole group -------------

AFTER_THE_DEADLINE = datetime.fromisoformat("2020-05-13T09:30:00+02:00")


@pytest.fixture(params=["embedded"])
def inbox(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Conversation]:
    """A conversation on the embedded default (the servers' path is the same flow)."""
    yield from conversation(request, tmp_path)


def registered(inbox: Conversation, language: str, listed: str = "") -> tuple[bytes, str]:
    """The language's four-person sign-up (``listed`` instead of it, when given), sent on
    time; (the mail, its confirmation's kind)."""
    sender, name, earlier = LISTS[language]
    first = make_mail(sender, listed or earlier, sender_name=name, date=ON_TIME)
    [reply] = inbox.send(first)
    return first, reply.kind


def answer(
    inbox: Conversation,
    first: bytes,
    body: str,
    language: str,
    date: datetime = ON_TIME,
    listed: str = "",
) -> list[str]:
    """The kinds of the replies to a follow-up that quotes the first mail (its list
    ``listed``, when not the language's)."""
    sender, name, earlier = LISTS[language]
    mail = make_mail(
        sender,
        own_reply(body, listed or earlier, sender, name),
        sender_name=name,
        in_reply_to=parse_message(first)["Message-ID"],
        date=date,
    )
    return [reply.kind for reply in inbox.send(mail)]


REPLACEMENTS = [
    (
        "nb",
        "Ordføreren, Ola Nes, har fått et annet møte 4. juni. I stedet kommer varaordfører "
        "Randi Lie.",
        ["Kari Lund", "Per Moen", "Eva Dahl", "Randi Lie"],
    ),
    (
        "nn",
        "Kommunalsjefen, Signe Rue, har fått eit fylkesmøte 4. juni. I staden kjem "
        "varaordførar Randi Lie.",
        ["Tarjei Bø", "Knut Haugen", "Anne Haugen", "Randi Lie"],
    ),
]


@pytest.mark.parametrize(("language", "body", "group"), REPLACEMENTS)
def test_a_replacement_keeping_four_mixed_is_confirmed_before_the_deadline(
    inbox: Conversation, language: str, body: str, group: list[str]
) -> None:
    first, confirmed = registered(inbox, language)

    kinds = answer(inbox, first, body, language)

    [registration] = inbox.registrations()
    assert (confirmed, kinds) == ("confirmation", ["confirmation"])
    assert names(registration) == group


@pytest.mark.parametrize(("language", "body", "group"), REPLACEMENTS)
def test_the_same_replacement_after_the_deadline_gets_the_late_notice(
    inbox: Conversation, language: str, body: str, group: list[str]
) -> None:
    first, _ = registered(inbox, language)

    kinds = answer(inbox, first, body, language, date=AFTER_THE_DEADLINE)

    [registration] = inbox.registrations()
    assert kinds == ["late_notice"]
    assert names(registration) == group


@pytest.mark.parametrize(
    ("language", "body", "added"),
    [
        ("nb", "Hei,\n\nVi legger til Siri Berg, oppvekstsjef.\n\nHilsen Kari", "Siri Berg"),
        ("nn", "Hei,\n\nVi legg til Liv Dale, rådgjevar i oppvekst.\n\nHelsing Tarjei", "Liv Dale"),
    ],
)
def test_a_reply_to_our_confirmation_that_adds_a_person(
    inbox: Conversation, language: str, body: str, added: str
) -> None:
    sender, name, earlier = LISTS[language]
    [confirmation] = inbox.send(make_mail(sender, earlier, sender_name=name))
    quoted = "\n".join(
        f"> {line}" for line in body_text(parse_message(confirmation.raw)).split("\n")
    )
    reply = make_mail(
        sender,
        f"{body}\n\n{quoted}\n",
        sender_name=name,
        subject="Re: " + confirmation.subject,
        in_reply_to=confirmation.message_id,
    )

    [answered] = inbox.send(reply)

    [registration] = inbox.registrations()
    assert answered.kind == "confirmation"
    assert names(registration)[-1] == added
    assert len(names(registration)) == 5


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (
            "nb",
            "Her er den oppdaterte listen vår:\n\n- Kari Lund, kulturskolerektor\n"
            "- Siri Berg, oppvekstsjef\n- Eva Dahl, rektor ved Skogn barneskole\n"
            "- Ola Nes, ordfører",
        ),
        (
            "nn",
            "Her er den nye lista vår:\n\n- Tarjei Bø, kulturskulerektor\n"
            "- Liv Dale, rådgjevar i oppvekst\n- Knut Haugen, rektor ved Åmot skule\n"
            "- Anne Haugen, leiar for Vinje bibliotek",
        ),
    ],
)
def test_a_restated_list_that_leaves_someone_out_unsaid_is_held(
    inbox: Conversation, language: str, body: str
) -> None:
    """Taken off, or only forgotten in the new list? Either answer could be wrong."""
    first, _ = registered(inbox, language)
    before = names(inbox.registrations()[0])

    kinds = answer(inbox, first, body, language)

    assert kinds == ["receipt"]
    assert names(inbox.registrations()[0]) == before


@pytest.mark.parametrize(
    ("language", "leaves", "returns", "person", "role"),
    [
        ("nb", "Per Moen kan dessverre ikke delta.", "God nyhet: Per Moen er med likevel.",
         "Per Moen", "kommunalsjef for oppvekst"),
        ("nn", "Signe Rue kan diverre ikkje delta.", "Gode nyheiter: Signe Rue er med likevel.",
         "Signe Rue", "kommunalsjef for oppvekst"),
    ],
)  # fmt: skip
def test_a_person_back_after_all_keeps_the_role_written_before(
    inbox: Conversation, language: str, leaves: str, returns: str, person: str, role: str
) -> None:
    first, _ = registered(inbox, language)
    answer(inbox, first, leaves, language)

    kinds = answer(inbox, first, returns, language)

    [registration] = inbox.registrations()
    assert kinds == ["confirmation"]
    assert [(p.name, p.role) for p in registration.participants][-1] == (person, role)


@pytest.mark.parametrize(
    ("language", "body", "new", "role"),
    [
        ("nb", "Det skal være Eva Dahle, ikke Eva Dahl.", "Eva Dahle",
         "rektor ved Skogn barneskole"),
        ("nn", "Rett namn er Knut Hauge, ikkje Knut Haugen.", "Knut Hauge",
         "rektor ved Åmot skule"),
    ],
)  # fmt: skip
def test_a_spelling_correction_renames_and_is_confirmed(
    inbox: Conversation, language: str, body: str, new: str, role: str
) -> None:
    first, _ = registered(inbox, language)

    kinds = answer(inbox, first, body, language)

    [registration] = inbox.registrations()
    assert kinds == ["confirmation"]
    assert (new, role) in [(p.name, p.role) for p in registration.participants]
    assert len(registration.participants) == 4


@pytest.mark.parametrize(
    ("language", "listed", "written", "body", "new"),
    [
        ("nb", "Eva Dahl", "Eva Ålvik",
         "Beklager, navnet ble feil. Det skal være Eva Aalvik med to a-er, ikke Eva Ålvik.",
         "Eva Aalvik"),
        ("nn", "Signe Rue", "Signe Rødal",
         "Orsak, namnet vart feil. Det skal vere Signe Roedal med oe, ikkje Signe Rødal.",
         "Signe Roedal"),
    ],
)  # fmt: skip
def test_a_name_written_with_aa_or_oe_instead_is_renamed_and_confirmed(
    inbox: Conversation, language: str, listed: str, written: str, body: str, new: str
) -> None:
    """Not held for two unexplained names: the participant is renamed, the group stays four."""
    first_list = LISTS[language][2].replace(listed, written)
    first, _ = registered(inbox, language, first_list)

    kinds = answer(inbox, first, body, language, listed=first_list)

    [registration] = inbox.registrations()
    assert kinds == ["confirmation"]
    assert new in names(registration) and written not in names(registration)
    assert len(registration.participants) == 4
