"""Failure classes of blind12, each as a general test in bokmål and nynorsk.

Small mails written for these tests (not the fixture files): what the fresh set showed going
wrong, said once in each written standard. Where the reader cannot be sure, the reading stays
unsure (held for the organiser); where the answer can be known, the rules decide.
"""

from __future__ import annotations

import pytest

from parsers.nlp.people import parse_line
from parsers.verdict import Reading, judge
from tests.extraction_support import codes, own_reply, people, reader

SENDER = "siri.holm@lesja.kommune.no"
read = reader(SENDER, None)


@pytest.mark.parametrize(
    "body",
    [
        "Hei. Rakk vi fristen? Vi har samlet fire fra Lesja: Siri Holm (kultursjef), Geir "
        "Tangen (ordfører), Mona Lie Dahl (rektor ved Lesja skole) og Petter Brun (leder i "
        "Lesja skolekorps).",
        "Hei. Rakk me fristen? Me har samla fire frå Lesja: Siri Holm (kultursjef), Geir "
        "Tangen (ordførar), Mona Lie Dahl (rektor ved Lesja skule) og Petter Brun (leiar i "
        "Lesja skulekorps).",
    ],
    ids=["nb", "nn"],
)
def test_a_head_count_from_a_place_opens_a_list_after_its_colon(body: str) -> None:
    """ "… fire frå Lesja: A (rolle), B (rolle) …": the count and the place open the list, as
    a join verb does; a question before it ("Rakk vi fristen?") does not make it a question."""
    ex = read(body, sender_name="Siri Holm")

    assert ex.kind == "registration"
    assert [p[0] for p in people(ex)] == [
        "Siri Holm",
        "Geir Tangen",
        "Mona Lie Dahl",
        "Petter Brun",
    ]
    assert people(ex)[2][1] is not None and people(ex)[2][1].startswith("rektor ved Lesja")
    assert ex.sure, ex.doubts


@pytest.mark.parametrize(
    ("body", "earlier"),
    [
        (
            "Nå har vi skolen med også: Eva Moe, rektor ved Bjorli skole. Da er vi fire.",
            "Lesja blir med. Vi kommer tre: Siri Holm (kultursjef), Geir Tangen (ordfører) og "
            "Petter Brun (leder i Lesja skolekorps). Vi prøver å få med en fra skolen også.",
        ),
        (
            "No har me skulen med òg: Eva Moe, rektor ved Bjorli skule. Då er me fire.",
            "Lesja blir med. Me kjem tre: Siri Holm (kultursjef), Geir Tangen (ordførar) og "
            "Petter Brun (leiar i Lesja skulekorps). Me prøver å få med ein frå skulen òg.",
        ),
    ],
    ids=["nb", "nn"],
)
def test_an_addition_after_har_vi_x_med_colon_is_read(body: str, earlier: str) -> None:
    """ "No har me skulen med òg: Eva Moe, rektor …": the list after the colon is signed up."""
    reply = own_reply(body, earlier, SENDER, "Siri Holm")
    ex = read(reply, sender_name="Siri Holm", in_reply_to="<earlier.1@lesja.kommune.no>")

    assert ex.kind == "update"
    assert people(ex) == [("Eva Moe", people(ex)[0][1], "skole")]
    assert ex.sure, ex.doubts


@pytest.mark.parametrize(
    "body",
    [
        "Vi har ikke noen med: Eva Moe, rektor ved Bjorli skole, kan ikke.",
        "Me har ikkje nokon med: Eva Moe, rektor ved Bjorli skule, kan ikkje.",
    ],
    ids=["nb", "nn"],
)
def test_a_negated_har_vi_med_colon_signs_nobody_up(body: str) -> None:
    assert "Eva Moe" not in [p[0] for p in people(read(body))]


@pytest.mark.parametrize(
    "body",
    [
        "Hei! Lesja melder seg på. Vi blir seks: Siri Holm (kultursjef), Geir Tangen "
        "(ordfører) og Mona Lie Dahl (rektor ved Lesja skole). I tillegg kommer en fra "
        "ungdomsrådet og en fra kirken, navn kommer når det er klart.",
        "Hei! Lesja melder seg på. Me blir seks: Siri Holm (kultursjef), Geir Tangen "
        "(ordførar) og Mona Lie Dahl (rektor ved Lesja skule). I tillegg kjem ein frå "
        "ungdomsrådet og ein frå kyrkja, namna kjem når det er klart.",
    ],
    ids=["nb", "nn"],
)
def test_a_count_larger_than_the_names_given_is_sure_when_names_are_to_follow(body: str) -> None:
    """All three names read and the text says the rest are to follow: the count counts places
    nobody fills yet, so the rules decide (too few named)."""
    ex = read(body, sender_name="Siri Holm")

    assert ex.kind == "registration"
    assert len(ex.participants) == 3
    assert ex.sure, ex.doubts


