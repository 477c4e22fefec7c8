"""``python -m analytics undo-import``: take one import back out of the store."""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, print_json
from analytics.services.archive import list_imports, undo_import


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "undo-import",
        help="remove the rows one import brought; overlapping older exports take their place again",
        description="Remove the rows an import brought and rebuild the rows it overlapped from the "
        "imports that remain (the newer export wins, as on import). The import stays in the log as "
        "'undone', so the same file can be imported again. --list shows the loaded imports.",
    )
    add_db_option(p)
    p.add_argument(
        "import_id", metavar="IMPORT_ID", nargs="?", type=int, help="the import's number"
    )
    p.add_argument("--list", action="store_true", help="list the loaded imports and their numbers")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list or args.import_id is None:
        rows = list_imports(args.db)
        if args.json:
            print_json(rows)
        elif not rows:
            print("no loaded imports")
        else:
            for r in rows:
                period = (
                    f"{r['period_start']} .. {r['period_end']}"
                    if r["period_start"] and r["period_end"]
                    else "period unknown"
                )
                print(
                    f"{r['import_id']:>5}  {r['file_name']}  ({r['format'] or '?'}, "
                    f"channel {r['channel_id'] or '?'}, {period}, {r['rows_loaded']} rows)"
                )
        return 0
    result = undo_import(args.db, args.import_id)
    if args.json:
        print_json(result.as_dict())
    else:
        removed = sum(result.keys_removed.values())
        rebuilt = sum(result.keys_rebuilt.values())
        print(
            f"undid import {result.import_id} ({result.file_name}): {removed} rows removed, "
            f"{rebuilt} rows rebuilt from the imports that remain"
        )
    return 0
