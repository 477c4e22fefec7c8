"""The sample store: the bundled ``sample_data/`` imported through the normal importer."""

from __future__ import annotations

import json
import os
from pathlib import Path

from analytics.errors import AnalyticsError
from analytics.ingest import ImportOptions, ImportReport
from analytics.services.imports import import_files
from analytics.store.connection import connect
from analytics.store.schema import scalar
from analytics.store.writer import upsert_channels

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"


def store_is_empty(db_path: str | os.PathLike[str] | None) -> bool:
    """True when no import has landed in the store."""
    with connect(db_path) as con:
        return int(scalar(con, "SELECT count(*) FROM imports WHERE status = 'loaded'")) == 0


def build_sample_store(
    db_path: str | os.PathLike[str] | None, sample_dir: Path = SAMPLE_DIR
) -> list[ImportReport]:
    """Import every file listed in ``sample_data/manifest.json``.

    Returns
    -------
    list of ImportReport

    Raises
    ------
    AnalyticsError
        The manifest is missing or a sample file fails to import.
    """
    manifest_path = sample_dir / "manifest.json"
    if not manifest_path.is_file():
        raise AnalyticsError(
            f"no sample data: {manifest_path.name} is missing in {sample_dir.name}/"
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    with connect(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        upsert_channels(con, manifest.get("channels", []))
        con.execute("COMMIT")
    reports: list[ImportReport] = []
    export_date = manifest.get("export_date")
    for item in manifest["imports"]:
        import datetime as dt

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


def ensure_sample_store(db_path: str | os.PathLike[str] | None) -> bool:
    """Fill the store from the sample data if it is empty; True when it did."""
    if store_is_empty(db_path):
        build_sample_store(db_path)
        return True
    return False
