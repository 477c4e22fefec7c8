"""Pre-publish content features and the per-video store query behind them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics.features import (
    FEATURE_COLUMNS,
    OUTCOME_WORDS,
    assert_no_outcomes,
    available_features,
    build_features,
    choose_topics,
    hashtags,
)
from analytics.models.synthetic import synthetic_channel
from analytics.models.targets import (
    AGE_CAP_DAYS,
    MATURITY_DAYS,
    engagement_target,
    exposure_target,
    saturation,
)
from analytics.store.bulk_load import insert_frames
from analytics.store.connection import connect
from analytics.store.feature_queries import latest_followers, video_rows
from tests.reach_stores import DY, YT, build_synthetic_store, synthetic_history

OUTCOME_COLUMNS = [
    "views_d7",
    "daily_views",
    "daily_likes",
    "daily_comments",
    "daily_shares",
    "daily_saves",
    "daily_completion_rate",
    "totals_views",
    "totals_likes",
    "totals_comments",
    "totals_shares",
    "totals_saves",
    "totals_completion_rate",
    "daily_first",
    "daily_last",
    "totals_as_of",
]


def _row(video_id: str, utc: str, local: str, **kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "channel_id": "c1",
        "video_id": video_id,
        "platform": "youtube",
        "time_zone": "Asia/Shanghai",
        "title": "",
        "caption": None,
        "tags": [],
        "category": None,
        "content_type": "video",
        "duration_s": 30.0,
        "published_utc": pd.Timestamp(utc),
        "published_local": pd.Timestamp(local),
        "followers_at_publish": None,
    }
    base.update(kw)
    return base


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_synthetic_store(tmp_path_factory.mktemp("features") / "s.duckdb")


@pytest.fixture(scope="module")
def rows(store: str) -> pd.DataFrame:
    with connect(store) as con:
        return video_rows(con)


def test_hand_made_rows_give_the_expected_features() -> None:
    frame = pd.DataFrame(
        [
            _row(
                "a",
                "2024-01-01 23:30",
                "2024-01-02 07:30",
                title="Top 5 recipes? 🔥",
                caption="dinner #Cooking #easy #cooking",
                tags=[],
                followers_at_publish=1200,
            ),
            _row(
                "b",
                "2024-01-04 11:30",
                "2024-01-04 19:30",
                title="Quiet morning",
                tags=["vlog"],
                duration_s=240.0,
            ),
            _row(
                "c",
                "2024-01-05 11:30",
                "2024-01-05 19:30",
                title="Another",
                tags=["vlog"],
                duration_s=None,
            ),
        ]
    )
    X = build_features(frame, max_topics=8, min_topic_videos=1).X
    assert list(X.columns) == list(FEATURE_COLUMNS)
    a, b, c = (X.iloc[i] for i in range(3))
    # hour and weekday in the channel's time zone (07:30 local on Tuesday 2 January)
    assert (a["publish_hour"], a["publish_weekday"]) == (7.0, 1.0)
    assert (b["publish_hour"], b["publish_weekday"]) == (19.0, 3.0)
    assert a["title_length"] == 16.0
    assert (a["title_has_number"], a["title_has_question"], a["title_has_emoji"]) == (1.0, 1.0, 1.0)
    assert (b["title_has_number"], b["title_has_question"], b["title_has_emoji"]) == (0.0, 0.0, 0.0)
    assert a["hashtag_count"] == 2.0  # #Cooking and #cooking are one hashtag
    assert np.isnan(a["days_since_prev_upload"])
    assert b["days_since_prev_upload"] == 2.5
    assert c["days_since_prev_upload"] == 1.0
    assert list(X["uploads_prev_7d"]) == [0.0, 1.0, 2.0]
    assert a["followers_at_publish"] == 1200.0 and np.isnan(b["followers_at_publish"])
    assert np.isnan(c["duration_s"])
    # topic: tags first, else hashtags of title/caption
    assert list(X["topic"].astype(str)) == ["cooking", "vlog", "vlog"]
    assert str(a["platform"]) == "youtube"


def test_hashtags_are_distinct_lower_case_and_stop_at_punctuation() -> None:
    assert hashtags("Try this! #Food, #food #旅行。#a#b") == ["food", "旅行", "a", "b"]
    assert hashtags(None) == []


def test_topics_skip_brand_tags_translations_and_sub_topics() -> None:
    tags = (
        [["kitchen lab", "cooking", "pasta"]] * 10
        + [["kitchen lab", "cooking"]] * 5
        + [["kitchen lab", "vlog", "日常"]] * 8
        + [["travel", "旅行"]] * 6
        + [["travel"]] * 1
        + [["rare"]] * 3
    )
    frame = pd.DataFrame({"tags": tags, "title": "", "caption": None, "category": None})
    assert choose_topics(frame, max_topics=8, min_topic_videos=5) == ("cooking", "vlog", "travel")


def test_no_outcome_can_enter_the_feature_matrix(rows: pd.DataFrame) -> None:
    X = build_features(rows).X
    assert_no_outcomes(X.columns)
    for col in X.columns:
        assert not any(word in col for word in OUTCOME_WORDS), col
    scrambled = rows.copy()
    rng = np.random.default_rng(7)
    for col in OUTCOME_COLUMNS:
        scrambled[col] = rng.permutation(scrambled[col].to_numpy())
    scrambled["views_d7"] = 10**9  # the most extreme outcome of all
    pd.testing.assert_frame_equal(build_features(scrambled).X, X)
    with pytest.raises(ValueError, match="views_d7"):
        assert_no_outcomes([*X.columns, "views_d7"])
    with pytest.raises(ValueError, match="early_views"):
        assert_no_outcomes(["duration_s", "early_views"])


def test_store_rows_day7_views_followers_and_totals(store: str, rows: pd.DataFrame) -> None:
    history = synthetic_history()
    assert len(rows) == 190
    assert rows["published_utc"].is_monotonic_increasing
    yt = rows[rows["channel_id"] == YT].set_index("video_id")
    truth = history.truth.set_index("video_id")
    # day-7 views: publish day and the 6 days after (the daily rows cover 10 days)
    assert yt["views_d7"].to_dict() == truth.loc[yt.index, "views_d7"].to_dict()
    first = yt.index[0]
    daily = history.video_daily[history.video_daily["video_id"] == first]
    assert yt.loc[first, "views_d7"] == daily["views"].iloc[:7].sum() == 3737
    assert yt.loc[first, "daily_views"] == daily["views"].sum()
    # followers at publish: the channel_daily row of the local publish date
    cd = history.channel_daily.set_index(["channel_id", "date"])["followers_total"]
    local_day = yt.loc[first, "published_local"].date()
    assert yt.loc[first, "followers_at_publish"] == cd[(YT, local_day)]
    dy = rows[rows["channel_id"] == DY]
    assert dy["views_d7"].isna().all()
    assert dy["totals_views"].notna().all()
    assert (dy["totals_as_of"] == pd.Timestamp(history.video_totals["as_of"].iloc[0])).all()
    with connect(store) as con:
        assert latest_followers(con, YT) == float(
            history.channel_daily[history.channel_daily["channel_id"] == YT][
                "followers_total"
            ].iloc[-1]
        )
        assert latest_followers(con, "nobody") is None
        assert len(video_rows(con, DY)) == 60


def test_day7_views_need_the_whole_window(tmp_path: pytest.TempPathFactory) -> None:
    h = synthetic_channel(3, seed=3)
    vid = h.videos["video_id"].iloc[1]
    daily = h.video_daily
    # drop the days after day 4 of the second video: its day-7 views are unknown
    first_day = daily[daily["video_id"] == vid]["date"].min()
    h.video_daily = daily[
        ~((daily["video_id"] == vid) & (daily["date"] > first_day + dt.timedelta(days=4)))
    ]
    path = tmp_path / "w.duckdb"  # type: ignore[operator]
    with connect(path) as con:
        insert_frames(con, h.frames())
        got = video_rows(con).set_index("video_id")
    assert np.isnan(got.loc[vid, "views_d7"])
    assert got["views_d7"].notna().sum() == 2


def test_targets(rows: pd.DataFrame) -> None:
    exp = exposure_target(rows)
    yt = (rows["channel_id"] == YT).to_numpy()
    assert set(exp.basis[yt]) == {"views_d7"} and set(exp.basis[~yt]) == {"views_at_28d"}
    np.testing.assert_allclose(exp.y[yt], np.log1p(rows.loc[yt, "views_d7"].to_numpy()))
    # a lifetime total counts as known only 28 days (the maturity) after publish
    assert set(exp.horizon_days[yt]) == {7.0} and set(exp.horizon_days[~yt]) == {MATURITY_DAYS}
    # lifetime views brought to 28 days with the default saturation curve
    # (the Douyin channel has no daily rows of its own)
    dy = rows[~yt].iloc[0]
    age = (
        pd.Timestamp(dy["totals_as_of"]) + pd.Timedelta(days=1) - dy["published_utc"]
    ).total_seconds() / 86400
    assert age > AGE_CAP_DAYS
    expected = dy["totals_views"] * saturation(28.0) / saturation(age)
    assert expected < dy["totals_views"]
    assert exp.y[np.flatnonzero(~yt)[0]] == pytest.approx(np.log1p(expected))
    eng = engagement_target(rows)
    r = rows.iloc[0]
    parts = (r["totals_likes"], r["totals_comments"], r["totals_shares"], r["totals_saves"])
    if pd.isna(r["totals_views"]):
        parts = (r["daily_likes"], r["daily_comments"], r["daily_shares"], 0)
        views = r["daily_views"]
    else:
        views = r["totals_views"]
    assert eng.y[0] == pytest.approx(np.log(sum(float(p) for p in parts) / float(views)))
    assert np.isfinite(eng.y).sum() == 190


def test_unavailable_features_are_reported(rows: pd.DataFrame) -> None:
    X = build_features(rows[rows["channel_id"] == YT]).X
    available, unavailable = available_features(X)
    assert unavailable == ["hashtag_count", "platform"]  # one hashtag each; one platform
    assert "duration_s" in available and "topic" in available
