"""missing_role: every participant needs a role."""

from rules.base import Member
from rules.missing_role import MissingRole
from tests.rules_support import KARI, POLICY, VALID, group


class TestMissingRole:
    def test_all_roles_given_passes(self) -> None:
        assert MissingRole().check(group(*VALID), POLICY) is None

    def test_one_missing_role_names_the_person(self) -> None:
        nameless = Member("Kjetil Bråten Lie", None, "annet")
        finding = MissingRole().check(group(*VALID, nameless), POLICY)
        assert finding is not None
        assert (finding.code, finding.severity) == ("missing_role", "error")
        assert "Vi mangler rollen til Kjetil Bråten Lie." in finding.text_nb
        assert "Vi manglar rolla til Kjetil Bråten Lie." in finding.text_nn

    def test_blank_roles_count_as_missing_and_are_all_named(self) -> None:
        a, b = Member("Anne A", "  ", "annet"), Member("Bjørn B", None, "annet")
        finding = MissingRole().check(group(KARI, a, b), POLICY)
        assert finding is not None
        assert "Anne A og Bjørn B" in finding.text_nb
        assert "Anne A og Bjørn B" in finding.text_nn
        assert "kvar av dei" in finding.text_nn
