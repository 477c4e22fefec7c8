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
    assert list(table["Model"])[-1] == "Baseline: trailing median"
    assert len(table) == 4 and table["Chosen"].sum() == 1
    verdict = at.markdown[0].value
    assert verdict.startswith("Best on 4 forward folds:")
    readings = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert "Topic 'cooking': about 2.1x the exposure of other topics" in readings
    # importance bars + one partial dependence chart per top feature
    assert len(at.get("plotly_chart")) == 4
    at.run()  # a rerun reuses the fitted models
    assert len(calls) == 1
    # an import changes the data version: the next run refits
    with connect(store) as con:
        insert_frames(con, synthetic_channel(5, channel_id="late", seed=9).frames())
    st.cache_data.clear()
    at.run()
    assert len(calls) == 2 and not at.exception


def test_drivers_page_says_not_enough_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "few.duckdb"
    with connect(path) as con:
        insert_frames(con, synthetic_channel(12, seed=4).frames())
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(path))
    st.cache_data.clear()
    at = AppTest.from_file(DRIVERS_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert len(at.warning) == 1
    assert at.warning[0].value.startswith("not enough data: 12 video(s) have a views")
    assert "export per-video daily views" in at.warning[0].value
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
    assert list(pick.options) == [YT, "dy_synthetic", "aaa_one_video"]
    assert pick.value == YT  # the channel with the most videos is the default
    assert list(at.selectbox(key="planner_topic").options)[-1] == "other"
    fig = at.get("plotly_chart")[0].proto.spec
    assert '"type":"date"' in fig.replace(" ", "")
    assert '"2024-01-01' in fig  # publish dates on the x-axis, not epoch milliseconds
    pick.set_value("aaa_one_video").run()
    assert not at.exception, at.exception
    assert len(at.metric) == 0 and len(at.get("plotly_chart")) == 0
    assert [w.value for w in at.warning] == [
        "not enough data for channel aaa_one_video: 1 video(s) have a views in the first 7 days "
        "(or per day) figure and at least 30 are needed for an honest range; "
        + WHAT_TO_EXPORT["exposure"]
    ]


def test_planner_page_warns_when_no_better_than_baseline(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analytics.services.reach as planner_module

    monkeypatch.setattr(planner_module, "channel_beats_baseline", lambda *a, **k: False)
    at = AppTest.from_file(PLANNER_PAGE, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    last10 = {m.label: m.value for m in at.metric}["Your last 10 videos (median)"]
    assert [w.value for w in at.warning] == [
        "For this channel the model does not beat the simple baseline on past videos: this "
        f"prediction is no better than your last 10 videos' median ({last10})."
    ]
