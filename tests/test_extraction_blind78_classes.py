"""Hand-written mails for the failure classes blind7 and blind8 showed (own wording, not
copies), each in bokmål and nynorsk.

Surnames ending in an institution word ("Nordgarden"); a removal of two people with a date
after the negation ("A og B kan ikke 4. juni likevel"); a text part whose charset label lies
(UTF-8 bytes labelled iso-8859-1); a participant list only in a CSV attachment sent as
``application/vnd.ms-excel`` in windows-1252 without a charset, with a "Deltar" column;
"Etternavn, Fornavn" names in a table (kept as written, one person with "Fornavn
Etternavn"); an HTML table flattened to one cell per line; unnamed slots ("én fra
ungdomsrådet") that count toward a stated number but are nobody; a person the writer talked
to ("har snakka med X") who is not signed up.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from parsers.attachments import decode_bytes
from parsers.extraction import extract
from parsers.nlp.changes import removed_names
from parsers.types import person_key
from tests.extraction_support import EVENT, people, reader

read = reader("post@vik.kommune.no", None)


def mail_with(body: str, *, attachment: bytes | None = None, charset: str = "utf-8") -> bytes:
    """A reply whose text part is ``body`` encoded as UTF-8 but labelled ``charset``, with an
    optional CSV attachment as spreadsheet programs send it (no charset parameter)."""
    message = EmailMessage()
    message["From"] = "Kari Vik <kari.vik@vik.kommune.no>"
    message["To"] = "Torkel Øien <torkel.oien@ks.no>"
    message["Subject"] = "SV: Invitasjon: Kulturskole for fremtiden"
    message["Date"] = "Mon, 27 Apr 2020 10:00:00 +0200"
    message["Message-ID"] = "<classes-78@vik.kommune.no>"
    message.set_content(body.encode("utf-8"), maintype="text", subtype="plain", cte="8bit")
    message.set_param("charset", charset)
    if attachment is not None:
        message.add_attachment(
            attachment, maintype="application", subtype="vnd.ms-excel", filename="deltakere.csv"
        )
    return message.as_bytes()


# --- 1. a surname ending in an institution word ---------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("- Solveig Nordgarden, daglig leder i Vik museum", "Solveig Nordgarden"),
        ("- Tone Hovde Øygarden, dagleg leiar i Vik museum", "Tone Hovde Øygarden"),
        ("- Per Nygården, leder i Vik kunstforening", "Per Nygården"),
    ],
)
def test_surname_ending_in_garden_is_a_name(line: str, name: str) -> None:
    ex = read(
        "Hei!\n\nVik kommune er med:\n\n- Kari Vik, kulturskolerektor\n- Ola Dal, ordfører\n"
        f"- Eva Lie, rektor ved Vik skole\n{line}\n\nHilsen Kari\n"
    )
    assert name in [p[0] for p in people(ex)]
    assert ex.sure


# --- 2. two people removed, a date after the negation ----------------------------------------


def test_nb_two_names_removed_with_a_date() -> None:
    text = (
        "Dessverre har to av våre meldt forfall: Ahmed Ali og Berit Lund kan ikke 4. juni likevel."
    )
    assert removed_names(text, text) == ["Ahmed Ali", "Berit Lund"]


def test_nn_three_names_removed() -> None:
    text = "Diverre: Per Ås, Liv Dal og Ivar Nes kan ikkje 4. juni likevel."
    assert removed_names(text, text) == ["Per Ås", "Liv Dal", "Ivar Nes"]


def test_a_name_pair_that_takes_part_is_not_removed() -> None:
    text = "Per Ås og Liv Dal kan komme 4. juni."
    assert removed_names(text, text) == []


# --- 3. a charset label that lies ------------------------------------------------------------


def test_utf8_bytes_labelled_latin1_are_decoded_as_utf8() -> None:
    text, defect = decode_bytes("Bjørn Ødegård, rådgjevar".encode(), "iso-8859-1")
    assert text == "Bjørn Ødegård, rådgjevar" and defect is not None
    # real windows-1252 stays windows-1252
    assert decode_bytes("Bjørn – rektor".encode("cp1252"), "iso-8859-1")[0] == "Bjørn – rektor"


@pytest.mark.parametrize(
    ("body", "names"),
    [
        (
            "Hei!\n\nVi er med:\n\n- Kari Vik, kulturskolerektor\n- Bjørn Ødegård, ordfører\n"
            "- Åse Sæther, rektor ved Vik skole\n- Øystein Må, kommunalsjef\n\nHilsen Kari\n",
            ["Kari Vik", "Bjørn Ødegård", "Åse Sæther", "Øystein Må"],
        ),
        (
            "Hei!\n\nMe er med:\n\n- Kari Vik, kulturskulerektor\n- Bjørn Ødegård, ordførar\n"
            "- Åse Sæther, rektor ved Vik skule\n- Øystein Må, kommunalsjef\n\nHelsing Kari\n",
            ["Kari Vik", "Bjørn Ødegård", "Åse Sæther", "Øystein Må"],
        ),
    ],
)
def test_lying_charset_label_through_extract(body: str, names: list[str]) -> None:
    ex = extract(mail_with(body, charset="iso-8859-1"), context=EVENT)
    assert [p[0] for p in people(ex)] == names


# --- 4. the list only in a CSV attachment ------------------------------------------------------

CSV_NB = (
    "Navn;Rolle;Enhet;Deltar 4. juni\r\n"
    "Kari Vik;kulturskolerektor;Vik kulturskole;Ja\r\n"
    "Ola Dal;rektor;Haugen skole;Ja\r\n"
    "Eva Lie;leder oppvekstutvalget;Vik kommunestyre;Nei (forfall)\r\n"
    "Per Ås;kommunestyrerepresentant (Sp);Vik kommunestyre;Ja\r\n"
    "Åse Nes;daglig leder;Vik kulturhus;Ja\r\n"
)
CSV_NN = (
    "Namn;Stilling;Arbeidsstad;Deltek\r\n"
    "Kari Vik;kulturskulerektor;Vik kulturskule;Ja\r\n"
    "Ola Dal;rektor;Haugen skule;Ja\r\n"
    "Eva Lie;styrar;Lia barnehage;Ja\r\n"
    "Per Ås;leiar;Vik ungdomsråd;Nei\r\n"
    "Åse Nes;ordførar;Vik kommunestyre;Ja\r\n"
)


@pytest.mark.parametrize(
    ("body", "csv", "expected"),
    [
        (
            "Hei.\n\nVedlagt deltakerliste fra Vik kommune.\n\nHilsen Kari\n",
            CSV_NB,
            [
                ("Kari Vik", "kulturskolerektor", "kulturskole"),
                ("Ola Dal", "rektor", "skole"),
                ("Per Ås", "kommunestyrerepresentant", "politikk"),
                ("Åse Nes", "daglig leder", "kulturliv"),
            ],
        ),
        (
            "Hei.\n\nLista over deltakarane frå Vik ligg ved.\n\nHelsing Kari\n",
            CSV_NN,
            [
                ("Kari Vik", "kulturskulerektor", "kulturskole"),
                ("Ola Dal", "rektor", "skole"),
                ("Eva Lie", "styrar", "barnehage"),
                ("Åse Nes", "ordførar", "politikk"),
            ],
        ),
    ],
)
def test_csv_attachment_in_windows_1252_without_charset(
    body: str, csv: str, expected: list[tuple[str, str, str]]
) -> None:
    ex = extract(mail_with(body, attachment=csv.encode("cp1252")), context=EVENT)
    assert ex.kind == "registration"
    assert people(ex) == expected
    assert ex.sure


# --- 5. "Etternavn, Fornavn" ------------------------------------------------------------------


def test_person_key_sees_family_name_first_as_the_same_person() -> None:
    assert person_key("Berg, Kari") == person_key("Kari Berg")
    assert person_key("Kjos-Hansen, Ole Martin") == person_key("Ole Martin Kjos-Hansen")
    assert person_key("Kari Berg") == "kari berg"


@pytest.mark.parametrize(
    ("header", "roles"),
    [
        ("Navn (etternavn, fornavn)\tRolle", ["Kulturskolerektor", "Rektor, Os skole"]),
        ("Namn\tStilling", ["Kulturskulerektor", "Rektor, Os skule"]),
    ],
)
def test_family_name_first_in_a_table_is_kept_as_written(header: str, roles: list[str]) -> None:
    ex = read(
        f"Hei,\n\nHer er lista:\n\n{header}\nBerg, Kari\t{roles[0]}\n"
        f"Kjos-Hansen, Ole Martin\t{roles[1]}\nDal, Per (Ap)\tOrdfører\n"
        "Lie, Eva\tKommunalsjef\n\nHilsen\n"
    )
    assert [(p[0], p[1]) for p in people(ex)] == [
        ("Berg, Kari", roles[0]),
        ("Kjos-Hansen, Ole Martin", roles[1]),
        ("Dal, Per", "Ordfører"),
        ("Lie, Eva", "Kommunalsjef"),
    ]
    assert ex.sure


# --- 6. a table flattened to one cell per line -------------------------------------------------


@pytest.mark.parametrize(
    ("head", "rows"),
    [
        (
            ["Navn", "Rolle"],
            [("Kari Vik", "Kulturskolerektor"), ("Ola Dal (H)", "Ordfører"),
             ("Eva Lie", "Rektor, Vik skole"), ("Per Ås", "Kommunalsjef oppvekst")],
        ),
        (
            ["Namn", "Rolle"],
            [("Kari Vik", "Kulturskulerektor"), ("Ola Dal (Sp)", "Ordførar"),
             ("Eva Lie", "Rektor, Vik skule"), ("Per Ås", "Dagleg leiar, Vik frivilligsentral")],
        ),
    ],
)  # fmt: skip
def test_flattened_table_one_cell_per_line(head: list[str], rows: list[tuple[str, str]]) -> None:
    cells = head + [cell for row in rows for cell in row]
    ex = read("Hei,\n\nSjå tabellen under.\n\n" + "\n\n".join(cells) + "\n")
    assert [(p[0], p[1]) for p in people(ex)] == [
        (name.split(" (")[0], role) for name, role in rows
    ]


# --- 7. unnamed slots ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "count"),
    [
        (
            "Hei,\n\nVik kommune er med, og vi blir fem:\n\n– Kari Vik, kulturskolerektor\n"
            "– Ola Dal, rektor ved Vik skole\n– Eva Lie, styrer i Tunet barnehage\n"
            "– én fra ungdomsrådet\n– en politiker fra hovedutvalget (avklares)\n\nHilsen Kari\n",
            3,
        ),
        (
            "Hei,\n\nVik kommune er med, og me blir fem:\n\n- Kari Vik, kulturskulerektor\n"
            "- Ola Dal, rektor ved Vik skule\n- Eva Lie, styrar i Tunet barnehage\n"
            "- Per Ås, ordførar\n- NN frå ungdomsrådet\n\nHelsing Kari\n",
            4,
        ),
    ],
)
def test_unnamed_slots_count_toward_the_stated_number_but_are_nobody(body: str, count: int) -> None:
    ex = read(body)
    assert len(ex.participants) == count
    assert ex.sure


# --- 8. a person talked to ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Kari har snakket med Berit Holm om opplegget, så hun vet at vi kommer.",
        "Kari har snakka med Berit Holm om opplegget, så ho veit at vi kjem.",
    ],
)
def test_someone_talked_to_is_not_signed_up(sentence: str) -> None:
    ex = read(
        "Hei!\n\nVik er med:\n\n- Kari Vik, kulturskolerektor\n- Ola Dal, ordfører\n"
        f"- Eva Lie, rektor ved Vik skole\n- Per Ås, kommunalsjef\n\n{sentence}\n\nHilsen Kari\n"
    )
    assert "Berit Holm" not in [p[0] for p in people(ex)]


def test_a_contact_the_invitation_names_is_never_a_participant() -> None:
    ex = read(
        "Hei!\n\nVik er med:\n\n- Kari Vik, kulturskolerektor\n- Ola Dal, ordfører\n"
        "- Eva Lie, rektor ved Vik skole\n- Per Ås, kommunalsjef\n\n"
        "Gunhild Aarvik veit at vi kjem, og vi gler oss.\n\nHelsing Kari\n"
    )
    assert [p[0] for p in people(ex)] == ["Kari Vik", "Ola Dal", "Eva Lie", "Per Ås"]
    assert ex.sure


# --- 9. a district settles a shared municipality name ------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Nes kommune på Romerike vil gjerne være med:",
        "Nes kommune på Romerike vil gjerne vere med:",
    ],
)
def test_a_district_settles_a_shared_name(sentence: str) -> None:
    ex = read(
        f"Hei!\n\n{sentence}\n\n- Kari Vik, kulturskolerektor\n- Ola Dal, ordfører\n"
        "- Eva Lie, rektor ved Runni skole\n- Per Ås, kommunalsjef\n\nHilsen Kari\n",
        sender="kari.vik@gmail.com",
    )
    assert ex.municipality is not None and ex.municipality.number == "3034"


# --- 10. the sender, written into a list or a sentence ------------------------------------------


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Hei,\n\nHarstad er med, og vi er fire:\n\nJon Dal – rektor i Harstad kulturskole\n"
            "Eva Lie – rådgiver i oppvekstavdelingen\nPer Ås (H) – leder i hovedutvalget\n"
            "og meg selv (kultursjef).\n\nTove\n",
            "kultursjef",
        ),
        (
            "Hei. Ål kommune vil vere med. Eg (ordførar) deltek sjølv. Dei andre er:\n\n"
            "Jon Dal, kulturskulerektor\nEva Lie, rektor ved Ål skule\n"
            "Per Ås, dagleg leiar i Ål kulturhus\n\nHelsing Tove\n",
            "ordførar",
        ),
    ],
)
def test_sender_in_a_list_item_or_in_parentheses(body: str, role: str) -> None:
    ex = read(body, sender="tove.hansen@harstad.kommune.no", sender_name="Tove Hansen")
    assert ("Tove Hansen", role) in [(p[0], p[1]) for p in people(ex)]
    assert len(ex.participants) == 4 and ex.sure


@pytest.mark.parametrize(
    "sentence",
    [
        "Kulturskolen representeres av meg, rektor Irina Smirnova Eriksen.",
        "Kulturskulen er representert ved meg, rektor Irina Smirnova Eriksen.",
    ],
)
def test_represented_by_me_with_my_name(sentence: str) -> None:
    ex = read(f"Hei!\n\nVi er med. {sentence}\n\nHilsen Irina\n")
    assert ("Irina Smirnova Eriksen", "rektor") in [(p[0], p[1]) for p in people(ex)]


# --- 11. a forwarded list and the forwarder ------------------------------------------------------


@pytest.mark.parametrize(
    ("own", "list_intro"),
    [
        (
            "Sender videre listen fra kommunalsjefen. I tillegg kommer jeg selv som "
            "kulturskolerektor, så vi blir fem.",
            "Her er de jeg har fått ja fra:",
        ),
        (
            "Sender vidare lista frå kommunalsjefen. I tillegg kjem eg sjølv som "
            "kulturskulerektor, så me blir fem.",
            "Her er dei eg har fått ja frå:",
        ),
    ],
)
def test_forwarded_list_and_the_forwarder_both_count(own: str, list_intro: str) -> None:
    body = (
        f"Hei Torkel,\n\n{own}\n\nHilsen Inger\n\n"
        "---------- Videresendt melding ----------\n"
        "Fra: Arne Botn <arne.botn@vik.kommune.no>\nDato: 27. april 2020\nEmne: Verkstad\n"
        "Til: Inger Nesse <inger.nesse@vik.kommune.no>\n\n"
        f"Hei Inger,\n\n{list_intro}\n\nArne Botn, kommunalsjef for oppvekst (meg)\n"
        "Tone Gjelsvik, rektor ved Vik ungdomsskule\nØrjan Myk, dagleg leiar i Vik "
        "frivilligsentral\nKari Sande (Ap), leiar i utval for oppvekst\n"
    )
    ex = read(body, sender="inger.nesse@vik.kommune.no", sender_name="Inger Nesse")
    assert [p[0] for p in people(ex)] == [
        "Inger Nesse",
        "Arne Botn",
        "Tone Gjelsvik",
        "Ørjan Myk",
        "Kari Sande",
    ]


# --- 12. a role still to come, a role with a typo, a workplace named after a person -----------


@pytest.mark.parametrize(
    ("line", "others"),
    [
        ("- Hege Karlsen – (rolle ettersendes)", ["- Jon Dal, rektor", "- Per Ås, ordfører"]),
        ("- Hege Karlsen – (rolla kjem)", ["- Jon Dal, rektor", "- Per Ås, ordførar"]),
    ],
)
def test_a_pending_role_is_a_participant_without_role(line: str, others: list[str]) -> None:
    ex = read("Hei,\n\nHer er lista:\n\n" + "\n".join([others[0], line, others[1]]) + "\n")
    assert ("Hege Karlsen", None) in [(p[0], p[1]) for p in people(ex)]


@pytest.mark.parametrize(
    "line", ["Trond Kvisla, rektr på Vik ungdomsskole", "Trond Kvisla, rektr på Vik ungdomsskule"]
)
def test_an_unknown_word_at_a_named_school_is_a_role(line: str) -> None:
    ex = read(f"Hei.\n\nDesse kjem:\n\nJon Dal, kulturskulerektor\n{line}\nPer Ås, ordførar\n")
    assert ("Trond Kvisla", "skole") in [(p[0], p[2]) for p in people(ex)]


@pytest.mark.parametrize(
    "line", ["avdelingsleder ved Deichman Holmlia", "avdelingsleiar ved Deichman Holmlia"]
)
def test_a_workplace_named_after_a_person_raises_no_doubt(line: str) -> None:
    ex = read(
        "Hei,\n\nDeltakere: Jon Dal, rektor i Vik kulturskole; Eva Lie, rektor ved Vik skole; "
        f"Per Ås, ordfører; Aleksander Haugen, {line}.\n\nHilsen Jon\n"
    )
    assert len(ex.participants) == 4 and ex.sure


# --- 13. roles in a later sentence, by first name ------------------------------------------


@pytest.mark.parametrize(
    ("body", "roles"),
    [
        (
            "Hei,\n\nVik kommune vil gjerne være med. Vi blir fire: Marit Sæther Kvål, Jon Arne "
            "Wold, Hanne Brattli og Emil Ruud.\n\nMarit er rektor i Vik kulturskole, Jon Arne er "
            "rektor på Tanem skole, Hanne er pedagogisk leder i Lia barnehage, og Emil er "
            "kommunestyrerepresentant (SV) og sitter i oppvekstkomiteen.\n\nHilsen Kari\n",
            ["rektor i Vik kulturskole", "rektor på Tanem skole",
             "pedagogisk leder i Lia barnehage", "kommunestyrerepresentant"],
        ),
        (
            "Hei,\n\nVik kommune vil gjerne vere med. Me blir fire: Marit Sæther Kvål, Jon Arne "
            "Wold, Hanne Brattli og Emil Ruud.\n\nMarit er rektor i Vik kulturskule, Jon Arne er "
            "rektor på Tanem skule, Hanne er styrar i Lia barnehage, og Emil er "
            "kommunestyrerepresentant (SV) og sit i oppvekstutvalet.\n\nHelsing Kari\n",
            ["rektor i Vik kulturskule", "rektor på Tanem skule", "styrar i Lia barnehage",
             "kommunestyrerepresentant"],
        ),
    ],
)  # fmt: skip
def test_roles_in_a_later_sentence_by_first_name(body: str, roles: list[str]) -> None:
    ex = read(body)
    assert [(p[0], p[1]) for p in people(ex)] == list(
        zip(
            ["Marit Sæther Kvål", "Jon Arne Wold", "Hanne Brattli", "Emil Ruud"], roles, strict=True
        )
    )
    assert ex.sure


# --- 14. a role supplied or corrected in prose ---------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hei igjen,\n\nBeklager, jeg glemte rollen til Ingrid. Ingrid Kvåle er daglig leder "
            "på Vik folkebibliotek.\n\nOg en liten rettelse: Jørn Midtbø er inspektør ved Vik "
            "skole, ikke lærer som jeg skrev.\n\nHilsen Kari\n",
            [("Ingrid Kvåle", "daglig leder på Vik folkebibliotek"),
             ("Jørn Midtbø", "inspektør ved Vik skole")],
        ),
        (
            "Hei att,\n\nBeklagar, eg gløymde rolla til Ingrid. Ingrid Kvåle er dagleg leiar "
            "på Vik folkebibliotek.\n\nOg ein liten retting: Jørn Midtbø er inspektør ved Vik "
            "skule, ikkje lærar som eg skreiv.\n\nHelsing Kari\n",
            [("Ingrid Kvåle", "dagleg leiar på Vik folkebibliotek"),
             ("Jørn Midtbø", "inspektør ved Vik skule")],
        ),
    ],
)  # fmt: skip
def test_role_supplied_and_corrected_in_prose(body: str, expected: list[tuple[str, str]]) -> None:
    ex = read(body, in_reply_to="<earlier@vik.kommune.no>")
    assert ex.kind == "update"
    assert [(p[0], p[1]) for p in people(ex)] == expected


# --- 15. a removal with a long reason, and a removal the reader cannot place ------------------


@pytest.mark.parametrize(
    "text",
    [
        "Brita Holm har fått et møte som kolliderer med verkstedet og kan ikke være med likevel.",
        "Brita Holm har fått eit møte som kolliderer med verkstaden og kan ikkje vere med likevel.",
    ],
)
def test_removal_after_a_long_reason(text: str) -> None:
    assert removed_names(text, text) == ["Brita Holm"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Brita Holm, som vi meldte på, kan dessverre ikke komme.",
        "Brita Holm, som vi melde på, kan diverre ikkje kome.",
    ],
)
def test_an_update_that_says_someone_cannot_come_is_unsure_until_they_are_removed(
    sentence: str,
) -> None:
    ex = read(
        f"Hei igjen,\n\n{sentence} I staden kjem Per Ås, ordførar.\n\nHelsing Kari\n",
        in_reply_to="<earlier@vik.kommune.no>",
    )
    assert ex.kind == "update"
    assert "Brita Holm" in ex.removed or not ex.sure
