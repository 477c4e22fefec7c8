"""The import path on the store's side: facts before parsing, a staging connection, the write.

An import reads what it needs from the store in one short look
(:func:`read_import_facts`), parses every file in a private in-memory DuckDB
connection (:func:`staging_connection`, bounded memory, spilling beside the
store) without opening the store, and then attaches the store to that
connection for the write alone (:func:`write_batch`): the store's file lock
is held only while rows are written, so pages keep reading while a CLI import
parses, and say so (:func:`import_being_written`) for the few seconds of the
write.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from analytics.errors import Reject, StoreBusyError
from analytics.sql_quote import quote_literal
from analytics.store.connection import connect, default_db_path
from analytics.store.profile_queries import upsert_profile
from analytics.store.writer import (
    ImportLog,
    commit_import,
    find_loaded,
    log_import,
    next_import_id,
    rank_key,
    rollback,
)

DEFAULT_IMPORT_MEMORY_MB = 1024
_staging_counter = itertools.count()


#: What the process needs beyond DuckDB's buffers while an import runs (result sets
#: handed to Python, the reject list, allocator slack), measured on a 3,000,000-row
#: Studio Chart data file: the process peaked about 170 MB above DuckDB's limit.
IMPORT_OVERHEAD_MB = 192
#: DuckDB never gets less than this, however full the process already is.
MIN_DUCKDB_MB = 128


def import_memory_mb() -> int:
    """The memory an import may take, process included (``CREATOR_ANALYTICS_IMPORT_MEMORY_MB``)."""
    from analytics.settings import get_int

    return max(get_int("CREATOR_ANALYTICS_IMPORT_MEMORY_MB"), 64)


def _resident_mb() -> float:
    """This process's resident memory now, in MB (0 where the system does not say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


def duckdb_memory_mb(limit_mb: int | None = None, resident_mb: float | None = None) -> int:
    """DuckDB's share of the import limit: what the process does not hold already.

    The limit bounds the whole process (a CLI import peaks under it): DuckDB
    gets the limit less the memory the process already holds and less
    :data:`IMPORT_OVERHEAD_MB`, and spills the rest of its work to disk;
    never less than :data:`MIN_DUCKDB_MB`.
    """
    limit = import_memory_mb() if limit_mb is None else limit_mb
    held = _resident_mb() if resident_mb is None else resident_mb
    return max(int(limit - held - IMPORT_OVERHEAD_MB), MIN_DUCKDB_MB)


def temp_dir_for(db_path: str | os.PathLike[str] | None) -> Path:
    """The folder beside the store where imports spill and keep their short-lived files."""
    path = Path(db_path) if db_path is not None else default_db_path()
    return path.resolve().parent / ".creator-analytics-tmp"


@contextmanager
def staging_connection(
    db_path: str | os.PathLike[str] | None,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, str]]:
    """A private in-memory DuckDB connection to parse an import in, and its spill folder.

    The store file is not opened here: pages keep reading while files are
    parsed. DuckDB works within :func:`duckdb_memory_mb` megabytes and spills
    the rest to a folder beside the store, removed when the block ends
    (success or failure); folders left by a killed import are removed by the
    next one.

    Yields
    ------
    (connection, temp folder)
    """
    base = temp_dir_for(db_path)
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    _remove_stale(base)
    work = base / f"import-{os.getpid()}-{next(_staging_counter)}"
    work.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SET memory_limit = '{duckdb_memory_mb()}MB'")
        con.execute("SET temp_directory = ?", [str(work / "spill")])
        con.execute("SET preserve_insertion_order = true")
        yield con, str(work)
    finally:
        con.close()
        shutil.rmtree(work, ignore_errors=True)


