"""Rule: the same person listed twice is probably a slip, worth a look but no rejection."""

from __future__ import annotations

from typing import ClassVar

from parsers.types import person_key
from rules.base import EventPolicy, Finding, Group
from rules.norsk import join_names


class DuplicatePerson:
    """Fires when two members have the same name after NFC, case folding and whitespace.

    A warning only: the person is counted once (see ``too_few``) and the registry is not
    blocked by a repetition.
    """

    name: ClassVar[str] = "duplicate_person"
    description: ClassVar[str] = "The same person appears more than once."

    def check(self, group: Group, policy: EventPolicy) -> Finding | None:
        seen: dict[str, str] = {}
        repeated: list[str] = []
        for member in group.members:
            key = person_key(member.name)
            if not key:
                continue
            if key in seen and seen[key] not in repeated:
                repeated.append(seen[key])
            seen.setdefault(key, member.name.strip())
        if not repeated:
            return None
        who = join_names(repeated)
        nb = f"Samme person står flere ganger på listen: {who}. Vi har regnet hver person én gang."
        nn = f"Same person står fleire gonger på lista: {who}. Vi har rekna kvar person éin gong."
        return Finding(code=self.name, severity="warning", text_nb=nb, text_nn=nn)
