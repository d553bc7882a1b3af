"""all_kulturskole: not every participant may be tied to the kulturskole."""

from rules.all_kulturskole import AllKulturskole
from rules.base import EventPolicy, Member
from tests.rules_support import KARI, OLA, POLICY, VALID, group

TEACHER = Member("Per Lund", "kulturskolelærer", "kulturskole")


class TestAllKulturskole:
    def test_mixed_group_passes(self) -> None:
        assert AllKulturskole().check(group(*VALID), POLICY) is None

    def test_all_from_kulturskole_fires(self) -> None:
        finding = AllKulturskole().check(group(KARI, TEACHER), POLICY)
        assert finding is not None
        assert (finding.code, finding.severity) == ("all_kulturskole", "error")
        assert "kulturskolen" in finding.text_nb and "ikke alle" in finding.text_nb
        assert "kulturskulen" in finding.text_nn and "ikkje alle" in finding.text_nn

    def test_empty_group_is_left_to_too_few(self) -> None:
        assert AllKulturskole().check(group(), POLICY) is None

    def test_sector_comes_from_policy(self) -> None:
        policy = EventPolicy(deadline=POLICY.deadline, excluded_only_sector="politikk")
        assert AllKulturskole().check(group(KARI, TEACHER), policy) is None
        assert AllKulturskole().check(group(OLA), policy) is not None
