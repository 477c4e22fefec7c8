"""``python -m analytics drivers``: what drives reach, with the model vs the baseline."""

from __future__ import annotations

import argparse
import sys

from analytics.cli.common import add_db_option, one_channel, print_json
from analytics.errors import AnalyticsError
from analytics.i18n import t
from analytics.services.reach import TARGETS


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``drivers`` command."""
    parser = subparsers.add_parser(
        "drivers",
        help="which content features go with more exposure or engagement",
        description=(
            "Fit exposure / engagement models on pre-publish features with time-ordered "
            "cross-validation, compare them with the channel's trailing median, and rank "
            "the features by permutation importance on held-out folds."
        ),
    )
    add_db_option(parser)
    parser.add_argument(
        "--channel",
        default=None,
        metavar="ID",
        help="one channel (default: the channel with the most videos; channels are never pooled)",
    )
    parser.add_argument(
        "--all-channels",
        action="store_true",
        help="market data: pool every channel of the store (such as trending lists of many "
        "channels), each video against its own channel's level; never your own videos' drivers",
    )
    parser.add_argument(
        "--target", choices=TARGETS, default="exposure", help="what to explain (default: exposure)"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        metavar="N",
        help="permutation repeats per fold (default: 5, the fit the pages show, kept beside "
        "the store; another value fits afresh and keeps nothing)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the analysis; errors are raised as AnalyticsError.

    With the default repeats this is the persisted fit the Drivers page and
    the strategy cards read (fitted once per channel and data version).
    """
    from analytics.services.fits import DRIVERS_REPEATS, drivers_fit
    from analytics.services.reach import drivers_for_store, scores_table

    def progress(fraction: float, message: str) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r{fraction:4.0%} {message[:70]:<70}", end="", file=sys.stderr, flush=True)

    if args.all_channels:
        if args.channel is not None:
            raise AnalyticsError("give either --channel or --all-channels, not both")
        if not args.json:
            print(t("analysis.cli_pooled", "en"), file=sys.stderr)
    else:
        args.channel = one_channel(args.db, args.channel, quiet=args.json)
    repeats = max(1, args.repeats)
    if repeats == DRIVERS_REPEATS:
        report = drivers_fit(args.db, args.channel, args.target, progress=progress)
    else:
        report = drivers_for_store(
            args.db, args.channel, args.target, n_repeats=repeats, progress=progress
        )
    if not args.json and sys.stderr.isatty():
        print("\r" + " " * 76 + "\r", end="", file=sys.stderr)
    payload = report.to_json()
    if args.json:
        print_json(payload)
        return 0
    comp = report.comparison
    print(
        f"{payload['n_videos']} videos, target {payload['target']} "
        f"({', '.join(payload['target_basis'])}), {len(comp.folds)} forward folds"
    )
    print()
    print(f"{'model':<44}{'MAE (log)':>10}{'Spearman':>10}{'AUC':>8}")
    scores = scores_table(comp)
    for _, row in scores.iterrows():
        mark = " *" if row["chosen"] else ""
        print(
            f"{row['label'] + mark:<44}{row['mae_log']:>10.3f}{row['spearman']:>10.3f}"
            f"{row['auc']:>8.3f}"
        )
    print(
        "* the content model chosen on the forward folds"
        + ("" if comp.beats_baseline else " (it does not beat the content-blind baseline)")
    )
    margin = comp.margin
    labels = dict(zip(scores["model"], scores["label"], strict=True))
    blind = labels.get(str(payload["blind_baseline"]), str(payload["blind_baseline"]))
    if comp.beats_baseline:
        print(
            f"\ncontent features help: the chosen model beats the best content-blind "
            f"baseline ({blind}): MAE {margin['mae_log']:+.3f} "
            f"({margin['mae_log_relative']:+.0%}), Spearman {margin['spearman']:+.3f}"
        )
    else:
        print(
            f"\ncontent features add nothing measurable: the chosen model does not clearly "
            f"beat the best content-blind baseline ({blind}): MAE {margin['mae_log']:+.3f} "
            f"({margin['mae_log_relative']:+.0%}); no readings"
        )
    if not comp.beats_baseline:
        # importances of a model no better than the baseline are noise (--json keeps them)
        print("\ndrivers: none shown: the chosen model predicts no better than the baseline")
    else:
        print("\ndrivers (permutation importance: MAE increase on held-out folds, mean ± sd)")
    for d in payload["drivers"] if comp.beats_baseline else []:
        # rounded first: a tiny negative importance is printed as 0.0000, never -0.0000
        importance = round(float(d["importance"]), 4) + 0.0
        print(f"  {d['feature']:<40}{importance:>8.4f} ± {float(d['std']):.4f}")
    if payload["readings"]:
        print()
        for text in payload["readings"]:
            print(f"  {text}")
    if payload["missing_features"]:
        print("\nnot in the data:")
        for feature, reason in payload["missing_features"].items():
            print(f"  {feature}: {t('features.missing.' + reason, 'en')}")
    return 0
