"""The summary tables equal the aggregates of ``video_daily`` after every kind of write.

Imports of YouTube Studio ``Chart data.csv`` files (views, likes and
subscribers, each its own export) into one channel, then a second import
that overlaps days already stored (the newer export wins), an undo, a
forget-fan, a channel merge, a restore and an upgrade from a store that
predates the summaries. After each step ``summary_video`` and
``summary_channel_day`` are compared with sums computed in pandas from the
rows of ``video_daily``, and with values worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analytics.services.archive import undo_import
from analytics.services.backup import backup_store, restore_store
from analytics.services.channel_admin import merge_channels
from analytics.services.imports import import_files
from analytics.services.privacy import forget_fan
from analytics.store.connection import connect
from tests.helpers import rows

V1, V2 = "vidAAAAAAA1", "vidAAAAAAA2"


def _chart(metric: str, data: list[tuple[int, str, int]]) -> bytes:
    """A ``Chart data.csv`` in Studio's layout: one row per day x video, one metric."""
    lines = [f"Date,Content,Video title,Video publish time,Duration,{metric}"]
    lines += [f'2025-01-{d:02d},{v},Title {v},"Jan 1, 2025",60,{x}' for d, v, x in data]
    return ("\n".join(lines) + "\n").encode()


VIEWS = _chart("Views", [(d, v, d * 10) for d in range(1, 6) for v in (V1, V2)])  # Jan 1-5
LIKES = _chart("Likes", [(d, V1, d) for d in range(3, 8)])  # Jan 3-7, V1 only
SUBS = _chart("Subscribers", [(d, V1, 1) for d in range(3, 8)])  # Jan 3-7, V1 only
VIEWS_AGAIN = _chart("Views", [(d, V2, 1000 + d) for d in range(4, 9)])  # Jan 4-8 overlaps


def _import(db: str, name: str, data: bytes, channel: str = "me") -> int:
    [rep] = import_files(db, [(name, data)], channel=channel)
    assert rep.status == "loaded", rep.error
    return int(rep.import_id)


