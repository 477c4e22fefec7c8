"""Temporary files of an import: beside the store, private, and always removed.

An export that is not UTF-8 is decoded and written once as UTF-8 for
DuckDB's CSV reader. That copy holds whatever the export holds (a fan file's
raw fan ids among it), so it never goes to the system's shared temp folder:

* it is written in a private folder beside the store file
  (``<store folder>/.creator-analytics-tmp``, mode 0700, file mode 0600),
  under a name made of the process id and random letters, never the file's
  name or anything from its content;
* it is removed when the read succeeds and when it fails;
* a copy left by a process that was killed (``kill -9``, power loss) is
  removed by the next program that starts on the same store
  (:func:`sweep`), once its process is gone;
* a full disk gives one line naming the folder and the space needed, and no
  partial file.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from pathlib import Path

import duckdb

from analytics import settings
from analytics.errors import IngestError

TEMP_FOLDER = ".creator-analytics-tmp"
_PREFIX = "import-"
_swept: set[str] = set()


def store_file(con: duckdb.DuckDBPyConnection | None) -> Path | None:
    """The file of the store ``con`` is open on, or None for an in-memory connection."""
    if con is None:
        return None
    try:
        rows = con.execute(
            "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchall()
    except duckdb.Error:
        return None
    path = rows[0][0] if rows else None
    return Path(path) if path else None


def _beside(store: str | os.PathLike[str] | None) -> Path:
    """The temp folder's path beside ``store`` (default: the configured store file).

    The default is the declared ``CREATOR_ANALYTICS_DB`` setting, read here so
    that this module (used by ingest) never imports the store layer.
    """
    path = Path(store) if store is not None else Path(settings.raw("CREATOR_ANALYTICS_DB"))
    return path.resolve().parent / TEMP_FOLDER


def temp_dir(store: str | os.PathLike[str] | None = None) -> Path:
    """The private temp folder beside ``store`` (default: the configured store), created 0700.

    Leftovers of dead processes are removed the first time a process uses it.
    """
    folder = _beside(store)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = str(folder)
    if key not in _swept:
        _swept.add(key)
        sweep(folder)
    return folder


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(folder: str | os.PathLike[str]) -> int:
    """Remove temporary copies and spill folders whose process is gone; return how many."""
    removed = 0
    path = Path(folder)
    if not path.is_dir():
        return 0
    for entry in path.iterdir():
        name = entry.name
        if not name.startswith(_PREFIX):
            continue
        pid_text = name[len(_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and _alive(int(pid_text)):
            continue
        try:
            if entry.is_dir():  # a killed import's spill folder
                shutil.rmtree(entry)
            else:  # a killed import's decoded copy
                entry.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def sweep_store(store: str | os.PathLike[str] | None = None) -> int:
    """Remove leftovers beside ``store`` at a program's start (nothing when none exist)."""
    return sweep(_beside(store))


def write_temp_text(
    text: str | bytes,
    con: duckdb.DuckDBPyConnection | None,
    file_name: str,
    suffix: str = ".csv",
    *,
    folder: str | os.PathLike[str] | None = None,
) -> str:
    """Write ``text`` as UTF-8 to a private temp file beside the store; return its path.

    The caller removes it (``os.unlink`` in a ``finally``); a copy left by a
    killed process is removed by :func:`sweep`.

    Parameters
    ----------
    text : str or bytes
        The decoded export (written as UTF-8), or an export's bytes as they are.
    con : duckdb.DuckDBPyConnection or None
        The store connection (its file decides the folder); None or an
        in-memory connection: the configured store's folder.
    file_name : str
        The export's name, for the error message only (never in the temp name).
    suffix : str
    folder : path, optional
        Where to write (a staging folder the store layer made beside the store);
        default: the temp folder beside the store of ``con``.

    Raises
    ------
    IngestError
        The disk is full or the folder cannot be written; the partial file
        was removed.
    """
    try:
        if folder is None:
            folder = temp_dir(store_file(con))
        else:
            folder = Path(folder)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise IngestError(
            file_name,
            f"cannot create the temporary folder beside the store ({exc.strerror or exc}); "
            "check that the store's folder is writable",
        ) from None
    path = folder / f"{_PREFIX}{os.getpid()}-{secrets.token_hex(8)}{suffix}"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as fb:
                fb.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
    except OSError as exc:
        path.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            need = (len(text) if isinstance(text, bytes) else len(text.encode("utf-8"))) / 1e6
            raise IngestError(
                file_name,
                f"no space left in {folder} for the temporary copy of the file (about "
                f"{need:.1f} MB); free some space on that disk and import again",
            ) from None
        raise IngestError(
            file_name,
            f"cannot write the temporary copy of the file in {folder} ({exc.strerror or exc}); "
            "check that the store's folder is writable",
        ) from None
    return str(path)


__all__ = ["TEMP_FOLDER", "store_file", "sweep", "sweep_store", "temp_dir", "write_temp_text"]
