"""Password hashing (argon2)."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_ph = PasswordHasher()


def hash_password(password: str) -> str:
    return _ph.hash(password)


def verify(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return _ph.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
