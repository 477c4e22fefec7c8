"""Signed sign-in tokens for the dashboard's cookie (no Streamlit here).

A token is ``<expiry>.<signature>``: the Unix time until which it is valid
and an HMAC-SHA256 of that time. The key is derived from the configured
password hash, so changing the password signs every browser out, and no
secret other than the one the user already set is needed. The token holds
no password and no personal data.

>>> key = signing_key("scrypt$16384$8$1$c2FsdA==$aGFzaA==")
>>> token = make_token(key, now=1_000, max_age_s=60)
>>> check_token(key, token, now=1_030)
True
>>> check_token(key, token, now=1_061), check_token(key, token.replace(".", ".x"), now=1_030)
(False, False)
"""

from __future__ import annotations

import hashlib
import hmac
import time

COOKIE_NAME = "creator_analytics_session"
#: How long a sign-in lasts in one browser (seconds): 14 days.
MAX_AGE_S = 14 * 24 * 3600


def signing_key(stored_hash: str) -> bytes:
    """The HMAC key for tokens, derived from the configured password hash."""
    return hashlib.sha256(b"creator-analytics session cookie\0" + stored_hash.encode()).digest()


def _sign(key: bytes, expiry: int) -> str:
    return hmac.new(key, str(expiry).encode(), hashlib.sha256).hexdigest()


def make_token(key: bytes, now: float | None = None, max_age_s: int = MAX_AGE_S) -> str:
    """A token valid for ``max_age_s`` seconds from ``now`` (default: the current time)."""
    expiry = int((time.time() if now is None else now) + max_age_s)
    return f"{expiry}.{_sign(key, expiry)}"


def check_token(key: bytes, token: str | None, now: float | None = None) -> bool:
    """True when ``token`` was signed with ``key`` and has not expired."""
    if not token or token.count(".") != 1:
        return False
    expiry_text, signature = token.split(".")
    if not expiry_text.isdigit():
        return False
    expiry = int(expiry_text)
    if not hmac.compare_digest(_sign(key, expiry), signature):
        return False
    return expiry > (time.time() if now is None else now)
