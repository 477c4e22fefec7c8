"""Honesty of the fans model: planted taste groups against fans with no structure at all.

For each seed, one channel of synthetic fans
(:func:`analytics.models.fans_synthetic.synthetic_fans`, 800 fans, 160 videos)
either with 4 planted taste groups (affinity 12) or with none (affinity 1),
written as exports (a YouTube Data API video list and a ``fan_id,video_id,event,
timestamp,is_spam`` interactions file), imported through the importer into a fresh
store, and fitted from the store exactly as the Fans page and the strategy do
(:func:`analytics.services.fans.fans_result`: global time split, tuned ALS,
popularity / recent popularity / item-item cosine baselines, 10 % margin)
and turned into strategy fan cards (:func:`analytics.strategy.fans_cards`).

Reported per kind of channel:

- ``beats``: channels where ALS beats the best baseline by the margin (its
  cards and similar videos are shown);
- ``max_vs_pop``: the largest NDCG@10 of ALS or item-item cosine over plain
  popularity's, and ``max_vs_blind`` over the better of the two content-blind
  baselines (popularity, recent popularity);
- ``cards_above_low``: structureless channels with a fan card at Medium or High;
- ``ari``: adjusted Rand index of the segments against the planted groups (the store
  keeps keyed fan ids only: each fan is matched to the generator's by its set of videos).

Targets (issue "Honest models"): on structureless fans no model reported
better than popularity by more than 20 % and no fan card above Low; on
structured fans ALS beats the baselines and the segments are recovered.

    python benchmarks/fans_honesty.py            # 10 + 10 seeds
    python benchmarks/fans_honesty.py --quick    # 3 + 3 seeds, under a minute

The last line is ``RESULT key=value ...``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


CHANNEL_ID = "UCfansHonesty000000000001"


def write_exports(data: Any, folder: Path) -> list[Path]:
    """The synthetic channel as a YouTube Data API video list and a fan interactions file.

    ``youtube_api/videos.csv`` (the trending-list layout, tags joined by ``|``) and
    ``interactions.csv`` (``fan_id,video_id,event,timestamp,is_spam``); the raw fan id is
    the generator's fan key, which the importer keys again with the store's secret.
    """
    import csv

    videos = folder / "videos.csv"
    with videos.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["video_id", "title", "publishedAt", "channelId", "channelTitle",
                    "categoryId", "trending_date", "tags", "view_count", "likes", "dislikes",
                    "comment_count", "thumbnail_link", "comments_disabled",
                    "ratings_disabled", "description"])  # fmt: skip
        for v in data.videos.itertuples():
            w.writerow([v.video_id, v.title, v.published_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                        CHANNEL_ID, "Fans Honesty", "22", "25.01.06", "|".join(v.tags), "1000",
                        "50", "0", "10", "", "False", "False", v.title])  # fmt: skip
    inter = folder / "interactions.csv"
    with inter.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["fan_id", "video_id", "event", "timestamp", "is_spam"])
        for r in data.interactions.itertuples():
            w.writerow([r.fan_key, r.video_id, r.event,
                        r.ts.strftime("%Y-%m-%dT%H:%M:%SZ"), str(bool(r.is_spam)).lower()])  # fmt: skip
    return [videos, inter]


def import_exports(db: Path, files: list[Path]) -> None:
    """Import the video list, then the interactions for its channel, through the importer."""
    from analytics.ingest import ImportOptions
    from analytics.services.imports import import_files

    for path, channel in ((files[0], None), (files[1], CHANNEL_ID)):
        reports = import_files(db, [path], options=ImportOptions(channel=channel))
        if [r.status for r in reports] != ["loaded"]:
            raise RuntimeError(f"import of {path.name} failed: {reports[0].error}")


def _truth_by_key(data: Any, db: Path) -> dict[str, int]:
    """Planted segment per stored (keyed) fan, matched by the fan's set of videos.

    The store keeps only keyed fan ids; a fan's set of videos names them (sets shared by
    two synthetic fans are left out).
    """
    from analytics.services.fans import load_matrix

    seg = data.truth.set_index("fan_key")["segment"]
    raw = data.interactions[~data.interactions["is_spam"]]
    by_set: dict[frozenset[str], list[int]] = {}
    for fan, vids in raw.groupby("fan_key")["video_id"]:
        by_set.setdefault(frozenset(vids), []).append(int(seg[fan]))
    matrix = load_matrix(db, CHANNEL_ID, with_time=False)
    m = matrix.user_items.tocsr()
    items = [str(matrix.items.keys[i]) for i in range(m.shape[1])]
    out = {}
    for u in range(m.shape[0]):
        vids = frozenset(items[i] for i in m.indices[m.indptr[u] : m.indptr[u + 1]])
        found = by_set.get(vids, [])
        if len(found) == 1:
            out[str(matrix.users.keys[u])] = found[0]
    return out


def one_channel(affinity: float, seed: int) -> dict[str, Any]:
    """Write one synthetic channel as exports, import it, fit it as the Fans page does."""
    import tempfile

    from sklearn.metrics import adjusted_rand_score

    from analytics.models.fans_synthetic import synthetic_fans
    from analytics.services.fans import fans_result
    from analytics.store.fan_queries import load_video_catalogue
    from analytics.strategy import fans_cards

    data = synthetic_fans(affinity=affinity, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "fans.duckdb"
        import_exports(db, write_exports(data, Path(tmp)))
        result = fans_result(db, CHANNEL_ID, seed=0)
        catalogue = load_video_catalogue(db, CHANNEL_ID)
        truth = _truth_by_key(data, db)
    ev = result.evaluation
    ndcg = ev.table["ndcg@10"]
    pop = float(ndcg["popularity"])
    blind = max(pop, float(ndcg["recent_popularity"]))
    models = max(float(ndcg["als"]), float(ndcg["item_cosine"]))
    cards, _, _ = fans_cards(
        result, SimpleNamespace(table=catalogue[["video_id", "title"]]), n_boot=200
    )
    keys = [str(k) for k in result.model.users_.keys]
    matched = [i for i, k in enumerate(keys) if k in truth]
    labels = result.segmentation.labels
    return {
        "beats": bool(ev.beats_baseline),
        "lift": float(ev.lift),
        "best_baseline": ev.best_baseline,
        "vs_pop": models / pop if pop > 0 else float("inf"),
        "vs_blind": models / blind if blind > 0 else float("inf"),
        "above_low": sum(c.confidence in ("medium", "high") for c in cards),
        "cards": len(cards),
        "segments": len(result.segmentation.segments),
        "ari": float(
            adjusted_rand_score([truth[keys[i]] for i in matched], [labels[i] for i in matched])
        ),
        "matched": len(matched) / max(len(keys), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 + 3 seeds, under a minute")
    parser.add_argument("--seeds", type=int, default=None, help="seeds per kind (default 10)")
    args = parser.parse_args(argv)
    n = args.seeds or (3 if args.quick else 10)
    start = time.perf_counter()
    rows: dict[str, list[dict[str, Any]]] = {"structured": [], "noise": []}
    for kind, affinity in (("structured", 12.0), ("noise", 1.0)):
        for seed in range(n):
            r = one_channel(affinity, seed)
            rows[kind].append(r)
            print(
                f"{kind:<10} seed {seed}: ALS {'beats' if r['beats'] else 'does not beat'} "
                f"{r['best_baseline']} ({r['lift']:+.1%}); best model {r['vs_pop']:.2f}x "
                f"popularity, {r['vs_blind']:.2f}x best content-blind; {r['cards']} fan "
                f"card(s), {r['above_low']} above Low; {r['segments']} segments, "
                f"ARI {r['ari']:.3f} ({r['matched']:.0%} of fans matched)",
                flush=True,
            )
    s, z = rows["structured"], rows["noise"]
    seconds = time.perf_counter() - start
    ari = [r["ari"] for r in s]
    result = {
        "seeds": n,
        "structured_beats": f"{sum(r['beats'] for r in s)}/{n}",
        "structured_ari_mean": f"{sum(ari) / n:.3f}",
        "structured_ari_min": f"{min(ari):.3f}",
        "noise_beats": f"{sum(r['beats'] for r in z)}/{n}",
        "noise_max_vs_pop": f"{max(r['vs_pop'] for r in z):.2f}",
        "noise_max_vs_blind": f"{max(r['vs_blind'] for r in z):.2f}",
        "noise_cards_above_low": sum(r["above_low"] for r in z),
        "seconds": f"{seconds:.0f}",
    }
    print("RESULT " + " ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
