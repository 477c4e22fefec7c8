"""``python -m analytics forget-fan``: delete every stored row of one fan."""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, print_json
from analytics.services.privacy import forget_fan


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "forget-fan",
        help="delete every stored interaction of one fan (by the id in the export)",
        description="Hash the fan id with the store's secret, as on import, and delete every row with that "
        "key. The id is not printed or logged. Backups made earlier still hold the fan.",
    )
    add_db_option(p)
    p.add_argument(
        "fan_id", metavar="FAN_ID", help="the fan's id or handle as it appears in the export"
    )
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = forget_fan(args.db, args.fan_id)
    if args.json:
        print_json(result.as_dict())
    elif result.interactions_deleted or result.reject_values_blanked:
        who = f"fan {result.fan_key_prefix}…" if result.fan_key_prefix else "the fan"
        print(
            f"forgot {who}: {result.interactions_deleted} interaction rows deleted"
            + (
                f", {result.reject_values_blanked} rejected values blanked"
                if result.reject_values_blanked
                else ""
            )
        )
    else:
        print("no rows of this fan are stored; nothing changed")
    return 0
