"""Log axes read 1-2-5 (or decades) written with Babel; the importance chart reads in both languages.

Real files come from ``../shared/realdata`` (skipped when absent).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.models.drivers import DependenceCurve, Driver
from analytics.present import charts, growth_charts, reach_charts
from analytics.present.importance_chart import importance_figure, wrap_label
from analytics.present.log_axis import log_ticks, tick_label
from analytics.services.imports import import_files
from tests.conftest import REPO

XHS = "xiaohongshu-notes-2026/笔记列表明细表.xlsx"
#: SI suffixes Plotly writes (10k, 200µ): what a creator must never read on an axis.
SI = re.compile(r"^-?[\d.]+\s*[kGTµμmn]$")  # CLDR English writes 1M; Plotly writes 10k


# ----------------------------------------------------------------------------- ticks


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (3, 900, [5, 10, 20, 50, 100, 200, 500]),
        (150, 2_400, [200, 500, 1000, 2000]),
        (40, 3e8, [100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]),
        (120, 180, [120, 130, 140, 150, 160, 170, 180]),
        (0.01, 0.3, [0.01, 0.02, 0.05, 0.1, 0.2]),
        (0.4, 2.5, [0.5, 1, 2]),
    ],
)
def test_log_ticks_are_1_2_5_or_decades(low: float, high: float, expected: list[float]) -> None:
    assert log_ticks(low, high) == expected


@pytest.mark.parametrize(
    ("value", "kind", "en", "zh"),
    [
        (1_000, "count", "1,000", "1,000"),
        (10_000, "count", "10,000", "1万"),
        (2_000_000, "count", "2M", "200万"),
        (100_000_000, "count", "100M", "1亿"),
        (0.05, "rate", "5%", "5%"),
        (0.5, "ratio", "0.5×", "0.5×"),
        (30, "duration", "30 s", "30秒"),
        (600, "duration", "10 min", "10分钟"),
    ],
)
def test_tick_labels_are_written_the_language_s_way(
    value: float, kind: str, en: str, zh: str
) -> None:
    assert tick_label(value, kind, "en") == en
    assert tick_label(value, kind, "zh") == zh


def _log_axes(fig) -> list[dict]:  # noqa: ANN001
    layout = fig.to_plotly_json()["layout"]
    return [layout[a] for a in ("xaxis", "yaxis") if layout.get(a, {}).get("type") == "log"]


def _assert_readable(fig, lang: str) -> list[str]:  # noqa: ANN001
    axes = _log_axes(fig)
    assert axes, "no log axis"
    texts: list[str] = []
    for axis in axes:
        vals = list(axis["tickvals"])
        assert vals and len(vals) <= 12
        for v in vals:
            mantissa = float(f"{v / 10 ** np.floor(np.log10(v)):.6g}")
            assert mantissa in (1, 2, 5) or len(vals) >= 3
        assert len(axis["ticktext"]) == len(vals)
        assert not any(SI.match(t) for t in axis["ticktext"]), axis["ticktext"]
        texts += list(axis["ticktext"])
    return texts


WIDE = pd.DataFrame(
    {
        "published_at": pd.date_range("2024-01-01", periods=5, freq="30D", tz="UTC"),
        "views": [40.0, 900.0, 15_000.0, 2_000_000.0, 300_000_000.0],
        "ratio": [0.01, 0.5, 1.0, 30.0, 9000.0],
        "flag": [None, None, None, "above", "above"],
        "title": list("abcde"),
    }
)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_log_chart_has_readable_ticks(lang: str) -> None:
    texts = _assert_readable(charts.outliers_figure(WIDE, lang), lang)
    assert ("1亿" if lang == "zh" else "100M") in texts
    assert ("1万" if lang == "zh" else "10,000") in texts

    history = pd.DataFrame(
        {
            "published_local": pd.date_range("2024-01-01", periods=5, freq="7D").astype(str),
            "title": list("abcde"),
            "value": [3.0, 80.0, 900.0, 12_000.0, 4_000.0],
        }
    )
    plan = SimpleNamespace(p10=500.0, p50=2_000.0, p90=8_000.0)
    texts = _assert_readable(reach_charts.plan_figure(plan, history, "views", False, lang), lang)
    assert ("1万" if lang == "zh" else "10,000") in texts
    rates = history.assign(value=[0.01, 0.02, 0.05, 0.1, 0.03])
    rate_plan = SimpleNamespace(p10=0.02, p50=0.04, p90=0.08)
    assert "5%" in _assert_readable(
        reach_charts.plan_figure(rate_plan, rates, "%", True, lang), lang
    )

    chart = {"ratio": [0.3, 1.2, 8.0], "title": ["a", "b", "c"], "flag": ["below", None, "above"]}
    assert "1×" in _assert_readable(growth_charts.outliers_chart_figure(chart, lang), lang)

    curve = DependenceCurve(
        feature="duration_s",
        categorical=False,
        grid=[15.0, 60.0, 240.0, 900.0],
        counts=np.array([3, 5, 5, 2]),
        average=np.array([0.1, 0.2, 0.0, -0.1]),
        ice=np.zeros((2, 4)),
    )
    texts = _assert_readable(reach_charts.dependence_figure(curve, "exposure", lang), lang)
    assert texts[-1] == ("15 min" if lang == "en" else "15分钟")


def test_planner_page_axis_on_real_notes(
    realdata: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "xhs.duckdb")
    reports = import_files(db, [str(realdata / XHS)])
    assert [r.status for r in reports] == ["loaded"]
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", db)
    for lang in ("zh", "en"):
        at = AppTest.from_file(str(REPO / "pages" / "5_Planner.py"), default_timeout=300)
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception
        (chart,) = at.get("plotly_chart")
        yaxis = json.loads(chart.proto.spec)["layout"]["yaxis"]
        assert yaxis["type"] == "log"
        assert yaxis["tickvals"] == [100, 200, 500, 1000, 2000]
        assert yaxis["ticktext"] == ["100", "200", "500", "1,000", "2,000"]


# ----------------------------------------------------------------------------- importance


def _driver(feature: str, importance: float, std: float) -> Driver:
    return Driver(feature, tuple(feature.split(" + ")), importance, std, (importance,))


GROUP = "title_length + title_has_number + title_has_question"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_importance_chart_reads_in_both_languages(lang: str) -> None:
    drivers = [_driver(GROUP, 0.04, 0.01), _driver("publish_hour", 0.01, 0.02)]
    fig = importance_figure(drivers, lang, model_error=0.8)
    bar = fig.data[0]
    # Bars are the share of the model's own error that scrambling adds: 0.04 / 0.8 = 5%.
    assert list(bar.x) == pytest.approx([0.0125, 0.05])
    assert list(bar.error_x.array) == pytest.approx([0.025, 0.0125])
    assert fig.layout.xaxis.tickformat == ".0%"
    assert fig.layout.xaxis.exponentformat == "none"  # never "200µ"
    assert fig.layout.yaxis.automargin is True
    label = bar.y[1]
    lines = label.split("<br>")
    assert len(lines) >= 2  # the group is written in full, over several lines
    joined = " ".join(lines).replace("+ ", "+ ")
    for member in GROUP.split(" + "):
        assert reach_charts.feature_label(member, lang) in joined
    assert all(len(line.encode("gbk", "ignore")) <= 27 for line in lines)
    assert fig.layout.height >= 280
    assert "MAE" not in fig.layout.title.text and "MAE" not in fig.layout.xaxis.title.text


def test_wrap_label_keeps_every_character() -> None:
    for label in ("发布时段 + 发布星期 + 距上次发布天数 + 前 7 天发布数", "Publish hour", "x" * 60):
        lines = wrap_label(label)
        assert "".join(lines).replace(" ", "") == label.replace(" ", "")


# ----------------------------------------------------------------------------- linear count axes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_count_axes_are_written_the_language_s_way(lang: str) -> None:
    days = pd.date_range("2025-04-14", periods=10, freq="D")
    views = pd.DataFrame({"date": days, "views": np.linspace(5_000, 63_000, 10)})
    fig = charts.daily_figure(views, "views", "t", "views", lang=lang)
    yaxis = fig.to_plotly_json()["layout"]["yaxis"]
    assert yaxis["tickvals"] == [0, 20_000, 40_000, 60_000]
    assert yaxis["ticktext"] == (
        ["0", "2万", "4万", "6万"] if lang == "zh" else ["0", "20,000", "40,000", "60,000"]
    )
    followers = pd.DataFrame(
        {"date": days, "followers_net": [-30, 10, 20, 5, 0, 40, 12, 3, -8, 25]}
    )
    layout = charts.followers_figure(followers, lang=lang).to_plotly_json()["layout"]
    assert layout["yaxis"]["tickvals"][0] < 0 < layout["yaxis"]["tickvals"][-1]
    assert not any(SI.match(text) for text in layout["yaxis"]["ticktext"])


def test_world_map_colour_bar_reads_wan() -> None:
    from analytics.present.audience_charts import world_map

    rows = pd.DataFrame(
        {
            "key": ["US", "IN", "DE"],
            "value": [2_638_475.0, 2_111_000.0, 839_000.0],
            "share_of_total": [0.18, 0.15, 0.06],
            "not_enough_data": [False, False, False],
        }
    )
    table = SimpleNamespace(rows=rows, value_column="views")
    bar = world_map(table, "zh").data[0].colorbar  # type: ignore[arg-type]
    assert list(bar.tickvals) == [0, 1_000_000, 2_000_000]
    assert list(bar.ticktext) == ["0", "100万", "200万"]  # Plotly would write 1M, 2M


@pytest.mark.parametrize(("lang", "ends"), [("en", ["no", "yes"]), ("zh", ["否", "是"])])
def test_a_yes_no_feature_curve_reads_no_and_yes(lang: str, ends: list[str]) -> None:
    curve = DependenceCurve(
        feature="title_has_number",
        categorical=False,
        grid=[0.0, 1.0],
        counts=np.array([30, 11]),
        average=np.array([0.0, 0.2]),
        ice=np.zeros((2, 2)),
    )
    xaxis = reach_charts.dependence_figure(curve, "exposure", lang).layout.xaxis
    assert list(xaxis.tickvals) == [0, 1] and list(xaxis.ticktext) == ends


@pytest.mark.parametrize(
    ("importance", "tickformat"),
    [(0.04, ".0%"), (0.004, ".1%"), (0.00008, ".2%")],
)
def test_importance_axis_has_the_decimals_its_bars_need(importance: float, tickformat: str) -> None:
    # bars of 5%, 0.5% and 0.01% of the model's error: never an axis of "0% 0% 0%"
    fig = importance_figure([_driver("publish_hour", importance, 0.0)], "en", model_error=0.8)
    assert fig.layout.xaxis.tickformat == tickformat
    assert fig.data[0].hovertemplate.startswith("%{y}: %{x:+" + tickformat)
