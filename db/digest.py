"""What the organiser's morning digest reads from the store (the wording is mailbot's)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Change, InboundMessage, OutboundMessage, Registration
from db.states import MessageStatus, OutboxStatus, ReplyKind


def registrations_in_order_of_completion(session: Session) -> list[Registration]:
    """Complete registrations first, in the order they became complete, then the rest."""
    query = select(Registration).order_by(
        Registration.first_complete_at.is_(None),
        Registration.first_complete_at,
        Registration.id,
    )
    return list(session.scalars(query))


def messages_needing_attention(session: Session) -> list[InboundMessage]:
    """Messages held for the organiser or failed, oldest arrival first."""
    query = (
        select(InboundMessage)
        .where(InboundMessage.status.in_([MessageStatus.NEEDS_REVIEW, MessageStatus.FAILED]))
        .order_by(InboundMessage.arrived_at)
    )
    return list(session.scalars(query))


def replies_since(session: Session, since: datetime) -> list[tuple[OutboundMessage, str | None]]:
    """Replies (not digests) queued since ``since``, each with its municipality's name."""
    query = (
        select(OutboundMessage, Registration.municipality_name)
        .outerjoin(Registration, OutboundMessage.registration_id == Registration.id)
        .where(OutboundMessage.kind != ReplyKind.DIGEST, OutboundMessage.created_at >= since)
        .order_by(OutboundMessage.id)
    )
    return [(reply, name) for reply, name in session.execute(query)]


def replies_not_delivered(session: Session) -> list[OutboundMessage]:
    """Outgoing messages that bounced, failed, or may not have been delivered."""
    query = (
        select(OutboundMessage)
        .where(
            (OutboundMessage.bounced_at.is_not(None))
            | (OutboundMessage.status.in_([OutboxStatus.FAILED, OutboxStatus.UNCERTAIN]))
        )
        .order_by(OutboundMessage.id)
    )
    return list(session.scalars(query))


def pending_reply_count(session: Session) -> int:
    """How many outgoing messages wait to be sent."""
    query = (
        select(func.count())
        .select_from(OutboundMessage)
        .where(OutboundMessage.status == OutboxStatus.PENDING)
    )
    return session.scalar(query) or 0


def changes_since(session: Session, since: datetime) -> list[tuple[Change, str | None]]:
    """Changes to registrations made since ``since``, oldest first, each with its
    municipality's name."""
    query = (
        select(Change, Registration.municipality_name)
        .join(Registration, Change.registration_id == Registration.id)
        .where(Change.created_at >= since)
        .order_by(Change.id)
    )
    return [(change, name) for change, name in session.execute(query)]