def _remove_stale(base: Path) -> None:
    """Remove work folders of imports whose process is gone (a kill -9 mid-import)."""
    for child in base.glob("import-*"):
        try:
            pid = int(child.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue


def read_import_facts(
    db_path: str | os.PathLike[str] | None, digests: list[str], channel: str | None
) -> dict[str, Any]:
    """What an import needs from the store, in one short look (the store is migrated first).

    Returns
    -------
    dict
        ``loaded`` (sha256 -> (import_id, channel_id)), ``platform`` and
        ``time_zone`` of ``channel`` (None when new), ``profiles``
        (signature -> (name, mapping JSON)), ``fan_secret`` (the key fan ids
        are hashed with, created on first use).
    """
    with connect(db_path) as con:
        loaded: dict[str, tuple[int, str | None]] = {}
        if digests:
            rows = con.execute(
                "SELECT sha256, min(import_id), arg_min(channel_id, import_id) FROM imports "
                "WHERE status = 'loaded' AND sha256 IN (SELECT unnest(?)) GROUP BY sha256",
                [list(dict.fromkeys(digests))],
            ).fetchall()
            loaded = {r[0]: (int(r[1]), r[2]) for r in rows}
        platform = time_zone = None
        if channel:
            found = con.execute(
                "SELECT platform, time_zone FROM channels WHERE channel_id = ?", [channel.strip()]
            ).fetchall()
            if found:
                platform, time_zone = found[0]
        profiles = {
            r[1]: (r[0], r[2])
            for r in con.execute(
                "SELECT name, header_signature, mapping_json FROM column_profiles "
                "ORDER BY created_at, name"
            ).fetchall()
        }
        secret = _fan_secret(con)
    return {
        "loaded": loaded,
        "platform": platform,
        "time_zone": time_zone,
        "profiles": profiles,
        "fan_secret": secret,
    }


def _fan_secret(con: duckdb.DuckDBPyConnection) -> bytes:
    """The store's key for hashing fan ids, created on first use (fan ids are hashed while parsing)."""
    import secrets

    find = "SELECT value FROM store_meta WHERE key = 'fan_key_secret'"
    rows = con.execute(find).fetchall()
    if not rows:
        con.execute(
            "INSERT INTO store_meta (key, value) VALUES ('fan_key_secret', ?) "
            "ON CONFLICT DO NOTHING",
            [secrets.token_hex(32)],
        )
        rows = con.execute(find).fetchall()
    return bytes.fromhex(rows[0][0])


@dataclass
class WriteRequest:
    """One file of a batch for :func:`write_batch`: its staged tables, or its failure."""

    file_name: str
    sha256: str
    status: str  # loaded | failed
    format: str | None = None
    channel_id: str | None = None
    channels: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, str] = field(default_factory=dict)
    rows_read: int = 0
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    export_date: dt.date | None = None
    error: str | None = None
    rejects: list[Reject] = field(default_factory=list)
    profile: tuple[str, str, str] | None = None  # (name, header signature, mapping JSON)
    # filled by the write
    import_id: int | None = None
    rows_loaded: int = 0
    duplicate_of: int | None = None
    notes: list[str] = field(default_factory=list)


def writing_marker(db_path: str | os.PathLike[str] | None) -> Path:
    """The file that says an import is being written into the store right now."""
    path = Path(db_path) if db_path is not None else default_db_path()
    return path.resolve().with_name(path.name + ".writing")


