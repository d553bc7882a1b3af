"""One Jinja2 environment for everything mailbot writes to people (replies, the digest,
reminders): the packaged templates in ``mailbot/templates``, behind the event's own folder
when its file names one (``templates = "maler"``), so the organiser can change a word
without touching code.

``StrictUndefined`` everywhere: a template that names a variable nobody provides fails
loudly (at start-up, see ``mailbot.template_check``), never sends an empty gap. HTML
templates (``*.html.j2``) are autoescaped; plain-text ones are not, and headers are never
built from a template.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)


@cache
def environment(override: Path | None = None) -> Environment:
    """The environment for an event (``override``: its template folder, searched first)."""
    packaged = PackageLoader("mailbot", "templates")
    loader: BaseLoader = (
        ChoiceLoader([FileSystemLoader(str(override)), packaged]) if override else packaged
    )
    return Environment(
        loader=loader,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
