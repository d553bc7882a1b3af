"""Rule: tell the organiser when a registration comes from outside the municipality's domain."""

from __future__ import annotations

from typing import ClassVar

from rules.base import EventPolicy, Finding, Group


class SenderDomain:
    """Fires (warning, organiser only) when the sender's domain is known not to match.

    Never a rejection: many kulturskole staff write from private addresses (corpus 010,
    022, 035). ``None`` means "could not tell" and stays silent.
    """

    name: ClassVar[str] = "sender_domain"
    description: ClassVar[str] = "The sender's address is not on the municipality's domain."

    def check(self, group: Group, policy: EventPolicy) -> Finding | None:
        if group.sender_domain_matches is not False:
            return None
        sender = group.sender or "avsenderen"
        nb = (
            f"Påmeldingen kom fra {sender}, som ikke er kommunens e-postdomene. "
            "Sjekk at den virkelig kommer fra kommunen."
        )
        nn = (
            f"Påmeldinga kom frå {sender}, som ikkje er e-postdomenet til kommunen. "
            "Sjekk at ho verkeleg kjem frå kommunen."
        )
        return Finding(code=self.name, severity="warning", text_nb=nb, text_nn=nn)
