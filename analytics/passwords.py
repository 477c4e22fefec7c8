"""Password hashes for the dashboard's optional sign-in.

Only a salted scrypt hash is ever stored (in the environment variable
``CREATOR_ANALYTICS_PASSWORD_HASH`` or the Streamlit secret
``password_hash``), never the password. Standard library only
(:func:`hashlib.scrypt`, RFC 7914) with N = 2**15, r = 8, p = 1, above the
minimum of OWASP's Password Storage Cheat Sheet (N = 2**14).

The stored text looks like ``scrypt$32768$8$1$<salt hex>$<hash hex>``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SCHEME = "scrypt"
N, R, P = 2**15, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32
_MAXMEM = 64 * 1024 * 1024


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P) -> str:
    """Return a salted scrypt hash of ``password`` for the settings.

    Parameters
    ----------
    password : str
        The password (UTF-8). Must not be empty.
    n, r, p : int
        scrypt cost parameters (CPU/memory cost, block size, parallelism).

    Returns
    -------
    str
        ``scrypt$n$r$p$salt$hash`` (salt and hash in hex).

    Raises
    ------
    ValueError
        The password is empty.
    """
    if not password:
        raise ValueError("the password is empty")
    salt = secrets.token_bytes(SALT_BYTES)
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=KEY_BYTES
    )
    return f"{SCHEME}${n}${r}${p}${salt.hex()}${key.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches the ``stored`` hash (constant-time comparison).

    A malformed ``stored`` value never matches (it does not raise), so a
    typo in the setting locks the dashboard instead of opening it.
    """
    try:
        scheme, n_s, r_s, p_s, salt_hex, key_hex = stored.strip().split("$")
        if scheme != SCHEME:
            return False
        n, r, p = int(n_s), int(r_s), int(p_s)
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(key_hex)
        if (
            not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16)
            or len(salt) < 8
            or len(expected) < 16
        ):
            return False
        key = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=n,
            r=r,
            p=p,
            maxmem=max(_MAXMEM, 129 * r * n * p),
            dklen=len(expected),
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(key, expected)


def looks_like_hash(stored: str) -> bool:
    """True when ``stored`` has the shape of a hash made by :func:`hash_password`."""
    parts = stored.strip().split("$")
    return len(parts) == 6 and parts[0] == SCHEME and all(parts[1:])
