"""Rule: the message arrived after the reply deadline."""

from __future__ import annotations

from typing import ClassVar

from rules.base import EventPolicy, Finding, Group
from rules.norsk import format_datetime


class Late:
    """Fires when ``group.arrived_at`` is after ``policy.deadline``.

    A change to a registration that was already made, and complete, in time is accepted when
    the event's ``late_change_policy`` is ``"accept"``: the municipality kept the deadline,
    only a name changed (``registered_on_time``; one still too small at the deadline did not
    keep it). A registration the organiser accepted late is never late again. A naive
    ``arrived_at`` is read in the deadline's time zone.
    """

    name: ClassVar[str] = "late"
    description: ClassVar[str] = "Arrived after the reply deadline."

    def check(self, group: Group, policy: EventPolicy) -> Finding | None:
        deadline = policy.deadline
        arrived = group.arrived_at
        if arrived.tzinfo is None:
            arrived = arrived.replace(tzinfo=deadline.tzinfo)
        if deadline.tzinfo is None:
            deadline = deadline.replace(tzinfo=arrived.tzinfo)
        if arrived <= deadline or group.late_accepted:
            return None
        if group.registered_on_time and policy.late_change_policy == "accept":
            return None
        local = arrived.astimezone(deadline.tzinfo) if deadline.tzinfo else arrived
        nb = (
            f"Svarfristen var {format_datetime(deadline, 'nb')}, "
            f"og meldingen kom {format_datetime(local, 'nb')}."
        )
        nn = (
            f"Svarfristen var {format_datetime(deadline, 'nn')}, "
            f"og meldinga kom {format_datetime(local, 'nn')}."
        )
        return Finding(code=self.name, severity="error", text_nb=nb, text_nn=nn)
