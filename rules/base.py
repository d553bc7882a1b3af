"""The rule contract, declared once, and the values rules read and return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Literal, Protocol

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """Why a rule fired, in words an organiser and a municipality clerk can read.

    ``code`` is stable (tests, digest, gold ``problems``); ``error`` findings make the
    registration incomplete, ``warning`` findings are only shown to the organiser.
    """

    code: str
    severity: Severity
    text_nb: str
    text_nn: str

    def text(self, language: str) -> str:
        return self.text_nn if language == "nn" else self.text_nb


@dataclass(frozen=True)
class Member:
    """One participant as the rules see it."""

    name: str
    role: str | None
    sector: str


@dataclass(frozen=True)
class Group:
    """The current state of one registration, derived from its record of changes.

    ``arrived_at`` is the arrival time of the message being judged (aware datetime);
    ``first_complete_at`` is when the registration first passed every error rule, if ever.
    """

    municipality_number: str | None
    municipality_name: str | None
    municipality_ambiguous: bool
    members: tuple[Member, ...]
    arrived_at: datetime
    sender: str = ""
    sender_domain_matches: bool | None = None
    registered_on_time: bool = False
    """The first message arrived by the deadline and the registration was complete then."""
    withdrawn: bool = False
    late_accepted: bool = False
    """The organiser accepted this registration although it came after the deadline."""


@dataclass(frozen=True)
class EventPolicy:
    """What the invitation asks for; loaded from the event's TOML file."""

    deadline: datetime
    excluded_only_sector: str
    """The sector not every participant may come from; the event file names it."""
    min_participants: int = 4
    late_change_policy: Literal["accept", "late_notice"] = "accept"


class Rule(Protocol):
    """One named check. ``check`` returns a finding when the rule is broken, else None."""

    name: ClassVar[str]
    description: ClassVar[str]

    def check(self, group: Group, policy: EventPolicy) -> Finding | None: ...
