"""Honesty of the fans model: planted taste groups against fans with no structure at all.

For each seed, one channel of synthetic fans
(:func:`analytics.models.fans_synthetic.synthetic_fans`, 800 fans, 160 videos)
either with 4 planted taste groups (affinity 12) or with none (affinity 1),
fitted exactly as the Fans page and the strategy do
(:func:`analytics.models.fans.fit_fans`: global time split, tuned ALS,
popularity / recent popularity / item-item cosine baselines, 10 % margin)
and turned into strategy fan cards (:func:`analytics.strategy.fans_cards`).

Reported per kind of channel:

- ``beats``: channels where ALS beats the best baseline by the margin (its
  cards and similar videos are shown);
- ``max_vs_pop``: the largest NDCG@10 of ALS or item-item cosine over plain
  popularity's, and ``max_vs_blind`` over the better of the two content-blind
  baselines (popularity, recent popularity);
- ``cards_above_low``: structureless channels with a fan card at Medium or High;
- ``ari``: adjusted Rand index of the segments against the planted groups.

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


def one_channel(affinity: float, seed: int) -> dict[str, Any]:
    """Fit one synthetic channel and measure it."""
    from sklearn.metrics import adjusted_rand_score

    from analytics.models.fans import fit_fans
    from analytics.models.fans_synthetic import synthetic_fans
    from analytics.strategy import fans_cards

    data = synthetic_fans(affinity=affinity, seed=seed)
    result = fit_fans(data.interactions, seed=0, videos=data.videos)
    ev = result.evaluation
    ndcg = ev.table["ndcg@10"]
    pop = float(ndcg["popularity"])
    blind = max(pop, float(ndcg["recent_popularity"]))
    models = max(float(ndcg["als"]), float(ndcg["item_cosine"]))
    cards, _, _ = fans_cards(
        result, SimpleNamespace(table=data.videos[["video_id", "title"]]), n_boot=200
    )
    truth = data.truth.set_index("fan_key")["segment"].loc[list(result.model.users_.keys)]
    return {
        "beats": bool(ev.beats_baseline),
        "lift": float(ev.lift),
        "best_baseline": ev.best_baseline,
        "vs_pop": models / pop if pop > 0 else float("inf"),
        "vs_blind": models / blind if blind > 0 else float("inf"),
        "above_low": sum(c.confidence in ("medium", "high") for c in cards),
        "cards": len(cards),
        "segments": len(result.segmentation.segments),
        "ari": float(adjusted_rand_score(truth.to_numpy(), result.segmentation.labels)),
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
                f"ARI {r['ari']:.3f}",
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
