"""Rule: a municipality name that fits several municipalities (Våler, Herøy) must be settled."""

from __future__ import annotations

from typing import ClassVar

from rules.base import EventPolicy, Finding, Group


class AmbiguousMunicipality:
    """Fires when the understanding stage found a name but several municipalities carry it."""

    name: ClassVar[str] = "ambiguous_municipality"
    description: ClassVar[str] = "The municipality name fits more than one municipality."

    def check(self, group: Group, policy: EventPolicy) -> Finding | None:
        if group.municipality_number or not group.municipality_ambiguous:
            return None
        given = (group.municipality_name or "").strip()
        if given:
            nb = (
                f"Vi ser ikke sikkert hvilken kommune dere mener: det finnes flere kommuner "
                f"som heter «{given}». Skriv kommunenavnet sammen med fylket."
            )
            nn = (
                f"Vi ser ikkje sikkert kva kommune de meiner: det finst fleire kommunar "
                f"som heiter «{given}». Skriv kommunenamnet saman med fylket."
            )
        else:
            nb = (
                "Vi ser ikke sikkert hvilken kommune dere mener, for navnet passer på flere "
                "kommuner. Skriv kommunenavnet sammen med fylket."
            )
            nn = (
                "Vi ser ikkje sikkert kva kommune de meiner, for namnet passar på fleire "
                "kommunar. Skriv kommunenamnet saman med fylket."
            )
        return Finding(code=self.name, severity="error", text_nb=nb, text_nn=nn)
