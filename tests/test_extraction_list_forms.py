"""Failure classes of the second blind set, with new hand-written mails (bokmål and nynorsk).

List forms (semicolon one-liners, '/', ':' and odd-spaced '-' separators, bullets and
numbering), roles written before the name, two persons sharing one role, lower-case and
ALL-CAPS names with a misspelt role, and abbreviated roles. Nothing here is copied from the
blind set: other names, places and wordings.
"""

from __future__ import annotations

import pytest

from parsers.nlp.roles import clean_role, find_heads
from parsers.nlp.typos import within_one_edit
from tests.extraction_support import people, reader

INVITATION = "<dev-invitation-0001@ks.no>"


read = reader("post@hole.kommune.no", INVITATION)


# --- 1. semicolon one-liners ---------------------------------------------------------------


def test_nb_semicolon_one_liner_after_a_lead_in() -> None:
    ex = read(
        "Hei! Hole kommune melder på disse: Randi Solberg, kulturskolerektor; "
        "Geir Aasland, rektor ved Vik skole; Tone Hval, enhetsleder kultur; "
        "Odd Gran, varaordfører.\n\nHilsen Randi\n"
    )
    assert ex.kind == "registration"
    assert people(ex) == [
        ("Randi Solberg", "kulturskolerektor", "kulturskole"),
        ("Geir Aasland", "rektor ved Vik skole", "skole"),
        ("Tone Hval", "enhetsleder kultur", "administrasjon"),
        ("Odd Gran", "varaordfører", "politikk"),
    ]


def test_nn_semicolon_one_liner_with_og_and_a_bare_name() -> None:
    ex = read(
        "Hei\n\nDeltakarar frå Ulvik: Liv Hjeltnes (kulturskulerektor); Nils Ose, styrar i "
        "Brakanes barnehage; Siri Lid, biblioteksjef; og Arve Tveit\n\nVenleg helsing\nLiv\n",
        sender="liv.hjeltnes@ulvik.kommune.no",
    )
    assert ex.language == "nn"
    assert people(ex) == [
        ("Liv Hjeltnes", "kulturskulerektor", "kulturskole"),
        ("Nils Ose", "styrar i Brakanes barnehage", "barnehage"),
        ("Siri Lid", "biblioteksjef", "kulturliv"),
        ("Arve Tveit", None, "annet"),
    ]


def test_semicolons_in_a_sentence_without_names_sign_nobody_up() -> None:
    ex = read("Hei; vi har ikke bestemt oss ennå; kommer tilbake til dette; takk!\n")
    assert people(ex) == []


# --- 2. separators, bullets, numbering ------------------------------------------------------


def test_nb_slash_colon_and_odd_hyphen_separators_with_bullets() -> None:
    ex = read(
        "Hei,\n\nVi stiller med følgende:\n\n"
        "* Mona Strand / kulturskolerektor\n"
        "• Leif Hovde: rektor på Sundvollen skole\n"
        "1) Kari Brekke -enhetsleder barnehage\n"
        "2) Tor Ask- kultursjef\n\nMvh\nMona Strand\n",
        sender_name="Mona Strand",
    )
    assert people(ex) == [
        ("Mona Strand", "kulturskolerektor", "kulturskole"),
        ("Leif Hovde", "rektor på Sundvollen skole", "skole"),
        ("Kari Brekke", "enhetsleder barnehage", "administrasjon"),
        ("Tor Ask", "kultursjef", "administrasjon"),
    ]


def test_nn_slash_lines_with_self_marker_and_hyphenated_first_name() -> None:
    ex = read(
        "Hei\n\nVaksdal kommune vil gjerne vere med:\n\n"
        "Anne-Berit Dale / kulturskulelærar (undertekna)\n"
        "Jon Mo / rektor ved Dale skule\n"
        "Gunn Lie / leiar i Vaksdal sogelag\n"
        "Per Eide / ordførar (Ap)\n\nVenleg helsing\nAnne-Berit\n",
        sender="anne-berit.dale@vaksdal.kommune.no",
    )
    assert people(ex) == [
        ("Anne-Berit Dale", "kulturskulelærar", "kulturskole"),
        ("Jon Mo", "rektor ved Dale skule", "skole"),
        ("Gunn Lie", "leiar i Vaksdal sogelag", "kulturliv"),
        ("Per Eide", "ordførar", "politikk"),
    ]


# --- 3. role before the name in prose -------------------------------------------------------


