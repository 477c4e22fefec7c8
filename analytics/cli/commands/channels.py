"""``python -m analytics channels``: list, rename, merge channels, set a channel's time zone.

``channels`` alone lists the store's channels (the ids other commands take);
``channels rename CHANNEL NAME``, ``channels merge SOURCE TARGET`` and
``channels time-zone CHANNEL ZONE`` change them. A channel is named by its
id or its display name.
"""

from __future__ import annotations

import argparse

from analytics.cli.common import add_db_option, print_json, resolve_channel
from analytics.services.channels import store_path as default_db_path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "channels",
        help="list the channels in the store (ids for --channel); rename, merge, time zone",
        description="List the store's channels: id, platform, name and time zone. "
        "Subcommands rename a channel, merge one into another, or set its time zone.",
    )
    add_db_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)
    actions = p.add_subparsers(dest="action", metavar="ACTION")

    r = actions.add_parser("rename", help="give a channel a new display name (its id stays)")
    r.add_argument("channel_ref", metavar="CHANNEL", help="channel id or display name")
    r.add_argument("name", metavar="NAME", help="the new display name")
    add_db_option(r)
    r.add_argument("--json", action="store_true", help="print JSON")
    r.set_defaults(func=run_rename)

    m = actions.add_parser(
        "merge",
        help="move every row of SOURCE into TARGET and delete SOURCE (same platform)",
        description="Fold a channel into another of the same platform, e.g. the rows a file "
        "without a channel column left in 'xiaohongshu:default' into your named channel. "
        "Where both hold the same row (same video and day), TARGET's row stays.",
    )
    m.add_argument("source", metavar="SOURCE", help="channel id or name to fold in (removed)")
    m.add_argument("target", metavar="TARGET", help="channel id or name that keeps the rows")
    add_db_option(m)
    m.add_argument("--json", action="store_true", help="print JSON")
    m.set_defaults(func=run_merge)

    z = actions.add_parser(
        "time-zone",
        help="set a channel's time zone (stored local publish times are re-read in it)",
        description="Set a channel's IANA time zone. Publish times the export gave as local "
        "clock times keep their clock time in the new zone; the platform's own day buckets "
        "(daily rows, date-only publish dates) stay as exported.",
    )
    z.add_argument("channel_ref", metavar="CHANNEL", help="channel id or display name")
    z.add_argument("zone", metavar="ZONE", help="IANA name, e.g. Asia/Shanghai")
    add_db_option(z)
    z.add_argument("--json", action="store_true", help="print JSON")
    z.set_defaults(func=run_time_zone)


def _db(args: argparse.Namespace) -> str:
    return args.db or str(default_db_path())


def run(args: argparse.Namespace) -> int:
    from analytics.services.channels import list_channels

    channels = list_channels(_db(args))
    rows = [
        {
            "channel_id": r.channel_id,
            "platform": r.platform,
            "display_name": r.display_name,
            "time_zone": r.time_zone,
            "from_list": bool(r.from_list),
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
            f"{r['channel_id']:<{width}}  {r['platform']:<16} {r['time_zone']:<20} "
            f"{r['display_name'] or ''}{' (market list)' if r['from_list'] else ''}"
        )
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from analytics.services.channel_admin import rename_channel

    db = _db(args)
    channel = str(resolve_channel(db, args.channel_ref))
    rename_channel(db, channel, args.name)
    if args.json:
        print_json({"channel_id": channel, "display_name": args.name.strip()})
    else:
        print(f"{channel} is now named {args.name.strip()!r}")
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from analytics.services.channel_admin import merge_channels

    db = _db(args)
    source = str(resolve_channel(db, args.source))
    target = str(resolve_channel(db, args.target))
    result = merge_channels(db, source, target)
    if args.json:
        print_json(
            {
                "source": result.source,
                "target": result.target,
                "rows_moved": result.rows_moved,
                "rows_kept_from_target": result.rows_kept_from_target,
            }
        )
        return 0
    moved = ", ".join(f"{n} {table}" for table, n in result.rows_moved.items() if n)
    print(f"merged {source} into {target}: moved {moved or 'no rows'}")
    if result.rows_kept_from_target:
        print(f"{result.rows_kept_from_target} row(s) were in both; {target}'s rows kept")
    return 0


def run_time_zone(args: argparse.Namespace) -> int:
    from analytics.services.channel_admin import set_time_zone

    db = _db(args)
    channel = str(resolve_channel(db, args.channel_ref))
    change = set_time_zone(db, channel, args.zone)
    if args.json:
        print_json(
            {
                "channel_id": change.channel_id,
                "old_time_zone": change.old_zone,
                "time_zone": change.new_zone,
                "publish_times_moved": change.publish_times_moved,
            }
        )
        return 0
    if change.old_zone == change.new_zone:
        print(f"{channel} is already in {change.new_zone}")
        return 0
    print(
        f"{channel}: time zone {change.old_zone} -> {change.new_zone}; "
        f"{change.publish_times_moved} publish time(s) now read as {change.new_zone} clock times. "
        "Daily rows and date-only publish dates are the platform's own days and stay as exported."
    )
    return 0
