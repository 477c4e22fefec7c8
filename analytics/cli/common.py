"""Options and output helpers shared by the CLI commands."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from analytics.services.channels import store_path as default_db_path


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--db PATH`` (default: ``$CREATOR_ANALYTICS_DB`` or ``data/creator.duckdb``)."""
    parser.add_argument(
        "--db",
        default=None,
        metavar="PATH",
        help=f"DuckDB store file (default: $CREATOR_ANALYTICS_DB or {default_db_path()})",
    )


def print_json(payload: Any) -> None:
    """Print ``payload`` as JSON on stdout (UTF-8, non-ASCII kept, NaN written as null)."""
    text = json.dumps(_clean(payload), ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(text + "\n")


def _clean(value: Any) -> Any:
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return _clean(value.item())
    return value


def resolve_channel(db: str | None, channel: str | None) -> str | None:
    """The store's id of ``channel``, given as its id or its display name (case-insensitive).

    Raises
    ------
    AnalyticsError
        No channel has that id or name, or the name is shared by several channels.
    """
    if channel is None:
        return None
    from analytics.errors import AnalyticsError
    from analytics.services.channels import list_channels

    channels = list_channels(db or str(default_db_path()))
    if channel in set(channels["channel_id"]):
        return channel
    by_name = channels[channels["display_name"].fillna("").str.casefold() == channel.casefold()]
    if len(by_name) == 1:
        return str(by_name["channel_id"].iloc[0])
    if len(by_name) > 1:
        raise AnalyticsError(
            f"several channels are named {channel!r}; give one of their ids: "
            + ", ".join(by_name["channel_id"])
        )
    raise AnalyticsError(
        f"unknown channel {channel!r}; `python -m analytics channels` lists the store's channels"
    )
