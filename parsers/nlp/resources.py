"""Package data (municipality register, role lexicon), loaded once and cached.

Lexicons are data files so that a new event or a missing role word needs no code change.
"""

from __future__ import annotations

import csv
import io
import tomllib
from functools import cache
from importlib import resources
from typing import Any


def read_data_text(name: str) -> str:
    """Text of one file under ``parsers/data``."""
    return resources.files("parsers.data").joinpath(name).read_text(encoding="utf-8")


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a package CSV as dicts (header row gives the keys)."""
    return tuple(csv.DictReader(io.StringIO(read_data_text(name))))


@cache
def load_toml(name: str) -> dict[str, Any]:
    """A package TOML file as a dict."""
    return tomllib.loads(read_data_text(name))
