"""``python -m analytics report``: a self-contained HTML report (and a CSV of the cards)."""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, one_channel, print_json
from analytics.cli.report_writer import write_report
from analytics.dp_share import DEFAULT_EPSILON, ShareConfig
from analytics.i18n import LANGUAGES
from analytics.services.channels import store_path as default_db_path


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
    p.add_argument(
        "--channel",
        metavar="ID",
        help="one channel (default: the channel with the most videos; channels are never pooled)",
    )
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report")
    p.add_argument(
        "--no-models",
        action="store_true",
        help="growth analytics only: skip the drivers and fans models (faster)",
    )
    p.add_argument(
        "--share",
        action="store_true",
        help="share mode: leave out the cards built on fans and release the fan counts with "
        "differential privacy (OpenDP noise) in the report and in <out>.fans-dp.csv",
    )
    p.add_argument(
        "--epsilon",
        type=float,
        default=DEFAULT_EPSILON,
        help=f"privacy budget of --share (default {DEFAULT_EPSILON}; smaller: more noise)",
    )
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = args.db or str(default_db_path())
    info = write_report(
        db,
        args.out,
        one_channel(db, args.channel, quiet=args.json),
        lang=args.lang,
        use_models=not args.no_models,
        csv_out=args.csv,
        share=ShareConfig(epsilon=args.epsilon) if args.share else None,
    )
    if args.json:
        print_json(info)
    else:
        print(f"report written: {info['report']} ({info['bytes']:,} bytes, {info['cards']} cards)")
        if info["csv"]:
            print(f"cards CSV written: {info['csv']}")
        if "share" in info:
            sh = info["share"]
            print(
                f"fan counts shared with differential privacy: epsilon {sh['epsilon_spent']:g} spent, "
                f"{sh['suppressed']} of {sh['rows']} counts below {sh['k']} suppressed: {sh['csv']}"
            )
    return 0
