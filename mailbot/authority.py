"""Who may change a registration without the organiser.

The opener (the address whose message opened it) and the addresses the organiser adds are
contacts. So is anyone writing from one of the municipality's register domains whose mail
passed DMARC at our own receiving server (``parsers.auth_results``): with such proof a
colleague shares the registration, as colleagues do. Without it — the Maildir default, or
a From: anyone could have written — a different address is an outsider, and its change waits
for the organiser. One exception needs no proof from the new message: an address on the
municipality's register domain that a contact's own earlier message had in To or Cc (read
from that message as our server stored it) was brought into the conversation by the contact,
so it shares the registration when it writes. The new message's own To and Cc, and anything
a Bcc'd reader could claim, give nothing.

A colleague on the municipality's register domain without that proof is no contact either,
but one thing it may do, as anyone may open a registration: send a sign-up of its own, a
whole group as the invitation asks, not knowing a colleague signed up already ("jeg sender
vår liste for ordens skyld"). That list joins the registration (``db.registry.joins_as_own_
sign_up`` says when); it takes nobody off and changes nobody's sector, and its sender does
not become a contact, so any later change of theirs still waits for the organiser. The
registration's contacts are told whose list joined (a join notice), so a forged From cannot
add people unseen; and when our own server's Authentication-Results say the sender's domain
failed DMARC (or SPF and DKIM both), the sender is an outsider and its list waits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from db.contacts import contact_addresses, header_blocks_from_contacts, normalise_address
from db.models import Registration
from parsers.auth_results import Trust, address_domain, dmarc_failed_for, dmarc_pass_domain
from parsers.mime import recipient_addresses
from parsers.register import municipalities_of
from parsers.types import ParsedEmail


class Standing(StrEnum):
    CONTACT = "contact"
    #: Not yet a contact, but proven to write from the municipality's own domain.
    VERIFIED_DOMAIN = "verified_domain"
    #: Not yet a contact, but on the municipality's domain and copied by a contact.
    COPIED = "copied"
    #: Not a contact, without proof, but writing from the municipality's register domain: a
    #: whole sign-up of its own may join the registration; any other change waits.
    COLLEAGUE = "colleague"
    OUTSIDER = "outsider"


@dataclass(frozen=True)
class Authority:
    """How much the receiving server's authentication results are trusted."""

    trust: Trust = Trust()

    def standing(
        self,
        session: Session,
        registration: Registration,
        parsed: ParsedEmail,
        contacts: Sequence[str] | None = None,
    ) -> Standing:
        """``contacts``: the registration's contact addresses when the caller has read them
        (processing needs them again for a change notice: one query instead of two)."""
        if contacts is None:
            contacts = contact_addresses(session, registration.id)
        if normalise_address(parsed.sender) in contacts:
            return Standing.CONTACT
        if self.verified_for(parsed, registration.municipality_number):
            return Standing.VERIFIED_DOMAIN
        if copied_by_contact(session, registration, parsed.sender):
            return Standing.COPIED
        if on_register_domain(registration, parsed.sender) and not self.failed_for(parsed):
            return Standing.COLLEAGUE
        return Standing.OUTSIDER

    def verified_for(self, parsed: ParsedEmail, number: str | None) -> bool:
        """The sender's domain passed DMARC at our server and is the municipality's."""
        if number is None:
            return False
        passed = dmarc_pass_domain(parsed.headers, self.trust)
        domain = address_domain(parsed.sender)
        return passed is not None and passed == domain and number in municipalities_of(domain)

    def failed_for(self, parsed: ParsedEmail) -> bool:
        """Our server found the sender's domain's DMARC (or SPF and DKIM both) failed: the
        From is likely forged, so the sender is no colleague."""
        return dmarc_failed_for(parsed.headers, self.trust, address_domain(parsed.sender))


def on_register_domain(registration: Registration, sender: str) -> bool:
    """``sender`` writes from one of the registration's municipality's register domains."""
    number = registration.municipality_number
    return number is not None and number in municipalities_of(address_domain(sender))


def copied_by_contact(session: Session, registration: Registration, sender: str) -> bool:
    """``sender`` writes from the municipality's register domain and a contact's stored
    message had it in To or Cc."""
    if not on_register_domain(registration, sender):
        return False
    address = sender.strip().lower()
    blocks = header_blocks_from_contacts(session, registration.id)
    return any(address in recipient_addresses(block) for block in blocks)
