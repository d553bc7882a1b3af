"""Participants from list lines, tables and prose; and the traps around them."""

from __future__ import annotations

from parsers.nlp.candidate import read_doc
from parsers.nlp.changes import removed_names
from parsers.nlp.names import is_person_name
from parsers.nlp.readers import READERS
from parsers.nlp.resolve import read_text
from parsers.types import ExtractionContext


def people(text: str) -> list[tuple[str, str | None]]:
    """Who the readers' table reads in ``text`` (the sender is "Sender Person")."""
    reading = read_text(read_doc(text, sender_name="Sender Person"), ExtractionContext(), READERS)
    return [(c.name, c.role) for c in reading.people]


class TestNames:
    def test_written_forms_are_names(self) -> None:
        for name in (
            "Nguyen Thi Lan",
            "Marit van der Berg",
            "Ole K. Hansen",
            "kari nordby",
            "ODD MAGNE HUS",
            "Niillas Ánte Hætta",
        ):
            assert is_person_name(name), name

    def test_places_named_after_people_are_not(self) -> None:
        for text in (
            "Ivar Aasen-tunet",
            "Ole Bull Akademiet",
            "Kong Oscars gate",
            "Grieghallen",
            "Bodø kommune",
            "Tarjei",
        ):
            assert not is_person_name(text), text


class TestLines:
    def test_list_shapes(self) -> None:
        text = (
            "- Kari Nordmann, rektor ved Åsen skole\n"
            "Ola Dunk (kommunalsjef for oppvekst)\n"
            "Varaordførar: Siri Lie (Sp)\n"
            "Per Hansen – leder i musikkorpset\n"
            "JOHANNES HAUGSE rektor Odda ungdomsskule\n"
        )
        assert people(text) == [
            ("Kari Nordmann", "rektor ved Åsen skole"),
            ("Ola Dunk", "kommunalsjef for oppvekst"),
            ("Siri Lie", "Varaordførar"),
            ("Per Hansen", "leder i musikkorpset"),
            ("JOHANNES HAUGSE", "rektor Odda ungdomsskule"),
        ]

    def test_tab_and_pipe_tables_skip_header_and_contact_cells(self) -> None:
        text = (
            "Navn\tRolle\tE-post\nAnne Li\tLærer, Bø skole\tanne@x.no\n"
            "Bo Ek | Styrer, Lia barnehage | 900 00 000\n"
        )
        assert people(text) == [("Anne Li", "Lærer, Bø skole"), ("Bo Ek", "Styrer, Lia barnehage")]

    def test_party_after_name_is_not_part_of_it(self) -> None:
        assert people("Per Kristian Hjelle (H), kommunestyrerepresentant") == [
            ("Per Kristian Hjelle", "kommunestyrerepresentant")
        ]

    def test_name_line_then_role_line(self) -> None:
        assert people(
            "Arnhild Gjerde\nrektor, Sande kulturskule\n\nHilde Eik (Sp)\nvaraordførar"
        ) == [("Arnhild Gjerde", "rektor, Sande kulturskule"), ("Hilde Eik", "varaordførar")]

    def test_name_without_role_inside_a_list(self) -> None:
        text = "Lars Dahl – rektor\nKjetil Lie\nAnne Sveen – leder i kunstforeningen"
        assert ("Kjetil Lie", None) in people(text)


class TestProse:
    def test_nynorsk_prose_with_role_before_and_after(self) -> None:
        text = (
            "Frå Vinje kjem eg, som er kulturskulerektor, saman med Signe Rui, som er rektor "
            "ved Åmot skule. Vidare har vi med varaordførar Halvor Midtbø (Sp)."
        )
        assert people(text) == [
            ("Sender Person", "kulturskulerektor"),
            ("Signe Rui", "rektor ved Åmot skule"),
            ("Halvor Midtbø", "varaordførar"),
        ]

    def test_pronoun_sentence_gives_the_role(self) -> None:
        text = "Til slutt blir Fatima Malik med. Hun er UKM-koordinator i Moss og jobber mye."
        assert people(text) == [("Fatima Malik", "UKM-koordinator i Moss")]

    def test_mentioned_copied_or_declining_people_are_not_signed_up(self) -> None:
        text = (
            "Lene Hauge i staben min står på kopi. Saka er sendt til rektor i kulturskolen, "
            "Nils Bratberg. Selv deltar jeg ikke."
        )
        assert people(text) == []

    def test_institution_named_after_person_is_not_a_participant(self) -> None:
        text = "Frå skulen kjem Olav Duun vidaregåande skule sin rektor, Åse Ness."
        assert ("Olav Duun", None) not in people(text)

    def test_removed_names(self) -> None:
        assert removed_names("Ei endring: Ola Tistel kan dessverre ikkje vere med.") == [
            "Ola Tistel"
        ]
        assert removed_names("Kari Berg kommer i stedet for Per Olsen.") == ["Per Olsen"]


def test_sender_signs_up_as_meg_selv() -> None:
    text = "Ordfører Gunn Lie blir med, i tillegg til meg selv som kulturskolerektor."
    assert people(text) == [("Gunn Lie", "Ordfører"), ("Sender Person", "kulturskolerektor")]


def test_completing_the_list_in_a_later_reply() -> None:
    assert people("Nummer fire blir Ahmed Hassan, leder for Levanger frivilligsentral.") == [
        ("Ahmed Hassan", "leder for Levanger frivilligsentral")
    ]
    assert people("Den fjerde blir Ola Nes, ordfører.") == [("Ola Nes", "ordfører")]


def test_removal_triggers_skip_only_sentences_their_pattern_cannot_match() -> None:
    # The name-led removal patterns run only in sentences where the words after the name
    # occur; every sentence of the corpus the whole pattern matches also has its trigger.
    from parsers.nlp.changes import REMOVAL_RES, REMOVAL_TRIGGERS
    from parsers.nlp.prose import sentences
    from tests.corpus import corpus_files

    texts = [f.read_bytes().decode("utf-8", "replace") for f in corpus_files()]
    texts += [
        "Ola Tistel kan dessverre ikkje vere med.",
        "Kari Berg har fått ny jobb og kan ikke delta likevel.",
        "Per Olsen har meldt forfall.",
        "Ingrid Dahl går ut, og Nils Moe kjem inn.",
        "Anne Li erstattes av Tor Lie.",
    ]
    matched = 0
    for text in texts:
        for _, sent in sentences(text):
            for regex, trigger in zip(REMOVAL_RES, REMOVAL_TRIGGERS, strict=True):
                if regex.search(sent):
                    matched += 1
                    assert trigger is None or trigger.search(sent), sent
    assert matched >= 5
    assert removed_names("Per Olsen har meldt forfall. Anne Li erstattes av Tor Lie.") == [
        "Per Olsen",
        "Anne Li",
    ]
