"""Changing channels after import: display name, time zone, merging two channels.

A file without a channel column lands in ``<platform>:default`` unless the
user names a channel; these functions let the user name that channel later
(:func:`rename_channel`), fold it into the channel it belongs to
(:func:`merge_channels`) and correct its time zone (:func:`set_time_zone`).
Each is one transaction and bumps the store's data version, so every cached
page and fit is read again.

Time zones: the store keeps publish times as instants (``TIMESTAMPTZ``)
converted from the platform's local time with the channel's zone at import.
Changing the zone therefore re-interprets each stored publish time: the local
clock time the export showed stays, the instant moves. Platform day buckets
(``date`` columns of daily tables, Studio's publish dates) are the platform's
own days and stay as exported.
"""

from __future__ import annotations

import os
import zoneinfo
from dataclasses import dataclass

import duckdb

from analytics.errors import AnalyticsError
from analytics.store.connection import connect
from analytics.store.schema import bump_data_version, scalar
from analytics.store.summaries import refresh_summaries

StorePath = str | os.PathLike[str]

# Tables whose natural key starts with channel_id, and the rest of that key.
_KEYED_TABLES: dict[str, tuple[str, ...]] = {
    "videos": ("video_id",),
    "video_daily": ("video_id", "date"),
    "video_totals": ("video_id", "as_of"),
    "channel_daily": ("date",),
    "channel_breakdown": ("dimension", "key", "period_start", "period_end"),
    "fan_interactions": ("fan_key", "video_id", "event", "ts", "event_key"),
}


class ChannelError(AnalyticsError):
    """A channel change the store cannot make (unknown channel, bad time zone...)."""


@dataclass(frozen=True)
class TimeZoneChange:
    """What :func:`set_time_zone` changed.

    Attributes
    ----------
    channel_id : str
    old_zone, new_zone : str
        IANA names.
    publish_times_moved : int
        Videos whose stored publish instant was re-interpreted (local clock kept).
    """

    channel_id: str
    old_zone: str
    new_zone: str
    publish_times_moved: int


@dataclass(frozen=True)
class MergeResult:
    """What :func:`merge_channels` moved.

    Attributes
    ----------
    source, target : str
        Channel ids; ``source`` no longer exists afterwards.
    rows_moved : dict of str to int
        Rows moved into ``target`` per table.
    rows_kept_from_target : int
        Rows of ``source`` whose key ``target`` already held: the target's row
        stays and the source's is dropped.
    """

    source: str
    target: str
    rows_moved: dict[str, int]
    rows_kept_from_target: int


def check_time_zone(name: str) -> str:
    """Return ``name`` if it is an IANA time zone, else raise :class:`ChannelError`.

    >>> check_time_zone("Asia/Shanghai")
    'Asia/Shanghai'
    """
    name = (name or "").strip()
    if name not in zoneinfo.available_timezones():
        raise ChannelError(f"unknown time zone {name!r}: use an IANA name such as Asia/Shanghai")
    return name


def _require(con: duckdb.DuckDBPyConnection, channel_id: str) -> tuple[str, str | None, str]:
    row = con.execute(
        "SELECT platform, display_name, time_zone FROM channels WHERE channel_id = ?",
        [channel_id],
    ).fetchone()
    if row is None:
        raise ChannelError(f"no channel {channel_id!r} in the store (see `channels` for the ids)")
    return str(row[0]), row[1], str(row[2] or "UTC")


