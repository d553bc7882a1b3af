"""The consistency checks: a reading that the text contradicts is unsure (parsers/verdict.py).

Each check is shown firing on a miss and staying quiet on the same text read right, in
bokmål and nynorsk, through the whole reader (``extract``) and on ``judge`` alone.
"""

from __future__ import annotations

import dataclasses

import pytest

from parsers.verdict import Reading, judge
from tests.extraction_support import codes, reader

read = reader("kari.berg@tinn.kommune.no", None)


class TestSureReadings:
    @pytest.mark.parametrize(
        "body",
        [
            "Hei Torkel,\n\nTinn kommune melder på:\n\n- Kari Berg, kulturskolerektor\n"
            "- Ola Dal, rektor ved Rjukan skole\n- Per Ås, ordfører\n- Eva Li, kultursjef\n",
            "Hei Torkel!\n\nFrå Tinn kjem desse fire:\n\nKari Berg (kulturskulerektor)\n"
            "Ola Dal (rektor ved Rjukan skule)\nPer Ås (ordførar)\nEva Li (kultursjef)\n",
        ],
    )
    def test_a_list_read_whole_is_sure(self, body: str) -> None:
        ex = read(body)

        assert len(ex.participants) == 4
        assert ex.sure, ex.doubts

    def test_greeted_organiser_cc_and_institutions_raise_no_doubt(self) -> None:
        body = (
            "Hei Torkel Øien,\n\nTinn kommune melder på Kari Berg, kulturskolerektor, "
            "Ola Dal, rektor ved Rjukan skole, Per Ås, ordfører, og Eva Li, leiar ved "
            "Ole Bull Akademiet.\nLene Hauge står på kopi, men deltar ikke.\n"
        )

        ex = read(body, headers={"Cc": "Lene Hauge <lene.hauge@tinn.kommune.no>"})

        assert ex.sure, ex.doubts


