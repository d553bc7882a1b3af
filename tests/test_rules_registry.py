"""The rule table: unique names, every rule run, and which reply each message gets."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from rules.base import EventPolicy, Finding, Group, Member
from rules.registry import (
    RULE_TABLE,
    RULES,
    DuplicateRuleError,
    RuleResult,
    build_registry,
    decide_reply,
    run_rules,
)
from rules.too_few import TooFew

OSLO = ZoneInfo("Europe/Oslo")
POLICY = EventPolicy(
    deadline=datetime(2020, 5, 8, 23, 59, 59, tzinfo=OSLO), excluded_only_sector="kulturskole"
)
VALID = (
    Member("Kari Nordmann", "kulturskolerektor", "kulturskole"),
    Member("Ola Hansen", "ordfører", "politikk"),
    Member("Siri Berg", "lærer", "skole"),
    Member("Lars Eik", "kultursjef", "administrasjon"),
)


def group(members: tuple[Member, ...] = VALID, **kw: object) -> Group:
    values: dict[str, object] = dict(
        municipality_number="1804",
        municipality_name="Bodø",
        municipality_ambiguous=False,
        members=members,
        arrived_at=datetime(2020, 5, 4, 9, 0, tzinfo=OSLO),
    )
    values.update(kw)
    return Group(**values)  # type: ignore[arg-type]


def result(*findings: Finding) -> RuleResult:
    return RuleResult(findings=findings, hits=tuple(f.code for f in findings), misses=())


ERROR = Finding("too_few", "error", "nb", "nn")
LATE = Finding("late", "error", "nb", "nn")
WARNING = Finding("duplicate_person", "warning", "nb", "nn")


class TestRegistry:
    def test_every_rule_is_registered_once_in_table_order(self) -> None:
        assert list(RULES) == [rule.name for rule in RULE_TABLE]
        assert set(RULES) >= {
            "too_few",
            "all_kulturskole",
            "missing_role",
            "no_municipality",
            "ambiguous_municipality",
            "duplicate_person",
            "late",
            "sender_domain",
        }

    def test_duplicate_name_is_refused(self) -> None:
        with pytest.raises(DuplicateRuleError, match="too_few"):
            build_registry([TooFew(), TooFew()])

    def test_every_rule_has_a_description(self) -> None:
        assert all(rule.description for rule in RULE_TABLE)


class TestRunRules:
    def test_valid_group_has_only_misses(self) -> None:
        outcome = run_rules(group(), POLICY)
        assert outcome.findings == () and outcome.hits == ()
        assert outcome.misses == tuple(RULES) and outcome.complete

    def test_corpus_032_fails_two_rules(self) -> None:
        members = tuple(Member(f"P {i}", "kulturskulelærar", "kulturskole") for i in range(3))
        outcome = run_rules(group(members), POLICY)
        assert outcome.codes == ("too_few", "all_kulturskole")
        assert set(outcome.hits) | set(outcome.misses) == set(RULES)
        assert not outcome.complete

    def test_warnings_do_not_make_a_registration_incomplete(self) -> None:
        outcome = run_rules(group(sender="x@gmail.com", sender_domain_matches=False), POLICY)
        assert outcome.codes == ("sender_domain",)
        assert outcome.errors == () and len(outcome.warnings) == 1 and outcome.complete

    def test_late_arrival(self) -> None:
        arrived = datetime(2020, 5, 8, 22, 12, 40, tzinfo=UTC)
        assert run_rules(group(arrived_at=arrived), POLICY).codes == ("late",)


class TestDecideReply:
    @pytest.mark.parametrize(
        ("kind", "outcome", "expected"),
        [
            ("auto_reply", result(), None),
            ("bounce", result(ERROR), None),
            ("other", result(), None),
            ("question", result(ERROR), None),
            ("withdrawal", result(ERROR), "confirmation"),
            ("withdrawal", result(), "confirmation"),
            ("registration", result(), "confirmation"),
            ("registration", result(WARNING), "confirmation"),
            ("registration", result(ERROR), "correction_request"),
            ("registration", result(LATE), "late_notice"),
            ("registration", result(ERROR, LATE), "late_notice"),
            ("update", result(), "confirmation"),
            ("update", result(ERROR), "correction_request"),
            ("update", result(LATE), "late_notice"),
        ],
    )
    def test_table(self, kind: str, outcome: RuleResult, expected: str | None) -> None:
        assert decide_reply(kind, outcome) == expected

    def test_unknown_kind_is_an_error(self) -> None:
        with pytest.raises(ValueError, match="spam"):
            decide_reply("spam", result())
