"""A small hand-made store for the query and page tests (rows inserted directly).

Two channels:

* ``yt1`` "Cooking Lab" (youtube, Europe/Berlin): channel_daily for
  2025-01-01..2025-01-28 (100 views/day for the first 14 days, 200 after;
  2 then 3 net followers a day, total 1000 + cumulative), five videos with
  lifetime totals (5000, 1000, 900, 1100, 200 views; an older totals row of
  v1 says 4000) and video_daily for v1 (50 views/day, 7 interactions/day,
  2025-01-15..28) and v4 (100 views/day, 10 likes/day, 2025-01-20..28).
* ``tt1`` "Dance Daily" (tiktok, Asia/Shanghai): no channel_daily; video_daily
  for t1 (300 views/day, 40 interactions, 1 follower/day, 2025-01-15..28;
  published 2025-01-14 20:00 UTC = 2025-01-15 local) and t2 (100 views/day,
  10 likes/day, 2025-01-21..28).

Two imports: #1 loaded with two rejects, #2 failed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analytics.store.connection import connect
from analytics.store.summaries import refresh_summaries

REPO = Path(__file__).resolve().parents[1]

D0 = dt.date(2025, 1, 1)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def build_store(path: Path | str) -> str:
    """Fill ``path`` with the rows described in the module docstring; return the path."""
    with connect(path) as con:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "INSERT INTO channels (channel_id, platform, display_name, time_zone) VALUES "
            "('yt1', 'youtube', 'Cooking Lab', 'Europe/Berlin'), "
            "('tt1', 'tiktok', 'Dance Daily', 'Asia/Shanghai')"
        )
        total = 1000
        for i, day in enumerate(_days(D0, dt.date(2025, 1, 28))):
            views, net = (100, 2) if i < 14 else (200, 3)
            total += net
            con.execute(
                "INSERT INTO channel_daily (channel_id, date, views, followers_net, followers_total)"
                " VALUES ('yt1', ?, ?, ?, ?)",
                [day, views, net, total],
            )
        videos = [
            ("yt1", "v1", "Knife skills", "2025-01-02 10:00:00+00", 5000, 250, 30, 10, 10),
            ("yt1", "v2", "Pasta basics", "2025-01-10 10:00:00+00", 1000, 40, 5, 1, 2),
            ("yt1", "v3", "Soup <b>night</b>", "2025-01-16 10:00:00+00", 900, 30, 3, 0, 1),
            ("yt1", "v4", "Bread", "2025-01-20 10:00:00+00", 1100, 90, None, None, None),
            ("yt1", "v5", "Dessert", "2025-01-25 10:00:00+00", 200, 8, 1, 0, 0),
        ]
        for ch, vid, title, pub, views, likes, comments, shares, saves in videos:
            con.execute(
                "INSERT INTO videos (channel_id, video_id, title, published_at, duration_s,"
                " content_type, tags) VALUES (?, ?, ?, ?::TIMESTAMPTZ, 60, 'video', ['cooking'])",
                [ch, vid, title, pub],
            )
            con.execute(
                "INSERT INTO video_totals (channel_id, video_id, as_of, views, likes, comments,"
                " shares, saves) VALUES (?, ?, DATE '2025-01-28', ?, ?, ?, ?, ?)",
                [ch, vid, views, likes, comments, shares, saves],
            )
        con.execute(
            "INSERT INTO video_totals (channel_id, video_id, as_of, views) "
            "VALUES ('yt1', 'v1', DATE '2025-01-20', 4000)"
        )
        for day in _days(dt.date(2025, 1, 15), dt.date(2025, 1, 28)):
            con.execute(
                "INSERT INTO video_daily (channel_id, video_id, date, views, likes, comments,"
                " shares, saves) VALUES ('yt1', 'v1', ?, 50, 5, 1, 0, 1)",
                [day],
            )
        for day in _days(dt.date(2025, 1, 20), dt.date(2025, 1, 28)):
            con.execute(
                "INSERT INTO video_daily (channel_id, video_id, date, views, likes)"
                " VALUES ('yt1', 'v4', ?, 100, 10)",
                [day],
            )
        con.execute(
            "INSERT INTO videos (channel_id, video_id, title, published_at, content_type, tags)"
            " VALUES ('tt1', 't1', 'Dance 1', TIMESTAMPTZ '2025-01-14 20:00:00+00', 'short', ['dance']),"
            " ('tt1', 't2', 'Dance 2', TIMESTAMPTZ '2025-01-21 01:00:00+00', 'short', ['dance'])"
        )
        for day in _days(dt.date(2025, 1, 15), dt.date(2025, 1, 28)):
            con.execute(
                "INSERT INTO video_daily (channel_id, video_id, date, views, likes, comments,"
                " shares, saves, followers_gained) VALUES ('tt1', 't1', ?, 300, 30, 3, 3, 4, 1)",
                [day],
            )
        for day in _days(dt.date(2025, 1, 21), dt.date(2025, 1, 28)):
            con.execute(
                "INSERT INTO video_daily (channel_id, video_id, date, views, likes)"
                " VALUES ('tt1', 't2', ?, 100, 10)",
                [day],
            )
        con.execute(
            "INSERT INTO imports (import_id, file_name, sha256, format, channel_id, status,"
            " rows_read, rows_loaded, rows_rejected, period_start, period_end, imported_at) VALUES"
            " (1, 'yt_channel.csv', 'aa', 'YouTube Studio: channel daily', 'yt1', 'loaded',"
            "  30, 28, 2, DATE '2025-01-01', DATE '2025-01-28', TIMESTAMPTZ '2025-02-01 10:00:00+00'),"
            " (2, 'mystery.csv', 'bb', NULL, NULL, 'failed', 0, 0, 0, NULL, NULL,"
            "  TIMESTAMPTZ '2025-02-02 10:00:00+00')"
        )
        con.execute("UPDATE imports SET error = 'unknown layout' WHERE import_id = 2")
        con.execute(
            "INSERT INTO import_rejects (import_id, line, column_name, raw_value, reason) VALUES"
            " (1, 31, 'Views', 'n/a', 'not a number'),"
            " (1, 12, 'Date', '2025-13-01', 'not a date')"
        )
        con.execute("INSERT INTO store_meta (key, value) VALUES ('data_version', '1')")
        refresh_summaries(con)  # rows written by hand: keep the summary tables in step
        con.execute("COMMIT")
    return str(path)
