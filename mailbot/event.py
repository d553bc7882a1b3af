"""The event an inbox collects registrations for, loaded from a TOML file.

The invitation's facts (deadline, workshop time, rules) are data, not code: a new event needs
only a new file. The packaged default is «Kulturskole for fremtiden» (2020).
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from parsers.types import SECTORS, ExtractionContext
from rules.base import EventPolicy

DEFAULT_EVENT = "kulturskole-for-fremtiden-2020.toml"


class Workshop(BaseModel):
    model_config = ConfigDict(frozen=True)

    date: date
    start: time
    end: time
    format_nb: str = "digitalt verksted"
    format_nn: str = "digital verkstad"


class RuleSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    min_participants: int = Field(default=4, ge=1)
    not_all_sector: str
    """The sector not every participant may come from; each event file names its own."""
    late_change_policy: Literal["accept", "late_notice"] = "accept"


class ReaderSettings(BaseModel):
    """What the reader must know of this event's words (parsers/ holds none of them).

    The patterns are regular expressions, matched case-insensitively; see
    ``parsers.types.ExtractionContext`` for what each one means.
    """

    model_config = ConfigDict(frozen=True)

    organiser_contacts: tuple[str, ...] = ()
    writer_signature_patterns: tuple[str, ...] = ()
    writer_patterns: tuple[str, ...] = ()
    staff_patterns: tuple[str, ...] = ()
    bare_roles: tuple[str, ...] = ()
    unit_words: tuple[str, ...] = ()
    gathering_words: tuple[str, ...] = ()


class Capacity(BaseModel):
    model_config = ConfigDict(frozen=True)

    target_min: int = 6
    target_max: int = 7
    waiting_list: bool = False


class ReplySettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    max_per_address_per_day: int = Field(default=5, ge=1)
    """Automatic replies to one mailbox in 24 h (``kari+1@`` and ``kari@`` are one)."""
    max_per_domain_per_day: int = Field(default=20, ge=1)
    """Automatic replies to one domain in 24 h: a forged sender cannot turn us on a victim."""
    max_per_hour: int = Field(default=200, ge=1)
    """Automatic replies in all in one hour (digests and the organiser's mail not counted)."""


class ReminderSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    days_before_deadline: int | None = Field(default=None, ge=0)
    """Opt-in: the worker sends the reminders this many days before the deadline (at the
    digest's time of day); unset, only ``mailbot remind`` sends them."""


class Event(BaseModel):
    """One invitation and its rules."""

    model_config = ConfigDict(frozen=True)

    slug: str
    title: str
    title_nn: str | None = None
    organisers: str
    timezone: str = "Europe/Oslo"
    inbox_address: str
    organiser_name: str
    organiser_address: str
    invitation_message_ids: tuple[str, ...] = ()
    deadline: datetime
    workshop: Workshop
    rules: RuleSettings
    reader: ReaderSettings = ReaderSettings()
    capacity: Capacity = Capacity()
    replies: ReplySettings = ReplySettings()
    reminders: ReminderSettings = ReminderSettings()
    templates: Path | None = None
    """A folder of templates that override the packaged ones (same names, e.g.
    ``nb/confirmation.txt.j2``); relative to the event file."""
    invitees: Path | None = None
    """A CSV of the invited municipalities (``number,address``, optional ``malform``);
    relative to the event file."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def deadline_at(self) -> datetime:
        """The deadline as an aware datetime (naive values are local to the event)."""
        if self.deadline.tzinfo is None:
            return self.deadline.replace(tzinfo=self.tz)
        return self.deadline

    def title_in(self, language: str | None) -> str:
        """The event's title in a written standard: the nynorsk one when it has one."""
        return (self.title_nn or self.title) if language == "nn" else self.title

    @property
    def own_domain(self) -> str:
        return self.inbox_address.rpartition("@")[2].lower()

    def extraction_context(self) -> ExtractionContext:
        """What the reader must know of this event: the organisers and the contacts the
        invitation names are never participants; the sector that may not be alone and the
        words that tie a writer or a whole list to it."""
        reader = self.reader
        guarded = self.rules.not_all_sector
        return ExtractionContext(
            organiser_names=(self.organiser_name, *reader.organiser_contacts),
            organiser_addresses=(self.organiser_address.lower(), self.inbox_address.lower()),
            invitation_message_ids=self.invitation_message_ids,
            guarded_sector=guarded if guarded in SECTORS else None,
            writer_signature_patterns=reader.writer_signature_patterns,
            writer_patterns=reader.writer_patterns,
            staff_patterns=reader.staff_patterns,
            bare_roles=reader.bare_roles,
            unit_words=reader.unit_words,
            gathering_words=reader.gathering_words,
        )

    def policy(self) -> EventPolicy:
        return EventPolicy(
            deadline=self.deadline_at,
            min_participants=self.rules.min_participants,
            excluded_only_sector=self.rules.not_all_sector,
            late_change_policy=self.rules.late_change_policy,
        )


def load_event(path: Path | None = None) -> Event:
    """Read an event file; None means the packaged default event. Paths the file names
    (templates, invitees) are taken relative to the file."""
    if path is None:
        data = resources.files("mailbot.events").joinpath(DEFAULT_EVENT).read_text("utf-8")
        return Event.model_validate(tomllib.loads(data))
    values = tomllib.loads(Path(path).read_text("utf-8"))
    for key in ("templates", "invitees"):
        if isinstance(values.get(key), str):
            values[key] = (Path(path).parent / values[key]).resolve()
    return Event.model_validate(values)
