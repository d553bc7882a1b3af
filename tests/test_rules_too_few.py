"""too_few: fewer than the required number of named persons."""

from dataclasses import replace

from rules.base import Member
from rules.too_few import TooFew
from tests.rules_support import KARI, OLA, POLICY, SIRI, VALID, group


class TestTooFew:
    def test_four_distinct_persons_pass(self) -> None:
        assert TooFew().check(group(*VALID), POLICY) is None

    def test_three_persons_fire_with_both_languages(self) -> None:
        finding = TooFew().check(group(KARI, OLA, SIRI), POLICY)
        assert finding is not None
        assert (finding.code, finding.severity) == ("too_few", "error")
        assert "3 deltakere" in finding.text_nb and "minst 4 personer" in finding.text_nb
        assert "3 deltakarar" in finding.text_nn and "minst 4 personar frå" in finding.text_nn

    def test_no_names_at_all(self) -> None:
        finding = TooFew().check(group(), POLICY)
        assert finding is not None
        assert "ikke fått navn" in finding.text_nb
        assert "ikkje fått namn" in finding.text_nn

    def test_same_person_twice_counts_once(self) -> None:
        twice = Member(" kari  NORDMANN ", "rektor", "kulturskole")
        assert TooFew().check(group(KARI, OLA, SIRI, twice), POLICY) is not None

    def test_policy_minimum_is_used(self) -> None:
        policy = replace(POLICY, min_participants=2)
        assert TooFew().check(group(KARI, OLA), policy) is None
