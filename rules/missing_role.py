"""Rule: every participant needs a role, so the organiser can see the spread of fields."""

from __future__ import annotations

from typing import ClassVar

from rules.base import EventPolicy, Finding, Group
from rules.norsk import join_names


class MissingRole:
    """Fires when one or more members have no role; the text names them."""

    name: ClassVar[str] = "missing_role"
    description: ClassVar[str] = "A participant is listed without a role."

    def check(self, group: Group, policy: EventPolicy) -> Finding | None:
        names = [m.name for m in group.members if not (m.role or "").strip()]
        if not names:
            return None
        who = join_names(names)
        if len(names) == 1:
            nb = f"Vi mangler rollen til {who}. Skriv hvilken rolle personen har i kommunen."
            nn = f"Vi manglar rolla til {who}. Skriv kva rolle personen har i kommunen."
        else:
            nb = f"Vi mangler rollene til {who}. Skriv hvilken rolle hver av dem har i kommunen."
            nn = f"Vi manglar rollene til {who}. Skriv kva rolle kvar av dei har i kommunen."
        return Finding(code=self.name, severity="error", text_nb=nb, text_nn=nn)
