"""The HTML report (self-contained, offline) and the CSV of the cards."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.growth import analyse_table, reach_table
from analytics.present.report import cards_csv, render_report
from analytics.store.growth_queries import DataCoverage
from analytics.strategy import Card, Evidence, StrategyResult, render_card
from tests.dashboard_store import build_store
from tests.strategy_stores import sample_strategy

EXTERNAL = re.compile(
    r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*['\"]?(https?:)?//", re.I
)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> StrategyResult:
    return sample_strategy(tmp_path_factory)


@pytest.fixture(scope="module")
def html_en(result: StrategyResult) -> str:
    return render_report(result, "en", channel="Kitchen Lab", generated=dt.date(2026, 11, 1))


def test_report_is_self_contained(html_en: str) -> None:
    assert html_en.startswith("<!DOCTYPE html>")
    assert "<meta charset='utf-8'>" in html_en
    assert not EXTERNAL.search(html_en)  # nothing loaded from the network
    assert len(re.findall(r"<script\b[^>]*\bsrc=", html_en)) == 0
    # plotly.js inlined exactly once, and big (the whole library).
    assert html_en.count("plotly.js v") >= 1
    assert html_en.count("window.PlotlyConfig") == 1
    assert len(html_en) > 3_000_000


def test_report_has_every_card_and_chart(result: StrategyResult, html_en: str) -> None:
    assert "Channel: Kitchen Lab" in html_en
    assert f"Generated 2026-11-01 from {result.analysis.n} videos." in html_en
    for i, card in enumerate(result.cards, start=1):
        r = render_card(card, "en")
        assert f"<span class='rank'>{i}.</span> {_esc(r['title'])}" in html_en
        assert _esc(r["action"]) in html_en
    card_charts = sum(1 for c in result.cards if c.chart)
    growth_charts = 1 + 2 + 1  # hours, trend and weekly pattern, outliers
    assert html_en.count('class="plotly-graph-div"') == card_charts + growth_charts


def test_report_in_chinese(result: StrategyResult) -> None:
    text = render_report(result, "zh", channel="厨房实验室", generated=dt.date(2026, 11, 1))
    assert "<html lang='zh-Hans'>" in text
    assert "内容策略报告" in text and "账号：厨房实验室" in text
    assert "视频时长控制在60秒以内" in text
    # the drivers model by its translated name, never its code
    from analytics.i18n import t

    assert result.model_summary is not None
    name = t(f"drivers.model.{result.model_summary['model']}", "zh")
    assert f"已用影响因素模型核对（{name}；" in text
    assert f"（{result.model_summary['model']}；" not in text


def _esc(text: str) -> str:
    """As the report's Jinja2 autoescape writes it (``'`` as ``&#39;``)."""
    from markupsafe import escape

    return str(escape(text))


def _tiny_result() -> StrategyResult:
    rows = __import__("pandas").DataFrame(
        columns=["channel_id", "video_id", "published_utc", "published_local"]
    )
    table = reach_table(rows)
    cov = DataCoverage(1, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    analysis = analyse_table(table, cov)
    hostile = Card(
        "outlier",
        "growth",
        {
            "video_title": "<script>alert(1)</script>",
            "effect_ratio": 4.0,
            "format_bucket": "le60",
            "topic": '=HYPERLINK("http://x")',
            "outliers_count": 1,
        },
        Evidence(1, 4.0, (4.0, 4.0), None, interval_kind="range", level=None),
        "low",
        0.1,
    )
    market = Card(
        "market_topic",
        "market",
        {"topic": "-2+3", "using_count": 3, "neighbours_count": 5, "channels": "@a, =b"},
        Evidence(
            3, 0.6, None, 5, unit="channels", measure="channels", level=None, interval_kind="none"
        ),
        "medium",
        0.2,
    )
    return StrategyResult(None, [market, hostile], analysis)


def test_report_escapes_text_from_exports() -> None:
    text = render_report(_tiny_result(), "en", generated=dt.date(2026, 1, 1))
    assert "<script>alert(1)</script>" not in text
    assert "Follow up on “&lt;script&gt;alert(1)&lt;/script&gt;”" in text
    assert "plotly" not in text.lower()  # no chart, no library
    assert "Generated 2026-01-01 from 0 videos." in text


def test_cards_csv_escapes_formula_cells() -> None:
    data = cards_csv(_tiny_result(), "en")
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read Chinese text right
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "rank",
        "title",
        "claim",
        "n",
        "effect",
        "interval_low",
        "interval_high",
        "evidence",
        "confidence",
        "action",
        "source",
    ]
    assert rows[1][1] == "Try -2+3" and rows[1][0] == "1"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert rows[1][2].startswith("3 of the 5 channels most like yours use -2+3")
    assert rows[1][7] == "n = 3 channels · 60% of the most similar channels"


def test_cli_report_writes_html_and_csv(tmp_path: Path) -> None:
    db = build_store(tmp_path / "thin.duckdb")
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(
            [
                "report",
                "--db",
                db,
                "--out",
                str(tmp_path / "r" / "report.html"),
                "--csv",
                str(tmp_path / "cards.csv"),
                "--lang",
                "zh",
                "--json",
            ]
        )
    assert code == 0
    info = json.loads(out.getvalue())
    # Cooking Lab alone (the channel with the most videos): with one other channel in the
    # store, the "topics of similar channels" card asks for market data
    assert info["cards"] == 3 and info["report"].endswith("report.html")
    html_text = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert info["bytes"] == (tmp_path / "r" / "report.html").stat().st_size
    assert "导入更多作品以解锁策略" in html_text
    assert not EXTERNAL.search(html_text)
    rows = list(csv.reader(io.StringIO((tmp_path / "cards.csv").read_text("utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == [
        "解锁：粉丝想看的话题",
        "解锁：相似账号的话题",
        "导入更多作品以解锁策略",
    ]
    assert "只有 5 条作品有已知曝光" in rows[3][2]  # Cooking Lab's 5, not both channels' 7
