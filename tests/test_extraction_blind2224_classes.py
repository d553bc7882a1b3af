"""Classes the blind sets 22 and 24 showed (invented text, bokmål and nynorsk): automatic
mail that answers our message, ..."""

from __future__ import annotations

from parsers.types import MessageKind
from tests.extraction_support import DEV_INVITATION, reader

read = reader("kari.nes@tana.kommune.no", DEV_INVITATION)


class TestAutomaticAnswers:
    """A system's receipt that answers our invitation (Auto-Submitted: auto-generated with
    In-Reply-To) is an automatic reply; one it sends on its own (no reply header) is other
    mail; a read receipt is never answered, even sent as plain text."""

    RECEIPT_NB = (
        "Takk for henvendelsen til Tana kommune.\n\n"
        "Dette er en automatisk bekreftelse på at vi har mottatt e-posten. Den blir "
        "journalført og sendt til rett enhet.\n\nVennlig hilsen\nPostmottaket"
    )
    RECEIPT_NN = (
        "Takk for e-posten til Vinje kommune.\n\n"
        "Dette er ei automatisk stadfesting på at vi har fått e-posten. Han blir "
        "journalført og send til rett eining.\n\nHelsing\nPostmottaket"
    )

    def test_generated_receipt_of_our_invitation_is_an_auto_reply_nb(self) -> None:
        ex = read(
            self.RECEIPT_NB,
            sender="postmottak@tana.kommune.no",
            subject="Kvittering: Invitasjon: Kulturskole for fremtiden",
            headers={"Auto-Submitted": "auto-generated"},
        )
        assert ex.kind == MessageKind.AUTO_REPLY and not ex.participants

    def test_generated_receipt_of_our_invitation_is_an_auto_reply_nn(self) -> None:
        ex = read(
            self.RECEIPT_NN,
            sender="postmottak@vinje.kommune.no",
            subject="Mottaksstadfesting: Invitasjon: Kulturskole for fremtiden",
            headers={"Auto-Submitted": "auto-generated"},
        )
        assert ex.kind == MessageKind.AUTO_REPLY and not ex.participants

    def test_generated_mail_that_answers_nothing_is_other(self) -> None:
        ex = read(
            self.RECEIPT_NN,
            sender="postmottak@vinje.kommune.no",
            subject="Vi har motteke henvendinga di",
            in_reply_to=None,
            headers={"Auto-Submitted": "auto-generated"},
        )
        assert ex.kind == MessageKind.OTHER

    def test_plain_read_receipt_is_automatic_nb(self) -> None:
        ex = read(
            "Meldingen\n\n    Til: Kari Nes\n    Emne: Invitasjon\n\nble lest tirsdag 28. april.",
            subject="Lest: Invitasjon: Kulturskole for fremtiden",
        )
        assert "read-receipt" in ex.auto_signals and ex.kind == MessageKind.OTHER

    def test_plain_read_receipt_is_automatic_nn(self) -> None:
        ex = read(
            "Meldinga\n\n    Til: Kari Nes\n    Emne: Invitasjon\n\nvart lesen tysdag 28. april.",
            subject="Read: Invitasjon: Kulturskole for fremtiden",
        )
        assert "read-receipt" in ex.auto_signals and ex.kind == MessageKind.OTHER

    def test_a_new_mail_titled_read_is_a_person(self) -> None:
        ex = read(
            "Hei, vi melder på Kari Nes, kulturskolerektor.",
            subject="Lest: invitasjonen, og vi blir med",
            in_reply_to=None,
        )
        assert "read-receipt" not in ex.auto_signals


