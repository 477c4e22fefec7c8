"""From the store to the Fans report, the ``fans`` command and the Fans page."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.cli import main
from analytics.models.fans import ALSParams
from analytics.models.fans_synthetic import TOPICS, synthetic_fans
from analytics.services.fans import FansReport, build_fans_report, fit_from_store
from analytics.store.bulk_load import insert_frames
from analytics.store.connection import connect
from analytics.store.fan_queries import fan_activity_summary, insert_fan_interactions

REPO = Path(__file__).resolve().parents[1]
PAGE = str(REPO / "pages" / "4_Fans.py")
CHANNEL = "synthetic"
METRICS = {"precision@10", "recall@10", "ndcg@10", "map@10", "coverage", "novelty"}


def fill_store(path: Path, affinity: float = 12.0) -> Path:
    """The synthetic channel's videos and fan events in a store at ``path``.

    ``affinity=1.0`` gives fans without any taste structure.
    """
    data = synthetic_fans(channel_id=CHANNEL, affinity=affinity)
    channels = pd.DataFrame(
        {
            "channel_id": [CHANNEL],
            "platform": ["youtube"],
            "display_name": ["Synthetic Kitchen"],
            "time_zone": ["UTC"],
        }
    )
    # One extra video with tags but no fans yet (cold start).
    videos = pd.concat(
        [
            data.videos,
            pd.DataFrame(
                {
                    "channel_id": [CHANNEL],
                    "video_id": ["vid_new"],
                    "title": ["New yoga flow"],
                    "tags": [["yoga", "short"]],
                    "published_at": [pd.Timestamp("2026-01-01", tz="UTC")],
                }
            ),
        ],
        ignore_index=True,
    )
    with connect(path) as con:
        insert_frames(con, {"channels": channels, "videos": videos})
        insert_fan_interactions(con, data.interactions)
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_store(tmp_path_factory.mktemp("fans") / "s.duckdb")


@pytest.fixture(scope="module")
def report(store: Path) -> FansReport:
    return build_fans_report(store, CHANNEL)


def test_summary_counts_the_store(store: Path) -> None:
    assert fan_activity_summary(store, CHANNEL) == {
        "interactions": 9503,
        "spam": 150,
        "fans": 800,
        "videos": 160,
        "channels": 1,
    }


def test_report_from_the_store(report: FansReport) -> None:
    ev = report.evaluation
    # 648 of 800 fans interacted both before and after the global cutoff.
    assert (ev.fans, ev.videos, ev.pairs, ev.test_fans) == (800, 160, 6460, 648)
    assert ev.table.loc["als", "ndcg@10"] >= 1.5 * ev.table.loc["popularity", "ndcg@10"]
    assert ev.params["chosen_by"] == "validation"
    assert ev.best_baseline == "recent_popularity" and report.beats_baseline
    # The tuned model keeps three of the four planted groups apart (the 10 % fitness/yoga
    # group is merged into the others).
    assert [s.size for s in report.segmentation.segments] == [328, 253, 219]
    assert report.warnings == []
    # Catalogue: 161 videos, the new one without fans.
    assert len(report.catalogue) == 161
    assert report.catalogue.set_index("video_id").loc["vid_new", "fans"] == 0
    assert set(report.back_catalogue.columns) >= {"segment", "video_id", "title"}


def test_similar_videos_fall_back_to_tags_for_a_new_video(report: FansReport) -> None:
    tags = report.video_tags()
    warm = report.similar_videos("vid0006", 5)  # fitness
    assert warm.method == "item factors"
    cold = report.similar_videos("vid_new", 5)
    assert cold.method == "tags" and cold.known
    assert "vid_new" not in cold.ids
    # Tags of the catalogue are sorted: the main topic is any of the two.
    assert all({"fitness", "yoga"} & set(tags[v]) for v in cold.ids)
    assert not report.similar_videos("no-such-video").known


def test_json_has_exactly_the_documented_keys(report: FansReport) -> None:
    payload = report.to_json()
    assert set(payload) == {"evaluation", "segments", "verdict"}
    assert set(payload["evaluation"]) == {"als", "popularity", "recent_popularity", "item_cosine"}
    for values in payload["evaluation"].values():
        assert set(values) == METRICS
    assert [set(s) for s in payload["segments"]] == [{"id", "size", "top_topics"}] * 3
    assert [s["id"] for s in payload["segments"]] == [1, 2, 3]
    assert set(payload["segments"][2]["top_topics"][:2]) == {TOPICS[4], TOPICS[5]}
    verdict = payload["verdict"]
    assert set(verdict) == {
        "best_baseline",
        "lift",
        "lift_interval",
        "margin",
        "beats_baseline",
        "engine",
    }
    assert verdict["best_baseline"] == "recent_popularity" and verdict["beats_baseline"] is True
    assert verdict["lift"] == pytest.approx(0.3453, abs=1e-3)
    assert verdict["lift_interval"][0] > verdict["margin"] == 0.1
    assert verdict["engine"] == "implicit"
    # Never fan by fan: no fan key anywhere in the output.
    text = json.dumps(payload)
    assert not any(key in text for key in report.model.users_.keys[:50])


def test_cli_json(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fans", "--db", str(store), "--channel", CHANNEL, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"evaluation", "segments", "verdict"}
    assert set(out["evaluation"]["als"]) == METRICS
    assert out["evaluation"]["als"]["ndcg@10"] >= 1.5 * out["evaluation"]["popularity"]["ndcg@10"]
    assert [s["size"] for s in out["segments"]] == [328, 253, 219]
    assert out["verdict"]["beats_baseline"] is True


def test_cli_text_and_errors(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fans", "--db", str(store), "--channel", CHANNEL]) == 0
    out = capsys.readouterr().out
    assert out.startswith("800 fans, 160 videos, 6,460 fan-video pairs; 648 fans tested")
    assert "item_cosine" in out and "recent_popularity" in out and "segments" in out
    assert "verdict: ALS beats the best baseline (recent_popularity) by 10%: NDCG@10 +34.5%" in out
    assert main(["fans", "--db", str(tmp_path / "empty.duckdb")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "error: the store has no fan interactions yet: import a comments or fan "
        "activity export (who watched, liked or commented on which video) first"
    ]


def test_cli_event_weights_are_checked(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fans", "--db", str(store), "--weight", "like"]) == 1
    assert capsys.readouterr().err.strip() == (
        "error: --weight 'like': write EVENT=WEIGHT, e.g. --weight like=3"
    )
    assert main(["fans", "--db", str(store), "--weight", "like=-2"]) == 1
    assert capsys.readouterr().err.strip() == (
        "error: --weight: the weight of event 'like' must be a number >= 0, not -2.0"
    )


def test_fit_from_store_uses_fixed_hyperparameters(store: Path) -> None:
    model = fit_from_store(store, CHANNEL, params=ALSParams(factors=8, iterations=5))
    assert model.user_factors_.shape == (800, 8)
    assert model.item_factors_.shape == (160, 8)


def test_fans_page(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(store))
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == [
        "Fan segments",
        "How good is the fans model?",
        "Topics your fans want",
        "Similar videos",
        "Back-catalogue picks",
        "Topics from similar channels",
    ]
    tables = {df.value.columns[1]: df.value for df in at.dataframe}
    assert tables["Fans"]["Fans"].tolist() == [328, 253, 219]
    assert [t.split(", ")[:2] for t in tables["Fans"]["Top topics"]] == [
        ["cooking", "baking"],
        ["travel", "hiking"],
        ["tech", "gadgets"],
    ]
    evaluation = tables["Precision@10"]
    assert evaluation["Model"].tolist() == [
        "ALS (fans model)",
        "Popularity (baseline)",
        "Recent popularity (baseline)",
        "Item-item cosine (baseline)",
    ]
    # the ratio column compares with the verdict's baseline: ALS's row is 1 + the verdict's +35%
    assert evaluation["NDCG vs Recent popularity (baseline)"].iloc[0] == pytest.approx(
        1.35, abs=0.005
    )
    assert not at.warning
    assert [s.value for s in at.success] == [
        "The fans model beats the best simple baseline (Recent popularity (baseline)) by +35% "
        "on what fans did after the cut-off (95% interval +27% to +44%, fans resampled; it "
        "needs 10%), so its suggestions are shown below."
    ]
    # One channel picked: topics from similar channels (a single channel: nothing to compare).
    at.selectbox(key="channel").set_value(CHANNEL).run()
    assert not at.exception
    assert any("Too little market data" in i.value.replace("\\", "") for i in at.info)


def test_fans_page_in_chinese(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sidebar switch turns the Fans page's headings, tables and pickers into 简体中文."""
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(store))
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    at.selectbox(key="lang").set_value("zh").run()
    assert not at.exception
    assert [x.value for x in at.title] == ["粉丝"]
    assert [s.value for s in at.subheader] == [
        "粉丝分群",
        "粉丝模型效果如何？",
        "粉丝想看的话题",
        "相似作品",
        "值得重新推荐的旧作品",
        "相似账号的话题",
    ]
    assert at.caption[0].value.startswith("根据谁与哪条作品互动")
    tables = {df.value.columns[1]: df.value for df in at.dataframe}
    assert tables["粉丝数"]["粉丝数"].tolist() == [328, 253, 219]
    assert list(tables["粉丝数"].columns) == ["分群", "粉丝数", "占比", "主要话题", "主要作品"]
    assert [t.split("、")[:2] for t in tables["粉丝数"]["主要话题"]] == [
        ["cooking", "baking"],
        ["travel", "hiking"],
        ["tech", "gadgets"],
    ]
    evaluation = tables["精确率@10"]
    assert evaluation["模型"].tolist() == [
        "ALS（粉丝模型）",
        "热门度（基线）",
        "近期热度（基线）",
        "作品间余弦相似度（基线）",
    ]
    assert at.success[0].value.startswith("在截止日期之后的粉丝互动上，粉丝模型比最好的简单基线")
    assert evaluation["NDCG 相对近期热度（基线）"].iloc[0] == pytest.approx(1.35, abs=0.005)
    assert any(c.value.startswith("800 位粉丝，160 条作品。") for c in at.caption)
    topics = at.selectbox(key="fans_topics")
    assert topics.label == "分群"
    assert topics.options[0] == "全部粉丝"
    assert topics.options[1].startswith("分群 1（cooking、baking")
    video = at.selectbox(key="fans_video")
    assert video.label == "作品" and all(o.endswith(" 位粉丝）") for o in video.options)
    assert [i.value for i in at.info] == ["请在侧边栏选择一个账号，查看相似账号使用的话题。"]


def test_fans_page_hides_suggestions_on_fans_without_taste(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Structureless fans: a plain warning, no similar videos, topics or picks, in both languages."""
    store = fill_store(tmp_path / "noise.duckdb", affinity=1.0)
    report = build_fans_report(store, CHANNEL)
    assert not report.beats_baseline
    assert report.evaluation.best_baseline == "recent_popularity"
    assert report.to_json()["verdict"]["beats_baseline"] is False
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(store))
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    assert len(at.warning) == 1
    assert at.warning[0].value.startswith(
        "The fans model does not beat the best simple baseline (Recent popularity (baseline)) "
        "by 10%"
    )
    hidden = "Not shown: the fans model is no better than the best simple baseline"
    assert sum(i.value.startswith(hidden) for i in at.info) == 3
    assert not any(s.key == "fans_video" for s in at.selectbox)
    at.selectbox(key="lang").set_value("zh").run()
    assert at.warning[0].value.startswith(
        "在截止日期之后的粉丝互动上，粉丝模型没有比最好的简单基线"
    )
    assert sum(i.value.startswith("未显示：") for i in at.info) == 3