def test_nb_roles_before_names_in_one_sentence() -> None:
    ex = read(
        "Hei Torkel!\n\nFra oss blir det kultursjef Hanne Berg, lærer Ole Dahl, "
        "styrer ved Tyristrand barnehage Siv Moen, og meg selv som kulturskolerektor.\n\n"
        "Hilsen\nEva Lunde\n",
        sender_name="Eva Lunde",
    )
    assert people(ex) == [
        ("Hanne Berg", "kultursjef", "administrasjon"),
        ("Ole Dahl", "lærer", "skole"),
        ("Siv Moen", "styrer ved Tyristrand barnehage", "barnehage"),
        ("Eva Lunde", "kulturskolerektor", "kulturskole"),
    ]


def test_nn_role_before_name_with_party_and_join_verb() -> None:
    ex = read(
        "Hei\n\nVi har fått med oss kultursjef Målfrid Vik og varaordførar Knut Hauge (KrF) "
        "blir òg med. Kulturskulerektor Ingrid Fet kjem saman med rektor Sverre Nes.\n\n"
        "Helsing Ingrid\n",
        sender="ingrid.fet@kvam.kommune.no",
    )
    assert people(ex) == [
        ("Målfrid Vik", "kultursjef", "administrasjon"),
        ("Knut Hauge", "varaordførar", "politikk"),
        ("Ingrid Fet", "Kulturskulerektor", "kulturskole"),
        ("Sverre Nes", "rektor", "skole"),
    ]


def test_role_first_line_needs_list_context() -> None:
    listed = read("Hei igjen,\n\nVi tek med ein til:\n\nVaraordførar Olav Sæbø (Sp)\n")
    assert people(listed) == [("Olav Sæbø", "Varaordførar", "politikk")]
    signature_like = read("Vi kjem tilbake med namn seinare.\n\nKulturskulerektor Olav Sæbø\n")
    assert people(signature_like) == []
    copied = read(
        "Hei\n\nVi melder på:\nKari Berg – kulturskolerektor\n\nKopi til:\nRådmann Per Ås\n"
    )
    assert [p.name for p in copied.participants] == ["Kari Berg"]


# --- 4. two persons sharing one role -------------------------------------------------------


def test_nb_two_names_begge_in_a_list_line() -> None:
    ex = read(
        "Hei,\n\nDisse blir med fra Lier:\n\n"
        "Kjersti Holm, kulturskolerektor\n"
        "Arne Lie og Berit Fjeld, begge lærer ved Lierbyen skole\n"
        "Stein Aker, ordfører\n",
        sender="kjersti.holm@lier.kommune.no",
    )
    assert people(ex) == [
        ("Kjersti Holm", "kulturskolerektor", "kulturskole"),
        ("Arne Lie", "lærer ved Lierbyen skole", "skole"),
        ("Berit Fjeld", "lærer ved Lierbyen skole", "skole"),
        ("Stein Aker", "ordfører", "politikk"),
    ]


def test_nn_plural_role_before_two_names_in_prose() -> None:
    ex = read(
        "Hei!\n\nFrå Fusa kjem rektorane Gunvor Hope og Leidulv Tysse, og kulturskulerektor "
        "Brita Eide er òg med.\n\nHelsing Brita\n",
        sender="brita.eide@bjornafjorden.kommune.no",
    )
    assert people(ex) == [
        ("Gunvor Hope", "rektorane", "skole"),
        ("Leidulv Tysse", "rektorane", "skole"),
        ("Brita Eide", "kulturskulerektor", "kulturskole"),
    ]


def test_two_names_with_two_different_roles_are_not_shared() -> None:
    ex = read(
        "Hei\n\nPåmelding:\nAud Berg og Per Moe, rektor og inspektør ved Hov skole\n"
        "Lise Dal, kulturskolerektor\n"
    )
    names = [p.name for p in ex.participants]
    assert "Aud Berg" not in names and "Per Moe" not in names


# --- 5. lower case / ALL CAPS names with a misspelt role -----------------------------------


def test_nb_lower_case_name_with_one_typo_in_the_role() -> None:
    ex = read(
        "hei, vi er med\n\nsolveig brenna - kulturskolerektro\nPål Hegg - kommunalsjef\n"
        "Eli Rud - rektor Bø skole\nJan Vold - dirigent i Hokksund musikkorps\n",
        sender="solveig.brenna@overhalla.kommune.no",
    )
    assert people(ex)[0] == ("solveig brenna", "kulturskolerektro", "kulturskole")
    assert len(ex.participants) == 4


