"""``python -m analytics restore``: load a backup folder into a new or empty store."""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, print_json
from analytics.store.restore import restore_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "restore",
        help="restore a backup folder into a new or empty store",
        description="Check the backup against its manifest and load it in one transaction. A store that "
        "already holds data is refused unless --force is given.",
    )
    add_db_option(p)
    p.add_argument(
        "directory", metavar="DIR", help="a folder written by `python -m analytics backup`"
    )
    p.add_argument(
        "--force", action="store_true", help="replace the contents of a store that holds data"
    )
    p.add_argument("--json", action="store_true", help="print what was restored as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = restore_store(args.db, args.directory, force=args.force)
    if args.json:
        print_json(result.as_dict())
    else:
        total = sum(result.tables.values())
        print(
            f"restored {total} rows in {len(result.tables)} tables from {result.directory} "
            "(row counts and checksums match the backup)"
        )
    return 0
