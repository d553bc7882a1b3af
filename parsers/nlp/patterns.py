"""Patterns kept as data: the readers' in ``parsers/data/readers.toml``, others (the kind's,
the thread's, the municipality's words) in their own file under ``parsers/data``.

A pattern is one string or a list of pieces joined without separator (so a long expression
keeps its lines and comments in the file); an inline ``(?i)`` makes it case-insensitive.
``%fragment%`` in a pattern stands for that entry of ``[fragments]`` (a removal's subject
``%name%``, its negation ``%not%``), expanded before the pattern is compiled.
"""

from __future__ import annotations

import re
from typing import Any

from parsers.nlp.resources import load_toml

FRAGMENT_RE = re.compile(r"%(\w+)%")


def joined(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


def expand(text: str, fragments: dict[str, Any]) -> str:
    """``text`` with every ``%fragment%`` replaced, fragments within fragments too."""
    return FRAGMENT_RE.sub(lambda m: expand(joined(fragments[m.group(1)]), fragments), text)


def pattern(key: str, file: str = "readers.toml", **instead: str) -> re.Pattern[str]:
    """The compiled pattern ``key`` of ``file`` (``readers.toml`` unless told); ``instead``
    puts other text in the place of a fragment (``name="%first_name%"``: the same pattern
    for a bare first name)."""
    data = load_toml(file)
    fragments = {**data.get("fragments", {}), **instead}
    return re.compile(expand(joined(data["patterns"][key]), fragments))


def source(key: str, file: str) -> str:
    """Pattern ``key`` of ``file`` as text, its fragments expanded (for a pattern that is
    still a template, filled with the event's words before it is compiled)."""
    data = load_toml(file)
    return expand(joined(data["patterns"][key]), data.get("fragments", {}))


def opens_with_name(key: str) -> bool:
    """Whether pattern ``key`` starts with the name it reads (its flags aside)."""
    text = joined(load_toml("readers.toml")["patterns"][key])
    return re.sub(r"^\(\?\w+\)", "", text).startswith("%name%")
