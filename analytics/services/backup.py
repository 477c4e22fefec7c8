"""Backup and restore of the store (Parquet files + manifest), for the CLI and pages."""

from __future__ import annotations

from analytics.store.backup import backup_store
from analytics.store.restore import restore_store

__all__ = ["backup_store", "restore_store"]
