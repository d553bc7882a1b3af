"""Rule: the invitation asks for at least ``policy.min_participants`` named persons."""

from __future__ import annotations

from typing import ClassVar

from parsers.types import person_key
from rules.base import EventPolicy, Finding, Group


class TooFew:
    """Fires when fewer distinct, named persons are registered than the policy asks for.

    Persons are counted once after name normalisation, so listing one person twice does
    not make up the number (``duplicate_person`` reports the repetition itself).
    """

    name: ClassVar[str] = "too_few"
    description: ClassVar[str] = "Fewer named participants than the event requires."

    def check(self, group: Group, policy: EventPolicy) -> Finding | None:
        named = {person_key(m.name) for m in group.members if m.name.strip()}
        count, needed = len(named), policy.min_participants
        if count >= needed:
            return None
        missing = needed - count
        if count == 0:
            nb = (
                f"Vi har ikke fått navn på noen deltakere ennå. Det må være minst {needed} "
                "personer fra kommunen. Send oss navn og rolle for hver av dem."
            )
            nn = (
                f"Vi har ikkje fått namn på nokon deltakarar enno. Det må vere minst {needed} "
                "personar frå kommunen. Send oss namn og rolle for kvar av dei."
            )
        else:
            nb = (
                f"Vi har fått navn på {count} {'deltaker' if count == 1 else 'deltakere'}, "
                f"men det må være minst {needed} personer fra kommunen. "
                f"Send oss navn og rolle for minst {missing} til."
            )
            nn = (
                f"Vi har fått namn på {count} {'deltakar' if count == 1 else 'deltakarar'}, "
                f"men det må vere minst {needed} personar frå kommunen. "
                f"Send oss namn og rolle for minst {missing} til."
            )
        return Finding(code=self.name, severity="error", text_nb=nb, text_nn=nn)
