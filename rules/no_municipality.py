"""Rule: a registration must say which municipality it is for."""

from __future__ import annotations

from typing import ClassVar

from rules.base import EventPolicy, Finding, Group


class NoMunicipality:
    """Fires when no municipality could be told and no candidate name was given.

    A name that fits several municipalities is ``ambiguous_municipality`` instead, so the
    sender is asked the more precise question.
    """

    name: ClassVar[str] = "no_municipality"
    description: ClassVar[str] = "The municipality cannot be told."

    def check(self, group: Group, policy: EventPolicy) -> Finding | None:
        if group.municipality_number or group.municipality_ambiguous:
            return None
        nb = (
            "Vi ser ikke hvilken kommune påmeldingen gjelder. "
            "Skriv navnet på kommunen dere melder på."
        )
        nn = "Vi ser ikkje kva kommune påmeldinga gjeld. Skriv namnet på kommunen de melder på."
        return Finding(code=self.name, severity="error", text_nb=nb, text_nn=nn)
