"""Where the store's backups are, so forgetting a fan can say which still hold them.

Each backup written by :func:`analytics.store.backup.backup_store` is noted
in a small JSON file beside the store (``<store>.backups.json``: folder and
time, nothing else). A backup is a copy made before a fan was forgotten, so
it still holds that fan's rows; :func:`backups_holding` reads each noted
backup's ``fan_interactions`` file and counts the fan's rows there.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.store.connection import default_db_path


def _log_path(db_path: str | os.PathLike[str] | None) -> Path:
    path = Path(db_path) if db_path is not None else default_db_path()
    path = path.resolve()
    return path.with_name(f"{path.name}.backups.json")


def _read(log: Path) -> list[dict[str, str]]:
    try:
        data = json.loads(log.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return (
        [d for d in data if isinstance(d, dict) and "directory" in d]
        if isinstance(data, list)
        else []
    )


def note_backup(db_path: str | os.PathLike[str] | None, directory: str | os.PathLike[str]) -> None:
    """Remember a backup folder of the store (best effort: a failure never fails the backup)."""
    log = _log_path(db_path)
    entries = [e for e in _read(log) if Path(e["directory"]) != Path(directory).resolve()]
    entries.append(
        {
            "directory": str(Path(directory).resolve()),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
    )
    try:
        tmp = log.with_name(f".{log.name}.{os.getpid()}")
        tmp.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, log)
    except OSError:
        pass


@dataclass
class BackupHolding:
    """A backup that still holds rows of a forgotten fan."""

    directory: str
    created_at: str
    rows: int


def backups_holding(db_path: str | os.PathLike[str] | None, fan_key: str) -> list[BackupHolding]:
    """The noted backups (still on disk) whose fan interactions hold ``fan_key``."""
    out: list[BackupHolding] = []
    for entry in _read(_log_path(db_path)):
        folder = Path(entry["directory"])
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            info = manifest["tables"]["fan_interactions"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        file_path = folder / Path(str(info.get("file", ""))).name
        con = duckdb.connect(":memory:")
        try:
            rows = int(
                con.execute(
                    "SELECT count(*) FROM read_parquet(?) WHERE fan_key = ?",
                    [str(file_path), fan_key],
                ).fetchall()[0][0]
            )
        except duckdb.Error:
            continue
        finally:
            con.close()
        if rows:
            out.append(BackupHolding(str(folder), str(entry.get("created_at", "")), rows))
    return out


__all__ = ["BackupHolding", "backups_holding", "note_backup"]
