"""sender_domain: a warning for the organiser, never a rejection."""

from rules.sender_domain import SenderDomain
from tests.rules_support import POLICY, VALID, group


class TestSenderDomain:
    def test_matching_or_unknown_domain_is_silent(self) -> None:
        assert SenderDomain().check(group(*VALID, sender_domain_matches=True), POLICY) is None
        assert SenderDomain().check(group(*VALID, sender_domain_matches=None), POLICY) is None

    def test_foreign_domain_warns(self) -> None:
        g = group(*VALID, sender="kari@gmail.com", sender_domain_matches=False)
        finding = SenderDomain().check(g, POLICY)
        assert finding is not None
        assert (finding.code, finding.severity) == ("sender_domain", "warning")
        assert "kari@gmail.com" in finding.text_nb and "ikke" in finding.text_nb
        assert "kari@gmail.com" in finding.text_nn and "ikkje" in finding.text_nn
