"""Fans' privacy: "forget this fan".

Raw fan ids (handles, user ids) never enter the store: each is replaced on
import by ``fan_key``, an HMAC-SHA256 of the id with a secret kept in the
store (:func:`analytics.fan_keys.fan_key`). To forget a fan, the
same HMAC is computed from the raw id the creator gives, and every row with
that key is deleted. Nothing here logs, prints or returns the raw id.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from analytics.errors import AnalyticsError
from analytics.fan_keys import fan_key
from analytics.store.connection import connect
from analytics.store.fan_erasure import erase_fan, stored_fan_secret

log = logging.getLogger(__name__)

# The importer trims these around ids (analytics.ingest.values.identifier).
_ID_TRIM = " \t\n\r"


@dataclass
class ForgetResult:
    """What :func:`forget_fan` removed. ``fan_key_prefix`` is safe to show; the raw id is not kept."""

    fan_key_prefix: str
    interactions_deleted: int
    reject_values_blanked: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's ``--json`` output)."""
        return {
            "fan_key_prefix": self.fan_key_prefix,
            "interactions_deleted": self.interactions_deleted,
            "reject_values_blanked": self.reject_values_blanked,
        }


def forget_fan(db_path: str | os.PathLike[str] | None, raw_fan_id: str) -> ForgetResult:
    """Delete every stored row of one fan.

    Parameters
    ----------
    db_path : path or None
        The store (None: the default path).
    raw_fan_id : str
        The fan's id as it appears in the platform's export (surrounding
        whitespace is ignored, as on import).

    Returns
    -------
    ForgetResult
        Rows deleted from ``fan_interactions`` and rejected values blanked;
        zero when the store never held this fan.

    Raises
    ------
    AnalyticsError
        The id is empty.
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    raw = raw_fan_id.strip(_ID_TRIM)
    if not raw:
        raise AnalyticsError("the fan id is empty; give the id as it appears in the export")
    with connect(db_path) as con:
        secret = stored_fan_secret(con)  # None: no fan file was ever loaded (never creates one)
        key = fan_key(secret, raw) if secret is not None else None
        done = erase_fan(con, key, raw)
    result = ForgetResult(
        fan_key_prefix=(key or "")[:8],
        interactions_deleted=done.interactions_deleted,
        reject_values_blanked=done.reject_values_blanked,
    )
    log.info(
        "forgot fan %s…: %d interaction rows deleted, %d rejected values blanked",
        result.fan_key_prefix,
        result.interactions_deleted,
        result.reject_values_blanked,
    )
    return result
