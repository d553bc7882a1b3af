"""Render every template once at start-up with a sample context, under ``StrictUndefined``.

An organiser who changes a word in an override template (the event file's ``templates``
folder) and names a variable that does not exist must learn it when the service starts,
from one plain line naming the template and the variable, not from a reply that failed to
render at night.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError

from mailbot.digest import (
    AttentionItem,
    ChangeLine,
    DigestData,
    InviteeLine,
    RegistrationLine,
    SentReply,
    digest_variables,
)
from mailbot.errors import UserError
from mailbot.event import Event
from mailbot.replies import REPLY_HEADER_VALUES, ReplyContext, reply_variables
from mailbot.templating import environment
from rules.base import Finding, Member

_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
SAMPLE_MEMBERS = (
    Member("Kari Nordmann", "kulturskolerektor", "kulturskole"),
    Member("Ola Nordmann", None, "annet"),
)


class TemplateProblem(UserError):
    """A template cannot be rendered: the message names the template and what is wrong."""


def _reply_sample(kind: str, language: str, event: Event) -> dict[str, Any]:
    return reply_variables(
        ReplyContext(
            event=event,
            language=language,
            municipality_name="Bodø",
            members=SAMPLE_MEMBERS,
            findings=(
                Finding("too_few", "error", "for få deltakere", "for få deltakarar"),
                Finding("late", "error", "kom etter fristen", "kom etter fristen"),
            ),
            recipient_name="Kari Nordmann",
            waiting_position=1,
            requester="ola.nordmann@example.org",
        )
    )


def _digest_sample(event: Event) -> dict[str, Any]:
    now = datetime.now(UTC)
    line = RegistrationLine(
        "Bodø",
        "1804",
        "complete",
        2,
        (("kulturskole", 1),),
        (),
        now,
        "kari@bodo.kommune.no",
        SAMPLE_MEMBERS,
        1,
        now,
    )
    late = RegistrationLine(
        "Alta", "5403", "incomplete", 2, (), ("late",), None, "", SAMPLE_MEMBERS, 2, now
    )
    return digest_variables(
        DigestData(
            generated_at=now,
            since=now - timedelta(days=1),
            registrations=(line, late),
            attention=(
                AttentionItem("question", "a@b.no", "Spørsmål", now, (), "Bodø", 1),
                AttentionItem(
                    "needs_review",
                    "a@b.no",
                    "Påmelding",
                    now,
                    ("unsure",),
                    "Bodø",
                    2,
                    ({"code": "stated_count", "detail": "Vi blir fem", "part": "body"},),
                    now,
                ),
            ),
            replies_sent=(SentReply("a@b.no", "confirmation", now, "Bodø"),),
            changes=(ChangeLine("Bodø", "add", "Kari Nordmann", "kulturskolerektor"),),
            not_answered=(InviteeLine("Vadsø", "5405", "post@vadso.kommune.no", now),),
            invited=3,
            desk_url="https://pult.example.org",
        ),
        event,
    )


def samples(event: Event) -> dict[str, Callable[[], dict[str, Any]]]:
    """Every template mailbot renders, by name, with a way to make its sample context."""
    found: dict[str, Callable[[], dict[str, Any]]] = {}
    for lang in ("nb", "nn"):
        for kind in REPLY_HEADER_VALUES:
            found[f"{lang}/{kind}.txt.j2"] = (
                lambda k=kind, lg=lang: _reply_sample(k, lg, event)  # type: ignore[misc]
            )
        found[f"{lang}/answer_draft.txt.j2"] = (
            lambda lg=lang: _reply_sample("answer", lg, event)  # type: ignore[misc]
        )
    for name in ("nb/digest.txt.j2", "nb/digest.html.j2"):
        found[name] = lambda: _digest_sample(event)
    return found


def check_templates(event: Event) -> int:
    """Render every template once; raise ``TemplateProblem`` naming the template and the
    missing variable (or the syntax error). Returns how many were rendered."""
    env = environment(event.templates)
    known = samples(event)
    if event.templates is not None:
        if not event.templates.is_dir():
            raise TemplateProblem(f"template folder {event.templates} does not exist")
        for path in sorted(event.templates.rglob("*.j2")):
            name = path.relative_to(event.templates).as_posix()
            if name not in known and not path.name.startswith("_"):
                raise TemplateProblem(
                    f"template {name} in {event.templates} is not one mailbot uses "
                    f"(known: {', '.join(sorted(known))})"
                )
    for name, sample in known.items():
        try:
            env.get_template(name).render(sample())
        except UndefinedError as error:
            match = _UNDEFINED.search(str(error))
            variable = (match.group(1) or match.group(2)) if match else str(error)
            raise TemplateProblem(
                f"template {name}: variable {variable!r} is not defined"
            ) from None
        except TemplateSyntaxError as error:
            raise TemplateProblem(
                f"template {error.name or name}, line {error.lineno}: {error.message}"
            ) from None
        except TemplateError as error:
            raise TemplateProblem(f"template {name}: {error}") from None
    return len(known)


def check_overrides(event: Event) -> int:
    """``check_templates`` when the event overrides templates, else nothing: the start-up
    check is there for an organiser's own templates (and what they include); the shipped
    ones alone are rendered by the tests and by ``mailbot check``, not at every start.
    Returns how many were rendered."""
    return check_templates(event) if event.templates is not None else 0
