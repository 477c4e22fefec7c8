"""Drivers, planner and strategy on exports whose publish times are dates only.

A YouTube Studio "Content" table (``Table data.csv``) gives ``Video publish
time`` as ``"Sep 27, 2024"`` and lifetime totals per video. Before, such a
store gave "0 video(s) have a views in the first 7 days figure" and no
drivers at all; now the videos are modelled on their estimated views at 28
days and the missing publish hour is named with its reason.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import numpy as np
import pytest

from analytics.cli import main
from analytics.models.planner import PlannedVideo, fit_planner, plan
from analytics.models.reach import prepare
from analytics.services.reach import load_rows
from analytics.services.strategy import build_strategy
from analytics.strategy import to_json
from tests.studio_content import studio_content_rows, write_studio_table


def _run(*argv: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(list(argv)) == 0
    return out.getvalue()


@pytest.fixture(scope="module", params=["en", "de", "pt"])
def studio_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding one Studio Content table (120 videos, 8-12 min planted 1.5x)."""
    folder = tmp_path_factory.mktemp(f"studio_{request.param}")
    name = {"en": "Table data.csv", "de": "Tabellendaten.csv", "pt": "Dados da tabela.csv"}
    table = write_studio_table(
        folder / name[request.param],
        studio_content_rows(120, seed=1, effect=1.5),
        request.param,
    )
    db = str(folder / "studio.duckdb")
    _run("import", "--db", db, "--channel", "Studio Only", "--export-date", "2025-03-01",
         str(table))  # fmt: skip
    return db


def test_every_video_of_a_studio_table_is_modelled(studio_store: str) -> None:
    rows = load_rows(studio_store)
    assert len(rows) == 120
    assert not rows["publish_time_known"].any()
    # the publish day is kept as the local day, at midnight
    assert (rows["published_local"].dt.hour == 0).all()
    data = prepare(rows)
    assert data.n == 120  # before: 0 videos, "not enough data"
    assert set(data.target.basis) == {"views_at_28d"}
    assert data.maturity_days == 28.0
    assert data.missing["publish_hour"] == "dates_only"
    assert "publish_hour" not in data.X.columns
    assert {"duration_s", "publish_weekday", "topic"} <= set(data.X.columns)


def test_cli_drivers_on_a_studio_table(studio_store: str) -> None:
    payload = json.loads(_run("drivers", "--db", studio_store, "--json"))
    assert payload["n_videos"] == 120
    assert payload["target_basis"] == ["views_at_28d"]
    assert payload["missing_features"]["publish_hour"] == "dates_only"
    assert payload["lifetime_maturity_days"] == 28.0
    assert len(payload["tested"]) >= 5
    for reading in payload["tested"]:
        lo, hi = reading["interval"]
        assert lo <= reading["ratio"] <= hi
    text = _run("drivers", "--db", studio_store)
    assert text.startswith("120 videos, target exposure (views_at_28d)")
    assert "publish_hour: no publish hour: the export gives publish dates only" in text


def test_planner_on_a_studio_table(studio_store: str) -> None:
    rows = load_rows(studio_store)
    planner = fit_planner(rows, "exposure")
    channel = str(rows["channel_id"].iloc[0])
    import datetime as dt

    result = plan(
        planner,
        PlannedVideo(channel, dt.datetime(2025, 3, 10, 18), 600.0, "cooking", "Episode #cooking"),
    )
    assert 0 < result.p10 <= result.p50 <= result.p90
    assert result.basis == "views_at_28d"
    assert planner.knows(channel, "duration_s") and not planner.knows(channel, "publish_hour")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_planner_page_asks_only_what_the_exports_hold(
    studio_store: str, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Dates-only publish times: no publish-hour slider (it could not change the plan), said so."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO

    monkeypatch.setenv("CREATOR_ANALYTICS_DB", studio_store)
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO / "pages" / "5_Planner.py"), default_timeout=300)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    assert [s.key for s in at.slider] == []
    assert [n.key for n in at.number_input] == ["planner_duration"]
    wanted = {
        "en": "Not asked: Publish hour (channel time). This channel's exports do not hold it",
        "zh": "未询问：发布时段（账号所在时区）。",
    }[lang]
    assert any(c.value.startswith(wanted) for c in at.caption), [c.value for c in at.caption]


def test_strategy_on_a_studio_table(studio_store: str) -> None:
    result = build_strategy(studio_store, None)
    payload = to_json(result, "en")
    keys = [c["key"] for c in payload["cards"]]
    # every title holds a #hashtag: no "fewer than half of your videos carry hashtags"
    assert "unlock.tags" not in keys
    assert "unlock.videos" not in keys
    # no publish hour in the export: no publish-hour card
    assert "publish_hour" not in keys
    for card in payload["cards"]:
        ev = card["evidence"]
        if ev["interval_kind"] == "heldout":
            lo, hi = ev["interval"]
            assert lo <= ev["effect"] <= hi
            assert card["confidence"] in {"low", "medium"}  # the model is not better here
    assert np.isfinite([c["score"] for c in payload["cards"]]).all()
