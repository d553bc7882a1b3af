"""The shipped NorNE NER model: it is there, it loads, it finds people, it survives a round trip.

Why: the model is a binary artefact committed beside the code; these tests catch a missing or
truncated copy, an incompatible spaCy, and a regression on the one thing replies depend on most
(recognising a participant's name in a registration line).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from parsers.models import ner_model_path

SENTENCE = "Kari Nordmann er rektor ved Åsen skole i Levanger."


@pytest.fixture(scope="module")
def nlp() -> Language:
    """Load the model once for the module: loading is the slow part."""
    return spacy.load(ner_model_path())


def ents(nlp: Language, text: str) -> list[tuple[str, str]]:
    """Entities of `text` as (text, label) pairs, for comparisons that read well in failures."""
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_model_path_is_inside_parsers_package() -> None:
    path = ner_model_path()
    assert path.parts[-3:] == ("parsers", "models", "nb_norne_ner")
    for name in ("config.cfg", "meta.json", "tokenizer", "vocab", "ner", "tok2vec"):
        assert (path / name).exists(), name


def test_meta_pins_spacy_range_and_size_is_small() -> None:
    path = ner_model_path()
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    assert meta["spacy_version"] == ">=3.8,<3.9"
    assert meta["lang"] == "nb"
    assert meta["pipeline"] == ["tok2vec", "ner"]
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    assert size < 20_000_000


def test_finds_person_in_registration_sentence(nlp: Language) -> None:
    assert ("Kari Nordmann", "PER") in ents(nlp, SENTENCE)


def test_save_load_round_trip(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "model")
    reloaded = spacy.load(tmp_path / "model")
    texts = [SENTENCE, "Ola Hansen (Sp), ordfører i Stange kommune."]
    assert [ents(reloaded, t) for t in texts] == [ents(nlp, t) for t in texts]
