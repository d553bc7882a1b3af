"""Hand-written mails for the failure classes blind4 showed (own wording, not copies).

Bokmål and nynorsk: removals that are no person's name, passing the invitation on, kulturskole
subject roles and stated kulturskole staff, particles and word-like given names, 'er òg med',
'melder seg på' with the sender in the list, 'daglig leder' as cultural life, semicolon lists
wrapped over lines, sentence dots of abbreviations, and a bare first name for someone in the
quoted history.
"""

from __future__ import annotations

from parsers.nlp.changes import removed_names
from parsers.nlp.names import is_person_name
from parsers.nlp.sectors import classify_sector
from tests.extraction_support import DEV_INVITATION, FROM_GUARDED, own_reply, people, reader

read = reader("post@aurskog-holand.kommune.no", DEV_INVITATION)

SENDER = "post@vik.kommune.no"
EARLIER_NN = (
    "Vi melder på:\nKari Berg, kultursjef\nPer Ås, rektor\nEli Dal, ordførar\n"
    "Ola Nes, kulturskulerektor"
)
EARLIER_NB = EARLIER_NN.replace("ordførar", "ordfører")


def test_nn_lower_case_phrase_is_no_removal() -> None:
    ex = read(
        "Hei!\n\nEg veit at tida er ute, men vi vil gjerne vere med. Eg ser at fristen er ute. "
        "Frå oss kjem Siv Lund, rektor ved Vik skule, Kåre Moe, oppvekstsjef, Liv Rø, "
        "kulturskulerektor, og Arne Hol, ordførar.\n"
    )
    assert ex.removed == ()
    assert ex.kind == "registration"
    assert len(ex.participants) == 4


def test_removed_names_need_capitals_or_a_capitalised_mention() -> None:
    assert removed_names("Vi ser at tida er ute.") == []
    assert removed_names("per ås kan ikkje likevel.", "Per Ås, rektor") == ["Per Ås"]
    assert removed_names("per ås kan ikkje likevel.", "") == []


def test_nb_bare_first_name_removal_resolves_to_quoted_list() -> None:
    body = own_reply(
        "Hei igjen,\n\nPer får dessverre ikke delta. Vi stiller med Siv Lund, rektor ved Vik "
        "skole, i stedet.",
        EARLIER_NB,
        SENDER,
        "Ola Nes",
    )
    ex = read(body, sender=SENDER, sender_name="Ola Nes")
    assert ex.kind == "update"
    assert ex.removed == ("Per Ås",)


def test_nn_bare_first_name_that_is_not_unique_removes_nobody() -> None:
    earlier = EARLIER_NN + "\nKari Lie, rådgjevar"
    body = own_reply(
        "Hei igjen,\n\nKari kan diverre ikkje likevel. I staden kjem Siv Lund, rektor ved Vik "
        "skule.",
        earlier,
        SENDER,
        "Ola Nes",
    )
    ex = read(body, sender=SENDER, sender_name="Ola Nes")
    assert "Kari Berg" not in ex.removed and "Kari Lie" not in ex.removed


def test_nb_passing_on_is_no_sign_up() -> None:
    ex = read(
        "Hei,\n\nTakk for invitasjonen. Jeg har sendt den videre til kulturskolerektor Hanne "
        "Li, som tar stilling til en eventuell påmelding.\n"
    )
    assert ex.kind == "other"
    assert ex.participants == ()


def test_nn_overlevert_saka_is_no_sign_up() -> None:
    ex = read(
        "Hei!\n\nSaka er journalført og overlevert til einingsleiar for kultur, Ola Brekke. "
        "Påmelding kjem eventuelt frå han.\n"
    )
    assert ex.kind == "other"


def test_nb_forward_then_sign_up_is_a_registration() -> None:
    ex = read(
        "Hei,\n\nJeg videresendte invitasjonen til rektorene, og vi melder oss på med disse:\n"
        "Kari Berg, kultursjef\nPer Ås, rektor ved Ås skole\nEli Dal, ordfører\n"
        "Ola Nes, kulturskolerektor\n"
    )
    assert ex.kind == "registration"
    assert len(ex.participants) == 4


def test_subject_roles_written_from_the_kulturskole() -> None:
    assert classify_sector("avdelingsleder for teater", **FROM_GUARDED) == "kulturskole"
    assert classify_sector("fagleiar for dans", **FROM_GUARDED) == "kulturskole"
    assert classify_sector("avdelingsleder for teater") != "kulturskole"
    assert classify_sector("leiar for Vik teater", **FROM_GUARDED) == "kulturliv"
    assert classify_sector("avdelingsleiar for oppvekst", **FROM_GUARDED) == "annet"


