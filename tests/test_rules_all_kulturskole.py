"""all_kulturskole: not every participant may be tied to the kulturskole."""

from datetime import datetime
from zoneinfo import ZoneInfo

from rules.all_kulturskole import AllKulturskole
from rules.base import EventPolicy, Group, Member

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
