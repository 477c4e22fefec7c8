"""``python -m analytics strategy``: the ranked strategy cards of a store."""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, one_channel, print_json
from analytics.i18n import LANGUAGES
from analytics.services.channels import store_path as default_db_path
from analytics.services.strategy import build_strategy, to_json


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "strategy",
        help="recommended content strategies with their evidence",
        description="Build the strategy cards: a claim, its evidence (n, effect "
        "against the channel's typical reach, interval), a confidence "
        "level and one action each, ranked by expected gain x "
        "confidence.",
    )
    add_db_option(p)
    p.add_argument(
        "--channel",
        metavar="ID",
        help="one channel (default: the channel with the most videos; channels are never pooled)",
    )
    p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the texts")
    p.add_argument(
        "--no-models",
        action="store_true",
        help="growth analytics only: skip the drivers and fans models (faster)",
    )
    p.add_argument("--json", action="store_true", help="print the cards as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = args.db or str(default_db_path())
    channel = one_channel(db, args.channel, quiet=args.json)
    result = build_strategy(db, channel, use_models=not args.no_models)
    payload = to_json(result, args.lang)
    if args.json:
        print_json(payload)
        return 0
    if not payload["cards"]:
        print("no strategy card yet: import per-video exports first")
    for i, card in enumerate(payload["cards"], start=1):
        print(f"{i}. {card['title']}  [{card['confidence_label']}]")
        print(f"   {card['claim']}")
        print(f"   {card['evidence']['text']}")
        print(f"   -> {card['action']}")
    from analytics.i18n import t
    from analytics.present.messages import localize

    for key, params in result.notes:
        # the models' reasons rebuilt from the catalogue ("1 video has", never "video(s)")
        fields = {k: localize(v, args.lang) for k, v in params.items()}
        print(f"note: {t(key, args.lang, **fields)}")
    return 0
