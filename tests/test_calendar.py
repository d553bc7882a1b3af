"""Confirmations carry the workshop as a calendar entry, parsed back here with icalendar."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from db.models import OutboundMessage
from tests.conversation import Conversation
from tests.flow import body_text, parse_message
from tests.mailmaker import COMPLETE, KARI, make_mail

# The conversation fixture (tests/conversation.py), embedded only.
pytestmark = pytest.mark.parametrize("talk", ["embedded"], indirect=True)


def calendar_of(reply: OutboundMessage) -> tuple[Calendar, str]:
    message = parse_message(reply.raw)
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_payload(decode=True)), str(part["Content-Type"])


def test_a_confirmation_carries_the_workshop_as_a_published_calendar_entry(
    talk: Conversation,
) -> None:
    [confirmation] = talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))

    calendar, content_type = calendar_of(confirmation)
    (entry,) = calendar.walk("VEVENT")
    (zone,) = calendar.walk("VTIMEZONE")
    start = entry.decoded("dtstart")
    assert confirmation.kind == "confirmation"
    assert "method=PUBLISH" in content_type.replace('"', "")
    assert str(calendar["method"]) == "PUBLISH"
    assert str(zone["tzid"]) == "Europe/Oslo"
    assert entry["dtstart"].params["TZID"] == "Europe/Oslo"
    assert start.utcoffset() == ZoneInfo("Europe/Oslo").utcoffset(start.replace(tzinfo=None))
    assert (start.date().isoformat(), start.time()) == ("2020-06-04", time(10, 0))
    assert entry.decoded("dtend").time() == time(14, 0)
    assert str(entry["summary"]) == "Kulturskole for fremtiden"
    assert "Kari Lund" in body_text(parse_message(confirmation.raw))


def test_the_uid_is_the_same_for_every_confirmation_of_one_registration(
    talk: Conversation,
) -> None:
    [first] = talk.send(make_mail(KARI, COMPLETE, sender_name="Kari Lund"))
    [second] = talk.send(
        make_mail(
            KARI,
            "Hei!\n\nSiv Ek, lærer ved Skogn barneskole, blir også med.\n\nHilsen Kari\n",
            sender_name="Kari Lund",
            subject="Re: " + first.subject,
            in_reply_to=first.message_id,
        )
    )
    [other] = talk.send(
        make_mail(
            "ola@verdal.kommune.no",
            COMPLETE.replace("Levanger", "Verdal").replace("Kari Lund", "Ola Vik"),
            sender_name="Ola Vik",
        )
    )

    uids = [str(calendar_of(r)[0].walk("VEVENT")[0]["uid"]) for r in (first, second, other)]

    assert second.kind == "confirmation"
    assert uids[0] == uids[1]
    assert uids[2] != uids[0]
    assert all(uid.endswith("@ks.no") for uid in uids)


def test_a_correction_request_has_no_calendar_entry(talk: Conversation) -> None:
    [request] = talk.send(
        make_mail(KARI, "Hei!\n\nLevanger kommune melder på Kari Lund, kulturskolerektor.\n")
    )

    message = parse_message(request.raw)
    assert request.kind == "correction_request"
    assert [p for p in message.walk() if p.get_content_type() == "text/calendar"] == []
