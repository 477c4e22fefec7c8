"""``python -m analytics demo``: build the sample store from ``sample_data/``."""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, print_json
from analytics.services.channels import store_path as default_db_path
from analytics.services.demo import build_sample_store, store_is_empty


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "demo",
        help="fill the store with the bundled sample creator",
        description="Import sample_data/ (a made-up creator on YouTube and Douyin).",
    )
    add_db_option(p)
    p.add_argument(
        "--if-empty", action="store_true", help="do nothing when the store already has data"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = args.db or str(default_db_path())
    if args.if_empty and not store_is_empty(db):
        print(f"{db} already has data; sample not imported")
        return 0
    reports = build_sample_store(db)
    if args.json:
        print_json({"files": [r.as_dict() for r in reports]})
    else:
        for r in reports:
            print(f"{r.status:9} {r.file_name}: {r.rows_loaded} rows")
        print(f"sample store ready: {db}")
    return 0
