"""Reach models: baseline, forward comparison, drivers, planner, CLI, sample and real data."""

from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics.cli import main
from analytics.errors import NotEnoughDataError
from analytics.features import FEATURE_COLUMNS
from analytics.models import reach
from analytics.models.drivers import analyse, correlated_groups
from analytics.models.planner import PlannedVideo, fit_planner, plan, planned_features
from analytics.models.synthetic import combine, synthetic_channel
from analytics.services.reach import drivers_for_store
from analytics.store.connection import connect
from analytics.store.feature_queries import video_rows
from tests.reach_stores import DY, YT, build_synthetic_store

PLANTED = {"duration_s", "publish_hour", "topic"}
TRENDING_FILES = [f"18.01.11_{c}_videos.csv" for c in ("US", "GB", "DE", "CA", "IN")]


def _days(*days: float) -> np.ndarray:
    base = np.datetime64("2024-01-01T00:00", "ns")
    return np.array([base + np.timedelta64(int(d * 86400), "s") for d in days])


def cli_json(*argv: str) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(argv)) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_synthetic_store(tmp_path_factory.mktemp("reach") / "s.duckdb")


@pytest.fixture(scope="module")
def rows(store: str) -> pd.DataFrame:
    with connect(store) as con:
        return video_rows(con)


@pytest.fixture(scope="module")
def comparison(rows: pd.DataFrame) -> reach.Comparison:
    return reach.compare_models(reach.prepare(rows))


# ------------------------------------------------------------------ baseline


def test_trailing_median_uses_only_known_earlier_videos() -> None:
    y = np.array([1.0, 2.0, 3.0, 10.0])
    group = np.array(["a", "a", "a", "a"], dtype=object)
    got = reach.trailing_median(y, _days(0, 1, 2, 3), np.zeros(4), group, window=2)
    np.testing.assert_array_equal(got, [np.nan, 1.0, 1.5, 2.5])
    # day-7-like targets known 1.5 days after publish
    got = reach.trailing_median(y, _days(0, 1, 2, 3), np.full(4, 1.5), group, window=2)
    np.testing.assert_array_equal(got, [np.nan, np.nan, 1.0, 1.5])
    # groups never mix
    got = reach.trailing_median(
        y, _days(0, 1, 2, 3), np.zeros(4), np.array(["a", "b", "a", "b"], dtype=object)
    )
    np.testing.assert_array_equal(got, [np.nan, np.nan, 1.0, 2.0])


def test_trailing_level_is_an_exponentially_weighted_mean() -> None:
    got = reach.trailing_level(
        np.array([1.0, 2.0, 3.0]),
        _days(0, 1, 2),
        np.zeros(3),
        np.array(["a"] * 3, dtype=object),
        halflife=1.0,
    )
    np.testing.assert_allclose(got, [np.nan, 1.0, 2.5 / 1.5])


# ------------------------------------------------------------------ comparison


def test_folds_are_forward_with_a_purge_for_day7_targets(comparison: reach.Comparison) -> None:
    data = comparison.data
    assert data.n == 190
    # Douyin lifetime totals count as known 28 days after publish: fewer early training rows
    assert [(len(f.train), len(f.test)) for f in comparison.folds] == [
        (23, 38),
        (61, 38),
        (102, 38),
        (150, 38),
    ]
    for fold in comparison.folds:
        assert data.dates[fold.train].max() < data.dates[fold.test].min()
        # a training video's target must be known (publish + horizon) by the test start
        known = data.dates[fold.train] + (data.horizon_days[fold.train] * 86400e9).astype(
            "timedelta64[ns]"
        )
        assert known.max() <= data.dates[fold.test].min()
        assert not set(fold.train) & set(fold.test)


def test_models_beat_the_content_blind_baselines_on_synthetic_data(
    comparison: reach.Comparison,
) -> None:
    scores = comparison.scores
    # the baselines are plain arithmetic: exact
    assert scores["baseline"]["mae_log"] == pytest.approx(0.5190, abs=5e-4)
    assert scores["level"]["mae_log"] == pytest.approx(0.4877, abs=5e-4)
    assert scores["baseline"]["n"] == 152
    # the best content-blind predictor is the channel's recent level, not the median
    assert comparison.blind == "level"
    assert scores["hgb"]["mae_log"] == pytest.approx(0.374, abs=0.02)
    assert scores["hgb"]["spearman"] > 0.5
    assert comparison.chosen == min(reach.CANDIDATES, key=lambda c: scores[c]["mae_log"])
    assert comparison.beats_baseline and comparison.beat_probability > 0.99
    assert comparison.margin["mae_log_relative"] < -0.2  # about -23 % against the level
    table = reach.scores_table(comparison)
    assert set(table["model"]) == {*reach.CANDIDATES, *reach.BLIND}
    assert table["chosen"].sum() == 1


