"""``python -m analytics undo-import``: take one import back out of the store."""

from __future__ import annotations

import argparse
from typing import Any

from analytics.cli.common import add_db_option, print_json
from analytics.services.archive import list_imports, undo_import
from analytics.services.channels import store_path as default_db_path


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


def import_lines(db: str | None, rows: list[dict[str, Any]]) -> list[str]:
    """One line per loaded import: number, file, format name, channel name, period, rows.

    The channel is its display name (an import of a file that names its own
    channels, such as a trending list, says so); the period is the one the
    export covers, else the day its totals are dated and why.
    """
    from analytics.channel_names import channel_label_in
    from analytics.present.file_names import file_label
    from analytics.present.format_names import format_name
    from analytics.services.channels import list_channels

    channels = list_channels(db or str(default_db_path()))
    lines = []
    for r in rows:
        if r["period_start"] and r["period_end"]:
            period = f"{r['period_start']} .. {r['period_end']}"
        elif r.get("export_date"):
            period = f"totals as of {r['export_date']} (the export gives no period)"
        else:
            period = "no period: the export does not say which days it covers"
        channel = (
            f"channel {channel_label_in(channels, r['channel_id'], 'en')}"
            if r["channel_id"]
            else "channels named in the file"
        )
        rows_loaded = int(r["rows_loaded"] or 0)
        lines.append(
            f"{r['import_id']:>5}  {file_label(r['file_name'])}  "
            f"({format_name(r['format'], 'en')}; {channel}; {period}; "
            f"{rows_loaded:,} row{'' if rows_loaded == 1 else 's'})"
        )
    return lines


def run(args: argparse.Namespace) -> int:
    if args.list or args.import_id is None:
        rows = list_imports(args.db)
        if args.json:
            print_json(rows)
        elif not rows:
            print("no loaded imports")
        else:
            for line in import_lines(args.db, rows):
                print(line)
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
