"""``python -m analytics report``: a self-contained HTML report (and a CSV of the cards)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from analytics.cli.common import add_db_option, print_json
from analytics.i18n import LANGUAGES, normalize_lang
from analytics.present.report import cards_csv, render_report
from analytics.services.channels import channel_label
from analytics.services.channels import store_path as default_db_path
from analytics.services.strategy import build_strategy


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


def write_report(
    db_path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    channel_id: str | None = None,
    *,
    lang: str = "en",
    use_models: bool = True,
    csv_out: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Build the strategy of a store and write the HTML report (and optionally the CSV).

    Parameters
    ----------
    db_path : str or path
        The DuckDB store file.
    out : path
        The HTML file to write (its folder is created).
    channel_id : str, optional
        One channel, or every channel.
    lang : {"en", "zh"}
    use_models : bool
        Run the drivers and fans models (see :func:`analytics.services.strategy.build_strategy`).
    csv_out : path, optional
        Also write the cards as CSV there.

    Returns
    -------
    dict
        ``report`` (path), ``bytes`` (size of the HTML), ``cards`` (count),
        ``csv`` (path or None).

    Raises
    ------
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    lang = normalize_lang(lang)
    result = build_strategy(db_path, channel_id, use_models=use_models)
    text = render_report(result, lang, channel=channel_label(db_path, channel_id, lang))
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    csv_path = None
    if csv_out is not None:
        csv_path = Path(csv_out)
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        csv_path.write_bytes(cards_csv(result, lang))
    return {
        "report": str(path),
        "bytes": path.stat().st_size,
        "cards": len(result.cards),
        "csv": None if csv_path is None else str(csv_path),
    }
