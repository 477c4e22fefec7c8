"""The sample store: the bundled ``sample_data/`` imported through the normal importer."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from analytics.errors import AnalyticsError
from analytics.ingest import ImportOptions, ImportReport
from analytics.services.channels import store_is_empty
from analytics.services.imports import import_files
from analytics.store.channel_rows import save_channels

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"


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


def ensure_sample_store(db_path: str | os.PathLike[str] | None) -> bool:
    """Fill the store from the sample data if it is empty; True when it did."""
    if store_is_empty(db_path):
        build_sample_store(db_path)
        return True
    return False


__all__ = ["SAMPLE_DIR", "build_sample_store", "ensure_sample_store", "store_is_empty"]