def test_nn_subject_roles_in_a_kulturskule_reply() -> None:
    ex = read(
        "Hei,\n\nFrå oss i kulturskulen kjem desse:\n\nGro Haugen, avdelingsleiar for "
        "visuell kunst\nNils Vikane, fagansvarleg song\nPer Dale, oppvekstsjef\n"
        "Liv Rø, rektor ved Dale skule\n"
    )
    sectors = {n: s for n, _, s in people(ex)}
    assert sectors["Gro Haugen"] == "kulturskole"
    assert sectors["Nils Vikane"] == "kulturskole"
    assert sectors["Per Dale"] == "administrasjon"
    assert sectors["Liv Rø"] == "skole"


def test_nb_stated_kulturskole_staff() -> None:
    ex = read(
        "Hei,\n\nVi kommer fire, og alle fire jobber i kulturskolen:\nKari Berg, koordinator\n"
        "Per Ås, rektor\nEli Dal, lærer i gitar\nOla Nes, fagansvarlig sang\n"
    )
    assert {s for _, _, s in people(ex)} == {"kulturskole"}


def test_names_with_particles_and_word_like_given_names() -> None:
    assert is_person_name("Anna van den Berg")
    assert is_person_name("Pieter de Vries")
    assert is_person_name("MAI LIS STRAND")
    assert is_person_name("Mai Britt Ås")
    assert not is_person_name("Mai Ås")  # "8. Mai Ås …" stays a date
    assert not is_person_name("Hei de Andre")


def test_nb_caps_list_with_word_like_given_name() -> None:
    ex = read(
        "Hei. Vi blir med fra Vik.\n\nKARI BERG kulturskolerektor\nPER ÅS oppvekstsjef\n"
        "ELI DAL rektor Vik skole\nMAI LIS STRAND kommunestyremedlem\n"
    )
    assert "MAI LIS STRAND" in [n for n, _, _ in people(ex)]


def test_nn_er_og_med_and_nb_er_ogsa_med() -> None:
    nn = read("Hei!\n\nVi er med. Siv Lund, oppvekstsjef, er òg med. Kari Berg er òg med.\n")
    assert [n for n, _, _ in people(nn)] == ["Siv Lund", "Kari Berg"]
    nb = read("Hei,\n\nPer Ås, rektor ved Ås skole, er også med.\n")
    assert people(nb) == [("Per Ås", "rektor ved Ås skole", "skole")]


def test_nb_melder_seg_pa_with_sender_in_prose() -> None:
    ex = read(
        "Hei,\n\nVik kommune melder seg på med fire: jeg selv som kultursjef, "
        "kulturskolerektor Ida Lie og rektor ved Bø skole, Per Hauge. Fra politikken kommer "
        "Eva Dal (H), som leder oppvekstutvalget.\n",
        sender_name="Jon Vik",
    )
    names = [n for n, _, _ in people(ex)]
    assert names[:3] == ["Jon Vik", "Ida Lie", "Per Hauge"]
    assert people(ex)[0][1] == "kultursjef"


def test_nn_list_sentence_after_sign_up_sentence() -> None:
    ex = read(
        "Hei,\n\nVoss herad melder seg på. Eg sjølv som kultursjef, kulturskulerektor Marte "
        "Lid og rektor ved Vossevangen skule, Kjetil Dale.\n",
        sender_name="Tone Vik",
    )
    assert people(ex) == [
        ("Tone Vik", "kultursjef", "administrasjon"),
        ("Marte Lid", "kulturskulerektor", "kulturskole"),
        ("Kjetil Dale", "rektor ved Vossevangen skule", "skole"),
    ]


def test_daglig_leder_is_cultural_life_unless_the_organisation_says_otherwise() -> None:
    assert classify_sector("daglig leder, Kilden") == "kulturliv"
    assert classify_sector("dagleg leiar i Operaen i Nordfjord") == "kulturliv"
    assert classify_sector("daglig leder i Lia barnehage") == "barnehage"


def test_nb_semicolon_list_wrapped_over_lines() -> None:
    ex = read(
        "Hei,\n\nVi melder på: Kari Berg, kulturskolerektor; Per Ås, rektor ved Ås skole;\n"
        "Eli Dal, kultursjef; Ola Nes,\nordfører\n"
    )
    assert people(ex)[-1] == ("Ola Nes", "ordfører", "politikk")
    assert len(people(ex)) == 4


def test_nb_abbreviation_does_not_end_the_sentence() -> None:
    ex = read(
        "Hei,\n\nFra Vik kommune kommer komm.dir. Kari Vold, kulturskolerektor Anne Bø og "
        "ordfører Ola Tønnesen.\n"
    )
    assert people(ex)[0] == ("Kari Vold", "komm.dir.", "administrasjon")
    assert len(people(ex)) == 3
