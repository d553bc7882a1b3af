"""Shared values for the rule tests: a valid-looking registration and its policy."""

from datetime import datetime
from zoneinfo import ZoneInfo

from rules.base import EventPolicy, Group, Member

OSLO = ZoneInfo("Europe/Oslo")
POLICY = EventPolicy(
    deadline=datetime(2020, 5, 8, 23, 59, 59, tzinfo=OSLO), excluded_only_sector="kulturskole"
)
ON_TIME = datetime(2020, 5, 4, 9, 0, tzinfo=OSLO)


def group(*members: Member, **kw: object) -> Group:
    """A valid-looking registration unless the test changes something."""
    values: dict[str, object] = dict(
        municipality_number="1804",
        municipality_name="Bodø",
        municipality_ambiguous=False,
        members=members,
        arrived_at=ON_TIME,
    )
    values.update(kw)
    return Group(**values)  # type: ignore[arg-type]


KARI = Member("Kari Nordmann", "kulturskolerektor", "kulturskole")
OLA = Member("Ola Hansen", "ordfører", "politikk")
SIRI = Member("Siri Berg", "rektor ved Bodø skole", "skole")
LARS = Member("Lars Eik", "kultursjef", "administrasjon")
VALID = (KARI, OLA, SIRI, LARS)
