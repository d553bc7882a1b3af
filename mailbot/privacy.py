"""Personal data: the organiser can export the registry and erase a person or a municipality.

Erasing deletes the raw messages too (they hold the same names), and the outbox rows that
quoted them; the count of what was removed is returned so the organiser can note it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from db.erasure import (
    erase_address,
    erase_registrations,
    registration_ids_of_municipality,
)
from db.models import Event, Registration
from db.registry import all_registrations
from db.session import make_engine, make_session_factory
from mailbot.errors import UserError


def export_registry(url: str) -> dict[str, Any]:
    """Every registration with its current list and the messages behind it (no raw bodies)."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return {"registrations": [_export_one(session, r) for r in all_registrations(session)]}
    finally:
        engine.dispose()


def _export_one(session: Session, registration: Registration) -> dict[str, Any]:
    event = session.get(Event, registration.event_id)
    return {
        "event": event.slug if event else None,
        "municipality": {
            "number": registration.municipality_number,
            "name": registration.municipality_name,
        },
        "status": registration.status,
        "contact": registration.contact_address,
        "first_complete_at": _iso(registration.first_complete_at),
        "findings": registration.last_findings or [],
        "participants": [
            {"name": p.name, "role": p.role, "sector": p.sector} for p in registration.participants
        ],
        "messages": [
            {
                "message_id": m.message_id,
                "from": m.sender,
                "subject": m.subject,
                "arrived_at": _iso(m.arrived_at),
                "kind": m.kind,
                "status": m.status,
            }
            for m in registration.messages
        ],
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def erase(
    url: str,
    *,
    address: str | None = None,
    municipality: str | None = None,
    commit: bool = True,
) -> dict[str, int]:
    """Delete one municipality's registration (by number), or everything from or to one
    address. With ``commit=False`` nothing is kept: the counts say what would go, computed by
    the very statements that would delete it."""
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            transaction = session.begin()
            try:
                if municipality is not None:
                    ids = registration_ids_of_municipality(session, municipality)
                    counts = erase_registrations(session, ids)
                else:
                    assert address is not None
                    counts = erase_address(session, address.lower())
            except BaseException:
                transaction.rollback()
                raise
            if commit:
                transaction.commit()
            else:
                transaction.rollback()
            return counts
    finally:
        engine.dispose()


def municipality_number(text: str) -> tuple[str, str]:
    """(number, name) for a municipality given by its 4-digit number or its name (2020
    register, old and Sami names too). Raises UserError naming the choices when a name is
    shared (Herøy, Våler) or unknown."""
    from parsers.register import municipality_entries, numbers_named

    entries = municipality_entries()
    wanted = text.strip()
    if wanted in entries:
        return wanted, entries[wanted].display
    numbers, _old = numbers_named(wanted)
    if len(numbers) == 1:
        (number,) = numbers
        return number, entries[number].display
    if numbers:
        choices = ", ".join(
            f"{n} {entries[n].display} ({entries[n].county})" for n in sorted(numbers)
        )
        raise UserError(f"municipality {text!r} is more than one: {choices}; give its number")
    raise UserError(
        f"municipality {text!r} is not in the 2020 register; give its 4-digit number "
        "(e.g. 1804 for Bodø) or its name as the register spells it"
    )
