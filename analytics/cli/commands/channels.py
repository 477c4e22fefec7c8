"""``python -m analytics channels``: list the store's channels (the ids other commands take)."""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, print_json
from analytics.services.channels import store_path as default_db_path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "channels",
        help="list the channels in the store (ids for --channel)",
        description="List the store's channels: id, platform, name and time zone.",
    )
    add_db_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analytics.services.channels import list_channels

    channels = list_channels(args.db or str(default_db_path()))
    rows = [
        {
            "channel_id": r.channel_id,
            "platform": r.platform,
            "display_name": r.display_name,
            "time_zone": r.time_zone,
        }
        for r in channels.itertuples()
    ]
    if args.json:
        print_json({"channels": rows})
        return 0
    if not rows:
        print("no channels yet: import an export first")
        return 0
    width = max(len(r["channel_id"]) for r in rows)
    for r in rows:
        print(
            f"{r['channel_id']:<{width}}  {r['platform']:<16} {r['time_zone']:<20} {r['display_name'] or ''}"
        )
    return 0