class TestMaybeAndOpeningWords:
    """A person the text says comes only maybe is no participant, and no one missed; a
    conjunction that opens a sentence before a place is no given name."""

    def test_maybe_person_left_out_nb(self) -> None:
        ex = read(
            "Hei!\n\nVi melder på disse:\n\n"
            "1. Kari Nes, kulturskolerektor\n2. Per Ås, rektor ved Tana skole\n"
            "3. Eva Lie, styrer i Sirma barnehage\n4. Ola Dal, ordfører\n\n"
            "Muligens kommer også Randi Moe (helsesøster) med, hun svarer i morgen.\n"
        )
        assert [p.name for p in ex.participants] == ["Kari Nes", "Per Ås", "Eva Lie", "Ola Dal"]
        assert ex.sure, ex.doubts

    def test_maybe_person_left_out_nn(self) -> None:
        ex = read(
            "Hei!\n\nVi melder på desse:\n\n"
            "1. Kari Nes, kulturskulerektor\n2. Per Ås, rektor ved Vinje skule\n"
            "3. Eva Lie, styrar i Åmot barnehage\n4. Ola Dal, ordførar\n\n"
            "Kanskje blir òg Randi Moe (helsesyster) med, om ho får fri.\n",
            sender="kari.nes@vinje.kommune.no",
        )
        assert [p.name for p in ex.participants] == ["Kari Nes", "Per Ås", "Eva Lie", "Ola Dal"]
        assert ex.sure, ex.doubts

    def test_certain_person_beside_a_maybe_word_is_read(self) -> None:
        ex = read(
            "Vi er kanskje seine, men vi melder på Kari Nes (kulturskolerektor), Per Ås "
            "(rektor), Eva Lie (styrer) og Ola Dal (ordfører)."
        )
        assert len(ex.participants) == 4

    def test_opening_conjunction_before_a_place_nb(self) -> None:
        ex = read(
            "Tana kommune melder på fire. Siden Sirma ble en del av kommunen i fjor, har vi "
            "tatt med en rektor derfra.\n\n"
            "Kari Nes\tkulturskolerektor\nPer Ås\trektor ved Sirma skole\n"
            "Eva Lie\tstyrer i Tana barnehage\nOla Dal\tordfører\n"
        )
        assert len(ex.participants) == 4
        assert ex.sure, ex.doubts

    def test_opening_conjunction_before_a_place_nn(self) -> None:
        ex = read(
            "Vinje kommune melder på fire. Sidan Rauland fekk ny skule i fjor, har vi "
            "teke med rektoren der.\n\n"
            "Kari Nes\tkulturskulerektor\nPer Ås\trektor ved Rauland skule\n"
            "Eva Lie\tstyrar i Åmot barnehage\nOla Dal\tordførar\n",
            sender="kari.nes@vinje.kommune.no",
        )
        assert len(ex.participants) == 4
        assert ex.sure, ex.doubts


class TestFirstSignUpAnnouncesTheRest:
    """A first sign-up that announces the rest of its group ("den fjerde kommer", "navnet på
    nummer fire så snart …") is a registration, not an update; a reply that only says who
    the fourth is stays an update."""

    def test_fourth_announced_nb(self) -> None:
        ex = read(
            "Hei,\n\nTana vil gjerne være med! Tre er klare, den fjerde kommer snart.\n\n"
            "- Kari Nes, kulturskolerektor\n- Per Ås, rektor ved Tana skole\n"
            "- Eva Lie, bibliotekar\n\nJeg sender navnet på nummer fire når jeg har det.\n"
        )
        assert ex.kind == MessageKind.REGISTRATION and len(ex.participants) == 3

    def test_fourth_announced_nn(self) -> None:
        ex = read(
            "Hei,\n\nVinje ønskjer å vere med. Desse kjem:\n\n"
            "- Kari Nes, kulturskulerektor\n- Per Ås, rektor ved Rauland skule\n"
            "- Eva Lie, styrar i Åmot barnehage\n\nDen fjerde deltakaren vert ettermeldt.\n",
            sender="kari.nes@vinje.kommune.no",
        )
        assert ex.kind == MessageKind.REGISTRATION and len(ex.participants) == 3

    def test_the_fourth_alone_is_an_update(self) -> None:
        ex = read("Hei igjen,\n\nDen fjerde blir Ola Dal, ordfører.\n")
        assert ex.kind == MessageKind.UPDATE


