"""Caps on automatic replies: per mailbox, per domain and in all.

Why: anyone can put any address in From. Without caps a forger could make mailbot write to a
victim over and over: with plus-addressing (``victim+1@``, ``victim+2@`` … reach one mailbox)
past the per-address cap, or with many addresses of one domain. Every automatic message
counts (confirmations, correction requests, late notices, receipts and change notices, to
recipient and copies); the organiser's own mail (digests, reminders) does not.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from db.outbox import recent_replies
from mailbot.event import ReplySettings

DAY = timedelta(hours=24)
HOUR = timedelta(hours=1)


def mailbox(address: str) -> str:
    """The mailbox an address reaches: lower case, ``+tag`` dropped from the local part."""
    local, _, domain = address.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def domain_of(address: str) -> str:
    return address.strip().lower().rpartition("@")[2]


def cap_reached(session: Session, recipient: str, caps: ReplySettings, now: datetime) -> str | None:
    """Which cap one more automatic message to ``recipient`` would pass, or None."""
    target, domain = mailbox(recipient), domain_of(recipient)
    recent = recent_replies(session, domain, now - DAY, now - HOUR)
    to_domain = [to for _, to in recent.to_domain if any(domain_of(a) == domain for a in to)]
    to_mailbox = sum(any(mailbox(a) == target for a in to) for to in to_domain)
    if to_mailbox >= caps.max_per_address_per_day:
        return f"rate limit: {caps.max_per_address_per_day} replies in 24 h reached"
    if len(to_domain) >= caps.max_per_domain_per_day:
        return f"rate limit: {caps.max_per_domain_per_day} replies to {domain} in 24 h reached"
    if recent.last_hour >= caps.max_per_hour:
        return f"rate limit: {caps.max_per_hour} replies in one hour reached"
    return None