def test_planted_effects_are_the_top_drivers(comparison: reach.Comparison) -> None:
    report = analyse(comparison)
    top3 = report.drivers[:3]
    assert {m for d in top3 for m in d.members} >= PLANTED
    assert report.drivers[0].feature == "topic"
    for d in top3:
        assert "title_length" not in d.members and "publish_weekday" not in d.members
        assert d.importance > 0.015
    # every available feature appears exactly once
    members = [m for d in report.drivers for m in d.members]
    assert sorted(members) == sorted(comparison.data.X.columns)
    by_name = {d.feature: d for d in report.drivers}
    assert abs(by_name["title_length"].importance) < 0.005
    assert abs(by_name["publish_weekday"].importance) < 0.005
    # readings: chosen on the older half, measured on the newer half, corrected together
    readings = {r.label: r for r in report.readings}
    cooking = readings["topic 'cooking'"]
    assert cooking.confidence == "high"
    assert cooking.low <= 2.0 <= cooking.high  # the planted 2.0x is inside the interval
    assert cooking.low <= cooking.ratio <= cooking.high
    assert (cooking.n_in, cooking.n_out) == (25, 70)
    assert cooking.text.startswith(
        "Topic 'cooking': 2.2x the exposure of other topics (95% interval 1.8x-2.8x, "
        "measured on the newer videos: n = 25 vs 70; confidence high)"
    )
    # no reading on the features with no planted effect
    assert not {"title_length", "publish_weekday"} & {r.feature for r in report.readings}
    assert len(report.tested) == len(comparison.data.X.columns) - 1  # platform aside
    assert set(report.curves) == {"topic", "duration_s", "publish_hour"}
    curve = report.curves["topic"]
    mult = dict(zip(curve.grid, curve.multiplier(), strict=True))
    assert mult["cooking"] / mult["vlog"] == pytest.approx(2.0 / 0.7, rel=0.25)


def test_correlated_features_are_grouped() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(size=200)
    X = pd.DataFrame(
        {
            "followers_at_publish": np.exp(a),
            "days_since_prev_upload": a * 3 + 1,
            "title_length": rng.normal(size=200),
            "platform": pd.Categorical(np.where(a > 0, "youtube", "douyin")),
            "topic": pd.Categorical(rng.choice(["a", "b", "c"], size=200)),
        }
    )
    assert correlated_groups(X) == [
        ["followers_at_publish", "days_since_prev_upload", "platform"],
        ["title_length"],
        ["topic"],
    ]


def test_not_enough_data_says_what_to_export(rows: pd.DataFrame) -> None:
    few = rows[rows["channel_id"] == YT].head(29)
    with pytest.raises(NotEnoughDataError, match="29 video.*at least 30.*export per-video daily"):
        reach.prepare(few)
    assert reach.prepare(rows[rows["channel_id"] == YT].head(30)).n == 30
    with pytest.raises(NotEnoughDataError, match="completion rate per video"):
        reach.prepare(rows[rows["channel_id"] == YT], "completion")


# ------------------------------------------------------------------ CLI


def test_cli_drivers_json(store: str) -> None:
    # without --channel: the channel with the most videos (YouTube's 130), never a pool
    assert cli_json("drivers", "--db", store, "--json")["n_videos"] == 130
    # every channel pooled only when asked for (market data)
    payload = cli_json("drivers", "--db", store, "--all-channels", "--json")
    assert payload["n_videos"] == 190
    assert set(payload["scores"]) >= {"model", "baseline"}
    for key in ("model", "baseline"):
        assert set(payload["scores"][key]) == {"spearman", "mae_log", "auc"}
    assert payload["scores"]["model"]["mae_log"] < payload["scores"]["baseline"]["mae_log"]
    imps = [d["importance"] for d in payload["drivers"]]
    assert imps == sorted(imps, reverse=True)
    for d in payload["drivers"]:
        assert all(m in FEATURE_COLUMNS for m in d["features"])
        assert d["feature"] == " + ".join(d["features"])
    assert payload["drivers"][0]["feature"] == "topic"
    assert payload["unavailable_features"] == ["hashtag_count"]
    assert len(payload["folds"]) == 4


