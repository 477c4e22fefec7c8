"""The demo store: the bundled ``sample_data/`` in its own file, never in the user's store.

The demo creator lives in ``data/demo.duckdb`` (:data:`DEMO_DB_PATH`). The
user's store (``data/creator.duckdb`` or ``$CREATOR_ANALYTICS_DB``) never
receives sample rows: :func:`build_sample_store` refuses a store that holds
imports of real files. The dashboard shows the demo, clearly labelled, until
the user's store holds an import of their own (:func:`store_to_show`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from analytics.errors import AnalyticsError
from analytics.ingest import ImportOptions, ImportReport
from analytics.services.imports import import_files
from analytics.store.channel_queries import holds_anything, loaded_import_count
from analytics.store.channel_rows import save_channels
from analytics.store.connection import default_db_path

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
#: Where the demo store lives (beside the default user store), unless told otherwise.
DEMO_DB_PATH = Path("data") / "demo.duckdb"
ENV_DEMO_DB = "CREATOR_ANALYTICS_DEMO_DB"
#: Imports whose file name starts with this came from the bundled sample.
SAMPLE_PREFIX = f"{SAMPLE_DIR.name}/"


class RealDataStoreError(AnalyticsError):
    """The sample would be added to a store that holds the user's own imports."""


def demo_db_path() -> Path:
    """The demo store's path: ``$CREATOR_ANALYTICS_DEMO_DB`` or ``data/demo.duckdb``."""
    return Path(os.environ.get(ENV_DEMO_DB) or DEMO_DB_PATH)


def _path(db_path: str | os.PathLike[str] | None) -> str:
    return str(default_db_path() if db_path is None else db_path)


def store_is_empty(db_path: str | os.PathLike[str] | None) -> bool:
    """True when no import has landed in the store (a missing file is empty)."""
    return loaded_import_count(_path(db_path)) == 0


def real_import_count(db_path: str | os.PathLike[str] | None) -> int:
    """Loaded imports of files other than the bundled sample (0 for a missing file)."""
    return loaded_import_count(_path(db_path), SAMPLE_PREFIX)


def is_demo_store(db_path: str | os.PathLike[str] | None) -> bool:
    """True when the store holds the sample and nothing else."""
    return not store_is_empty(db_path) and real_import_count(db_path) == 0


def store_to_show(user_db: str | os.PathLike[str] | None = None) -> tuple[str, bool]:
    """The store the dashboard shows: ``(path, is_demo)``.

    The user's store (``user_db``, default :func:`default_db_path`) as soon
    as it holds anything (a channel or an import); while it is missing or
    blank, the demo store.
    """
    user = Path(user_db) if user_db is not None else default_db_path()
    demo = demo_db_path()
    if user.resolve() == demo.resolve():
        return str(user), False
    try:
        holds = holds_anything(str(user))
    except AnalyticsError:
        # A damaged or unreadable store of the user's is never swapped for the demo:
        # the page shows the user's store, and with it the one-line error that says why.
        return str(user), False
    return (str(user), False) if holds else (str(demo), True)


def build_sample_store(
    db_path: str | os.PathLike[str] | None, sample_dir: Path = SAMPLE_DIR
) -> list[ImportReport]:
    """Import every file listed in ``sample_data/manifest.json`` into ``db_path``.

    Returns
    -------
    list of ImportReport

    Raises
    ------
    RealDataStoreError
        The store holds imports of the user's own files: sample rows never
        mix with real data (use the demo store, ``data/demo.duckdb``).
    AnalyticsError
        The manifest is missing or a sample file fails to import.
    """
    real = real_import_count(db_path)
    if real:
        raise RealDataStoreError(
            f"{db_path} holds {real} import(s) of your own files; the sample is never added "
            f"to it. The demo has its own store: python -m analytics demo (writes {DEMO_DB_PATH})"
        )
    manifest_path = sample_dir / "manifest.json"
    if not manifest_path.is_file():
        raise AnalyticsError(
            f"no sample data: {manifest_path.name} is missing in {sample_dir.name}/"
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if db_path is not None:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    save_channels(db_path, manifest.get("channels", []))
    reports: list[ImportReport] = []
    export_date = manifest.get("export_date")
    for item in manifest["imports"]:
        opts = ImportOptions(
            channel=item.get("channel"),
            export_date=dt.date.fromisoformat(export_date) if export_date else None,
        )
        path = sample_dir / item["path"]
        name = f"{sample_dir.name}/{item['path']}"
        reports += import_files(db_path, [(name, path.read_bytes())], options=opts)
    failed = [r for r in reports if r.status == "failed"]
    if failed:
        raise AnalyticsError(f"sample file {failed[0].file_name} did not import: {failed[0].error}")
    return reports


def ensure_sample_store(db_path: str | os.PathLike[str] | None = None) -> bool:
    """Fill the demo store from the sample data if it is empty; True when it did.

    ``db_path`` defaults to :func:`demo_db_path`; a store holding the user's
    own imports is never filled (:class:`RealDataStoreError`).
    """
    path = demo_db_path() if db_path is None else db_path
    if store_is_empty(path):
        build_sample_store(path)
        return True
    return False


__all__ = [
    "DEMO_DB_PATH",
    "SAMPLE_DIR",
    "RealDataStoreError",
    "build_sample_store",
    "demo_db_path",
    "ensure_sample_store",
    "is_demo_store",
    "real_import_count",
    "store_is_empty",
    "store_to_show",
]
