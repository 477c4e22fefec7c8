"""``python -m analytics demo``: build the demo store (``data/demo.duckdb``) from ``sample_data/``."""

from __future__ import annotations

import argparse

from analytics.cli.common import print_json
from analytics.services.demo import build_sample_store, demo_db_path, store_is_empty


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "demo",
        help="build the demo store (data/demo.duckdb) from the bundled sample creator",
        description="Import sample_data/ (a made-up creator on YouTube and Douyin) into the "
        "demo store, its own file, never into your store. A store that holds imports of "
        "your own files is refused.",
    )
    p.add_argument(
        "--db",
        default=None,
        metavar="PATH",
        help=f"demo store file (default: $CREATOR_ANALYTICS_DEMO_DB or {demo_db_path()})",
    )
    p.add_argument(
        "--if-empty", action="store_true", help="do nothing when the store already has data"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = args.db or str(demo_db_path())
    if args.if_empty and not store_is_empty(db):
        print(f"{db} already has data; sample not imported")
        return 0
    reports = build_sample_store(db)
    if args.json:
        print_json({"files": [r.as_dict() for r in reports]})
    else:
        for r in reports:
            print(f"{r.status:9} {r.file_name}: {r.rows_loaded} rows")
        print(f"demo store ready: {db}")
    return 0
