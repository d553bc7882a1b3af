"""late: after the deadline, unless an on-time registration only changes."""

from dataclasses import replace
from datetime import UTC, datetime

from rules.late import Late
from tests.rules_support import OSLO, POLICY, VALID, group


class TestLate:
    def test_on_time_passes(self) -> None:
        assert Late().check(group(*VALID), POLICY) is None

    def test_corpus_037_utc_date_is_on_time(self) -> None:
        arrived = datetime(2020, 5, 8, 21, 48, 3, tzinfo=UTC)  # 23:48 in Oslo
        assert Late().check(group(*VALID, arrived_at=arrived), POLICY) is None

    def test_corpus_038_thirteen_minutes_late_fires(self) -> None:
        arrived = datetime(2020, 5, 8, 22, 12, 40, tzinfo=UTC)  # 00:12 on 9 May in Oslo
        finding = Late().check(group(*VALID, arrived_at=arrived), POLICY)
        assert finding is not None
        assert (finding.code, finding.severity) == ("late", "error")
        assert finding.text_nb == (
            "Svarfristen var fredag 8. mai 2020 kl. 23.59, "
            "og meldingen kom lørdag 9. mai 2020 kl. 00.12."
        )
        assert finding.text_nn == (
            "Svarfristen var fredag 8. mai 2020 kl. 23.59, "
            "og meldinga kom laurdag 9. mai 2020 kl. 00.12."
        )

    def test_late_change_to_on_time_registration_is_accepted(self) -> None:
        g = group(*VALID, arrived_at=datetime(2020, 5, 12, tzinfo=OSLO), registered_on_time=True)
        assert Late().check(g, POLICY) is None

    def test_late_change_is_noticed_when_policy_says_so(self) -> None:
        policy = replace(POLICY, late_change_policy="late_notice")
        g = group(*VALID, arrived_at=datetime(2020, 5, 12, tzinfo=OSLO), registered_on_time=True)
        assert Late().check(g, policy) is not None
