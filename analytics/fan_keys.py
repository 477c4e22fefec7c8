"""Keyed hashing of raw fan ids: raw handles never enter the store."""

from __future__ import annotations

import hashlib
import hmac


def fan_key(secret: bytes, raw_id: str) -> str:
    """HMAC-SHA256 of a raw fan id (hex, 32 characters).

    Parameters
    ----------
    secret : bytes
        The store's fan secret.
    raw_id : str
        The fan's id as exported (already trimmed).

    Returns
    -------
    str
        The first 32 hex digits of the HMAC: the ``fan_key`` column.
    """
    return hmac.new(secret, raw_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
