"""SQLAlchemy 2.0 typed models of the store: inbound mail, registrations, changes, outbox.

A naming convention on the metadata keeps constraint names stable across SQLite and
PostgreSQL, so Alembic migrations (batch mode on SQLite) stay reproducible.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from db.states import STATE_COLUMNS, ChangeActor

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def state_checks(table: str) -> tuple[CheckConstraint, ...]:
    """One ``CHECK (column IN (...))`` per state column of the table (``db.states``), named
    ``ck_<table>_<column>``: a misspelt state cannot be stored."""
    return tuple(
        CheckConstraint(state_condition(column, allowed), name=column)
        for name, column, allowed in STATE_COLUMNS
        if name == table
    )


def state_condition(column: str, allowed: tuple[str, ...]) -> str:
    """The SQL condition of a state column's ``CHECK`` (the values are our own constants)."""
    return f"{column} IN ({', '.join(repr(v) for v in allowed)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InboundMessage(Base):
    """Every message exactly as received, kept whatever happens to it later."""

    __tablename__ = "inbound_messages"
    __table_args__ = (
        UniqueConstraint("source", "uidvalidity", "uid", name="uq_inbound_source_uid"),
        UniqueConstraint("message_id", "sha256", name="uq_inbound_message_id_sha256"),
        # Workers claim the oldest waiting message from this index (``db.inbound.claim``).
        Index("ix_inbound_status_arrival", "status", "arrived_at", "id"),
        Index("ix_inbound_messages_sender", "sender"),
        Index("ix_inbound_messages_registration_id", "registration_id"),
        *state_checks("inbound_messages"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(300))
    uidvalidity: Mapped[int] = mapped_column(BigInteger, default=0)
    uid: Mapped[str] = mapped_column(String(300))
    message_id: Mapped[str | None] = mapped_column(String(998))
    sha256: Mapped[str] = mapped_column(String(64))
    #: Deferred: only parsing reads the bytes; lists, groups and look-ups never load them.
    raw: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    size: Mapped[int] = mapped_column(Integer)
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: ``MessageStatus``
    status: Mapped[str] = mapped_column(String(20), default="new")
    error: Mapped[str | None] = mapped_column(Text)
    #: Claims so far (``db.inbound.claim``): each one a worker that began processing it.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: While ``processing``: which worker holds the message, and until when its claim holds.
    #: A claim that ran out (the worker died) is taken again by the next worker.
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sender: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(String(998))
    #: ``MessageKind`` (or ``ORGANISER_KIND``); none until the message is read
    kind: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(2))
    extraction: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    #: Why the message waits for the organiser (``HoldReason`` values); the doubts and the
    #: evidence behind "unsure" are in ``extraction``.
    held_for: Mapped[list[str] | None] = mapped_column(JSON)
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registrations.id"))

    registration: Mapped[Registration | None] = relationship(back_populates="messages")


class Registration(Base):
    """One municipality's sign-up for one event (or one sender's, while the municipality is
    unknown)."""

    __tablename__ = "registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "municipality_number", name="uq_registration_municipality"),
        Index("ix_registrations_contact_address", "contact_address"),
        *state_checks("registrations"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    municipality_number: Mapped[str | None] = mapped_column(String(4))
    municipality_name: Mapped[str | None] = mapped_column(String(100))
    contact_address: Mapped[str] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(2), default="nb")
    #: ``RegistrationStatus``
    status: Mapped[str] = mapped_column(String(20), default="open")
    first_message_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_complete_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_findings: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    messages: Mapped[list[InboundMessage]] = relationship(back_populates="registration")
    participants: Mapped[list[Participant]] = relationship(
        back_populates="registration",
        order_by="Participant.position",
        cascade="all, delete-orphan",
    )
    changes: Mapped[list[Change]] = relationship(
        back_populates="registration", order_by="Change.id", cascade="all, delete-orphan"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="registration", order_by="Contact.id", cascade="all, delete-orphan"
    )