class TestDoubts:
    def test_a_list_line_nobody_read_is_a_doubt(self) -> None:
        reading = Reading(
            kind="registration",
            body="Vi melder på:\n- Kari Berg, rektor\n- Ola Dal, lærer\n- Per Ås, ordfører\n",
            names=("Kari Berg", "Ola Dal"),
            removed=(),
            known=(),
        )

        doubts = judge(reading)

        assert ("unread_line", "- Per Ås, ordfører") in [(d.code, d.detail) for d in doubts]
        assert judge(dataclasses.replace(reading, names=(*reading.names, "Per Ås"))) == ()

    @pytest.mark.parametrize(
        ("body", "stated"),
        [
            ("Vi blir fem fra Tinn: Kari Berg, Ola Dal, Per Ås og Eva Li.", "Vi blir fem"),
            ("Me er seks frå Tinn: Kari Berg, Ola Dal, Per Ås og Eva Li.", "Me er seks"),
            ("Vi melder på følgende 5 personer: Kari Berg, Ola Dal, Per Ås, Eva Li.", "5"),
        ],
    )
    def test_a_stated_head_count_that_disagrees_is_a_doubt(self, body: str, stated: str) -> None:
        reading = Reading(
            kind="registration",
            body=body,
            names=("Kari Berg", "Ola Dal", "Per Ås", "Eva Li"),
            removed=(),
            known=(),
        )

        doubts = judge(reading)

        assert [d.code for d in doubts] == ["stated_count"]
        assert stated in doubts[0].detail
        assert judge(dataclasses.replace(reading, body=body.replace(stated, "vi"))) == ()

    @pytest.mark.parametrize(
        ("body", "roles"),
        [
            (
                "Vi kommer fire: Siv Lund, Per Ås, Ida Moe og Geir Bakke. Siv er rektor på Moen "
                "skole og Geir er leder i Moen idrettslag.",
                ("rektor på Moen skole og Geir er leder i Moen idrettslag",),
            ),
            (
                "Me kjem fire: Siv Lund, Per Ås, Ida Moe og Geir Bakke. Ida er rektor på Moen "
                "skule, Per vert leiar i Moen idrettslag.",
                ("rektor på Moen skule, Per vert leiar i Moen idrettslag",),
            ),
        ],
        ids=["nb", "nn"],
    )
    def test_a_role_that_runs_into_another_participants_clause_is_a_doubt(
        self, body: str, roles: tuple[str, ...]
    ) -> None:
        reading = Reading(
            kind="registration",
            body=body,
            names=("Siv Lund", "Per Ås", "Ida Moe", "Geir Bakke"),
            removed=(),
            known=(),
            roles=roles,
        )

        assert [d.code for d in judge(reading)] == ["role_swallows_name"]
        split = dataclasses.replace(reading, roles=(roles[0].split(" og ")[0].split(",")[0],))
        assert judge(split) == ()

    def test_counts_that_add_up_or_only_set_a_minimum_raise_no_doubt(self) -> None:
        names = ("Kari Berg", "Ola Dal", "Per Ås", "Eva Li", "Siv Hol", "Jon Bø")
        body = "Vi er fire frå kulturskulen og to frå skulen, minst fire personar i alt."
        reading = Reading(kind="registration", body=body, names=names, removed=(), known=())

        assert judge(reading) == ()

    def test_a_name_in_prose_that_nobody_accounts_for_is_a_doubt(self) -> None:
        body = (
            "Fra Tinn kommer kulturskolerektor Kari Berg og rektor Ola Dal. I tillegg blir "
            "varaordfører Per Ås med, sammen med Eva Li og Siv Holmen fra biblioteket."
        )
        reading = Reading(
            kind="registration",
            body=body,
            names=("Kari Berg", "Ola Dal", "Per Ås", "Eva Li"),
            removed=(),
            known=(),
        )

        assert [(d.code, d.detail) for d in judge(reading)] == [("unexplained_name", "Siv Holmen")]

    def test_the_sender_who_signs_up_but_was_not_read_is_a_doubt(self) -> None:
        reading = Reading(
            kind="registration",
            body="Frå oss kjem eg sjølv som kultursjef, og Ola Dal som rektor.",
            names=("Ola Dal",),
            removed=(),
            known=("Kari Berg",),
            sender_name="Kari Berg",
        )

        assert [d.code for d in judge(reading)] == ["self_not_read"]
        assert judge(dataclasses.replace(reading, read_sender=True)) == ()

    def test_an_attachment_list_nobody_read_is_a_doubt(self) -> None:
        reading = Reading(
            kind="registration",
            body="Lista ligg ved.",
            names=(),
            removed=(),
            known=(),
            attachments="Namn\tRolle\nKari Berg\tkulturskulerektor\nOla Dal\trektor\n",
        )

        assert [d.code for d in judge(reading)] == ["unread_attachment"]

    def test_a_sign_up_read_as_something_else_is_a_doubt(self) -> None:
        body = "Vi melder på disse:\n- Kari Berg, rektor\n- Ola Dal, lærer\n"
        reading = Reading(kind="other", body=body, names=(), removed=(), known=())

        assert [d.code for d in judge(reading)] == ["signup_not_read"]

    @pytest.mark.parametrize(
        "body",
        [
            "Takk for invitasjonen. Vi har videresendt den til rektor Kari Berg, som tar "
            "kontakt dersom kommunen ønsker å delta.",
            "Takk for invitasjonen. Vi har sendt ho vidare til kulturskulerektor Kari Berg, "
            "som tek stilling til om kommunen skal vere med.",
        ],
    )
    def test_an_invitation_passed_on_to_one_person_is_a_doubt(self, body: str) -> None:
        reading = Reading(
            kind="registration", body=body, names=("Kari Berg",), removed=(), known=()
        )

        assert [d.code for d in judge(reading)] == ["passed_on"]

    def test_a_list_beside_a_passed_on_invitation_is_no_doubt(self) -> None:
        body = (
            "Invitasjonen er sendt videre til skolene, og vi melder på:\n"
            "- Kari Berg, rektor\n- Ola Dal, ordfører\n"
        )
        reading = Reading(
            kind="registration", body=body, names=("Kari Berg", "Ola Dal"), removed=(), known=()
        )

        assert judge(reading) == ()

    def test_a_miss_through_the_whole_reader_is_unsure_in_nynorsk(self) -> None:
        body = (
            "Hei,\n\nTinn kommune vil gjerne vere med. Me blir fem:\n\n"
            "Kari Berg (kulturskulerektor)\nOla Dal (rektor ved Rjukan skule)\n"
            "Per Ås (ordførar)\nEva Li (kultursjef)\n"
        )

        ex = read(body)

        assert not ex.sure
        assert "stated_count" in codes(ex)
        assert ex.to_json()["verdict"] == "unsure"

    def test_evidence_points_at_the_line_each_person_was_read_from(self) -> None:
        ex = read("Vi melder på:\n- Kari Berg, kulturskolerektor\n- Ola Dal, rektor\n")

        assert [(e.name, e.source, e.line) for e in ex.evidence] == [
            ("Kari Berg", "own", "- Kari Berg, kulturskolerektor"),
            ("Ola Dal", "own", "- Ola Dal, rektor"),
        ]
