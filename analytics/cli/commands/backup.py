"""``python -m analytics backup``: copy the store to a folder of Parquet files."""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, print_json
from analytics.services.backup import backup_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "backup",
        help="write a backup of the store (Parquet files + manifest.json) into a new folder",
        description="Export every table to Parquet with DuckDB's EXPORT DATABASE and write manifest.json "
        "(row counts and checksums). Restore with `python -m analytics restore`.",
    )
    add_db_option(p)
    p.add_argument("directory", metavar="DIR", help="the backup folder (must be new or empty)")
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = backup_store(args.db, args.directory)
    if args.json:
        print_json(result.as_dict())
    else:
        total = sum(result.tables.values())
        print(
            f"backup written to {result.directory}: {len(result.tables)} tables, {total} rows, "
            f"{result.bytes_written / 1e6:.1f} MB (schema version {result.schema_version})"
        )
    return 0
