"""``python -m analytics import``: import export files into the store."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from analytics.cli.common import add_db_option, print_json
from analytics.errors import AnalyticsError
from analytics.services.imports import ImportOptions, ImportReport, import_files


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import",
        help="import export files (CSV, XLSX or ZIP) into the store",
        description="Import platform exports. Each file lands whole or not at all.",
    )
    add_db_option(p)
    p.add_argument("files", nargs="+", metavar="FILE_OR_ZIP")
    p.add_argument(
        "--channel",
        metavar="NAME",
        help="channel for files without a channel column (created if new)",
    )
    p.add_argument(
        "--time-zone", metavar="TZ", help="time zone of a new channel, e.g. Europe/Berlin"
    )
    p.add_argument(
        "--date-order", choices=["dmy", "mdy"], help="how to read ambiguous 01/02/2025 dates"
    )
    p.add_argument(
        "--export-date",
        metavar="YYYY-MM-DD",
        help="the day the export was downloaded (anchors dates without a year)",
    )
    p.add_argument(
        "--mapping",
        metavar="FILE",
        help="JSON column mapping for a layout the importer does not know; it is saved as a "
        "profile and used by itself for the next file with the same header",
    )
    p.add_argument(
        "--no-save-profile",
        action="store_true",
        help="use --mapping for these files only, without saving it as a profile",
    )
    p.add_argument("--json", action="store_true", help="print the import reports as JSON")
    p.set_defaults(func=run)


def _mapping_template(headers: list[str]) -> str:
    """JSON mapping with the importer's guesses for a file of unknown layout."""
    import json

    from analytics.services.profiles import starter_mapping

    guess = starter_mapping(headers)
    return json.dumps(
        {
            "name": "my layout",
            "date_order": None,
            "columns": {h: (g or "ignore") for h, g in guess.items()},
        },
        ensure_ascii=False,
        indent=2,
    )


def _fail(args: argparse.Namespace, message: str, code: int) -> int:
    """An error before any file is read: one line on stderr, or a JSON outcome with ``--json``."""
    if args.json:
        print_json({"files": [], "error": message})
    else:
        print(f"error: {message}", file=sys.stderr)
    return code


def _span(r: ImportReport) -> str:
    if r.period_start and r.period_end and r.period_start != r.period_end:
        return f", {r.period_start} .. {r.period_end}"
    if r.period_end:
        return f", as of {r.period_end}"
    return ""


class _Bar:
    """A tqdm progress bar over the steps of an import (read and write of each file).

    It shows on an interactive terminal only, on stderr, so that ``--json``
    output and pipes stay clean.
    """

    def __init__(self, n_inputs: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=2 * n_inputs,
            unit="step",
            desc="import",
            file=sys.stderr,
            disable=None,  # off when stderr is not a terminal
            leave=False,
            dynamic_ncols=True,
        )

    def __call__(self, step: str, file_name: str) -> None:
        if self.bar.n >= self.bar.total:
            self.bar.total += 2  # a zip holds more files than were named
        self.bar.set_postfix_str(f"{step} {file_name[-40:]}", refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def run(args: argparse.Namespace) -> int:
    export_date = None
    if args.export_date:
        try:
            export_date = dt.date.fromisoformat(args.export_date)
        except ValueError:
            return _fail(
                args, f"--export-date {args.export_date!r} is not a date like 2026-04-12", 2
            )
    mapping = None
    if args.mapping:
        from analytics.services.profiles import load_mapping_file

        try:
            mapping = load_mapping_file(args.mapping)
        except AnalyticsError as exc:
            return _fail(args, str(exc), 1)
    opts = ImportOptions(
        channel=args.channel,
        time_zone=args.time_zone,
        date_order=args.date_order,
        export_date=export_date,
        mapping=mapping,
        save_profile=not args.no_save_profile,
    )
    bar = _Bar(len(args.files))
    try:
        reports = import_files(args.db, args.files, options=opts, progress=bar)
    except AnalyticsError as exc:
        bar.close()
        return _fail(args, str(exc), 1)
    bar.close()
    if args.json:
        print_json({"files": [r.as_dict() for r in reports]})
    else:
        for r in reports:
            if r.status == "failed":
                print(f"FAILED  {r.file_name}: {r.error}")
                if r.headers:
                    print(
                        "        a mapping file to start from (check every column, then --mapping FILE):"
                    )
                    for line in _mapping_template(r.headers).splitlines():
                        print(f"        {line}")
                for rej in r.rejects[:20]:
                    print(f"        {rej}")
                if len(r.rejects) > 20:
                    print(f"        ... and {len(r.rejects) - 20} more")
                continue
            if r.status == "duplicate":
                print(
                    f"SKIPPED {r.file_name}: {r.notes[0] if r.notes else 'already imported; nothing changed'}"
                )
                continue
            print(
                f"LOADED  {r.file_name}: {r.format_label}; {r.rows_read} rows read, {r.rows_loaded} loaded, "
                f"{r.rows_rejected} rejected{_span(r)} -> channel {r.channel_id or '(from file)'}"
            )
            for note in r.notes:
                print(f"        note: {note}")
    return 0 if all(r.status in ("loaded", "duplicate") for r in reports) else 1
