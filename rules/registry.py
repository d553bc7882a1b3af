"""The ordered table of rules, running them, and deciding which reply a message gets.

Composition is data (Mailman's ``chains/builtin.py``): the table below is the whole policy.
Every rule is run, hits and misses are recorded, and only then is the reply decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from parsers.types import LIST_KINDS, NO_REPLY_KINDS, MessageKind, ReplyKind
from rules.all_kulturskole import AllKulturskole
from rules.ambiguous_municipality import AmbiguousMunicipality
from rules.base import EventPolicy, Finding, Group, Rule
from rules.duplicate_person import DuplicatePerson
from rules.late import Late
from rules.missing_role import MissingRole
from rules.no_municipality import NoMunicipality
from rules.sender_domain import SenderDomain
from rules.too_few import TooFew


class DuplicateRuleError(ValueError):
    """Two rules share a name: findings and the digest could no longer tell them apart."""


# The order is the order findings are shown to the municipality and the organiser.
RULE_TABLE: tuple[Rule, ...] = (
    NoMunicipality(),  # which municipality? asked first, everything hangs on it
    AmbiguousMunicipality(),  # a name that fits several municipalities (Våler)
    TooFew(),  # at least policy.min_participants named persons
    AllKulturskole(),  # not everyone from the excluded sector
    MissingRole(),  # every person needs a role
    Late(),  # after the deadline (on-time registrations may change later)
    DuplicatePerson(),  # warning: the same person twice
    SenderDomain(),  # warning, organiser only: outside the municipality's domain
)


def build_registry(rules: Iterable[Rule]) -> Mapping[str, Rule]:
    """Index rules by name, in order; a repeated name raises ``DuplicateRuleError``."""
    table: dict[str, Rule] = {}
    for rule in rules:
        if rule.name in table:
            raise DuplicateRuleError(f"rule name {rule.name!r} is registered twice")
        table[rule.name] = rule
    return MappingProxyType(table)


# Built at import, so a duplicate stops the worker at start-up, not on the first message.
RULES: Mapping[str, Rule] = build_registry(RULE_TABLE)


@dataclass(frozen=True)
class RuleResult:
    """Every finding, plus the names of the rules that fired (hits) and did not (misses)."""

    findings: tuple[Finding, ...]
    hits: tuple[str, ...]
    misses: tuple[str, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)

    @property
    def complete(self) -> bool:
        """True when no error rule fired: the registration meets the invitation."""
        return not self.errors


def run_rules(
    group: Group, policy: EventPolicy, rules: Mapping[str, Rule] | None = None
) -> RuleResult:
    """Run every rule (default: ``RULES``) over one group and record hits and misses."""
    findings: list[Finding] = []
    hits: list[str] = []
    misses: list[str] = []
    for name, rule in (RULES if rules is None else rules).items():
        finding = rule.check(group, policy)
        if finding is None:
            misses.append(name)
        else:
            hits.append(name)
            findings.append(finding)
    return RuleResult(tuple(findings), tuple(hits), tuple(misses))


def decide_reply(kind: str, result: RuleResult) -> ReplyKind | None:
    """Which automatic answer a message gets (corpus README, "How expected_reply is judged").

    Automatic mail and "other" get none (RFC 3834); a question needs a person, not a robot;
    a withdrawal is acknowledged; a late message gets a late notice even if other rules
    fail too (the organiser decides on it first); any other error asks for a correction.
    None: no automatic answer.
    """
    if kind in NO_REPLY_KINDS:
        return None
    if kind == MessageKind.WITHDRAWAL:
        return ReplyKind.CONFIRMATION
    if kind not in LIST_KINDS:
        raise ValueError(f"unknown message kind {kind!r}")
    if "late" in result.codes:
        return ReplyKind.LATE_NOTICE
    if result.errors:
        return ReplyKind.CORRECTION_REQUEST
    return ReplyKind.CONFIRMATION
