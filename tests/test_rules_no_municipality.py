"""no_municipality: the registration must say which municipality it is for."""

from datetime import datetime
from zoneinfo import ZoneInfo

from rules.base import EventPolicy, Group, Member
from rules.no_municipality import NoMunicipality

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
        g = group(*VALID, municipality_number=None, municipality_name="Våler",
                  municipality_ambiguous=True)
        assert NoMunicipality().check(g, POLICY) is None
