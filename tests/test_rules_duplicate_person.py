"""duplicate_person: the same person twice is a warning."""

import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from rules.base import EventPolicy, Group, Member
from rules.duplicate_person import DuplicatePerson

OSLO = ZoneInfo("Europe/Oslo")
POLICY = EventPolicy(deadline=datetime(2020, 5, 8, 23, 59, 59, tzinfo=OSLO))
ON_TIME = datetime(2020, 5, 4, 9, 0, tzinfo=OSLO)


def group(*members: Member, **kw: object) -> Group:
    """A valid-looking registration unless the test changes something."""
    values: dict[str, object] = dict(
        municipality_number="1804", municipality_name="Bodø", municipality_ambiguous=False,
        members=members, arrived_at=ON_TIME,
    )
    values.update(kw)
    return Group(**values)  # type: ignore[arg-type]


KARI = Member("Kari Nordmann", "kulturskolerektor", "kulturskole")
OLA = Member("Ola Hansen", "ordfører", "politikk")
SIRI = Member("Siri Berg", "rektor ved Bodø skole", "skole")
LARS = Member("Lars Eik", "kultursjef", "administrasjon")
VALID = (KARI, OLA, SIRI, LARS)


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
