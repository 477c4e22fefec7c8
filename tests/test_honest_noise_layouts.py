"""The honesty benchmark's channels through the importer, read as the Strategy and
Drivers pages read them, under the confidence rule in force and the stricter rule the
benchmark prints beside it (measured, not adopted: see :mod:`analytics.models.effects`).

The channels are the ones of ``benchmarks/honesty.py`` (the same generator, seeds and
layouts). A planted x1.5 effect at 300 videos reaches medium with its size within 20 %;
the one pure-noise channel of seeds 0-1 that gets a medium card (seed 1, 60 videos, in
both Studio layouts: the topic card "diy" at 1.83x, Holm-adjusted p = 0.049 on 7 vs 23
held-out videos) is among the noise channels the README reports, and the stricter rule
would not have made it.
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
    # the rule in force: one medium card, the topic "diy" at 1.83x (a false claim within the
    # 5 % of noise channels the README reports); never high
    assert out["best"] == 1
    assert out["claims"] == ["card:topic_up:medium:1.83"]
    # the stricter rule: nothing above low on this channel
    assert out["best_strict"] == 0
    # no content model beats the content-blind baseline, so no Drivers reading is shown;
    # one tested reading reaches medium by chance on this pure-noise channel (days since the
    # previous upload, 2.0x on 17 vs 13 held-out videos, Holm-adjusted p = 0.010; compared
    # within time blocks, the topic reading that also reached medium before is now low)
    assert out["beats"] is False
    assert out["tested_claims"] == ["days_since_prev_upload"]


def test_planted_effect_at_300_videos_stays_medium(bench: ModuleType) -> None:
    out = bench.run_channel(300, 0, "studio_table", True)
    # the drivers model does not beat the content-blind baseline on this channel, yet
    # the held-out test of the 8-12 min videos is strong enough on its own
    assert out["found"] is True
    assert out["size_ok"] is True
    assert any(c.startswith("card:duration:medium:1.6") for c in out["claims"])
    # the content model does not beat the channel's recent level: no reading is shown
    assert (out["beats"], out["blind"]) == (False, "level")
    readings = {r["feature"]: r for r in out["readings"]}
    assert not any(r["shown"] for r in readings.values())
    # the duration reading (460-666 s, chosen on the older half) covers its group's truth:
    # 1.41x (the group holds some videos outside the planted 8-12 min, and misses some)
    duration = readings["duration_s"]
    assert duration["ratio"] == pytest.approx(1.494, abs=0.002)
    assert duration["truth"] == pytest.approx(1.410, abs=0.002)
    assert duration["covers"] and duration["confidence"] == "medium"
    # uploads in the previous 7 days at 1.45x where the truth is 1.05x: a medium chance
    # finding whose interval missed the truth under the plain two-group test (Welch,
    # Benjamini-Hochberg); compared within time blocks and Holm-adjusted it is low, and its
    # interval covers the truth
    cadence = readings["uploads_prev_7d"]
    assert cadence["confidence"] == "low" and cadence["covers"]
    assert cadence["truth"] == pytest.approx(1.050, abs=0.002)
    assert sum(r["covers"] for r in readings.values()) == 6 and len(readings) == 6
    # every headline lies inside its own interval; every held-out card covers its truth
    assert out["out_of_range"] == []
    assert out["covers_all"] == [True, True, True]
    assert out["covers_claimed"] == [True]  # the one medium card: 8-12 min
    # the planner fitted on the older 240 videos, checked on the newest 60
    plan = out["planner"]
    assert plan["n_test"] == 60
    assert plan["cover"] == pytest.approx(47 / 60)  # stated 80 %
    assert plan["stated"] == pytest.approx(0.771, abs=0.001)  # what the page would show
    assert plan["pinball"] == pytest.approx(0.1309, abs=0.001)
    assert plan["pinball_naive"] == pytest.approx(0.1732, abs=0.001)
    assert plan["p50_err"] == pytest.approx(0.435, abs=0.002)
    assert plan["median10_err"] == pytest.approx(0.467, abs=0.002)


def test_truth_of_a_group_and_the_headline_in_its_range(bench: ModuleType) -> None:
    planted = {"a", "b", "c"}
    everyone = {"a", "b", "c", "d", "e", "f"}
    # exactly the planted videos: 1.5x; half of them inside against none outside: 1.5 ** 0.5
    assert bench.truth_of({"a", "b", "c"}, planted, everyone) == pytest.approx(1.5)
    assert bench.truth_of({"a", "d"}, planted, everyone) == pytest.approx(1.5 ** (0.5 - 0.5))
    assert bench.truth_of({"a", "b"}, planted, everyone) == pytest.approx(1.5 ** (1 - 0.25))
    assert bench.truth_of(everyone, planted, everyone) == 1.0  # no group
    assert bench.inside(1.5, (1.2, 1.8)) and bench.inside(1.2, (1.2, 1.8))
    assert not bench.inside(1.19, (1.2, 1.8)) and not bench.inside(1.81, (1.2, 1.8))
