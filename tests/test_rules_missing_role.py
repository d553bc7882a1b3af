"""missing_role: every participant needs a role."""

from datetime import datetime
from zoneinfo import ZoneInfo

from rules.base import EventPolicy, Group, Member
from rules.missing_role import MissingRole

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
