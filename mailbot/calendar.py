"""The workshop as a calendar entry (RFC 5545) attached to confirmations.

``METHOD:PUBLISH``: the entry informs, it invites no answer (an ``REQUEST`` would ask the
municipality's calendar to send RSVPs to our inbox). The time is local to the event with
its ``VTIMEZONE``, so a calendar far from Oslo shows the right hour; the UID is the same for
every confirmation of one registration, so a second confirmation updates the first entry
instead of adding another.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from mailbot.event import Event

PRODID = "-//mailbot//påmelding//NO"


def workshop_uid(event: Event, registration_id: int) -> str:
    """Stable per registration: ``<event slug>-<registration id>@<our domain>``."""
    return f"{event.slug}-{registration_id}@{event.own_domain}"


def workshop_ics(event: Event, registration_id: int, language: str, now: datetime) -> bytes:
    """The workshop's calendar entry for one registration's contacts."""
    # Imported here: only confirmations need it, and it is a twentieth of start-up.
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    shop = event.workshop
    lang = "nn" if language == "nn" else "nb"
    title = event.title_in(lang)
    entry = CalendarEvent()
    entry.add("uid", workshop_uid(event, registration_id))
    entry.add("dtstamp", now)
    entry.add("dtstart", datetime.combine(shop.date, shop.start, tzinfo=event.tz))
    entry.add("dtend", datetime.combine(shop.date, shop.end, tzinfo=event.tz))
    entry.add("summary", title)
    entry.add(
        "description", f"{shop.format_nn if lang == 'nn' else shop.format_nb}, {event.organisers}"
    )
    entry.add(
        "organizer", f"mailto:{event.organiser_address}", parameters={"cn": event.organiser_name}
    )
    entry.add("status", "CONFIRMED")
    entry.add("transp", "OPAQUE")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(entry)
    # The zone's rules around the workshop only: a year either side is plenty.
    calendar.add_missing_timezones(
        first_date=shop.date - timedelta(days=366), last_date=shop.date + timedelta(days=366)
    )
    ical: bytes = calendar.to_ical()
    return ical
