"""``python -m analytics report``: a self-contained HTML report (and a CSV of the cards)."""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, print_json
from analytics.i18n import LANGUAGES
from analytics.services.channels import store_path as default_db_path
from analytics.services.report import write_report


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "report",
        help="write an offline HTML report of the strategy cards",
        description="Write one HTML file with the strategy cards and growth "
        "charts (plotly.js inlined, opens offline), optionally a CSV "
        "of the cards.",
    )
    add_db_option(p)
    p.add_argument(
        "--out",
        default="report.html",
        metavar="PATH",
        help="HTML file to write (default: report.html)",
    )
    p.add_argument("--csv", metavar="PATH", help="also write the cards as CSV")
    p.add_argument("--channel", metavar="ID", help="one channel (default: every channel)")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report")
    p.add_argument(
        "--no-models",
        action="store_true",
        help="growth analytics only: skip the drivers and fans models (faster)",
    )
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = args.db or str(default_db_path())
    info = write_report(
        db, args.out, args.channel, lang=args.lang, use_models=not args.no_models, csv_out=args.csv
    )
    if args.json:
        print_json(info)
    else:
        print(f"report written: {info['report']} ({info['bytes']:,} bytes, {info['cards']} cards)")
        if info["csv"]:
            print(f"cards CSV written: {info['csv']}")
    return 0
