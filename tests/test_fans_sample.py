"""The fans model on the sample store (``sample_data/``): planted segments and lift.

The sample generator plants 4 fan segments (``truth.json``: fan id -> segment;
topics cooking+travel, tech+gaming, fitness+vlog, cooking+fitness) over
2,000 fans and 146 YouTube videos. Only the two files the fans model reads
are imported (the video list with tags, then the fan events), through the
normal importer, so the fan keys are the store's HMAC keys.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sklearn.metrics import adjusted_rand_score

from analytics.services.fans import FansReport, build_fans_report

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_data"
CHANNEL = "UCkitchenLab0000000000001"
#: Adjusted Rand index the recovered segments must reach: measured 0.747-0.858 over six
#: stores (each store's keyed fan ids order the fans differently, and so ALS's start) with
#: the model tuned on the global time split; 0.892 under the earlier per-fan split.
MIN_ARI = 0.70


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, FansReport]:
    needed = [
        SAMPLE / "manifest.json",
        SAMPLE / "truth.json",
        SAMPLE / "fans" / "interactions.csv",
        SAMPLE / "youtube_api" / "videos.csv",
    ]
    if not all(p.is_file() for p in needed):
        pytest.skip("sample_data/ with fans and truth.json is not present in this checkout")
    from analytics.ingest import ImportOptions
    from analytics.services.imports import import_files
    from analytics.store.connection import connect
    from analytics.store.writer import upsert_channels

    db = tmp_path_factory.mktemp("sample_fans") / "s.duckdb"
    manifest = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))
    with connect(db) as con:
        con.execute("BEGIN TRANSACTION")
        upsert_channels(con, manifest["channels"])
        con.execute("COMMIT")
    for path, channel in (
        (SAMPLE / "youtube_api" / "videos.csv", None),
        (SAMPLE / "fans" / "interactions.csv", CHANNEL),
    ):
        reports = import_files(db, [path], options=ImportOptions(channel=channel))
        assert [r.status for r in reports] == ["loaded"], reports[0].error
    return db, build_fans_report(db, CHANNEL)


def test_sample_verdict_on_a_global_time_split(sample: tuple[Path, FansReport]) -> None:
    """After the cut-off the sample's fans mostly watch brand-new videos: recency wins.

    226 of 2,000 fans came back to videos that existed before the cut-off (3,180 later
    pairs were on new videos or by new fans and cannot be ranked by any collaborative
    model). Recent popularity finds nearly all of them; ALS with the recency prior is
    within a few percent of it (measured -1 % to +8 %: the store's keyed fan ids, from a
    secret made per store, order the fans, so the figure moves from store to store), short
    of the 10 % margin, so its suggestions are hidden.
    """
    ev = sample[1].evaluation
    assert (ev.fans, ev.videos) == (2000, 146)
    assert (ev.test_fans, ev.cold_pairs) == (226, 3180)
    assert ev.warnings == []
    t = ev.table["ndcg@10"]
    assert t["als"] >= 1.5 * t["popularity"]  # measured 0.682 vs 0.027
    assert t["als"] > t["item_cosine"]
    assert ev.best_baseline == "recent_popularity"
    assert t["recent_popularity"] == pytest.approx(0.6535, abs=1e-3)
    assert -0.05 < ev.lift < ev.margin == 0.10
    assert not ev.beats_baseline and not sample[1].beats_baseline


def test_sample_planted_segments_recovered(sample: tuple[Path, FansReport]) -> None:
    from analytics.ingest.formats.fans import fan_key, fan_secret
    from analytics.store.connection import connect

    db, report = sample
    truth = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))["fans"]
    with connect(db) as con:
        secret = fan_secret(con)
    by_key = {fan_key(secret, fan): segment for fan, segment in truth.items()}
    planted = [by_key[k] for k in report.model.users_.keys]
    seg = report.segmentation
    ari = adjusted_rand_score(planted, seg.labels)
    # Four planted groups; one store in five splits one of them in two.
    assert seg.clusters_found in (4, 5)
    assert len(seg.segments) == seg.clusters_found
    assert ari >= MIN_ARI
    labels = [set(s.top_topics) for s in seg.segments]
    # Each planted segment's distinctive topic names one recovered segment.
    assert any("travel" in t for t in labels)
    assert any({"tech", "gaming"} <= t for t in labels)
    assert any("vlog" in t for t in labels)