def rename_channel(db_path: StorePath, channel_id: str, display_name: str) -> None:
    """Give a channel a new display name (its id, used by ``--channel``, stays).

    Raises
    ------
    ChannelError
        Unknown channel or an empty name.
    """
    name = (display_name or "").strip()
    if not name:
        raise ChannelError("a channel name cannot be empty")
    with connect(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            _require(con, channel_id)
            con.execute(
                "UPDATE channels SET display_name = ? WHERE channel_id = ?", [name, channel_id]
            )
            bump_data_version(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def set_time_zone(db_path: StorePath, channel_id: str, time_zone: str) -> TimeZoneChange:
    """Set a channel's time zone, re-interpreting its stored local publish times.

    A publish time exported as local clock time (``2026-06-06 03:16`` on a
    Chinese platform) was stored as an instant using the old zone; it is
    moved so that the same clock time now reads in the new zone. Dates that
    are the platform's own day buckets stay as exported.

    Raises
    ------
    ChannelError
        Unknown channel or time zone.
    """
    new_zone = check_time_zone(time_zone)
    with connect(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            _, _, old_zone = _require(con, channel_id)
            moved = 0
            if old_zone != new_zone:
                moved = int(
                    scalar(
                        con,
                        "SELECT count(*) FROM videos WHERE channel_id = ? AND published_at IS NOT NULL",
                        [channel_id],
                    )
                    or 0
                )
                # timezone(old, instant) is the local clock time; timezone(new, local)
                # is the instant at which the new zone's clock shows it.
                con.execute(
                    "UPDATE videos SET published_at = timezone(?, timezone(?, published_at)) "
                    "WHERE channel_id = ? AND published_at IS NOT NULL",
                    [new_zone, old_zone, channel_id],
                )
                con.execute(
                    "UPDATE channels SET time_zone = ? WHERE channel_id = ?", [new_zone, channel_id]
                )
                bump_data_version(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return TimeZoneChange(channel_id, old_zone, new_zone, moved)


def _table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        scalar(
            con,
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
            [table],
        )
    )


def merge_channels(db_path: StorePath, source: str, target: str) -> MergeResult:
    """Move every row of channel ``source`` into ``target`` and delete ``source``.

    Where both channels hold a row with the same natural key (the same video
    on the same day), the target's row stays. Imports recorded for the source
    are credited to the target. Both channels must be on the same platform,
    unless the source's platform is ``generic`` (a file whose platform the
    importer could not tell, such as a comments export).

    Raises
    ------
    ChannelError
        Unknown channels, the same channel twice, or different platforms.
    """
    if source == target:
        raise ChannelError("pick two different channels to merge")
    moved: dict[str, int] = {}
    kept = 0
    with connect(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            src_platform, _, _ = _require(con, source)
            dst_platform, _, _ = _require(con, target)
            if src_platform not in (dst_platform, "generic"):
                raise ChannelError(
                    f"{source} is a {src_platform} channel and {target} a {dst_platform} "
                    "channel: only channels of one platform can be merged"
                )
            for table, rest in _KEYED_TABLES.items():
                if not _table_exists(con, table):
                    continue
                # Identifiers come from the fixed table above, never from input.
                same_key = " AND ".join(f"t.{c} IS NOT DISTINCT FROM s.{c}" for c in rest)
                clash = (
                    f"EXISTS (SELECT 1 FROM {table} t WHERE t.channel_id = $target AND {same_key})"
                )
                kept += int(
                    scalar(
                        con,
                        f"SELECT count(*) FROM {table} s WHERE s.channel_id = $source AND {clash}",
                        {"source": source, "target": target},
                    )
                    or 0
                )
                con.execute(
                    f"DELETE FROM {table} s WHERE s.channel_id = $source AND {clash}",
                    {"source": source, "target": target},
                )
                moved[table] = int(
                    scalar(con, f"SELECT count(*) FROM {table} WHERE channel_id = ?", [source]) or 0
                )
                con.execute(
                    f"UPDATE {table} SET channel_id = ? WHERE channel_id = ?", [target, source]
                )
            con.execute("UPDATE imports SET channel_id = ? WHERE channel_id = ?", [target, source])
            con.execute("DELETE FROM channels WHERE channel_id = ?", [source])
            refresh_summaries(con, [source, target])
            bump_data_version(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return MergeResult(source, target, moved, kept)
