"""Organiser accounts for the desk: look-up, creation, and the failed sign-in count.

Password hashing is the caller's (``mailbot.web.auth``): this module only stores the hash,
so ``db`` stays free of the web layer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import User


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == normalise_email(email))).first()


def user_by_id(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def add_or_update_user(session: Session, email: str, password_hash: str) -> tuple[User, bool]:
    """Create the account, or set a new password on an existing one (unlocking it).

    Returns the user and whether it was created.
    """
    user = user_by_email(session, email)
    created = user is None
    if user is None:
        user = User(email=normalise_email(email), password_hash=password_hash)
        session.add(user)
    else:
        user.password_hash = password_hash
        user.failed_sign_ins = 0
        user.locked_until = None
        user.session_epoch += 1  # a new password signs out every old session
    session.flush()
    return user, created


def is_locked(user: User, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def record_failed_sign_in(user: User, now: datetime, limit: int, lockout: timedelta) -> None:
    """Count one wrong password; at ``limit`` in a row the account is locked for ``lockout``."""
    user.failed_sign_ins += 1
    if user.failed_sign_ins >= limit:
        user.locked_until = now + lockout
        user.failed_sign_ins = 0


def record_sign_in(user: User, now: datetime) -> None:
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now


def end_sessions(user: User) -> None:
    """Every session cookie issued so far stops working (sign-out)."""
    user.session_epoch += 1