def test_nn_all_caps_name_with_a_transposed_letter_in_the_role() -> None:
    ex = read(
        "Hei\n\nKARI VETLESEN - kulturskulelæarr\nNILS ØYE - einingsleiar skule\n"
        "Signe Tveit - ordførar\nRune Aase - kyrkjemusikar\n",
        sender="kari.vetlesen@sauda.kommune.no",
    )
    assert people(ex)[0] == ("KARI VETLESEN", "kulturskulelæarr", "kulturskole")
    assert len(ex.participants) == 4


@pytest.mark.parametrize(
    ("word", "has_head"),
    [
        ("kommunalsjfe", True),  # one letter swapped, long word
        ("kultursejf", True),
        ("rektro", False),  # short words are not forgiven
        ("Kristiansen", False),
        ("kulturskolen", False),  # the school, not a job
    ],
)
def test_one_typo_only_in_long_role_words(word: str, has_head: bool) -> None:
    assert bool(find_heads(word)) is has_head


def test_within_one_edit() -> None:
    assert within_one_edit("rektor", "rektro")
    assert within_one_edit("rektor", "rektorr")
    assert not within_one_edit("rektor", "rktro")


# --- 6. abbreviated roles and workplace sectors --------------------------------------------


def test_nb_abbreviated_roles() -> None:
    ex = read(
        "Hei,\n\nVi melder på:\n\n"
        "- Trude Moe – komm.dir.\n"
        "- Sindre Bø – rådg. oppvekst\n"
        "- Ane Lund – ass. rektor ved Hov skole\n"
        "- Kai Fjell – avd.leder kulturskolen\n"
        "- Liv Ruud – fung. kultursjef\n"
        "- Ola Bakke – daglig leder i Hov kulturhus\n",
    )
    assert people(ex) == [
        ("Trude Moe", "komm.dir.", "administrasjon"),
        ("Sindre Bø", "rådg. oppvekst", "administrasjon"),
        ("Ane Lund", "ass. rektor ved Hov skole", "skole"),
        ("Kai Fjell", "avd.leder kulturskolen", "kulturskole"),
        ("Liv Ruud", "fung. kultursjef", "administrasjon"),
        ("Ola Bakke", "daglig leder i Hov kulturhus", "kulturliv"),
    ]


def test_nn_abbreviated_roles_and_art_pedagogues() -> None:
    ex = read(
        "Hei\n\nDesse blir med:\n"
        "Sigrid Ness, kommunaldir.\n"
        "Åsmund Lie, rådgj. for skule\n"
        "Tove Kvam, teaterpedagog i kulturskulen\n"
        "Eirik Hole, ped. leiar i Solbakken barnehage\n"
        "Gro Sande, kult.sjef\n"
        "Nora Bø, leiar for frivilligsentralen\n",
        sender="tove.kvam@stord.kommune.no",
    )
    assert people(ex) == [
        ("Sigrid Ness", "kommunaldir.", "administrasjon"),
        ("Åsmund Lie", "rådgj. for skule", "administrasjon"),
        ("Tove Kvam", "teaterpedagog i kulturskulen", "kulturskole"),
        ("Eirik Hole", "ped. leiar i Solbakken barnehage", "barnehage"),
        ("Gro Sande", "kult.sjef", "administrasjon"),
        ("Nora Bø", "leiar for frivilligsentralen", "kulturliv"),
    ]


def test_table_row_workplace_cell_gives_the_sector() -> None:
    ex = read(
        "Hei\n\nNamn\tStilling\tArbeidsstad\n"
        "Rolf Dale\tkulturskulerektor\tHå kulturskule\n"
        "Mari Sele\tdagleg leiar\tHå gamle prestegard kulturhus\n"
        "Jan Obrestad\tleiar\tNærbø frivilligsentral\n"
        "Eva Hå\trektor\tNærbø ungdomsskule\n",
        sender="rolf.dale@ha.kommune.no",
    )
    assert people(ex) == [
        ("Rolf Dale", "kulturskulerektor", "kulturskole"),
        ("Mari Sele", "dagleg leiar", "kulturliv"),
        ("Jan Obrestad", "leiar", "kulturliv"),
        ("Eva Hå", "rektor", "skole"),
    ]


@pytest.mark.parametrize(
    ("raw", "role"),
    [
        ("komm.dir.", "komm.dir."),
        ("kultursjef.", "kultursjef"),
        ("rådgj. oppvekst.", "rådgj. oppvekst"),
    ],
)
def test_clean_role_keeps_an_abbreviations_own_dot(raw: str, role: str) -> None:
    assert clean_role(raw) == role