class Contact(Base):
    """An address that may change a registration (``ContactSource`` says why)."""

    __tablename__ = "registration_contacts"
    __table_args__ = (
        UniqueConstraint("registration_id", "address", name="uq_contact_registration_address"),
        *state_checks("registration_contacts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id"))
    address: Mapped[str] = mapped_column(String(320))
    source: Mapped[str] = mapped_column(String(20))
    #: The organiser's account that added it (``ContactSource.ORGANISER``).
    added_by: Mapped[str | None] = mapped_column(String(320))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    registration: Mapped[Registration] = relationship(back_populates="contacts")


class Participant(Base):
    """The current list, rebuilt from the change record after every change."""

    __tablename__ = "participants"
    __table_args__ = (Index("ix_participants_registration_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(300))
    sector: Mapped[str] = mapped_column(String(20))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"))

    registration: Mapped[Registration] = relationship(back_populates="participants")


class Change(Base):
    """One change to a registration and who caused it: a message, or the organiser."""

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_registration_id", "registration_id"),
        Index("ix_changes_message_id", "message_id"),
        *state_checks("changes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"))
    actor: Mapped[str] = mapped_column(String(20), default=ChangeActor.MESSAGE)  # ChangeActor
    account: Mapped[str | None] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(20))  # ChangeAction
    name: Mapped[str | None] = mapped_column(String(200))
    # rename: the name before (``name`` is the new one)
    old_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(300))
    sector: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    registration: Mapped[Registration] = relationship(back_populates="changes")


class OutboundMessage(Base):
    """The outbox: every message we send, rendered once with a fixed Message-ID."""

    __tablename__ = "outbound_messages"
    __table_args__ = (
        # At most one outgoing message of each kind per inbound message (a receipt and a
        # change notice, or a receipt now and the organiser's answer later); digests have no
        # inbound message.
        UniqueConstraint("inbound_id", "kind", name="uq_outbound_inbound_kind"),
        Index("ix_outbound_status", "status"),
        Index("ix_outbound_recipient", "recipient"),
        Index("ix_outbound_messages_registration_id", "registration_id"),
        # The sending caps read the last hour's and the last day's answers by this column.
        Index("ix_outbound_messages_created_at", "created_at"),
        *state_checks("outbound_messages"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(998), unique=True)
    inbound_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id"))
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registrations.id"))
    #: ``ReplyKind``
    kind: Mapped[str] = mapped_column(String(30))
    sender: Mapped[str] = mapped_column(String(320))
    recipient: Mapped[str] = mapped_column(String(320))
    #: Further recipients of the same message (a change notice to every contact).
    cc: Mapped[list[str] | None] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(String(998))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    # The problem codes the reply named: a new correction request is only sent when they change.
    findings: Mapped[list[str] | None] = mapped_column(JSON)
    #: ``OutboxStatus``
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    bounced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class User(Base):
    """An organiser account for the desk (``mailbot user add``); argon2 password hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Failed sign-ins in a row; at the limit the account is locked until ``locked_until``.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped on sign-out: every session cookie signed with an older value stops working.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)


class DeskAction(Base):
    """The desk's audit record: every action an organiser took, and with which account.

    Plain ids without foreign keys, and no names or text from mail: the record outlives an
    erased registration without holding its personal data.
    """

    __tablename__ = "desk_actions"
    __table_args__ = (
        Index("ix_desk_actions_registration_id", "registration_id"),
        *state_checks("desk_actions"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(40))  # DeskActionKind
    registration_id: Mapped[int | None] = mapped_column(Integer)
    inbound_id: Mapped[int | None] = mapped_column(Integer)
    outbound_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ServiceStatus(Base):
    """What the worker last knew about each server it uses (``imap``, ``smtp``) and when it
    last polled (``poll``): read by ``mailbot check --quick``, the digest and the metrics."""

    __tablename__ = "service_status"
    __table_args__ = state_checks("service_status")

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))  # ServiceState
    detail: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
