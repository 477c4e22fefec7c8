"""AppTest of the Drivers and Planner pages on a synthetic store."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import analytics.services.reach as drivers_module
from analytics.models.synthetic import synthetic_channel
from analytics.models.targets import WHAT_TO_EXPORT
from analytics.store.bulk_load import insert_frames
from analytics.store.connection import connect
from tests.conftest import REPO
from tests.reach_stores import YT, build_synthetic_store

DRIVERS_PAGE = str(REPO / "pages" / "3_Drivers.py")
PLANNER_PAGE = str(REPO / "pages" / "5_Planner.py")
TIMEOUT = 120


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = build_synthetic_store(tmp_path / "pages.duckdb")
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", path)
    st.cache_data.clear()
    return path


def test_drivers_page_fits_once_per_data_version(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[object, ...]] = []
    real = drivers_module.drivers_for_store

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(drivers_module, "drivers_for_store", counting)
    at = AppTest.from_file(DRIVERS_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert len(calls) == 1
    table = at.dataframe[0].value
    # three content models and three content-blind baselines
    assert "Baseline: trailing median" in list(table["Model"])
    assert "Baseline: recent level" in list(table["Model"])
    assert len(table) == 6 and table["Chosen"].sum() == 1
    # "All channels" in the sidebar: the YouTube channel (130 videos, the most) is read
    # alone, never pooled with the Douyin channel's 60.
    assert at.selectbox(key="drivers_channel").value == YT
    assert at.selectbox(key="drivers_channel").options == [
        "Synthetic youtube (YouTube)",
        "Synthetic douyin (Douyin)",
    ]
    assert any(c.value.startswith("One channel at a time:") for c in at.caption)
    assert any(c.value.startswith("130 videos, 4 forward folds") for c in at.caption)
    lead = at.markdown[0].value.replace("\\", "")
    # the plain sentence first: the planted 1.8x of 20-60 s videos, seen as content type short
    assert lead.startswith("Your videos with content type 'short' got 1.6x")
    verdict = at.markdown[1].value
    assert verdict.startswith("Your content features predict reach better than your channel")
    readings = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert "Topic 'cooking': 2." in readings and "measured on the newer videos" in readings
    # importance bars + one partial dependence chart per top feature
    assert len(at.get("plotly_chart")) == 4
    at.run()  # a rerun reuses the fitted models
    assert len(calls) == 1
    # an import into another channel leaves this channel's fit as it is
    with connect(store) as con:
        insert_frames(con, synthetic_channel(5, channel_id="late", seed=9).frames())
    st.cache_data.clear()
    at.run()
    assert len(calls) == 1 and not at.exception
    # the Douyin channel, picked here, is fitted on its own 60 videos
    at.selectbox(key="drivers_channel").set_value("dy_synthetic").run()
    assert len(calls) == 2 and not at.exception
    assert calls[-1][1] == "dy_synthetic"
    assert any(c.value.startswith("60 videos,") for c in at.caption)


def test_drivers_page_says_not_enough_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "few.duckdb"
    with connect(path) as con:
        insert_frames(con, synthetic_channel(12, seed=4).frames())
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(path))
    st.cache_data.clear()
    at = AppTest.from_file(DRIVERS_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert len(at.warning) == 1
    warning = at.warning[0].value.replace("\\", "")
    assert warning.startswith(
        "Not enough data: 12 videos have a figure for views in the first 7 days (or at 28 "
        "days), and honest drivers need at least 30."
    )
    assert "Export per-video daily views" in warning
    assert len(at.dataframe) == 0


def _money(text: str) -> float:
    return float(text.replace(",", ""))


def test_planner_page(store: str) -> None:
    at = AppTest.from_file(PLANNER_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    at.selectbox(key="planner_channel").set_value(YT).run()
    at.selectbox(key="planner_topic").set_value("cooking").run()
    at.slider(key="planner_hour").set_value(19).run()
    at.number_input(key="planner_duration").set_value(40).run()
    metrics = {m.label: m.value for m in at.metric}
    low, mid, high = (_money(metrics[k]) for k in ("Low (p10)", "Likely (p50)", "High (p90)"))
    assert low <= mid <= high
    at.selectbox(key="planner_topic").set_value("vlog").run()
    at.slider(key="planner_hour").set_value(9).run()
    at.number_input(key="planner_duration").set_value(400).run()
    weak = _money({m.label: m.value for m in at.metric}["Likely (p50)"])
    assert mid > 2 * weak
    captions = " ".join(c.value for c in at.caption)
    assert "Predicted views in the first 7 days." in captions
    assert "Honesty check" in captions
    assert len(at.get("plotly_chart")) == 1


def test_planner_page_orders_channels_and_refuses_tiny_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_synthetic_store(tmp_path / "mixed.duckdb")
    with connect(path) as con:
        insert_frames(con, synthetic_channel(1, channel_id="aaa_one_video", seed=7).frames())
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", path)
    st.cache_data.clear()
    at = AppTest.from_file(PLANNER_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    pick = at.selectbox(key="planner_channel")
    # Most videos first, shown by name and platform, as in the sidebar (never a raw id).
    assert list(pick.options) == [
        "Synthetic youtube (YouTube)",
        "Synthetic douyin (Douyin)",
        "Synthetic youtube (YouTube)",  # the one-video channel's display name is the same
    ]
    assert pick.value == YT  # the channel with the most videos is the default
    assert list(at.selectbox(key="planner_topic").options)[-1] == "other"
    fig = at.get("plotly_chart")[0].proto.spec
    assert '"type":"date"' in fig.replace(" ", "")
    assert '"2024-01-01' in fig  # publish dates on the x-axis, not epoch milliseconds
    pick.set_value("aaa_one_video").run()
    assert not at.exception, at.exception
    assert len(at.metric) == 0 and len(at.get("plotly_chart")) == 0
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "Not enough data: 1 video has a figure for views in the first 7 days (or at 28 "
        "days), and an honest range needs at least 30. "
        + WHAT_TO_EXPORT["exposure"][0].upper()
        + WHAT_TO_EXPORT["exposure"][1:]
        + "."
    ]


def test_planner_page_warns_when_no_better_than_naive(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analytics.models.planner as planner_module

    # the planner's own check on its newest videos, not the drivers model's
    worse = planner_module.PlannerCheck(0.8, 0.7, 0.2, 0.1, 26)
    real = planner_module._forward_check
    monkeypatch.setattr(
        planner_module, "_forward_check", lambda data, rs: (worse, real(data, rs)[1])
    )
    import numpy as np

    from analytics.models.reach import prepare
    from analytics.present.reach_charts import format_value
    from analytics.services.reach import load_rows

    at = AppTest.from_file(PLANNER_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    [warning] = [w.value for w in at.warning]
    assert warning.startswith(
        "On your newest videos this planner was no better than the simple range of your last "
        "20 videos"
    )
    # the range it names is the one the check compared with: the last 20 videos' p10-p90
    # and median (before: the whole history's p10-p90 beside the last 10 videos' median)
    data = prepare(load_rows(store, YT), "exposure", YT)
    low, mid, high = np.expm1(np.quantile(data.y[-20:], [0.1, 0.5, 0.9]))
    naive = [format_value(v, False, "en") for v in (low, high, mid)]
    assert f"(from {naive[0]} to {naive[1]}, typical {naive[2]})" in warning
    whole = np.expm1(np.quantile(data.y, [0.1, 0.9]))
    assert f"from {format_value(whole[0], False, 'en')} to" not in warning
    captions = " ".join(c.value for c in at.caption)
    assert "Honesty check on your 26 newest videos" in captions
    assert "0.200 against 0.100" in captions


def test_planner_page_fits_and_checks_one_channel_never_the_pool(store: str) -> None:
    # "All channels" in the sidebar: the page plans for one channel, fitted and checked on
    # that channel's own videos (a pooled fit checked a small channel on other channels'
    # newest videos: "your 132 newest videos" for a channel of 41)
    from analytics.models.planner import fit_planner
    from analytics.services.reach import load_rows

    at = AppTest.from_file(PLANNER_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    pick = at.selectbox(key="planner_channel")
    assert pick.value == YT  # 130 videos against 60
    pick.set_value("dy_synthetic").run()
    assert not at.exception, at.exception
    own = fit_planner(load_rows(store, "dy_synthetic"), "exposure", "dy_synthetic")
    assert own.check is not None and own.check.n_test < 60
    captions = " ".join(c.value for c in at.caption)
    assert f"Honesty check on your {own.check.n_test} newest videos" in captions
    assert own.video_counts() == {"dy_synthetic": 60}
