"""Trained models shipped inside the package.

Why a function and not a loaded pipeline: importing ``parsers`` must stay cheap (CLI start-up,
tests that never touch NER), so this module only says where the model is; callers decide when
to pay for ``spacy.load``. The model is rebuilt with ``python scripts/train_ner.py``.
"""

from __future__ import annotations

import pathlib
from importlib import resources

NER_MODEL_NAME = "nb_norne_ner"


def ner_model_path() -> pathlib.Path:
    """Return the directory of the shipped NorNE NER pipeline (pass it to ``spacy.load``).

    Resolved through importlib.resources so it works from a source checkout, an editable
    install and an installed wheel alike (the package is never zipped: spaCy needs real files).
    """
    return pathlib.Path(str(resources.files(__name__).joinpath(NER_MODEL_NAME)))
