"""Signed session tokens for the web chat (HMAC-SHA256 over tenant, username and expiry)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import time


def sign(secret: str, tenant: str, username: str, *, ttl: int = 7 * 86400, now: float | None = None) -> str:
    exp = int((now or time.time()) + ttl)
    body = f"{tenant}\n{username}\n{exp}"
    mac = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    return base64.urlsafe_b64encode(f"{body}\n{mac}".encode()).decode()


def verify(secret: str, token: str | None, *, now: float | None = None) -> tuple[str, str] | None:
    if not token:
        return None
    try:
        tenant, username, exp, mac = base64.urlsafe_b64decode(token.encode()).decode().split("\n")
    except (ValueError, UnicodeDecodeError):
        return None
    body = f"{tenant}\n{username}\n{exp}"
    good = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(good, mac) or int(exp) < (now or time.time()):
        return None
    return tenant, username
