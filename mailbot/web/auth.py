"""Organiser sign-in: argon2 password hashes, a limit on wrong passwords, session contents.

The session itself is Starlette's signed cookie (HttpOnly, SameSite=Lax); it holds only the
account id, the account's session epoch (bumped on sign-out, so a copied cookie dies with
it) and the CSRF token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from db.models import User
from db.users import (
    end_sessions,
    is_locked,
    record_failed_sign_in,
    record_sign_in,
    user_by_email,
    user_by_id,
)
from mailbot.settings import WebSettings

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
# Verified when the e-mail is unknown, so that a wrong address costs as long as a wrong
# password and the answer time does not tell which accounts exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    locked: bool = False


def sign_in(
    session: Session, email: str, password: str, settings: WebSettings, now: datetime
) -> SignInResult:
    """Check one sign-in; counts a wrong password against the account and locks it at the
    limit. A locked account is refused even with the right password."""
    user = user_by_email(session, email)
    if user is None:
        _verify(_DUMMY_HASH, password)
        return SignInResult(None)
    if is_locked(user, now):
        return SignInResult(None, locked=True)
    if not _verify(user.password_hash, password):
        record_failed_sign_in(
            user, now, settings.max_failed_sign_ins, timedelta(minutes=settings.lockout_minutes)
        )
        return SignInResult(None, locked=is_locked(user, now))
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    record_sign_in(user, now)
    return SignInResult(user)


def start_session(cookie: dict[str, Any], user: User) -> None:
    """A fresh session for a signed-in account (never reuse the anonymous one's token)."""
    cookie.clear()
    cookie["uid"] = user.id
    cookie["epoch"] = user.session_epoch
    cookie["csrf"] = secrets.token_urlsafe(32)


def current_user(session: Session, cookie: dict[str, Any]) -> User | None:
    """The signed-in account, or None when the cookie names none or an ended session."""
    uid, epoch = cookie.get("uid"), cookie.get("epoch")
    if not isinstance(uid, int) or not isinstance(epoch, int):
        return None
    user = user_by_id(session, uid)
    if user is None or user.session_epoch != epoch:
        return None
    return user


def sign_out(user: User, cookie: dict[str, Any]) -> None:
    end_sessions(user)
    cookie.clear()
