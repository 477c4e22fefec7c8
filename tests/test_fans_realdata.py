"""The fans model on real data: YouTube comments (2013-2015) and a trending snapshot.

The comments file holds 1,956 comments of 1,792 fans on 5 videos, 1,005 of
them spam; without spam, only 2 of 922 fans commented on two videos (25 of
1,792 with spam). The model must train and report, and say the data is too
thin to trust. The trending files (5 countries, 622 videos of 583 channels)
give a channel x topic matrix for topics from similar channels.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analytics.cli import main
from analytics.models.interactions import describe, from_frame
from analytics.models.market_topics import MarketTopicsModel
from analytics.services.fans import build_fans_report
from analytics.store.connection import connect
from analytics.store.fan_queries import insert_fan_interactions

COMMENTS = "youtube-comments-2013-2015/comments.csv"
TRENDING = "youtube-trending-2018-11-01"


def comments_frame(realdata: Path) -> pd.DataFrame:
    """The comments as fan interaction rows (authors are already keyed hashes)."""
    raw = pd.read_csv(realdata / COMMENTS, dtype=str, keep_default_na=False)
    assert len(raw) == 1956
    return pd.DataFrame(
        {
            "channel_id": "music",
            "fan_key": raw["author"],
            "video_id": raw["video_id"],
            "event": "comment",
            "ts": pd.to_datetime(raw["published_at"].replace("", None), utc=True, format="ISO8601"),
            "event_key": raw["comment_id"],
            "weight": 1.0,
            "is_spam": raw["is_spam"] == "1",
        }
    )


def test_comments_matrix_counts(realdata: Path) -> None:
    frame = comments_frame(realdata)
    clean = describe(from_frame(frame))
    assert (clean["fans"], clean["videos"], clean["pairs"]) == (922, 5, 924)
    assert clean["fans_with_2plus_videos"] == 2
    everything = describe(from_frame(frame, include_spam=True))
    assert (everything["fans"], everything["videos"]) == (1792, 5)
    assert everything["fans_with_2plus_videos"] == 25


def test_comments_train_report_and_say_too_thin(
    realdata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "comments.duckdb"
    with connect(db) as con:
        insert_fan_interactions(con, comments_frame(realdata))
    report = build_fans_report(db, "music")
    ev = report.evaluation
    assert (ev.fans, ev.videos, ev.test_fans) == (922, 5, 1)
    assert ev.params["chosen_by"] == "default"
    assert not ev.reliable
    assert report.warnings[0] == (
        "Only 1 of 922 fans interacted both before and after the test cutoff, so only they "
        "can be tested; with fewer than 100 such fans these figures are too thin to trust."
    )
    assert report.warnings[1].startswith("Only 5 videos have fan interactions")
    assert report.warnings[2].startswith("Hyperparameters not tuned: only 0 fans could be used")
    # One test fan, five videos: every model finds the later video within 10.
    assert ev.table.loc[:, "recall@10"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert ev.table.loc["als", "ndcg@10"] == pytest.approx(1.0)
    assert sum(s.size for s in report.segmentation.segments) == 922
    assert min(s.size for s in report.segmentation.segments) >= 10

    assert main(["fans", "--db", str(db), "--json"]) == 0
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert payload["evaluation"]["als"]["recall@10"] == 1.0
    assert "warning: Only 1 of 922 fans" in captured.err

    with_spam = build_fans_report(db, "music", include_spam=True)
    # Spam accounts comment on many videos, but none both before and after the cut-off.
    assert with_spam.evaluation.test_fans == 0
    assert with_spam.warnings[0].startswith(
        "Only 0 of 1792 fans interacted both before and after the test cutoff"
    )


def test_comments_through_the_importer(realdata: Path, tmp_path: Path) -> None:
    from analytics.ingest import ImportOptions
    from analytics.services.imports import import_files

    db = tmp_path / "imported.duckdb"
    reports = import_files(db, [realdata / COMMENTS], options=ImportOptions(channel="music"))
    assert [r.status for r in reports] == ["loaded"]
    report = build_fans_report(db, "music")
    assert (report.evaluation.fans, report.evaluation.test_fans) == (922, 1)
    assert "too thin to trust" in report.warnings[0]


def trending_topics(realdata: Path) -> pd.DataFrame:
    """Channel x tag counts of the five trending files, each video once."""
    files = sorted((realdata / TRENDING).glob("*_videos.csv"))
    raw = pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in files])
    raw = raw.drop_duplicates("video_id")
    assert (len(raw), raw["channelId"].nunique()) == (622, 583)
    rows = []
    for video, channel, name, tags in zip(
        raw["video_id"], raw["channelId"], raw["channelTitle"], raw["tags"], strict=True
    ):
        if tags == "[none]":
            continue
        for tag in {t.strip().lower() for t in tags.split("|") if t.strip()}:
            rows.append((channel, tag, video, name))
    pairs = pd.DataFrame(rows, columns=["channel_id", "topic", "video_id", "display_name"])
    return pairs.groupby(["channel_id", "topic"], as_index=False).agg(
        videos=("video_id", "nunique"), display_name=("display_name", "first")
    )


def test_topics_from_similar_channels_on_trending_data(realdata: Path) -> None:
    pairs = trending_topics(realdata)
    assert (pairs["channel_id"].nunique(), pairs["topic"].nunique()) == (563, 10303)
    model = MarketTopicsModel().fit(pairs)
    # Tags used by one channel only are left out: 456 channels share 909 tags.
    assert model.model_.user_factors_.shape == (456, 16)
    assert model.model_.item_factors_.shape == (909, 16)
    gucci = pairs.loc[pairs["display_name"] == "OfficialGucciMane", "channel_id"].iloc[0]
    picks = model.recommend_topics(gucci, 10)
    assert picks.known and len(picks.picks) == 10
    own = set(pairs.loc[pairs["channel_id"] == gucci, "topic"])
    assert not own & set(picks.picks["topic"])
    users_of = pairs.groupby("topic")["display_name"].apply(set)
    for topic, evidence in zip(picks.picks["topic"], picks.picks["evidence"], strict=True):
        assert evidence and set(evidence) <= users_of[topic]
    # A music channel gets music topics.
    assert {"pop", "music"} <= set(picks.picks["topic"])
    assert len(picks.similar_channels) == 9
    unknown = model.recommend_topics("UC-not-there")
    assert not unknown.known and "no tagged videos" in unknown.message
