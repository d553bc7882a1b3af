"""Failure classes of the second blind set: kind, thread updates, automatic mail, old
municipality names and adviser sectors (new hand-written mails, bokmål and nynorsk)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

import pytest

from parsers.nlp.municipality import name_index, resolve
from parsers.nlp.sectors import classify_sector
from tests.corpus import REFERENCE
from tests.extraction_support import NOT_FROM_GUARDED, reader
from tests.extraction_support import own_reply as quoting

INVITATION = "<dev-invitation-0002@ks.no>"
CHANGES_2020 = REFERENCE / "kommune-changes-2020.csv"


read = reader("post@sigdal.kommune.no", INVITATION)


def own_reply(body: str, earlier: str, sender: str, name: str) -> str:
    """This file's follow-ups: sent the day after, under the invitation's subject."""
    return quoting(
        body, earlier, sender, name, sent="tirsdag 5. mai 2020 08:40", subject="SV: Invitasjon"
    )


# --- 7. kind: registering words without readable people; thread updates ---------------------


@pytest.mark.parametrize(
    "body",
    [
        "Hei\n\nVi melder på en gruppe fra Sigdal. Navnene:\n- Kari (rektor)\n- Ola (kultursjef)\n",
        "Hei\n\nDeltakarar:\nsjå vedlagt oversikt, eg fann ikkje fila att, sender ho i morgon\n",
        "Hei!\n\nFølgende stiller fra oss på verkstedet, navn kommer.\n",
        "Hei\n\nDesse blir med frå kulturskulen og skulen, namna kjem.\n",
    ],
)
def test_registering_words_make_a_registration_without_people(body: str) -> None:
    ex = read(body)
    assert ex.kind == "registration"
    assert ex.participants == ()


@pytest.mark.parametrize(
    "body",
    [
        "Hei\n\nVi lurer på et par ting før vi melder på: kan vi være tre?\n",
        "Hei\n\nKan me melde på berre tre personar?\n",
    ],
)
def test_sign_up_not_yet_made_is_a_question(body: str) -> None:
    assert read(body).kind == "question"


EARLIER_NB = (
    "Her er påmeldingen fra Sigdal:\n\nAnne Moen – kulturskolerektor\n"
    "Per Berg – rektor ved Prestfoss skole\nLine Ask – lærer i kulturskolen\n"
)


def test_nb_added_politician_in_own_thread_is_an_update() -> None:
    sender = "anne.moen@sigdal.kommune.no"
    ex = read(
        own_reply("Hei igjen,\n\nOrdfører Tor Egge (H) blir også med.", EARLIER_NB, sender,
                  "Anne Moen"),
        sender=sender, sender_name="Anne Moen", in_reply_to="<earlier-1@sigdal.kommune.no>",
    )  # fmt: skip
    assert ex.kind == "update"
    assert [(p.name, p.role, p.sector) for p in ex.participants] == [
        ("Tor Egge", "Ordfører", "politikk")
    ]


def test_nn_dropout_in_own_thread_is_an_update_with_removed() -> None:
    sender = "sigrun.dale@etne.kommune.no"
    earlier = (
        "Påmelding frå Etne:\nSigrun Dale – kulturskulerektor\nArne Fjære – varaordførar\n"
        "Kari Lid – rektor ved Etne skule\nOla Sæbø – leiar i Etne musikklag\n"
    )
    ex = read(
        own_reply("Hei\n\nArne Fjære har diverre fått forfall den dagen. Vi leitar etter ein "
                  "annan.", earlier, sender, "Sigrun Dale"),
        sender=sender, sender_name="Sigrun Dale", in_reply_to="<earlier-2@etne.kommune.no>",
    )  # fmt: skip
    assert ex.kind == "update"
    assert ex.removed == ("Arne Fjære",)
    assert ex.participants == ()


# --- 9. automatic mail -----------------------------------------------------------------------


def test_nb_gmail_vacation_reply_with_bulk_precedence_is_auto_reply() -> None:
    ex = read(
        "Jeg er på ferie til 12. mai og leser ikke e-post. Haster det, ring sentralbordet.\n\n"
        "Hilsen\nRagnhild Sve\nKulturskolerektor\nSkjåk kommune\n",
        sender="ragnhild.sve@gmail.com",
        subject="Fraværsmelding: Invitasjon: Kulturskole for fremtiden",
        headers={"Auto-Submitted": "auto-replied", "Precedence": "bulk"},
    )
    assert ex.kind == "auto_reply"
    assert ex.municipality is not None and ex.municipality.number == "3433"
    assert ex.participants == ()


def test_nn_out_of_office_subject_without_header_is_auto_reply() -> None:
    ex = read(
        "Eg er på kurs og kjem attende måndag.\n\nHelsing\nLars Ryssdal\nSelje kulturskule\n",
        sender="lars.ryssdal@gmail.com",
        subject="Automatisk svar: Invitasjon",
    )
    assert ex.kind == "auto_reply"


def test_archive_receipt_is_other_and_keeps_the_municipality() -> None:
    ex = read(
        "Takk for din henvendelse. Den er journalført med saksnummer 20/555 og blir "
        "fordelt til saksbehandler.\n\nDette er en automatisk generert melding.\n\n"
        "Lesja kommune, postmottak\n",
        sender="postmottak@lesja.kommune.no",
        subject="Kvittering for mottatt henvendelse",
        in_reply_to=None,
        headers={"Auto-Submitted": "auto-generated"},
    )
    assert ex.kind == "other"
    assert ex.municipality is not None and ex.municipality.number == "3432"


def test_newsletter_is_other_without_municipality() -> None:
    ex = read(
        "Nytt fra kulturskolene: Lesja kulturskole holdt vårkonsert.\n",
        sender="nyheter@kulturnytt.no",
        in_reply_to=None,
        headers={"Precedence": "bulk", "List-Unsubscribe": "<mailto:unsub@kulturnytt.no>"},
    )
    assert ex.kind == "other"
    assert ex.municipality is None


# --- 8. pre-2020 municipality names ---------------------------------------------------------


def old_names() -> list[tuple[str, str]]:
    """(old name, new number) for every pre-2020 name that only one 2020 municipality took
    over and that no 2020 municipality still bears (those cannot be told apart by name)."""
    targets: dict[str, set[str]] = defaultdict(set)
    with CHANGES_2020.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for part in re.sub(r"\s*\(.*\)$", "", row["old_name"]).split(" - "):
                targets[part.strip()].add(row["new_number"])
    current = {k for k, (_, old) in name_index().items() if not old}
    return sorted(
        (name, next(iter(numbers)))
        for name, numbers in targets.items()
        if len(numbers) == 1 and name.casefold() not in current
    )


OLD_NAMES = old_names()


def test_the_old_name_list_is_not_empty() -> None:
    assert len(OLD_NAMES) > 60


@pytest.mark.parametrize(("old", "number"), OLD_NAMES)
def test_every_pre_2020_name_resolves_from_a_signature(old: str, number: str) -> None:
    text = f"Hilsen\nOla\n{old} kommune"
    found, _ = resolve([(text, 1.0)], "ola.nordmann@gmail.com", "")
    assert found is not None and found.number == number


@pytest.mark.parametrize(("old", "number"), OLD_NAMES)
def test_every_pre_2020_name_resolves_from_a_bare_signature_line(old: str, number: str) -> None:
    signature = f"Ola Nordmann\n{old}"
    found, _ = resolve([(signature, 1.0)], "ola.nordmann@gmail.com", "", signature)
    assert found is not None and found.number == number


@pytest.mark.parametrize(
    ("body", "number"),
    [
        ("Hei\n\nVi fra Ski stiller med fire personer, se under.\n", "3020"),
        ("Hei\n\nMe frå Os er klare, lista kjem.\n", None),  # Os: two municipalities kept it
        ("Hei\n\nVi var på ski i helga og tenkte på verkstedet.\n", None),
        ("Hei\n\nVi fra Nes skole er interessert.\n", None),
    ],
)
def test_short_old_names_need_context(body: str, number: str | None) -> None:
    found, _ = resolve([(body, 1.0)], "kari@gmail.com", "")
    assert (found.number if found else None) == number


def test_nn_old_name_on_its_own_signature_line_through_extract() -> None:
    ex = read(
        "Hei\n\nVi melder på:\nKjersti Vik – kulturskulerektor\nOle Aas – ordførar\n"
        "Liv Lie – styrar\nPål Ro – rektor\n\nVenleg helsing\nKjersti Vik\nNorddal\n",
        sender="kjersti.vik@gmail.com",
    )
    assert ex.municipality is not None and ex.municipality.number == "1578"


# --- 10. advisers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sector"),
    [
        ("rådgiver skole", "administrasjon"),
        ("rådgiver for skole og barnehage", "administrasjon"),
        ("rådgjevar for skule i kommunen", "administrasjon"),
        ("rådgiver ved Sande skole", "skole"),
        ("rådgjevar på Sande skule", "skole"),
        ("kult.sjef", "administrasjon"),
        ("rådgiver i kulturskolen", "kulturskole"),
        ("musikkpedagog ved kulturskulen", "kulturskole"),
        ("daglig leder i Sande kulturhus", "kulturliv"),
        ("leiar for frivilligsentralen", "kulturliv"),
        ("leder i Vestby hornmusikk", "kulturliv"),
    ],
)
def test_adviser_and_workplace_sectors(role: str, sector: str) -> None:
    assert classify_sector(role, **NOT_FROM_GUARDED) == sector