def _expected(db: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two summaries computed in pandas from the rows of ``video_daily``."""
    with connect(db) as con:
        d = con.execute("SELECT * FROM video_daily").df()
    metrics = ["views", "likes", "comments", "shares", "saves"]
    per_video = d.groupby(["channel_id", "video_id"]).agg(
        daily_rows=("date", "size"),
        **{m: (m, lambda s: s.sum() if s.notna().any() else None) for m in metrics},
        first_date=("date", "min"),
        last_date=("date", "max"),
    )
    has_inter = d[["likes", "comments", "shares", "saves"]].notna().any(axis=1)
    er = d["views"].notna() & has_inter
    d = d.assign(
        er=er,
        er_views=d["views"].where(er),
        er_inter=d[["likes", "comments", "shares", "saves"]].fillna(0).sum(axis=1).where(er),
        fol_rows=d["followers_net"].notna().astype(int) + d["followers_gained"].notna().astype(int),
        fol=d["followers_net"]
        .fillna(d["followers_gained"] - d["followers_lost"])
        .fillna(d["followers_gained"]),
    )

    def _sum(s: pd.Series) -> float | None:
        return s.sum() if s.notna().any() else None

    per_day = d.groupby(["channel_id", "date"]).agg(
        daily_rows=("views", "size"),
        views=("views", _sum),
        er_rows=("er", "sum"),
        er_views=("er_views", _sum),
        er_interactions=("er_inter", _sum),
        followers_rows=("fol_rows", "sum"),
        followers_net=("fol", _sum),
    )
    return per_video, per_day


def _stored(db: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    with connect(db) as con:
        v = con.execute("SELECT * FROM summary_video").df().set_index(["channel_id", "video_id"])
        d = con.execute("SELECT * FROM summary_channel_day").df().set_index(["channel_id", "date"])
    return v, d


def _norm(frame: pd.DataFrame) -> list[tuple]:
    out = []
    for key, rec in frame.sort_index().iterrows():
        vals = tuple(
            None
            if pd.isna(x)
            else (
                x.date()
                if isinstance(x, pd.Timestamp)
                else float(x)
                if not isinstance(x, dt.date)
                else x
            )
            for x in rec.tolist()
        )
        k = tuple(k.date() if isinstance(k, pd.Timestamp) else k for k in key)
        out.append((k, vals))
    return out


def _assert_agrees(db: str) -> None:
    want_v, want_d = _expected(db)
    got_v, got_d = _stored(db)
    assert _norm(got_v[want_v.columns]) == _norm(want_v)
    assert _norm(got_d[want_d.columns]) == _norm(want_d)


def _video(db: str, video: str, channel: str = "me") -> tuple:
    return rows(
        db,
        "SELECT daily_rows, views, likes, last_date FROM summary_video "
        "WHERE channel_id = ? AND video_id = ?",
        [channel, video],
    )[0]


def _day(db: str, day: int, channel: str = "me") -> tuple:
    return rows(
        db,
        "SELECT daily_rows, views, er_rows, er_views, er_interactions, followers_rows, "
        "followers_net FROM summary_channel_day WHERE channel_id = ? AND date = ?",
        [channel, dt.date(2025, 1, day)],
    )[0]


@pytest.fixture
def store(tmp_path: Path) -> tuple[str, dict[str, int]]:
    db = str(tmp_path / "s.duckdb")
    ids = {
        "views": _import(db, "Chart data.csv", VIEWS),
        "likes": _import(db, "Chart data (1).csv", LIKES),
        "subs": _import(db, "Chart data (2).csv", SUBS),
    }
    return db, ids


def test_after_imports_of_three_metrics(store: tuple[str, dict[str, int]]) -> None:
    db, _ = store
    _assert_agrees(db)
    # V1: views Jan 1-5 = 10+20+30+40+50, likes Jan 3-7 = 3+4+5+6+7, rows Jan 1-7
    assert _video(db, V1) == (7, 150, 25, dt.date(2025, 1, 7))
    assert _video(db, V2) == (5, 150, None, dt.date(2025, 1, 5))
    # Jan 3: both videos' views (30 + 30); only V1 has a like (3) and a subscriber
    assert _day(db, 3) == (2, 60, 1, 30, 3, 1, 1)
    # Jan 6: V1's likes and subscriber, no views
    assert _day(db, 6) == (1, None, 0, None, None, 1, 1)
    assert rows(db, "SELECT count(*) FROM summary_channel_day")[0][0] == 7


def test_overlapping_second_import_replaces_the_sums(store: tuple[str, dict[str, int]]) -> None:
    db, _ = store
    _import(db, "Chart data (3).csv", VIEWS_AGAIN)
    _assert_agrees(db)
    # V2: Jan 1-3 from the first export (10+20+30), Jan 4-8 from the newer (1004..1008)
    assert _video(db, V2) == (8, 60 + sum(range(1004, 1009)), None, dt.date(2025, 1, 8))
    assert _day(db, 4) == (2, 40 + 1004, 1, 40, 4, 1, 1)
    # importing the same file again changes nothing
    before = _stored(db)
    import_files(db, [("Chart data (3).csv", VIEWS_AGAIN)], channel="me")
    after = _stored(db)
    assert _norm(after[0]) == _norm(before[0]) and _norm(after[1]) == _norm(before[1])


def test_undo_import_takes_its_sums_back(store: tuple[str, dict[str, int]]) -> None:
    db, ids = store
    second = _import(db, "Chart data (3).csv", VIEWS_AGAIN)
    undo_import(db, second)
    _assert_agrees(db)
    assert _video(db, V2) == (5, 150, None, dt.date(2025, 1, 5))  # the first export's again
    undo_import(db, ids["likes"])
    _assert_agrees(db)
    assert _video(db, V1) == (7, 150, None, dt.date(2025, 1, 7))  # subscribers keep Jan 6-7
    assert _day(db, 3) == (2, 60, 0, None, None, 1, 1)
    undo_import(db, ids["subs"])
    undo_import(db, ids["views"])
    _assert_agrees(db)
    assert rows(db, "SELECT count(*) FROM summary_video")[0][0] == 0
    assert rows(db, "SELECT count(*) FROM summary_channel_day")[0][0] == 0


def test_forget_fan_and_merge_and_restore(
    store: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = store
    forget_fan(db, "someone")
    _assert_agrees(db)
    assert _video(db, V1) == (7, 150, 25, dt.date(2025, 1, 7))
    # a second channel holding V2 on Jan 9, merged into "me"
    _import(db, "Chart data (4).csv", _chart("Views", [(9, V2, 7)]), channel="old")
    assert _video(db, V2, "old") == (1, 7, None, dt.date(2025, 1, 9))
    merge_channels(db, "old", "me")
    _assert_agrees(db)
    assert _video(db, V2) == (6, 157, None, dt.date(2025, 1, 9))
    assert rows(db, "SELECT count(*) FROM summary_video WHERE channel_id = 'old'")[0][0] == 0
    backup = tmp_path / "backup"
    backup_store(db, backup)
    restored = str(tmp_path / "restored.duckdb")
    restore_store(restored, backup)
    _assert_agrees(restored)
    assert _video(restored, V2) == (6, 157, None, dt.date(2025, 1, 9))


def test_a_store_from_before_the_summaries_gets_them_filled(
    store: tuple[str, dict[str, int]],
) -> None:
    db, _ = store
    with connect(db) as con:
        con.execute("DROP TABLE summary_video")
        con.execute("DROP TABLE summary_channel_day")
        # a store of schema version 2 had neither these tables nor migration 4's and 5's columns
        for table in ("video_daily", "video_totals", "channel_daily", "channel_breakdown"):
            for prefix in ("", "import_rows_"):
                for column in ("casual_viewers", "regular_viewers", "bounce_rate_3s"):
                    con.execute(f"ALTER TABLE {prefix}{table} DROP COLUMN {column}")
        con.execute("DELETE FROM schema_migrations WHERE version >= 3")
    _assert_agrees(db)  # the next open runs migrations 3 to 5; 3 fills the summaries
    assert _video(db, V1) == (7, 150, 25, dt.date(2025, 1, 7))