@pytest.mark.parametrize(
    ("body", "later"),
    [
        ("Vi blir seks: Siri Holm, Geir Tangen og Mona Lie Dahl.", " Navn kommer senere."),
        ("Me blir seks: Siri Holm, Geir Tangen og Mona Lie Dahl.", " Namn kjem seinare."),
    ],
    ids=["nb", "nn"],
)
def test_names_to_follow_excuse_only_a_count_larger_than_the_names(body: str, later: str) -> None:
    names = ("Siri Holm", "Geir Tangen", "Mona Lie Dahl")
    reading = Reading(kind="registration", body=body, names=names, removed=(), known=())

    assert [d.code for d in judge(reading)] == ["stated_count"]
    assert judge(Reading("registration", body + later, names, (), ())) == ()
    fewer = Reading("registration", body.replace("seks", "to") + later, names, (), ())
    assert [d.code for d in judge(fewer)] == ["stated_count"]


@pytest.mark.parametrize(
    "body",
    [
        "Hei. Lesja vil gjerne være med! Vi stiller med kultursjef, rektor ved ungdomsskolen "
        "og ordføreren. Navn kommer når vi vet hvem som kan.",
        "Hei. Lesja vil gjerne vere med! Me stiller med kultursjef, rektor ved ungdomsskulen "
        "og ordføraren. Namn kjem når me veit kven som kan.",
    ],
    ids=["nb", "nn"],
)
def test_roles_signed_up_without_names_are_a_sign_up_of_nobody_named(body: str) -> None:
    """Places without names: a registration with no participant, which the rules answer by
    asking for the names (too few named)."""
    ex = read(body, sender_name="Siri Holm")

    assert ex.kind == "registration"
    assert ex.participants == ()
    assert ex.sure, ex.doubts


@pytest.mark.parametrize(
    "body",
    [
        "Takk for invitasjonen! Vi er interessert og kommer tilbake med navn før fristen.",
        "Takk for invitasjonen! Me er interesserte og kjem tilbake med namn før fristen.",
        "Vi kan dessverre ikke stille med rektor og ordfører denne gangen.",
        "Me kan diverre ikkje stille med rektor og ordførar denne gongen.",
        "Kan vi stille med rektor og ordfører før vi har navnene?",
        "Kan me stille med rektor og ordførar før me har namna?",
        "Vi stiller med rektor og ordfører. Kari Berg er kontaktperson.",
        "Me stiller med rektor og ordførar. Kari Berg er kontaktperson.",
        "Vi stiller med rektor og ordfører dersom vi får det til.",
        "Me stiller truleg med rektor og ordførar.",
    ],
)
def test_no_roles_a_negation_a_question_or_a_name_is_no_sign_up_of_places(body: str) -> None:
    ex = read(body, sender_name="Siri Holm")

    assert ex.kind != "registration" or ex.participants or codes(ex)


@pytest.mark.parametrize(
    ("body", "role", "sector"),
    [
        (
            "Hei\nHer er påmeldingen fra Lesja kommune\nSiri Holm kultursjef\nGeir Tangen "
            "ordfører\nMona Lie Dahl rekotr ved Lesja skole\nPetter Brun leder i Lesja "
            "skolekorps\n",
            "rekotr ved Lesja skole",
            "skole",
        ),
        (
            "Hei\nHer er påmeldinga frå Lesja kommune\nSiri Holm kultursjef\nGeir Tangen "
            "ordførar\nMona Lie Dahl rekotr ved Lesja skule\nPetter Brun leiar i Lesja "
            "skulekorps\n",
            "rekotr ved Lesja skule",
            "skole",
        ),
    ],
    ids=["nb", "nn"],
)
def test_a_name_running_into_a_misspelt_job_at_a_workplace_is_read(
    body: str, role: str, sector: str
) -> None:
    """No separator and a typo the lexicon does not forgive ("rekotr"), but a workplace the
    organisation words know: the line lists that person, with the role as written."""
    ex = read(body, sender_name="Siri Holm")

    assert ("Mona Lie Dahl", role, sector) in people(ex)
    assert len(ex.participants) == 4
    assert ex.sure, ex.doubts


@pytest.mark.parametrize(
    "line", ["Mona Lie Dahl bur i Lesja", "Mona Lie Dahl bor i Lesja"], ids=["nn", "nb"]
)
def test_a_name_running_into_a_place_is_no_job(line: str) -> None:
    assert parse_line(line) is None
