"""The pipeline end to end: components on a blank pipeline, a save/load round trip, and the
hand-written fixture mails under tests/fixtures/extraction (not the corpus, so rules are
checked on mail they were not tuned on)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import spacy

from parsers.extraction import COMPONENTS, extract, load_pipeline
from parsers.nlp.components import MailContext

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
