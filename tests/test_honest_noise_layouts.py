"""Pure-noise channels that got a medium claim under the old confidence rule, one per
export layout, imported through the importer and read as the Strategy and Drivers
pages read them: no claim above low now; a planted x1.5 effect at 300 videos still
reaches medium with its size within 20 %.

The channels are the ones of ``benchmarks/honesty.py`` (the same generator, seeds and
layouts): Studio Content table and Studio chart (seed 1, 60 videos: the topic card
"diy" at 1.77x, adjusted p = 0.013 on 7 vs 23 held-out videos). No Bilibili noise
channel of seeds 0-36 got a medium card or shown reading; its test checks the family
that came closest (seed 8, 60 videos: videos posted soon after the previous one at
1.50x, adjusted p = 0.037, for which no card is written). In each, the drivers model
does not beat the content-blind baseline, so the held-out test alone had to carry the
claim.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    path = REPO / "benchmarks" / "honesty.py"
    spec = importlib.util.spec_from_file_location("honesty_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["honesty_bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _bench()


@pytest.mark.parametrize("layout", ["studio_table", "studio_chart"])
def test_noise_channel_gets_no_claim_above_low(bench: ModuleType, layout: str) -> None:
    out = bench.run_channel(60, 1, layout, False)
    # the old rule (corrected held-out test alone at 0.05) gave this channel a medium
    # card: "diy" videos at 1.77x
    assert out["best_prev"] == 1
    # now: no held-out card and no shown Drivers reading above low
    assert out["best"] == 0
    assert out["claims"] == []


def test_noise_bilibili_family_at_005_is_low(bench: ModuleType, tmp_path: Path) -> None:
    from analytics.services.growth import analyse_growth
    from analytics.services.reach import load_rows
    from analytics.strategy.honest import settle, tested_families
    from analytics.strategy.model_check import model_agreement

    videos = bench.make_channel(60, 8, "bilibili", False)
    files = bench.write_files(videos, "bilibili", tmp_path)
    db = str(tmp_path / "store.duckdb")
    bench.import_files(db, files, "bilibili")
    tested = tested_families(analyse_growth(db, None).table)
    report = bench.lean_drivers(load_rows(db))
    assert report is not None and not report.comparison.beats_baseline
    agrees, _ = model_agreement(tested, report)
    settled = settle(tested, agrees)
    space = settled["cadence_space"].effect
    # videos posted within 2 days of the previous one: 1.50x on 8 vs 22 held-out videos,
    # adjusted p 0.037 (medium under the old rule), the model does not agree
    assert space.n_in == 8 and space.n_out == 22
    assert round(space.ratio, 2) == 1.50
    assert 0.01 < space.p_adjusted < 0.05
    assert space.confidence == "low"
    assert all(r.effect.confidence == "low" for r in settled.values())
    assert all(r.confidence == "low" for r in report.tested)


def test_planted_effect_at_300_videos_stays_medium(bench: ModuleType) -> None:
    out = bench.run_channel(300, 0, "studio_table", True)
    # the drivers model does not beat the content-blind baseline on this channel, yet
    # the held-out test of the 8-12 min videos is strong enough on its own
    assert out["found"] is True
    assert out["size_ok"] is True
    assert any(c.startswith("card:duration:medium:1.5") for c in out["claims"])
