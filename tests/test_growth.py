"""Growth analytics: bootstrap effects, topics, relative reach, best time, cadence,
outliers, trend and seasonality; on synthetic data with known answers and on the
sample store with its planted effects."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from analytics import growth
from analytics.growth import (
    Effect,
    assign_topics,
    best_hour_window,
    duration_bucket,
    gap_bucket,
    group_effects,
    median_interval,
    median_ratio,
    outliers_by_format,
    relative_reach,
    views_trend,
    weekly_uploads_followers,
)
from analytics.services.growth import analyse_growth
from tests.strategy_stores import sample_store


@pytest.fixture(scope="session")
def sample_growth(tmp_path_factory: pytest.TempPathFactory) -> growth.GrowthAnalysis:
    return analyse_growth(sample_store(tmp_path_factory), None)


# ----------------------------------------------------------------- bootstrap
def test_median_ratio_constant_groups_is_exact() -> None:
    eff = median_ratio([2.0, 2.0, 2.0], [1.0, 1.0, 1.0, 1.0])
    assert (eff.n, eff.n_ref, eff.ratio, eff.low, eff.high) == (3, 4, 2.0, 2.0, 2.0)
    assert eff.clear


def test_median_ratio_interval_is_seeded_and_covers_the_ratio() -> None:
    rng = np.random.default_rng(3)
    a = np.exp(rng.normal(np.log(1.5), 0.3, 60))
    b = np.exp(rng.normal(0.0, 0.3, 80))
    e1 = median_ratio(a, b, seed=7)
    e2 = median_ratio(a, b, seed=7)
    assert e1 == e2
    assert e1.low < e1.ratio < e1.high
    assert e1.ratio == pytest.approx(float(np.median(a) / np.median(b)))
    assert 1.2 < e1.low and e1.high < 1.9


def test_median_ratio_refuses_empty_or_zero_reference() -> None:
    assert median_ratio([], [1.0]) is None
    assert median_ratio([1.0], [0.0, 0.0]) is None
    assert median_ratio([1.0, math.nan], [math.nan]) is None


def test_median_interval() -> None:
    assert median_interval([3.0, 3.0]) == (3.0, 3.0, 3.0)
    med, lo, hi = median_interval([])
    assert math.isnan(med) and math.isnan(lo) and math.isnan(hi)


def test_effect_clear() -> None:
    assert Effect(10, 10, 1.5, 1.1, 2.0).clear
    assert Effect(10, 10, 0.6, 0.4, 0.9).clear
    assert not Effect(10, 10, 1.5, 0.9, 2.0).clear


# ----------------------------------------------------------------- topics and buckets
def test_assign_topics_skips_channel_tags_and_merges_synonyms() -> None:
    rows = pd.DataFrame(
        {
            "channel_id": ["a"] * 8 + ["b"] * 4,
            "tags": [
                ["my show", "cooking", "pasta"],
                ["my show", "cooking"],
                ["my show", "cooking", "美食"],
                ["my show", "vlog"],
                ["my show", "vlog"],
                ["my show", "vlog"],
                ["my show", "pasta"],
                [],
                ["美食", "cooking"],
                ["美食", "cooking"],
                ["美食", "cooking"],
                ["旅行"],
            ],
            "title": [None] * 7 + ["#travel day"] + [None] * 4,
            "caption": [None] * 12,
            "category": [None] * 12,
            "display_name": ["My Show"] * 8 + ["Food Lab"] * 4,
        }
    )
    topics = assign_topics(rows).tolist()
    # "my show" is channel a's name, not a topic; pasta
    # (2 videos) and travel (1) are on fewer than 3 videos. Channel b's 美食 and cooking are
    # always together: one topic, named by the tag used most over the store.
    assert topics == [
        "cooking",
        "cooking",
        "cooking",
        "vlog",
        "vlog",
        "vlog",
        None,
        None,
        "cooking",
        "cooking",
        "cooking",
        None,
    ]


@pytest.mark.parametrize(
    ("seconds", "bucket"),
    [
        (15, "le60"),
        (60, "le60"),
        (60.5, "61_180"),
        (180, "61_180"),
        (181, "gt180"),
        (0, None),
        (None, None),
        (math.nan, None),
    ],
)
def test_duration_bucket(seconds: float | None, bucket: str | None) -> None:
    assert duration_bucket(seconds) == bucket


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (0.0, "lt1"),
        (0.99, "lt1"),
        (1.0, "1_3"),
        (2.9, "1_3"),
        (3.0, "3_7"),
        (7.0, "ge7"),
        (math.nan, None),
        (None, None),
    ],
)
def test_gap_bucket(days: float | None, bucket: str | None) -> None:
    assert gap_bucket(days) == bucket


# ----------------------------------------------------------------- relative reach
def test_relative_reach_removes_growth_and_keeps_effects() -> None:
    day = np.arange(40)
    boosted = day % 4 == 0
    reach = 100 * np.exp(0.02 * day) * np.where(boosted, 2.0, 1.0)
    rel = relative_reach(reach, np.array(["a"] * 40, dtype=object), day * 86400.0)
    assert np.median(rel) == pytest.approx(1.0)
    assert np.median(rel[boosted]) / np.median(rel[~boosted]) == pytest.approx(1.993, abs=1e-3)
    # Without the trend the later videos would dominate: the raw ratio is off.
    assert np.median(reach[boosted]) / np.median(reach[~boosted]) == pytest.approx(2.0, abs=0.4)


def test_relative_reach_small_channel_uses_its_median_and_keeps_nan() -> None:
    reach = np.array([100.0, 200.0, np.nan, 400.0])
    rel = relative_reach(reach, np.array(["x"] * 4, dtype=object), np.arange(4) * 86400.0)
    assert rel[[0, 1, 3]].tolist() == pytest.approx([0.5, 1.0, 2.0], rel=1e-2)
    assert math.isnan(rel[2])


# ----------------------------------------------------------------- best time
def test_best_hour_window_finds_the_planted_evening() -> None:
    rng = np.random.default_rng(1)
    hours = np.tile(np.arange(7, 24), 6)
    rel = np.where((hours >= 18) & (hours <= 21), 1.5, 1.0) * np.exp(
        rng.normal(0, 0.05, hours.size)
    )
    w = best_hour_window(hours, rel)
    assert (w.start, w.end, w.hours) == (18, 21, [18, 19, 20, 21])
    assert (w.effect.n, w.effect.n_ref) == (24, 78)
    assert w.effect.ratio == pytest.approx(1.4935, abs=1e-3)
    assert w.effect.clear


def test_best_hour_window_needs_enough_videos() -> None:
    assert best_hour_window(np.array([1, 2, 3]), np.array([1.0, 2.0, 1.0])) is None


def _table(**cols: object) -> pd.DataFrame:
    return pd.DataFrame(cols)


def test_group_effects_orders_levels_and_compares_best_with_worst() -> None:
    table = _table(
        rel_reach=[2.0] * 6 + [1.0] * 6 + [0.5] * 6 + [9.0] * 2,
        duration_bucket=["le60"] * 6 + ["61_180"] * 6 + ["gt180"] * 6 + ["x"] * 2,
    )
    g = group_effects(table, "duration_bucket", order=["le60", "61_180", "gt180"])
    assert g.table["level"].tolist() == ["le60", "61_180", "gt180"]  # "x" has < 5 videos
    assert g.table["n"].tolist() == [6, 6, 6]
    assert g.table["share"].tolist() == pytest.approx([1 / 3] * 3)
    assert (g.best, g.worst) == ("le60", "gt180")
    assert (g.best_vs_worst.ratio, g.best_vs_worst.low, g.best_vs_worst.high) == (4.0, 4.0, 4.0)
    assert g.vs_rest["le60"].ratio == pytest.approx(2.0 / 0.75)


# ----------------------------------------------------------------- cadence
def test_weekly_uploads_followers_counts_weeks_in_local_time() -> None:
    days = pd.date_range("2025-03-03", periods=21, freq="D")  # three Monday-Sunday weeks
    followers = {
        "a": pd.DataFrame({"date": days, "followers_net": [10] * 7 + [20] * 7 + [5] * 6 + [None]})
    }
    table = _table(
        channel_id=["a"] * 4,
        published_local=pd.to_datetime(
            ["2025-03-03 23:30", "2025-03-09 08:00", "2025-03-12 18:00", "2025-04-01 10:00"]
        ),
    )
    weekly = weekly_uploads_followers(table, followers, window=3)
    assert weekly["week"].tolist() == [
        dt.date(2025, 3, 3),
        dt.date(2025, 3, 10),
        dt.date(2025, 3, 17),
    ]
    assert weekly["uploads"].tolist() == [2, 1, 0]
    assert weekly["followers"].tolist() == [70.0, 140.0, 30.0]
    # The typical week: the median of the 3 weeks around it (2 at either end).
    assert weekly["followers_rel"].tolist() == pytest.approx([70 / 105, 140 / 70, 30 / 85])


# ----------------------------------------------------------------- outliers
def test_outliers_by_format_flags_against_the_format_median() -> None:
    table = _table(
        channel_id=["a"] * 12,
        video_id=[f"v{i}" for i in range(12)],
        title=[f"t{i}" for i in range(12)],
        format=["le60"] * 6 + ["gt180"] * 6,
        topic=[None] * 12,
        published_local=pd.Timestamp("2025-01-01"),
        reach=1.0,
        rel_reach=[1, 1, 1, 1, 4, 0.2] + [2, 2, 2, 2, 2, 2.0],
    )
    out = outliers_by_format(table)
    flags = dict(zip(out["video_id"], out["flag"], strict=True))
    assert flags["v4"] == "above" and flags["v5"] == "below"
    assert [flags[f"v{i}"] for i in range(6, 12)] == [None] * 6
    assert out.loc[out["video_id"] == "v4", "ratio"].item() == 4.0
    assert out["video_id"].iloc[0] == "v4"


# ----------------------------------------------------------------- trend
def test_views_trend_recovers_growth_and_weekly_pattern() -> None:
    days = pd.date_range("2025-01-05", periods=84, freq="D")
    season = np.array([0.9, 0.9, 0.95, 1.0, 1.05, 1.15, 1.1])
    views = 1000 * np.exp(0.01 * np.arange(84)) * season[days.day_of_week]
    tr = views_trend(pd.DataFrame({"date": days, "views": views}))
    assert tr.days == 84
    assert tr.growth_30d == pytest.approx(math.exp(0.3) - 1, abs=1e-3)
    assert tr.growth_low <= tr.growth_30d <= tr.growth_high
    expected = season / math.exp(np.log(season).mean())
    assert tr.weekday["multiplier"].to_numpy() == pytest.approx(expected, abs=1e-3)


def test_views_trend_needs_four_weeks() -> None:
    days = pd.date_range("2025-01-01", periods=20, freq="D")
    assert views_trend(pd.DataFrame({"date": days, "views": 100.0})) is None


# ----------------------------------------------------------------- sample store
def test_sample_store_planted_duration_effect(sample_growth: growth.GrowthAnalysis) -> None:
    d = sample_growth.durations
    assert d.table["level"].tolist() == ["le60", "61_180", "gt180"]
    assert (d.best, d.worst) == ("le60", "gt180")
    eff = d.best_vs_worst
    assert eff.clear and 1.4 <= eff.ratio <= 2.2  # planted 1.8x (short vs over 3 min)


def test_sample_store_planted_publish_hour_effect(sample_growth: growth.GrowthAnalysis) -> None:
    w = sample_growth.best_time.window
    assert w.hours == [18, 19, 20, 21]  # planted: 18:00-21:59 local
    assert w.effect.clear and 1.3 <= w.effect.ratio <= 1.8


def test_sample_store_planted_topic_effects(sample_growth: growth.GrowthAnalysis) -> None:
    tp = sample_growth.topics
    assert set(tp.table["level"]) == {"cooking", "vlog", "tech", "travel", "fitness", "gaming"}
    assert tp.best == "cooking" and tp.worst == "vlog"
    assert tp.vs_rest["cooking"].clear and 1.7 <= tp.vs_rest["cooking"].ratio <= 2.4
    assert tp.vs_rest["vlog"].clear and 0.55 <= tp.vs_rest["vlog"].ratio <= 0.8
    for neutral in ("tech", "travel", "gaming"):
        assert not tp.vs_rest[neutral].clear


def test_sample_store_has_no_weekday_effect(sample_growth: growth.GrowthAnalysis) -> None:
    wd = sample_growth.best_time.weekdays
    assert len(wd.vs_rest) == 7
    assert not any(e.clear for e in wd.vs_rest.values())


def test_sample_store_heatmap_and_hours(sample_growth: growth.GrowthAnalysis) -> None:
    bt = sample_growth.best_time
    assert len(bt.heatmap) == 7 * 8
    assert int(bt.heatmap["n"].sum()) == bt.n == sample_growth.n
    shown = bt.heatmap[bt.heatmap["shown"]]
    assert (shown["n"] >= growth.MIN_SLOT_VIDEOS).all()
    assert bt.heatmap.loc[~bt.heatmap["shown"], "median"].isna().all()
    assert int(bt.hours["n"].sum()) == bt.n


def test_sample_store_trend_and_weekend_views(sample_growth: growth.GrowthAnalysis) -> None:
    tr = sample_growth.trend
    assert tr.growth_low > 0  # the sample channel grows
    m = tr.weekday.set_index("weekday")["multiplier"]
    assert m[[4, 5, 6]].mean() > m[[0, 1, 2]].mean()  # planted: Fri-Sun above Mon-Wed


def test_sample_store_reach_table(sample_growth: growth.GrowthAnalysis) -> None:
    table = sample_growth.table
    rel = table.groupby("channel_id")["rel_reach"].median()
    assert rel.to_numpy() == pytest.approx([1.0, 1.0])
    assert set(table["basis"].dropna()) - {""} == {"views_d7", "views_per_day"}
    assert sample_growth.coverage.fan_interactions > 0


def test_sample_store_hours_figure_labels_every_bar_and_highlights_the_window(
    sample_growth: growth.GrowthAnalysis,
) -> None:
    from analytics.growth_charts import _HIGHLIGHT, hours_figure
    from analytics.i18n import hour_label

    bt = sample_growth.best_time
    assert bt.window is not None and bt.window.hours == [18, 19, 20, 21]
    fig = hours_figure(bt, "en")
    bar = fig.data[0]
    shown = [int(h) for h in bt.hours.loc[bt.hours["n"] >= bt.min_videos, "hour"]]
    labels = [hour_label(h) for h in shown]
    # Every bar carries its own hour label, in hour order, and no tick override
    # re-labels the category axis.
    assert list(bar.x) == labels
    assert len(set(bar.x)) == len(bar.x) == len(bar.y)
    axis = fig.layout.xaxis
    assert axis.tickvals is None and axis.ticktext is None
    assert list(axis.categoryarray) == labels
    highlighted = [x for x, c in zip(bar.x, bar.marker.color, strict=True) if c == _HIGHLIGHT]
    assert highlighted == ["18:00", "19:00", "20:00", "21:00"]
    # Each bar's height is the median of its own hour.
    med = bt.hours.set_index("hour")["median"]
    assert list(bar.y) == pytest.approx([float(med[h]) for h in shown])
