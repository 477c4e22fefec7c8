"""Plotly figure builders and display formatting (no Streamlit)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics.present import charts
from analytics.store.queries import KpiComparison, KpiTotals


def test_formatting() -> None:
    assert charts.format_count(1563000) == "1,563,000"
    assert charts.format_count(None) == "–"
    assert charts.format_count(float("nan")) == "–"
    assert charts.format_rate(0.1175) == "11.8%"
    assert charts.format_rate(None) == "–"
    assert charts.format_change(2800, 1400) == "+100.0%"
    assert charts.format_change(700, 1400) == "-50.0%"
    assert charts.format_change(5, 0) is None
    assert charts.format_change(5, None) is None
    assert charts.format_rate_change(0.12, 0.10) == "+2.0 pp"
    assert charts.format_rate_change(0.12, None) is None


def test_kpi_tiles() -> None:
    full = (("yt1", 14),)  # both periods hold views and followers on all 14 days
    kpis = KpiComparison(
        current=KpiTotals(
            dt.date(2025, 1, 15), dt.date(2025, 1, 28), 2800, 42, 0.1175, 3, "daily", full, full
        ),
        previous=KpiTotals(
            dt.date(2025, 1, 1),
            dt.date(2025, 1, 14),
            1400,
            28,
            0.058,
            2,
            "published videos",
            full,
            full,
        ),
    )
    tiles = charts.kpi_tiles(kpis)
    assert [(t.label, t.value, t.delta) for t in tiles] == [
        ("Views", "2,800", "+100.0%"),
        ("Net followers", "42", "+50.0%"),
        ("Engagement rate", "11.8%", None),
        ("Videos published", "3", "+50.0%"),
    ]
    assert "2025-01-01 – 2025-01-14" in tiles[0].help
    assert "daily rows" in tiles[2].help
    # Both periods measured alike: the change is shown in percentage points.
    same = KpiComparison(
        KpiTotals(dt.date(2025, 1, 15), dt.date(2025, 1, 28), 2800, 42, 0.125, 3, "daily", full),
        KpiTotals(dt.date(2025, 1, 1), dt.date(2025, 1, 14), 1400, 28, 0.1, 2, "daily", full),
    )
    assert charts.kpi_tiles(same)[2].delta == "+2.5 pp"


@pytest.mark.parametrize(
    ("cur_days", "prev_days", "prev_channels"),
    [
        (28, 2, ("a",)),  # the previous period barely covered: "+639.5%" would be no finding
        (28, 27, ("a",)),  # one day missing is still not covered
        (3, 28, ("a",)),  # the current period barely covered
        (28, 28, ("b",)),  # other channels in the previous period
        (28, 0, ()),  # nothing before
    ],
)
def test_no_change_without_both_periods_covered(
    cur_days: int, prev_days: int, prev_channels: tuple[str, ...]
) -> None:
    cur = KpiTotals(
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 28),
        7395,
        73,
        0.1,
        3,
        "daily",
        (("a", cur_days),),
        (("a", cur_days),),
    )
    prev_cov = tuple((c, prev_days) for c in prev_channels)
    prev = KpiTotals(
        dt.date(2025, 1, 4), dt.date(2025, 1, 31), 1000, 1, 0.1, 1, "daily", prev_cov, prev_cov
    )
    kpis = KpiComparison(cur, prev)
    views, followers, engagement, published = charts.kpi_tiles(kpis)
    # every change on the Overview, videos published included (3 vs 1 would read "+200.0%")
    assert (views.delta, followers.delta, engagement.delta, published.delta) == (None,) * 4
    shown = max(n for _, n in prev_cov) if prev_cov else 0
    assert published.value == "3"
    assert f"cover {cur_days} of these 28 days and {shown} of the previous 28 days" in (
        published.help
    )
    zh_published = charts.kpi_tiles(kpis, "zh")[3]
    assert zh_published.delta is None
    assert f"覆盖本期 28 天中的 {cur_days} 天、上期 28 天中的 {shown} 天" in zh_published.help
    assert f"the previous 28 days on {shown} days" in views.help
    assert f"these 28 days hold views data on {cur_days} days" in views.help
    zh = charts.kpi_tiles(kpis, "zh")[0]
    assert zh.delta is None and f"上期 28 天中只有 {shown} 天" in zh.help


def test_rolling_mean_reindexes_days_and_needs_four_days() -> None:
    df = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-05", "2025-01-06"]
            ),
            "views": [10, 20, 30, 50, 60],
        }
    )
    out = charts.with_rolling_mean(df, "views")
    assert out["date"].dt.day.tolist() == [1, 2, 3, 4, 5, 6]
    assert pd.isna(out["views"].iloc[3])  # a missing day stays missing, never 0
    # Day 4 has only three days with data in its window: no mean yet.
    assert out["rolling"].isna().tolist() == [True, True, True, True, False, False]
    assert out["rolling"].iloc[4] == pytest.approx((10 + 20 + 30 + 50) / 4)
    assert out["rolling"].iloc[5] == pytest.approx((10 + 20 + 30 + 50 + 60) / 5)


def test_rolling_mean_crops_after_the_lead_in() -> None:
    days = pd.date_range("2025-01-01", "2025-01-14", freq="D")
    df = pd.DataFrame({"date": days, "views": range(1, 15)})
    out = charts.with_rolling_mean(df, "views", start=dt.date(2025, 1, 8))
    assert out["date"].dt.day.tolist() == list(range(8, 15))
    assert out["rolling"].iloc[0] == pytest.approx(sum(range(2, 9)) / 7)  # a full first window
    assert charts.with_rolling_mean(df.iloc[:0], "views").empty


def test_figures_and_escaped_titles() -> None:
    days = pd.date_range("2025-01-01", "2025-01-10", freq="D")
    views = pd.DataFrame({"date": days, "views": [100] * 10})
    fig = charts.daily_figure(views, "views", "Daily views", "views")
    assert [t.name for t in fig.data] == ["daily", "7-day mean"]
    assert list(fig.data[1].y)[6:] == [100.0] * 4

    followers = pd.DataFrame(
        {"date": days, "followers_net": [1] * 10, "followers_total": list(range(10, 20))}
    )
    assert [t.name for t in charts.followers_figure(followers).data] == [
        "net followers / day",
        "7-day mean",
        "followers total",
    ]

    out = pd.DataFrame(
        {
            "title": ["<img src=x onerror=alert(1)>", "Plain"],
            "views": [5000.0, 100.0],
            "published_at": pd.to_datetime(["2025-01-01", "2025-01-02"], utc=True),
            "ratio": [5.0, 0.1],
            "flag": ["above", "below"],
        }
    )
    fig = charts.outliers_figure(out)
    assert fig.data[0].hovertext[0].startswith("&lt;img src=x onerror=alert(1)&gt;")
    assert "5.00× channel median" in fig.data[0].hovertext[0]

    top = pd.DataFrame(
        {
            "video_id": ["a", "b"],
            "title": ["Same", "Same"],
            "views_in_period": [10.0, None],
            "lifetime_views": [10.0, 7.0],
        }
    )
    bars = charts.top_videos_figure(top).data[0]
    assert list(bars.y) == ["Same (b)", "Same (a)"]
    assert list(bars.x) == [7.0, 10.0]


def test_top_videos_without_titles_are_named_by_their_day() -> None:
    top = pd.DataFrame(
        {
            "video_id": ["7431234567890123456", "b"],
            "title": [None, "  "],
            "published_local": ["2025-06-01 18:00", None],
            "views_in_period": [10.0, 5.0],
            "lifetime_views": [10.0, 7.0],
        }
    )
    en = list(charts.top_videos_figure(top).data[0].y)
    assert en == ["(no title, published –)", "(no title, published 2025-06-01)"]
    zh = list(charts.top_videos_figure(top, "zh").data[0].y)
    assert zh[1] == "（无标题，发布于 2025年6月1日）"
    assert not any("7431234567890123456" in label for label in en + zh)
