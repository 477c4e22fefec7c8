"""Plain sentences first, models' messages in the UI language, the Fans page on real comments.

Real files come from ``../shared/realdata`` (skipped when absent).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.errors import NotEnoughDataError
from analytics.i18n import t
from analytics.ingest import ImportOptions
from analytics.models import reach
from analytics.models.drivers import analyse
from analytics.models.fans.evaluate import reliability_warnings
from analytics.models.market_topics import MarketTopicsModel
from analytics.models.planner import fit_planner
from analytics.present import fan_charts, leads
from analytics.present.messages import PATTERNS, localize
from analytics.services import fits
from analytics.services.imports import import_files
from analytics.store.connection import connect
from analytics.store.feature_queries import video_rows
from tests.reach_stores import YT, build_synthetic_store

REPO = Path(__file__).resolve().parents[1]
FANS_PAGE = str(REPO / "pages" / "4_Fans.py")
COMMENTS = "youtube-comments-2013-2015/comments.csv"
#: Latin words a Chinese reader sees in the Chinese UI on purpose: brand and model names,
#: metric names Chinese analytics tools also write in Latin letters, the language switch.
ALLOWED = {
    "ALS",
    "NDCG",
    "MAP",
    "YouTube",
    "TikTok",
    "API",
    "Language",
    "English",
    "music",  # the channel's own name, given at import
}
WORD = re.compile(r"[A-Za-z][A-Za-z\-']+")


def latin_words(text: str) -> list[str]:
    """Latin-letter words of two letters or more (video ids and URLs are not passed in)."""
    return [w for w in WORD.findall(text) if w not in ALLOWED]


def _empty_cell(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and np.isnan(value))
        or str(value)
        in {
            "None",
            "nan",
            "NaN",
            "NaT",
            "<NA>",
        }
    )


# ----------------------------------------------------------------------------- messages


def _model_messages(tmp_path: Path) -> list[str]:
    """Messages the models really write, one or more of each kind a page shows."""
    out = reliability_warnings(1, 922, 5, 10) + reliability_warnings(40, 1500, 200, 10)
    store = build_synthetic_store(tmp_path / "s.duckdb")
    with connect(store) as con:
        rows = video_rows(con)
    few = rows[rows["channel_id"] == YT].head(12)
    for target in ("exposure", "engagement", "completion"):
        with pytest.raises(NotEnoughDataError) as err:
            reach.prepare(few if target != "completion" else rows[rows["channel_id"] == YT], target)
        out.append(str(err.value))
    planner = fit_planner(rows)
    with pytest.raises(NotEnoughDataError) as err:
        planner.require_enough("nobody")
    out.append(str(err.value))
    with pytest.raises(NotEnoughDataError) as err:  # one topic only: too little market data
        MarketTopicsModel().fit(pd.DataFrame({"channel_id": ["a", "b"], "topic": ["x", "x"]}))
    out.append(str(err.value))
    market = pd.DataFrame(
        {
            "channel_id": ["a", "a", "b", "b", "c", "c", "d"],
            "topic": ["x", "y", "x", "y", "x", "y", "z"],
        }
    )
    picks = MarketTopicsModel().fit(market).recommend_topics("d")
    assert not picks.known
    out.append(picks.message)
    return out


def test_every_model_message_is_in_chinese(tmp_path: Path) -> None:
    messages = _model_messages(tmp_path)
    assert len(messages) >= 8
    for message in messages:
        zh = localize(message, "zh")
        assert latin_words(zh) == [] or set(latin_words(zh)) <= {"Studio"}, (message, zh)
        # the numbers of the message survive in both languages
        for number in re.findall(r"\b\d+\b", message):
            if number not in {"2", "7", "28"}:  # spelled in the template itself
                assert number in zh, (number, zh)
                assert number in localize(message, "en"), (number, message)


def test_message_kinds_have_both_languages() -> None:
    from analytics.i18n import TABLE

    for pattern in PATTERNS:
        assert set(TABLE[pattern.key]) == {"en", "zh"}, pattern.key


def test_unknown_message_stays_as_written() -> None:
    assert localize("something new happened", "zh") == "something new happened"


def test_drivers_message_names_the_unit_and_what_to_export() -> None:
    text = (
        "not enough data for channel youtube:default: 12 video(s) have a views in the first "
        "7 days (or at 28 days) figure and at least 30 are needed for honest drivers; "
        "export per-video daily views (YouTube Studio: ...) and import it"
    )
    zh = localize(text, "zh")
    assert zh.startswith("数据不足：只有 12 条作品有“发布后 7 天播放量")
    assert "至少需要 30 条" in zh and "请导出每条作品的每日播放量" in zh
    assert "youtube:default" not in localize(text, "en")


# ----------------------------------------------------------------------------- leads


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> reach.Comparison:
    store = build_synthetic_store(tmp_path_factory.mktemp("leads") / "s.duckdb")
    with connect(store) as con:
        rows = video_rows(con)
    return reach.compare_models(reach.prepare(rows[rows["channel_id"] == YT]))


def test_drivers_lead_quotes_the_strongest_held_out_reading(planted: reach.Comparison) -> None:
    report = analyse(planted)
    confident = [r for r in report.readings if r.confidence in ("high", "medium")]
    assert confident, "the planted channel has confident readings"
    # high confidence before medium, then the largest effect either way
    best = max(confident, key=lambda r: (r.confidence == "high", max(r.ratio, 1 / r.ratio)))
    en = leads.drivers_lead(report, "en")
    assert en.startswith("Your videos ")
    assert f"got {best.ratio:.1f}x the views in the first 7 days" in en
    assert f"(n = {best.n_in} vs {best.n_out} newer videos" in en
    zh = leads.drivers_lead(report, "zh")
    assert f"是其他作品的 {best.ratio:.1f} 倍" in zh and f"{best.n_in} 条对 {best.n_out} 条" in zh
    assert set(latin_words(zh)) <= {"cooking", "vlog", "fitness", "travel", "gaming"}, zh


def test_planner_lead_has_unit_and_range() -> None:
    en = leads.planner_lead(900, 2000, 5000, 1800, "views in the first 7 days", False, "en")
    assert en == (
        "A video like this would most likely get 2,000 views in the first 7 days (8 in 10 "
        "such videos between 900 and 5,000); your last 10 videos' median was 1,800."
    )
    zh = leads.planner_lead(9000, 20000, 50000, 18000, "发布后 7 天播放量", False, "zh")
    assert "2万" in zh and "9,000" in zh and "5万" in zh
    naive = leads.planner_lead(1, 2, 3, 2, "x", False, "en", better_than_naive=False)
    assert naive.startswith("The model cannot yet tell this plan apart")


def test_strategy_lead_counts_cards() -> None:
    class Card:
        def __init__(self, confidence: str) -> None:
            self.confidence = confidence

    cards = [Card("medium"), Card("low"), Card("high")]
    assert leads.strategy_lead(cards, ["Post at 19:00", "b", "c"], "en") == (
        "3 suggestions (2 with medium or high confidence); the first: Post at 19:00 "
        "(Medium confidence)."
    )
    assert leads.strategy_lead([], [], "zh").startswith("暂时没有建议")


# ----------------------------------------------------------------------------- Fans page, real data


@pytest.fixture(scope="module")
def comments_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = Path(__file__).resolve().parents[2] / "shared" / "realdata"
    if not folder.is_dir():
        pytest.skip("real data folder ../shared/realdata is not present in this checkout")
    db = str(tmp_path_factory.mktemp("fans_zh") / "c.duckdb")
    path = folder / COMMENTS
    reports = import_files(
        db, [(path.name, path.read_bytes())], options=ImportOptions(channel="music")
    )
    assert [r.status for r in reports] == ["loaded"]
    return db


def _page_strings(at: AppTest) -> list[str]:
    out: list[str] = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "success"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [str(e.label) for e in at.expander]
    for df in at.dataframe:
        out += [str(c) for c in df.value.columns]
        out += [str(v) for v in df.value.select_dtypes(exclude="number").to_numpy().ravel()]
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fans_page_on_real_comments(
    comments_store: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", comments_store)
    at = AppTest.from_file(FANS_PAGE, default_timeout=300)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    report = fits.fans_fit(comments_store, None)
    ev = report.evaluation
    # 1,792 fans, 922 of them not spam-only; one came back after the cut-off
    assert (ev.fans, ev.videos, ev.test_fans) == (922, 5, 1)
    # the first sentence is the plain one, and its lift is the verdict's
    lead = at.markdown[0].value.replace("\\", "")
    assert lead == leads.fans_lead(report, lang)
    assert f"{ev.lift:+.0%}" in lead
    # the table's ratio column compares with the same baseline as the verdict
    # one returning fan cannot test the model: its taste groups are not shown
    assert report.segmentation.segments and not report.beats_baseline
    hidden = t("fans.segments_hidden", lang)
    assert hidden in [i.value.replace("\\", "") for i in at.info]
    table = at.dataframe[0].value
    column = fan_charts.vs_best_column(report, lang)
    assert column in table.columns
    assert table[column].iloc[0] == pytest.approx(1.0 + ev.lift)
    # no None / nan cell in any table; videos without titles say so, with their id
    for df in at.dataframe:
        assert not any(_empty_cell(v) for v in df.value.to_numpy().ravel()), df.value
    cells = [
        v
        for df in at.dataframe
        for v in df.value.select_dtypes(exclude="number").to_numpy().ravel()
        if isinstance(v, str)
    ]
    assert all("9bZkp7q19f0" not in v or "(" in v or "（" in v for v in cells)
    if lang == "zh":
        texts = [re.sub(r"\b[\w-]{11}\b", " ", s) for s in _page_strings(at)]  # video ids
        words = sorted({w for s in texts for w in latin_words(s)})
        assert words == [], words
        warnings = [w.value.replace("\\", "") for w in at.warning]
        assert "922 位粉丝中只有 1 位在检验截止日期前后都有互动" in warnings[0]


# ----------------------------------------------------------------------------- growth findings


def test_a_wild_trend_is_described_not_charted() -> None:
    from analytics.growth.trend import views_trend

    days = pd.date_range("2026-01-01", periods=35, freq="D")
    rng = np.random.default_rng(3)
    wild = pd.DataFrame({"date": days, "views": rng.choice([0, 0, 0, 5, 40_000], size=35)})
    trend = views_trend(wild)
    assert trend is not None and (trend.growth_low <= -0.9 or trend.growth_high >= 10)
    text = leads.trend_reason(trend, "en")
    assert text is not None and text.startswith("No trend to read yet: over 35 days")
    assert "暂时看不出趋势：35 天里" in str(leads.trend_reason(trend, "zh"))
    steady = pd.DataFrame({"date": days, "views": 1000 + 10 * np.arange(35)})
    calm = views_trend(steady)
    assert calm is not None and leads.trend_reason(calm, "en") is None


def test_hours_without_enough_videos_get_a_sentence() -> None:
    from types import SimpleNamespace

    hours = pd.DataFrame({"hour": range(24), "n": [1] * 20 + [2, 2, 0, 0]})
    best = SimpleNamespace(hours=hours, min_videos=3, n=24)
    assert leads.hours_reason(best, "en") == (
        "No chart of reach by publish hour yet: each hour needs at least 3 videos and the "
        "busiest hour has 2 (of 24 videos with a publish time)."
    )
    best.hours = hours.assign(n=[3] + [1] * 23)
    assert leads.hours_reason(best, "zh") is None


def test_pooled_channels_are_said(planted: reach.Comparison) -> None:
    from types import SimpleNamespace

    assert leads.pooled_note(analyse(planted), "en") is None  # one channel: nothing to say
    rows = pd.DataFrame({"channel_id": [f"c{i % 300}" for i in range(622)]})
    market = SimpleNamespace(
        comparison=SimpleNamespace(data=SimpleNamespace(rows=rows, market=True, n=622))
    )
    text = leads.pooled_note(market, "en")  # type: ignore[arg-type]
    assert text is not None and text.startswith(
        "These 622 videos come from 300 channels of market or trending lists, pooled"
    )
    assert "UTC" in text
    zh = leads.pooled_note(market, "zh")  # type: ignore[arg-type]
    assert zh is not None and "300 个账号" in zh and "UTC" in zh
