"""The readers' patterns, kept as data in ``parsers/data/readers.toml``.

A pattern is one string or a list of pieces joined without separator (so a long expression
keeps its lines and comments in the file); an inline ``(?i)`` makes it case-insensitive.
"""

from __future__ import annotations

import re

from parsers.nlp.resources import load_toml


def pattern(key: str) -> re.Pattern[str]:
    """The compiled pattern ``key`` of ``readers.toml``."""
    value = load_toml("readers.toml")["patterns"][key]
    return re.compile("".join(value) if isinstance(value, list) else value)