def test_cli_drivers_one_channel_and_errors(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    payload = cli_json("drivers", "--db", store, "--channel", YT, "--target", "exposure", "--json")
    assert payload["n_videos"] == 130 and payload["target_basis"] == ["views_d7"]
    assert main(["drivers", "--db", store, "--channel", "nobody"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: unknown channel 'nobody'; `python -m analytics channels` lists")
    assert "Traceback" not in err
    assert main(["drivers", "--db", store, "--channel", YT]) == 0
    out = capsys.readouterr().out
    assert out.startswith("130 videos, target exposure (views_d7), 4 forward folds")
    assert "Baseline: trailing median" in out


# ------------------------------------------------------------------ planner


def test_planner_ranges(rows: pd.DataFrame) -> None:
    yt_rows = rows[rows["channel_id"] == YT]
    planner = fit_planner(yt_rows, "exposure", YT)
    assert planner.topics[-1] == "other" and "cooking" in planner.topics
    assert sorted(planner.content_types_for(YT)) == ["short", "video"]
    assert planner.content_types_for("nobody") == []
    # checked on the 26 newest videos with a margin calibrated on the earlier folds only
    check = planner.check
    assert check is not None and check.n_test == 26
    assert check.coverage == planner.coverage == pytest.approx(1.0)  # 26 of 26 (stated 80 %)
    assert check.raw_coverage == pytest.approx(19 / 26)
    # planted effects: the planner beats the naive range of the last 20 videos
    assert check.pinball == pytest.approx(0.0955, abs=0.002)
    assert check.pinball_naive == pytest.approx(0.1283, abs=0.002)
    assert check.better_than_naive is True
    when = dt.datetime(2024, 12, 10, 19, 0)
    good = plan(planner, PlannedVideo(YT, when, 40, "cooking", "Quick pasta"))
    weak = plan(planner, PlannedVideo(YT, when.replace(hour=9), 400, "vlog", "A long day"))
    assert good.p10 <= good.p50 <= good.p90 and weak.p10 <= weak.p50 <= weak.p90
    assert good.p50 > 2.0 * weak.p50
    assert good.basis == "views_d7"
    assert len(good.history) == 130
    assert good.history_p50 == pytest.approx(float(np.median(good.history)))
    X = planned_features(planner, PlannedVideo(YT, when, 40, "cooking", "Top 3? 🔥"))
    assert X.loc[0, "publish_hour"] == 19.0 and X.loc[0, "publish_weekday"] == 1.0
    assert str(X.loc[0, "topic"]) == "cooking" and X.loc[0, "duration_s"] == 40.0
    assert (
        X.loc[0, "title_has_number"],
        X.loc[0, "title_has_question"],
        X.loc[0, "title_has_emoji"],
    ) == (1.0, 1.0, 1.0)
    last = yt_rows["published_utc"].max()
    expected_gap = pd.Timestamp(when, tz="America/New_York").tz_convert(None) - last
    assert X.loc[0, "days_since_prev_upload"] == pytest.approx(expected_gap.total_seconds() / 86400)


def test_planner_channels_topics_and_minimum(rows: pd.DataFrame) -> None:
    # a one-video channel that alone uses the topic "tv"
    tiny = rows[rows["channel_id"] == DY].tail(1).copy()
    tiny["channel_id"] = "tiny"
    tiny["video_id"] = "tiny-1"
    tiny["tags"] = [["tv"]]
    more_tv = rows[rows["channel_id"] == DY].copy()
    more_tv["tags"] = [["tv"]] * len(more_tv)
    both = pd.concat([rows[rows["channel_id"] == YT], more_tv, tiny], ignore_index=True)
    planner = fit_planner(both, "exposure", check_coverage=False)
    assert planner.video_counts() == {YT: 130, DY: 60, "tiny": 1}
    assert planner.channels == [YT, DY, "tiny"]  # most videos first: the default is YT
    assert "tv" in planner.topics
    assert "tv" not in planner.topics_for(YT)
    assert planner.topics_for(YT)[-1] == "other"
    assert planner.topics_for(DY) == ["tv", "other"]
    with pytest.raises(NotEnoughDataError) as err:
        plan(planner, PlannedVideo("tiny", dt.datetime(2024, 12, 10, 19, 0), 40))
    assert str(err.value).startswith("not enough data for channel tiny: 1 video(s) have a ")
    assert "at least 30 are needed" in str(err.value) and "export per-video daily views" in str(
        err.value
    )


@pytest.mark.parametrize("empty", ["followers_at_publish", "duration_s"])
def test_planner_with_a_feature_empty_in_older_videos_or_everywhere(
    rows: pd.DataFrame, empty: str
) -> None:
    # a numeric feature known only for the newest videos (a follower count from the latest
    # export), or for none: the forward folds' early training rows have no value at all
    yt_rows = rows[rows["channel_id"] == YT].sort_values("published_utc").reset_index(drop=True)
    older = yt_rows.copy()
    if empty in older.columns:
        older.loc[: len(older) * 2 // 3, empty] = np.nan
    planner = fit_planner(older, "exposure", YT)
    assert planner.check is not None and planner.check.n_test == 26
    assert planner.check.coverage is not None and planner.check.coverage >= 0.5
    when = dt.datetime(2024, 12, 10, 19, 0)
    got = plan(planner, PlannedVideo(YT, when, 40, "cooking"))
    assert 0 < got.p10 <= got.p50 <= got.p90
    # and with the feature's column empty in every row
    if empty in older.columns:
        older[empty] = np.nan
        blank = fit_planner(older, "exposure", YT)
        assert blank.check is not None and blank.check.n_test == 26
        got = plan(blank, PlannedVideo(YT, when, 40, "cooking"))
        assert 0 < got.p10 <= got.p50 <= got.p90


def test_planner_clips_wild_predictions_on_the_log_scale(rows: pd.DataFrame) -> None:
    yt_rows = rows[rows["channel_id"] == YT]
    planner = fit_planner(yt_rows, "exposure", YT, check_coverage=False)
    planner.margin = 500.0  # expm1(500) overflows to ~1e217 without the clip
    got = plan(planner, PlannedVideo(YT, dt.datetime(2024, 12, 10, 19, 0), 40, "cooking"))
    y = planner.data.y
    assert got.p90 == pytest.approx(float(np.expm1(y.max() + np.log(10.0))))
    assert got.p10 == pytest.approx(float(np.expm1(y.min() - np.log(10.0))))
    assert got.p90 < 10 * got.history.max() + 10
    rate = fit_planner(yt_rows, "engagement", YT, check_coverage=False)
    rate.margin = 500.0
    got = plan(rate, PlannedVideo(YT, dt.datetime(2024, 12, 10, 19, 0), 40, "cooking"))
    assert got.p90 == 1.0  # a rate never above 100 %
    assert got.p10 == pytest.approx(float(np.exp(rate.data.y.min() - np.log(10.0))))


# ------------------------------------------------------------------ sample store


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    try:
        from analytics.services.demo import SAMPLE_DIR, build_sample_store
    except ImportError:
        pytest.skip("analytics.services.demo is not part of this checkout")
    if not (SAMPLE_DIR / "manifest.json").is_file():
        pytest.skip("sample_data/manifest.json is not present in this checkout")
    path = str(tmp_path_factory.mktemp("sample") / "sample.duckdb")
    build_sample_store(path)
    return path


def test_sample_store_planted_effects_are_the_top_drivers(sample_store: str) -> None:
    # the whole store (YouTube day-7 views and Douyin views at 28 days) and the YouTube channel
    for channel in (None, "UCkitchenLab0000000000001"):
        report = drivers_for_store(sample_store, channel, "exposure")
        comp = report.comparison
        top4 = {m for d in report.drivers[:4] for m in d.members}
        # duration and content type (shorts) carry the same planted effect on the whole store
        assert top4 >= PLANTED, [d.feature for d in report.drivers]
        rank = {d.feature: i for i, d in enumerate(report.drivers)}
        assert rank["title_length"] >= 3 and rank["publish_weekday"] >= 3
        assert comp.blind == "level"
        assert comp.beats_baseline
        assert comp.margin["mae_log_relative"] < -0.15  # -18 % against the recent level
        cooking = [r for r in report.readings if r.label == "topic 'cooking'"]
        assert len(cooking) == 1 and cooking[0].confidence == "high"
        assert cooking[0].low <= cooking[0].ratio <= cooking[0].high
        assert 1.5 <= cooking[0].ratio <= 2.2
        assert not {"title_length", "publish_weekday"} & {r.feature for r in report.readings}


# ------------------------------------------------------------------ real data


def test_trending_files_through_the_importer(realdata: Path, tmp_path: Path) -> None:
    folder = realdata / "youtube-trending-2018-11-01"
    files = [folder / f for f in TRENDING_FILES]
    if not all(f.is_file() for f in files):
        pytest.skip("the five trending files are not all present")
    db = str(tmp_path / "trending.duckdb")
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["import", "--db", db, *map(str, files)]) == 0
    # without --all-channels one trending channel is read (a handful of videos: too few)
    assert main(["drivers", "--db", db, "--json"]) == 1
    payload = cli_json("drivers", "--db", db, "--all-channels", "--json")
    assert payload["n_videos"] == 622
    assert payload["target_basis"] == ["views_at_28d"]
    assert set(payload["unavailable_features"]) >= {"duration_s", "followers_at_publish"}
    model, base = payload["scores"]["model"], payload["scores"]["baseline"]
    blind = payload["scores"]["blind_baseline"]
    # market data: the baselines follow the same category; the trending videos are all
    # young, so their lifetime totals count as known after 14 days instead of 28
    assert payload["lifetime_maturity_days"] == 14.0
    assert base["mae_log"] == pytest.approx(1.884, abs=0.005)
    assert blind["mae_log"] == pytest.approx(1.167, abs=0.005)
    # no content model beats the best content-blind predictor here: no readings
    assert not payload["beats_baseline"] and payload["readings"] == []
    assert model["mae_log"] > blind["mae_log"]
    assert payload["margin"]["mae_log"] == pytest.approx(model["mae_log"] - blind["mae_log"])
    # one video per channel: no earlier upload to measure a gap from, so a whole feature is
    # empty in every training fold; the planner fits and checks itself all the same
    with connect(db) as con:
        planner = fit_planner(video_rows(con), "exposure")
    assert planner.data.n == 622 and planner.check is not None
    assert planner.check.n_test == 124
    assert planner.data.X["days_since_prev_upload"].notna().sum() < 622 * 0.1


def test_market_data_uses_category_groups() -> None:
    # many channels with one video each: the baseline groups by category
    parts = [
        synthetic_channel(
            1, channel_id=f"ch{i}", seed=i, start=dt.date(2024, 1, 1) + dt.timedelta(days=i)
        )
        for i in range(40)
    ]
    h = combine(*parts)
    frame = h.videos.merge(h.channels, on="channel_id")
    frame["published_utc"] = frame["published_at"].dt.tz_convert(None)
    frame["published_local"] = (
        frame["published_at"].dt.tz_convert("America/New_York").dt.tz_localize(None)
    )
    frame["views_d7"] = h.truth["views_d7"].to_numpy()
    frame["daily_first"] = frame["published_local"].dt.normalize()
    data = reach.prepare(frame)
    assert data.market
    assert set(data.group) == {"category:people & blogs"}


def test_cli_drivers_names_the_baseline_and_prints_no_negative_zero(
    realdata: Path, tmp_path: Path
) -> None:
    notes = realdata / "xiaohongshu-notes-2026" / "笔记列表明细表.xlsx"
    if not notes.is_file():
        pytest.skip("the Xiaohongshu notes export is not present")
    db = str(tmp_path / "xhs.duckdb")
    with redirect_stdout(io.StringIO()):
        assert main(["import", "--db", db, "--channel", "xhs", str(notes)]) == 0
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["drivers", "--db", db]) == 0
    text = out.getvalue()
    assert "41 videos, target exposure (views_at_28d)" in text
    assert (
        "does not clearly beat the best content-blind baseline (Baseline: trailing median)" in text
    )
    assert "-0.0000" not in text and "(baseline)" not in text
