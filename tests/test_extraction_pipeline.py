"""The pipeline end to end: components on a blank pipeline, a save/load round trip, and the
hand-written fixture mails under tests/fixtures/extraction (not the corpus, so rules are
checked on mail they were not tuned on)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from parsers.extraction import COMPONENTS, extract, load_pipeline
from parsers.nlp.components import MailContext
from parsers.types import MessageKind
from tests.mailmaker import make_mail

FIXTURES = Path(str(resources.files("tests") / "fixtures" / "extraction"))
FIXTURE_FILES = sorted(FIXTURES.glob("*.eml"))


def test_components_run_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("nb")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp.make_doc("Bodø kommune melder på:\n- Kari Li, rektor ved Hunstad skole\n")
    doc._.mail = MailContext(sender="kari.li@bodo.kommune.no", sender_name="Kari Li")
    doc = nlp(doc)
    assert [(c.name, c.role) for c in doc._.participants] == [
        ("Kari Li", "rektor ved Hunstad skole")
    ]
    assert doc._.municipality.number == "1804"
    assert doc._.language == "nb"


def read_blank(text: str, ctx: MailContext) -> Doc:
    nlp = spacy.blank("nb")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp.make_doc(text)
    doc._.mail = ctx
    return nlp(doc)


@pytest.mark.parametrize(
    "text",
    [
        "Bodø kommune melder på:\n- Kari Li, rektor ved Hunstad skole\n- Per Ås, ordfører\n",
        "Vi kjem med desse:\nKari Li, rektor\nPer Ås, ordførar\n",
    ],
    ids=["nb", "nn"],
)
def test_kind_and_sector_are_set_by_their_components(text: str) -> None:
    doc = read_blank(text, MailContext(sender="kari.li@bodo.kommune.no", sender_name="Kari Li"))
    assert doc._.kind == MessageKind.REGISTRATION
    assert [c.name for c in doc._.participants] == ["Kari Li", "Per Ås"]
    assert doc._.sectors == ("skole", "politikk")


def test_a_question_is_a_question_and_has_no_sectors() -> None:
    doc = read_blank(
        "Kan de seie kva tid samlinga byrjar?\n", MailContext(sender="a@volda.kommune.no")
    )
    assert doc._.kind == MessageKind.QUESTION
    assert doc._.participants == [] and doc._.sectors == ()


@pytest.mark.parametrize(
    "text",
    [
        "Jeg er borte.\n- Kari Li, rektor\n- Per Ås, ordfører\n",
        "Eg er borte.\nKari Li, rektor\nPer Ås, ordførar\n",
    ],
    ids=["nb", "nn"],
)
def test_mail_that_is_no_list_sets_its_people_aside(text: str) -> None:
    ctx = MailContext(sender="kari.li@bodo.kommune.no", automatic=MessageKind.AUTO_REPLY)
    doc = read_blank(text, ctx)
    assert doc._.kind == MessageKind.AUTO_REPLY
    assert doc._.participants == [] and doc._.removed == [] and doc._.sectors == ()
    assert [(c.name, why) for c, why in doc._.set_aside] == [
        ("Kari Li", "the message was read as auto_reply, not a list"),
        ("Per Ås", "the message was read as auto_reply, not a list"),
    ]


@pytest.mark.parametrize(
    ("text", "doubts"),
    [
        ("Vi er fem som kommer:\n- Kari Li, rektor\n- Per Ås, ordfører\n", ["stated_count"]),
        ("Vi er fem som kjem:\nKari Li, rektor\nPer Ås, ordførar\n", ["stated_count"]),
        ("Bodø kommune melder på:\n- Kari Li, rektor\n- Per Ås, ordfører\n", []),
        ("Vi kjem med desse:\nKari Li, rektor\nPer Ås, ordførar\n", []),
    ],
    ids=["nb-unsure", "nn-unsure", "nb-sure", "nn-sure"],
)
def test_the_verdict_is_set_by_its_component(text: str, doubts: list[str]) -> None:
    doc = read_blank(text, MailContext(sender="kari.li@bodo.kommune.no", sender_name="Kari Li"))
    assert [d.code for d in doc._.doubts] == doubts


def test_the_verdict_does_not_judge_automatic_mail() -> None:
    ctx = MailContext(sender="kari.li@bodo.kommune.no", automatic=MessageKind.AUTO_REPLY)
    doc = read_blank("Vi er fem som kjem:\nKari Li, rektor\nPer Ås, ordførar\n", ctx)
    assert doc._.doubts == ()


@pytest.mark.parametrize(
    "text",
    [
        "Vi kommer med disse:\n- Kari Li, rektor\n- Per Ås, ordfører\n\n"
        "Jeg har snakket med Eva Moe om saken.\n",
        "Vi kjem med desse:\nKari Li, rektor\nPer Ås, ordførar\n\n"
        "Eg har snakka med Eva Moe om saka.\n",
    ],
    ids=["nb", "nn"],
)
def test_the_verdict_knows_the_people_in_copy(text: str) -> None:
    alone = extract(make_mail("kari.li@bodo.kommune.no", text, sender_name="Kari Li"))
    copied = make_mail(
        "kari.li@bodo.kommune.no",
        text,
        sender_name="Kari Li",
        headers={"Cc": "Eva Moe <eva.moe@bodo.kommune.no>"},
    )
    assert [d.code for d in alone.doubts] == ["unexplained_name"]
    assert extract(copied).sure


def test_a_pipeline_without_the_verdict_reads_nothing_as_sure() -> None:
    nlp = spacy.blank("nb")
    for name in COMPONENTS[:-1]:
        nlp.add_pipe(name)
    with pytest.raises(ValueError, match="mailbot_verdict"):
        extract(make_mail("kari.li@bodo.kommune.no", "Kari Li, rektor\n"), nlp)


def test_a_bounce_has_no_municipality() -> None:
    ctx = MailContext(sender="mailer-daemon@bodo.kommune.no", automatic=MessageKind.BOUNCE)
    doc = read_blank("Bodø kommune: levering feilet.\n", ctx)
    assert doc._.kind == MessageKind.BOUNCE
    assert doc._.municipality is None and doc._.municipality_candidates == ()


def test_pipeline_survives_save_and_load(tmp_path: Path) -> None:
    nlp = spacy.blank("nb")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == list(COMPONENTS)


def test_load_pipeline_is_cached() -> None:
    assert load_pipeline() is load_pipeline()
    assert set(COMPONENTS) <= set(load_pipeline().pipe_names)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_fixture_mail(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = extract(path.read_bytes()).to_json()
    assert got["kind"] == expected["kind"]
    assert got["language"] == expected["language"]
    assert got["municipality"] == expected["municipality"]
    if "municipality_candidates" in expected:
        assert [c["number"] for c in got["municipality_candidates"]] == expected[
            "municipality_candidates"
        ]
    assert got["participants"] == expected["participants"]
    assert got["removed"] == expected["removed"]
