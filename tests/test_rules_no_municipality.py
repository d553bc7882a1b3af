"""no_municipality: the registration must say which municipality it is for."""

from rules.no_municipality import NoMunicipality
from tests.rules_support import POLICY, VALID, group


class TestNoMunicipality:
    def test_known_municipality_passes(self) -> None:
        assert NoMunicipality().check(group(*VALID), POLICY) is None

    def test_unknown_municipality_fires(self) -> None:
        g = group(*VALID, municipality_number=None, municipality_name=None)
        finding = NoMunicipality().check(g, POLICY)
        assert finding is not None
        assert (finding.code, finding.severity) == ("no_municipality", "error")
        assert "Vi ser ikke hvilken kommune" in finding.text_nb
        assert "Vi ser ikkje kva kommune" in finding.text_nn

    def test_ambiguous_name_is_left_to_the_other_rule(self) -> None:
        g = group(
            *VALID, municipality_number=None, municipality_name="Våler", municipality_ambiguous=True
        )
        assert NoMunicipality().check(g, POLICY) is None