class TestPassedOnWithAnAddressRequest:
    """The invitation passed on to whoever answers, with only a request to change where the
    mail goes, asks nothing about the event: other mail, not a question."""

    def test_passed_on_and_address_list_nb(self) -> None:
        ex = read(
            "Hei,\n\nJeg har sluttet som rektor. Jeg har videresendt invitasjonen til min "
            "etterfølger, som svarer dere. Kan dere oppdatere e-postlista deres?\n\nHilsen\nPer",
            in_reply_to=None,
            subject="Invitasjonen",
        )
        assert ex.kind == MessageKind.OTHER

    def test_passed_on_and_address_list_nn(self) -> None:
        ex = read(
            "Hei,\n\nEg har slutta som rektor og har sendt invitasjonen vidare til den nye "
            "rektoren. Kanskje de kan endre adressa i lista dykkar?\n\nHelsing\nPer",
            sender="per.as@vinje.kommune.no",
            in_reply_to=None,
            subject="Invitasjonen",
        )
        assert ex.kind == MessageKind.OTHER

    def test_passed_on_with_a_question_about_the_event_is_a_question(self) -> None:
        ex = read(
            "Hei,\n\nEg har sendt invitasjonen vidare til rektoren. Når er fristen?\n",
            sender="per.as@vinje.kommune.no",
            in_reply_to=None,
            subject="Invitasjonen",
        )
        assert ex.kind == MessageKind.QUESTION


#: An invented invitation as a reply quotes it (Outlook's header block, no "> ").
QUOTED_INVITATION = (
    "Fra: Torkel Øien <torkel.oien@ks.no>\nSendt: fredag 24. april 2020 13:17\n"
    "Til: Torkel Øien <torkel.oien@ks.no>\nEmne: Invitasjon: Kulturskole for fremtiden\n\n"
    "Vi inviterer kommuner til et digitalt verksted torsdag 4. juni.\n\n"
    "{first}"
    "Kommunene må samle minst fire personer med ulike roller.\n\n"
    "Svar med navn og roller innen fredag 8. mai.\n\n"
    "{second}"
    "Vennlig hilsen\nTorkel Øien\nKS\n"
)


class TestAnswersInsideTheQuote:
    """The sender typed the answers into the quoted invitation: those lines are the sender's
    own words, whether the own words say so or Outlook tags them with the sender's name."""

    def test_tagged_inline_comments_nb(self) -> None:
        quote = QUOTED_INVITATION.format(
            first="[Kari Nes] Datoen passer for oss.\n\n",
            second=(
                "[Kari Nes] Disse deltar fra Tana:\n- Kari Nes, kulturskolerektor\n"
                "- Per Ås, ordfører\n- Eva Lie, rektor ved Sirma skole\n"
                "- Ola Dal, leder i Tana musikklag\n\n"
            ),
        )
        ex = read(
            f"Hei Torkel,\n\nSe nedenfor.\n\nHilsen\nKari Nes\n\n{quote}", sender_name="Kari Nes"
        )
        assert [p.name for p in ex.participants] == ["Kari Nes", "Per Ås", "Eva Lie", "Ola Dal"]
        assert ex.kind == MessageKind.REGISTRATION and ex.sure, ex.doubts

    def test_answers_typed_between_quoted_lines_nn(self) -> None:
        quote = QUOTED_INVITATION.format(
            first="",
            second=(
                "Desse kjem frå Vinje:\n- Kari Nes, kulturskulerektor\n- Per Ås, ordførar\n"
                "- Eva Lie, rektor ved Rauland skule\n- Ola Dal, leiar i Vinje sogelag\n\n"
            ),
        )
        ex = read(
            f"Hei,\n\nEg har skrive svara inn i invitasjonen under.\n\nHelsing\nKari\n\n{quote}",
            sender="kari.nes@vinje.kommune.no",
            sender_name="Kari Nes",
        )
        assert [p.name for p in ex.participants] == ["Kari Nes", "Per Ås", "Eva Lie", "Ola Dal"]
        assert ex.kind == MessageKind.REGISTRATION and ex.sure, ex.doubts

    def test_untagged_quote_without_a_pointer_is_not_read(self) -> None:
        quote = QUOTED_INVITATION.format(first="", second="")
        ex = read(f"Hei,\n\nVi kjem tilbake til dette.\n\nHelsing\nKari Nes\n\n{quote}")
        assert not ex.participants
