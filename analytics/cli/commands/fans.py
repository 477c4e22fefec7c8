"""``python -m analytics fans``: fan segments and the fans model against baselines."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from analytics.cli.common import add_db_option, print_json


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``fans`` command."""
    parser = subparsers.add_parser(
        "fans",
        help="fan segments and the ALS fans model, evaluated against baselines",
        description=(
            "Fit implicit-feedback ALS on who interacted with which video (spam left out), "
            "evaluate it on what fans did after one global cut-off date against popularity, "
            "recent popularity and item-item cosine baselines, say whether it beats the best "
            "of them, and describe the fan segments by their top topics."
        ),
    )
    add_db_option(parser)
    parser.add_argument(
        "--channel",
        default=None,
        metavar="ID",
        help="one channel (default: every channel's fans together)",
    )
    parser.add_argument(
        "--segments",
        type=int,
        default=None,
        metavar="K",
        help="number of segments (default: chosen by prediction strength)",
    )
    parser.add_argument(
        "--include-spam", action="store_true", help="keep interactions flagged as spam"
    )
    parser.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="EVENT=W",
        help="weight of one event of a kind, e.g. --weight like=3 (repeatable; "
        "defaults: view 1, like 3, comment 4, share 5, follow 5, danmaku 2, "
        "save 4)",
    )
    parser.add_argument(
        "--bm25",
        action="store_true",
        help="BM25-weight interaction strengths before the confidence",
    )
    parser.add_argument(
        "--engine",
        choices=("implicit", "spark"),
        default="implicit",
        help="where ALS is fitted: implicit on this machine (default), or Spark MLlib "
        "(needs requirements-spark.txt and Java 17+; local mode unless --spark-master)",
    )
    parser.add_argument(
        "--spark-master",
        default=None,
        metavar="URL",
        help="Spark master for --engine spark, e.g. spark://host:7077 (default local[*])",
    )
    for name, kind, meta, text in (
        ("--factors", int, "K", "latent factors"),
        ("--regularization", float, "L", "L2 penalty (implicit's scale)"),
        ("--alpha", float, "A", "confidence slope"),
        ("--iterations", int, "N", "ALS sweeps"),
    ):
        parser.add_argument(
            name,
            type=kind,
            default=None,
            metavar=meta,
            help=f"{text}: fix it and skip tuning (defaults for the ones not given)",
        )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Build the fans report and print it; errors are raised as AnalyticsError."""
    from analytics.errors import AnalyticsError
    from analytics.services.channels import store_path as default_db_path
    from analytics.services.fans import (
        DEFAULT_EVENT_WEIGHTS,
        ALSParams,
        build_fans_report,
        check_event_weights,
    )
    from analytics.services.fits import fans_fit

    show = not args.json and sys.stderr.isatty()

    def progress(fraction: float, message: str) -> None:
        if show:
            print(f"\r{fraction:4.0%} {message[:70]:<70}", end="", file=sys.stderr, flush=True)

    weights = dict(DEFAULT_EVENT_WEIGHTS)
    for item in args.weight:
        event, sep, value = item.partition("=")
        try:
            weights[event.strip().lower()] = float(value)
        except ValueError:
            sep = ""
        if not sep or not event.strip():
            raise AnalyticsError(f"--weight {item!r}: write EVENT=WEIGHT, e.g. --weight like=3")
    try:
        weights = check_event_weights(weights)
    except ValueError as exc:
        raise AnalyticsError(f"--weight: {exc}") from None
    fixed = {
        k: getattr(args, k)
        for k in ("factors", "regularization", "alpha", "iterations")
        if getattr(args, k) is not None
    }
    try:
        params = ALSParams(**fixed) if fixed else None
    except ValueError as exc:
        raise AnalyticsError(str(exc)) from None
    db = args.db or default_db_path()
    default_options = (weights, args.include_spam, args.segments, args.bm25, params) == (
        check_event_weights(dict(DEFAULT_EVENT_WEIGHTS)),
        False,
        None,
        False,
        None,
    )
    if default_options and args.engine == "implicit":
        report = fans_fit(db, args.channel, progress=progress)  # the fit the pages show
    else:
        report = build_fans_report(
            db,
            args.channel,
            event_weights=weights,
            include_spam=args.include_spam,
            n_segments=args.segments,
            params=params,
            bm25=args.bm25,
            engine=args.engine,
            spark_master=args.spark_master,
            progress=progress,
        )
    if show:
        print("\r" + " " * 76 + "\r", end="", file=sys.stderr)
    if args.json:
        print_json(report.to_json())
        for text in report.warnings:
            print(f"warning: {text}", file=sys.stderr)
        return 0
    ev = report.evaluation
    k = ev.ks[0]
    print(
        f"{_count(ev.fans, 'fan')}, {_count(ev.videos, 'video')}, "
        f"{_count(ev.pairs, 'fan-video pair')}; "
        f"{_count(ev.test_fans, 'fan')} tested on what they did after the cut-off"
    )
    p = ev.params
    print(
        f"ALS: {p['factors']} factors, regularization {p['regularization']}, alpha {p['alpha']}, "
        f"{p['iterations']} iterations (chosen by {p['chosen_by']}), engine {p['engine']}"
    )
    print()
    headline = ev.headline()
    cols = [f"precision@{k}", f"recall@{k}", f"ndcg@{k}", f"map@{k}", "coverage", "novelty"]
    print(f"{'model':<13}" + "".join(f"{c:>13}" for c in cols))
    for model, values in headline.items():
        cells = "".join(
            f"{'-' if values[c] is None else format(values[c], '.4f'):>13}" for c in cols
        )
        print(f"{model:<13}{cells}")
    print()
    print(verdict_line(ev))
    print()
    if report.segmentation.segments:
        print("segments")
        for line in segment_lines(report):
            print(f"  {line}")
    for text in report.warnings:
        print(f"\nwarning: {text}")
    return 0


def _count(n: int, noun: str) -> str:
    """``1 fan``, ``2 fans``, ``1,956 fans``."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def segment_lines(report: Any) -> list[str]:
    """One line per fan segment, every part labelled, as the Fans page's table shows it.

    ``segment 1: 197 fans (21% of fans); top topics: cooking, baking; top videos: ...``;
    a segment whose fans share no tagged topic says so, never a bare ``-``.
    """
    from analytics.present.fan_charts import segments_table

    table = segments_table(report, "en")
    lines = []
    for s, (_, row) in zip(report.segmentation.segments, table.iterrows(), strict=True):
        videos = str(row["Top videos"]) or "none stands out"
        lines.append(
            f"segment {s.id}: {_count(s.size, 'fan')} ({s.share:.0%} of fans); "
            f"top topics: {row['Top topics']}; top videos: {videos}"
        )
    return lines


def verdict_line(ev: Any) -> str:
    """One sentence: does ALS beat the best baseline by the margin, with the interval."""
    if not ev.best_baseline or ev.test_fans == 0:
        return "verdict: no fan came back after the cut-off, so the model could not be tested"
    lo, hi = ev.lift_interval
    word = "beats" if ev.beats_baseline else "does not beat"
    tail = (
        "fan cards and similar videos are shown"
        if ev.beats_baseline
        else "fan cards and similar videos are not shown"
    )
    return (
        f"verdict: ALS {word} the best baseline ({ev.best_baseline}) by {ev.margin:.0%}: "
        f"NDCG@{ev.ks[0]} {ev.lift:+.1%} (95% interval {lo:+.1%} to {hi:+.1%}, fans "
        f"resampled); {tail}"
    )
