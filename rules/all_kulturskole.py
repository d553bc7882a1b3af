"""Rule: not every participant may come from one sector (the kulturskole, for this event)."""

from __future__ import annotations

from typing import ClassVar

from rules.base import EventPolicy, Finding, Group

# How the excluded sector reads in a sentence: (bokmål, nynorsk), definite form.
SECTOR_WORDS: dict[str, tuple[str, str]] = {
    "kulturskole": ("kulturskolen", "kulturskulen"),
    "skole": ("skolen", "skulen"),
    "barnehage": ("barnehagen", "barnehagen"),
    "politikk": ("politikken", "politikken"),
    "administrasjon": ("kommuneadministrasjonen", "kommuneadministrasjonen"),
    "kulturliv": ("kulturlivet", "kulturlivet"),
}


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
        word_nb, word_nn = SECTOR_WORDS.get(sector, (sector, sector))
        nb = (
            f"Alle deltakerne er knyttet til {word_nb}, men ikke alle kan være det. "
            "Send oss navn og rolle på minst én person fra et annet felt, for eksempel "
            "en politiker, en leder i en annen tjeneste, en ansatt i skole eller barnehage "
            "eller noen fra det lokale kulturlivet."
        )
        nn = (
            f"Alle deltakarane er knytte til {word_nn}, men ikkje alle kan vere det. "
            "Send oss namn og rolle på minst éin person frå eit anna felt, til dømes "
            "ein politikar, ein leiar i ei anna teneste, ein tilsett i skule eller barnehage "
            "eller nokon frå det lokale kulturlivet."
        )
        return Finding(code=self.name, severity="error", text_nb=nb, text_nn=nn)
