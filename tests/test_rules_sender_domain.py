"""sender_domain: a warning for the organiser, never a rejection."""

from datetime import datetime
from zoneinfo import ZoneInfo

from rules.base import EventPolicy, Group, Member
from rules.sender_domain import SenderDomain

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
