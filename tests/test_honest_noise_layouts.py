"""The honesty benchmark's channels through the importer, read as the Strategy and
Drivers pages read them, under the confidence rule in force and the stricter rule the
benchmark prints beside it (measured, not adopted: see :mod:`analytics.models.effects`).

The channels are the ones of ``benchmarks/honesty.py`` (the same generator, seeds and
layouts). A planted x1.5 effect at 300 videos reaches medium with its size within 20 %;
the one pure-noise channel of seeds 0-1 that gets a medium card (seed 1, 60 videos, in
both Studio layouts: the topic card "diy" at 1.77x, adjusted p = 0.013 on 7 vs 23
held-out videos) is among the 5 of 120 noise channels the README reports, and the
stricter rule would not have made it.
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


def test_stricter_rule_ranks(bench: ModuleType) -> None:
    rule = bench.stricter_rule
    assert rule(0.005, 20, 40, True) == 2
    assert rule(0.005, 10, 40, True) == 1  # too few for high
    assert rule(0.005, 20, 40, False) == 1  # the test alone at 0.01
    assert rule(0.03, 20, 40, False) == 0  # 0.01-0.05 needs the model
    assert rule(0.03, 20, 40, True) == 1
    assert rule(0.001, 4, 40, True) == 0  # fewer than 5 on a side


@pytest.mark.parametrize("layout", ["studio_table", "studio_chart"])
def test_noise_channel_claims_under_both_rules(bench: ModuleType, layout: str) -> None:
    out = bench.run_channel(60, 1, layout, False)
    # the rule in force: one medium card, the topic "diy" at 1.77x (a false claim within the
    # 5 % of noise channels the README reports); never high
    assert out["best"] == 1
    assert out["claims"] == ["card:topic_up:medium:1.77"]
    # the stricter rule: nothing above low on this channel
    assert out["best_strict"] == 0


def test_planted_effect_at_300_videos_stays_medium(bench: ModuleType) -> None:
    out = bench.run_channel(300, 0, "studio_table", True)
    # the drivers model does not beat the content-blind baseline on this channel, yet
    # the held-out test of the 8-12 min videos is strong enough on its own
    assert out["found"] is True
    assert out["size_ok"] is True
    assert any(c.startswith("card:duration:medium:1.5") for c in out["claims"])
