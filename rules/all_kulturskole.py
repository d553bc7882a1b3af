"""Rule: not every participant may come from the sector the event excludes (the kulturskole,
for the first event). The code ``all_kulturskole`` is the gold contract's and the store's,
so it stays; every word of the text comes from the event's sector."""

from __future__ import annotations

from typing import ClassVar

from rules.base import EventPolicy, Finding, Group
from rules.sectors import others_than, sector_words


class AllKulturskole:
    """Fires when there are participants and every one of them is in the excluded sector.

    An empty group does not fire: ``too_few`` already says what is missing there.
    """

    name: ClassVar[str] = "all_kulturskole"
    description: ClassVar[str] = "Every participant is tied to the excluded sector."

    def check(self, group: Group, policy: EventPolicy) -> Finding | None:
        sector = policy.excluded_only_sector
        if not group.members or any(m.sector != sector for m in group.members):
            return None
        nb = (
            f"Alle deltakerne er knyttet til {sector_words(sector, 'nb').the}, men ikke alle "
            "kan være det. Send oss navn og rolle på minst én person fra et annet felt, for "
            f"eksempel {others_than(sector, 'nb')}."
        )
        nn = (
            f"Alle deltakarane er knytte til {sector_words(sector, 'nn').the}, men ikkje alle "
            "kan vere det. Send oss namn og rolle på minst éin person frå eit anna felt, til "
            f"dømes {others_than(sector, 'nn')}."
        )
        return Finding(code=self.name, severity="error", text_nb=nb, text_nn=nn)
