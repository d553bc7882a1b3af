"""What made mailbot unsure of a held message, in ``mailbot review show`` and in the daily
digest as on the desk: each doubt in the organiser's words with the words that raised it
and where they stand (the part, the line, a sheet's row and column), where the names and
the municipality were read, and a later withdrawal that overtook the message. Real SQLite
and PostgreSQL; invented mails in bokmål and nynorsk; the organiser reads bokmål."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from db.models import InboundMessage
from mailbot.cli import main
from tests.conversation import Conversation
from tests.mailmaker import XLSX, make_mail, make_xlsx
from tests.overtaken import MUNICIPALITIES, sign_up_then_withdrawal

ON_BOTH_DATABASES = pytest.mark.parametrize("talk", ["embedded", "postgresql"], indirect=True)

#: Four named in the mail and a sheet whose last row (Excel row 4, after an empty row)
#: names a fifth nobody read: held with an ``unread_attachment`` doubt.
SHEET_SIGN_UPS = {
    "nb": (
        "Hei!\n\nFra Frogn kommune kommer disse fire:\n\n- Lise Holm, rektor\n"
        "- Ivar Berge, varaordfører\n- Hege Strand, kulturskolelærer\n"
        "- Arne Foss, enhetsleder\n\nNavnelisten ligger også ved.\n\nHilsen Lise",
        [["Navn", "Stilling"], ["Lise Holm", "rektor"], [], ["Mona Vik", "lærer"]],
        "Navn",
    ),
    "nn": (
        "Hei!\n\nFrå Stryn kommune kjem desse fire:\n\n- Lise Holm, rektor\n"
        "- Ivar Berge, varaordførar\n- Hege Strand, kulturskulelærar\n"
        "- Arne Foss, einingsleiar\n\nNamnelista ligg òg ved.\n\nHelsing Lise",
        [["Namn", "Stilling"], ["Lise Holm", "rektor"], [], ["Mona Vik", "lærar"]],
        "Namn",
    ),
}


def held_ids(talk: Conversation) -> list[int]:
    with talk.app.factory() as session:
        return list(
            session.scalars(
                select(InboundMessage.id)
                .where(InboundMessage.status == "needs_review")
                .order_by(InboundMessage.id)
            )
        )


def shown_and_digest(talk: Conversation, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """``mailbot review show`` of the one held message, then ``mailbot digest``."""
    url = talk.app.settings.database_url
    [held] = held_ids(talk)
    assert main(["review", "show", str(held), "--database", url]) == 0
    shown = capsys.readouterr().out
    assert main(["digest", "--database", url]) == 0
    return shown, capsys.readouterr().out


@ON_BOTH_DATABASES
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_review_show_and_the_digest_name_the_doubt_the_places_and_the_later_withdrawal(
    talk: Conversation,
    language: str,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    sign_up_then_withdrawal(talk, language)
    said = "Vi blir fem" if language == "nb" else "Me blir fem"
    place = MUNICIPALITIES[language]

    with caplog.at_level(logging.DEBUG):
        shown, digest = shown_and_digest(talk, capsys)

    doubt = (
        f"antallet avsenderen oppgir stemmer ikke med listen: «{said} (4 lest)» (e-posten, linje 3)"
    )
    assert doubt in shown
    assert doubt in digest
    assert "Trukket senere" in shown and "gjeninnsett påmeldingen først" in shown
    assert "gjeninnsettes på pulten: /registrering/" in shown
    assert "Trukket i en senere melding (onsdag 29. april 2020" in digest
    assert f"(mailbot leste {place}; ingen påmelding ennå)" in digest  # none opened
    assert f"Kommune: {place}" in shown and f"(«{place}», e-posten, linje 3)" in shown
    assert "Petter Lie" in shown and "e-posten, linje 6" in shown  # where the name was read
    assert not [r for r in caplog.records if said in r.getMessage()]  # no body in a log


@ON_BOTH_DATABASES
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_doubt_in_an_attachment_is_shown_by_its_file_sheet_row_and_column(
    talk: Conversation, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    body, rows, column = SHEET_SIGN_UPS[language]
    talk.send(
        make_mail(
            "lise.holm@example.no",
            body,
            sender_name="Lise Holm",
            attachments=(("navneliste.xlsx", XLSX, make_xlsx(rows, title="Deltakere")),),
        )
    )

    shown, digest = shown_and_digest(talk, capsys)

    where = f"(vedlegget navneliste.xlsx, ark Deltakere, rad 4, kolonne {column})"
    for text in (shown, digest):
        assert "et vedlegg med en tabell som ikke ble lest" in text
        assert "Mona Vik" in text and where in text
    assert "Trukket" not in shown and "Trukket i en senere melding" not in digest
