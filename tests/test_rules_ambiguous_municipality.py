"""ambiguous_municipality: a name that fits several municipalities."""

from rules.ambiguous_municipality import AmbiguousMunicipality
from tests.rules_support import POLICY, VALID, group


class TestAmbiguousMunicipality:
    def test_resolved_municipality_passes(self) -> None:
        g = group(*VALID, municipality_number="1818", municipality_name="Herøy (Nordland)")
        assert AmbiguousMunicipality().check(g, POLICY) is None

    def test_no_municipality_at_all_is_left_to_the_other_rule(self) -> None:
        g = group(*VALID, municipality_number=None, municipality_name=None)
        assert AmbiguousMunicipality().check(g, POLICY) is None

    def test_ambiguous_name_fires_and_quotes_it(self) -> None:
        g = group(
            *VALID, municipality_number=None, municipality_name="Våler", municipality_ambiguous=True
        )
        finding = AmbiguousMunicipality().check(g, POLICY)
        assert finding is not None
        assert (finding.code, finding.severity) == ("ambiguous_municipality", "error")
        assert "«Våler»" in finding.text_nb and "sammen med fylket" in finding.text_nb
        assert "«Våler»" in finding.text_nn and "saman med fylket" in finding.text_nn

    def test_ambiguous_without_a_name(self) -> None:
        g = group(
            *VALID, municipality_number=None, municipality_name=None, municipality_ambiguous=True
        )
        finding = AmbiguousMunicipality().check(g, POLICY)
        assert finding is not None and "fleire kommunar" in finding.text_nn
