"""Share mode: OpenDP noise on every fan-derived count, bounded contributions, k on noisy counts.

OpenDP draws its noise from the operating system's secure generator, which
cannot be seeded; the tests therefore check the noise statistically, with
bounds that a correct mechanism meets except with negligible probability
(more than 6 standard errors) and that a missing or wrongly scaled noise
fails by a wide margin.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics.cli import main
from analytics.dp_share import (
    EVENT_KINDS,
    ShareConfig,
    cap_events,
    discrete_laplace_std,
    fan_topics,
    laplace_counts,
    share_release,
)
from analytics.errors import AnalyticsError
from analytics.services.imports import import_files

N = 40_000


@pytest.mark.parametrize(("sensitivity", "epsilon"), [(1, 1.0), (3, 0.5), (20, 2.0)])
def test_noise_has_the_laplace_scale_of_sensitivity_over_epsilon(
    sensitivity: int, epsilon: float
) -> None:
    noisy, scale, spent = laplace_counts([100] * N, sensitivity, epsilon)
    assert scale == pytest.approx(sensitivity / epsilon)
    assert spent == pytest.approx(epsilon, rel=1e-9)  # OpenDP's privacy map of the sensitivity
    noise = np.asarray(noisy, dtype=float) - 100
    theory = discrete_laplace_std(scale)
    # relative standard error of a Laplace sample's std is sqrt(5 / (4 n)) = 0.56 %
    assert abs(noise.std() / theory - 1) < 0.04
    assert abs(noise.mean()) < 6 * theory / math.sqrt(N)
    # the shape is Laplace's, not Gaussian's: E|X| = 2q / ((1 + q)(1 - q)), q = exp(-1 / scale)
    q = math.exp(-1 / scale)
    mad = 2 * q / ((1 + q) * (1 - q))
    assert abs(np.abs(noise).mean() / mad - 1) < 0.04
    assert all(isinstance(v, int) for v in noisy[:10])


def test_the_discrete_laplace_std_formula() -> None:
    assert discrete_laplace_std(4.0) == pytest.approx(5.6419, abs=1e-3)
    assert discrete_laplace_std(1000.0) == pytest.approx(1000 * math.sqrt(2), rel=1e-4)


def _events(per_fan: dict[str, list[tuple[str, str]]]) -> pd.DataFrame:
    rows = []
    for fan, items in per_fan.items():
        for i, (video, event) in enumerate(items):
            rows.append(
                (fan, video, event, pd.Timestamp("2025-01-01", tz="UTC") + pd.Timedelta(minutes=i))
            )
    return pd.DataFrame(rows, columns=["fan_key", "video_id", "event", "ts"])


CATALOGUE = {
    "v1": ["cooking"],
    "v2": ["travel"],
    "v3": ["cooking", "music"],
    "v4": ["news"],
    "v5": ["pets"],
}


def test_each_fan_contributes_at_most_the_caps() -> None:
    heavy = [("v1", "view")] * 500 + [("v2", "like")] * 500
    events = _events({"heavy": heavy, **{f"f{i}": [("v2", "view")] for i in range(30)}})
    capped = cap_events(events, 20)
    assert capped.groupby("fan_key").size().max() == 20
    assert len(capped[capped["fan_key"] == "heavy"]) == 20
    many_topics = _events(
        {
            "x": [
                ("v1", "view"),
                ("v2", "view"),
                ("v3", "view"),
                ("v4", "view"),
                ("v5", "view"),
                ("v1", "like"),
            ]
        }
    )
    picked = fan_topics(many_topics, CATALOGUE, 3)
    assert list(picked["topic"]) == ["cooking", "music", "news"]  # cooking twice, then by name


def test_noisy_counts_match_capped_truth_with_a_huge_budget_and_k_applies() -> None:
    """With epsilon 1e7 the noise is below 0.5: the released numbers are the capped true counts."""
    events = _events(
        {
            "heavy": [("v1", "view")] * 300,
            **{f"a{i}": [("v1", "view"), ("v2", "like")] for i in range(12)},
            **{f"b{i}": [("v3", "comment")] for i in range(4)},
        }
    )
    segments = {"heavy": 1, **{f"a{i}": 1 for i in range(12)}, **{f"b{i}": 2 for i in range(4)}}
    cfg = ShareConfig(epsilon=3e7, k=10, max_topics_per_fan=3, max_events_per_fan=20)
    rel = share_release(events, CATALOGUE, segments, [1, 2], cfg)
    assert rel.epsilon_spent == pytest.approx(3e7)
    it = rel.interactions.table.set_index(["video_id", "event"])
    assert int(it.loc[("v1", "view"), "count"]) == 20 + 12  # the heavy fan counts 20, not 300
    assert int(it.loc[("v2", "like"), "count"]) == 12
    assert bool(it.loc[("v3", "comment"), "suppressed"]) and pd.isna(
        it.loc[("v3", "comment"), "count"]
    )
    assert len(it) == (len(CATALOGUE) + 1) * len(EVENT_KINDS)  # fixed keys, zeros included
    seg = rel.segments.table.set_index("segment") if rel.segments is not None else None
    assert seg is not None and int(seg.loc[1, "count"]) == 13 and bool(seg.loc[2, "suppressed"])
    topics = rel.topics.table.set_index("topic")
    assert int(topics.loc["cooking", "count"]) == 17 and int(topics.loc["travel", "count"]) == 12
    assert bool(topics.loc["pets", "suppressed"])
    frame = rel.long_frame()
    assert set(frame.columns) == {"table", "key", "event", "count", "suppressed"}
    assert not frame.astype(str).apply(lambda c: c.str.contains("heavy|a1|b2")).any().any()


def test_sensitivity_holds_for_neighbouring_fan_bases() -> None:
    """Removing one fan changes each capped count vector by at most its cap (L1), on random data."""
    rng = np.random.default_rng(7)
    videos = list(CATALOGUE)
    for _ in range(25):
        fans = {
            f"f{i}": [
                (str(rng.choice(videos)), str(rng.choice(EVENT_KINDS[:4])))
                for _ in range(int(rng.integers(1, 60)))
            ]
            for i in range(15)
        }
        full = _events(fans)
        gone = rng.choice(list(fans))
        less = full[full["fan_key"] != gone]
        keys = pd.MultiIndex.from_product([videos, list(EVENT_KINDS)])  # all in the catalogue
        a = cap_events(full, 20).groupby(["video_id", "event"]).size().reindex(keys, fill_value=0)
        b = cap_events(less, 20).groupby(["video_id", "event"]).size().reindex(keys, fill_value=0)
        assert (a - b).abs().sum() <= 20
        ta = fan_topics(full, CATALOGUE, 3).groupby("topic").size()
        tb = fan_topics(less, CATALOGUE, 3).groupby("topic").size().reindex(ta.index, fill_value=0)
        assert (ta - tb).abs().sum() <= 3


def test_released_counts_are_noisy_at_a_normal_budget() -> None:
    events = _events({f"a{i}": [("v1", "view")] for i in range(200)})
    draws = [
        int(
            share_release(events, CATALOGUE, config=ShareConfig(epsilon=4.0))
            .interactions.table.set_index(["video_id", "event"])
            .loc[("v1", "view"), "count"]
        )
        for _ in range(40)
    ]
    assert len(set(draws)) > 10  # scale 20 / 2 = 10 (std 14): forty near-equal draws are impossible
    assert abs(np.mean(draws) - 200) < 6 * discrete_laplace_std(10) / math.sqrt(40)


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_a_bad_epsilon_is_refused(bad: float) -> None:
    with pytest.raises(AnalyticsError, match="epsilon must be a number above 0"):
        share_release(_events({"a": [("v1", "view")]}), CATALOGUE, config=ShareConfig(epsilon=bad))


def test_report_share_mode_states_epsilon_and_holds_no_fan_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.duckdb")
    listing = (
        "video_id,title,publishedAt,channelId,channelTitle,tags,view_count,likes,comment_count,description\n"
        + "".join(
            f'"v{i}","Video {i}","2025-01-{i + 1:02d}T10:00:00.000Z","UCone","One","{"cooking" if i % 2 else "travel"}","{1000 + 10 * i}","5","1","d"\n'
            for i in range(12)
        )
    ).encode()
    fans = "fan_id,video_id,event,timestamp\n" + "".join(
        f"fan{f},v{(f + j) % 12},view,2025-01-{1 + j:02d}T10:00:00Z\n"
        for f in range(60)
        for j in range(3)
    )
    reports = import_files(db, [("listing.csv", listing)], channel=None)
    reports += import_files(db, [("fans.csv", fans.encode())], channel="UCone")
    assert [r.status for r in reports] == ["loaded", "loaded"]
    out = tmp_path / "r.html"
    capsys.readouterr()
    assert (
        main(
            [
                "report",
                "--db",
                db,
                "--out",
                str(out),
                "--channel",
                "UCone",
                "--no-models",
                "--share",
                "--epsilon",
                "0.8",
                "--json",
            ]
        )
        == 0
    )
    info = json.loads(capsys.readouterr().out)
    assert info["share"]["epsilon_spent"] == pytest.approx(0.8)
    assert info["share"]["k"] == 10
    html = out.read_text(encoding="utf-8")
    assert "Fans, shared with differential privacy" in html and "ε = 0.8" in html
    shared = pd.read_csv(info["share"]["csv"], encoding="utf-8-sig")
    assert set(shared["table"]) == {"fans_per_topic", "interactions"}
    assert set(shared["suppressed"]) <= {True, False}
    assert (shared["count"].isna() == shared["suppressed"]).all()
    assert len(shared[shared["table"] == "interactions"]) == (12 + 1) * len(EVENT_KINDS)
    from analytics.services.share import load_fan_events

    keys = set(load_fan_events(db, "UCone")["fan_key"])
    text = Path(info["share"]["csv"]).read_text(encoding="utf-8-sig") + html
    assert len(keys) == 60 and not any(k in text for k in keys)
    assert "fan0," not in text


def test_videos_outside_the_catalogue_count_under_one_fixed_key() -> None:
    events = _events({f"a{i}": [("unknown-video", "view"), ("v1", "view")] for i in range(30)})
    rel = share_release(events, CATALOGUE, config=ShareConfig(epsilon=3e7))
    it = rel.interactions.table.set_index(["video_id", "event"])
    assert int(it.loc[("(other videos)", "view"), "count"]) == 30
    assert "unknown-video" not in set(rel.interactions.table["video_id"])


def test_share_release_of_fans_without_a_catalogue() -> None:
    events = _events({f"a{i}": [("x", "comment")] for i in range(50)})
    rel = share_release(events, {}, config=ShareConfig(epsilon=1.0))
    assert list(rel.interactions.table["video_id"].unique()) == ["(other videos)"]
    assert rel.topics.table.empty
    from analytics.present.share_section import share_section_html

    assert "Interactions per video" in share_section_html(rel, "en")