def import_being_written(db_path: str | os.PathLike[str] | None) -> bool:
    """True while an import holds the store to write (pages say so and retry)."""
    marker = writing_marker(db_path)
    try:
        pid = int(marker.read_text().strip() or "0")
    except (OSError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def write_batch(
    db_path: str | os.PathLike[str] | None,
    con: duckdb.DuckDBPyConnection,
    requests: list[WriteRequest],
    progress: Any = None,
) -> None:
    """Write a staged batch into the store: each loaded file in its own transaction.

    The store file is attached to the staging connection ``con`` only for
    the write, so its lock is held for the write alone. Failed files are
    logged in ``imports`` (with their rejects, never a line's text). A file
    another process loaded meanwhile becomes a duplicate.
    """
    if not requests:
        return
    path = Path(db_path) if db_path is not None else default_db_path()
    key = str(path.resolve())
    with connect(db_path):  # migrate (and create) the store before attaching it
        pass
    marker = writing_marker(db_path)
    _attach(con, key)
    try:
        try:
            marker.write_text(str(os.getpid()))
        except OSError:
            pass
        con.execute("USE creator_store")
        for req in requests:
            if progress is not None:
                progress("write", req.file_name)
            if req.status == "loaded":
                prior = find_loaded(con, req.sha256)
                if prior is not None:
                    req.status, req.duplicate_of, req.import_id = "duplicate", prior, prior
                    continue
                _write_one(con, req)
            if req.status == "failed":
                _log_failed(con, req)
    finally:
        try:
            con.execute("USE memory")
        finally:
            try:
                con.execute("DETACH creator_store")
            except duckdb.IOException as exc:
                # The commits are in the store's log (WAL); only the checkpoint at the
                # detach failed (a full disk): the next open of the store replays it.
                if "Detached database" not in str(exc):
                    raise
            try:
                marker.unlink()
            except OSError:
                pass


def _attach(con: duckdb.DuckDBPyConnection, key: str) -> None:
    from analytics.settings import get_float
    from analytics.store.connection import LOCK_WAIT_S

    wait = LOCK_WAIT_S if LOCK_WAIT_S is not None else get_float("CREATOR_ANALYTICS_LOCK_WAIT_S")
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            con.execute(f"ATTACH {quote_literal(key)} AS creator_store")
            return
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"the store {key} is in use by another program (waited {LOCK_WAIT_S:.0f} s); "
                    "close it or try again"
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _write_one(con: duckdb.DuckDBPyConnection, req: WriteRequest) -> None:
    now = dt.datetime.now(dt.UTC)
    log = ImportLog(
        import_id=next_import_id(con),
        file_name=req.file_name,
        sha256=req.sha256,
        format=req.format,
        channel_id=req.channel_id,
        status="loaded",
        rows_read=req.rows_read,
        rows_loaded=0,
        rows_rejected=0,
        period_start=req.period_start,
        period_end=req.period_end,
        export_date=req.export_date,
        rank=rank_key(req.period_end, req.export_date, now),
    )
    try:
        req.rows_loaded = commit_import(con, log, req.tables, req.channels, req.channel_id)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()
        req.status = "failed"
        if "no space left" in str(exc).lower():
            req.error = (
                "no space left on the disk of the store to write the rows; nothing was "
                "written: free some space on that disk and import again"
            )
            return
        req.error = (
            f"the store refused the rows ({first[0] if first else type(exc).__name__}); "
            "nothing was written"
        )
        return
    req.import_id = log.import_id
    if req.profile is not None:
        name, signature, mapping_json = req.profile
        con.execute("BEGIN TRANSACTION")
        try:
            upsert_profile(con, name, signature, mapping_json)
            con.execute("COMMIT")
            req.notes.append(
                f"column mapping saved as profile {name!r}: files with this header "
                "will import by themselves"
            )
        except duckdb.Error:
            rollback(con)
            req.notes.append(f"the column mapping {name!r} could not be saved as a profile")


def _log_failed(con: duckdb.DuckDBPyConnection, req: WriteRequest) -> None:
    log = ImportLog(
        import_id=next_import_id(con),
        file_name=req.file_name,
        sha256=req.sha256,
        format=None,
        channel_id=None,
        status="failed",
        rows_read=req.rows_read,
        rows_loaded=0,
        rows_rejected=len(req.rejects),
        error=req.error,
    )
    con.execute("BEGIN TRANSACTION")
    try:
        log_import(con, log, req.rejects)
        con.execute("COMMIT")
    except duckdb.Error:
        rollback(con)
        return
    req.import_id = log.import_id
