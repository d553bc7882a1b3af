"""duplicate_person: the same person twice is a warning."""

import unicodedata

from rules.base import Member
from rules.duplicate_person import DuplicatePerson
from tests.rules_support import POLICY, VALID, group


class TestDuplicatePerson:
    def test_distinct_persons_pass(self) -> None:
        assert DuplicatePerson().check(group(*VALID), POLICY) is None

    def test_case_and_whitespace_variants_fire(self) -> None:
        again = Member("KARI   nordmann", "rektor", "kulturskole")
        finding = DuplicatePerson().check(group(*VALID, again), POLICY)
        assert finding is not None
        assert (finding.code, finding.severity) == ("duplicate_person", "warning")
        assert "flere ganger på listen: Kari Nordmann" in finding.text_nb
        assert "fleire gonger på lista: Kari Nordmann" in finding.text_nn

    def test_nfc_and_nfd_spellings_are_the_same_person(self) -> None:
        composed = Member("Åse Øvrebø", "ordfører", "politikk")
        decomposed = Member(unicodedata.normalize("NFD", "Åse Øvrebø"), "ordfører", "politikk")
        assert DuplicatePerson().check(group(composed, decomposed), POLICY) is not None
