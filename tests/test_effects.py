"""Honest group effects: chosen on older videos, measured on newer ones, corrected."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.models.effects import (
    GroupEffect,
    adjust,
    benjamini_hochberg,
    candidate_groups,
    confidence_of,
    family_effect,
    holm,
    time_blocks,
)


def _dates(n: int) -> np.ndarray:
    return np.datetime64("2024-01-01") + np.arange(n).astype("timedelta64[D]")


def test_benjamini_hochberg_matches_the_textbook_example() -> None:
    p = [0.01, 0.04, 0.03, 0.005, 0.2]
    # sorted 0.005, 0.01, 0.03, 0.04, 0.2 -> x5/1..5 -> 0.025, 0.025, 0.05, 0.05, 0.2
    assert benjamini_hochberg(p) == pytest.approx([0.025, 0.05, 0.05, 0.025, 0.2])
    assert len(benjamini_hochberg([])) == 0


def test_candidate_groups_are_contiguous_bins_without_the_whole_range() -> None:
    groups = candidate_groups(np.array([1.0, 2.0, 3.0]), categorical=False)
    assert groups == [(1.0, 1.0, None), (1.0, 2.0, None), (2.0, 2.0, None), (2.0, 3.0, None),
                      (3.0, 3.0, None)]  # fmt: skip
    assert candidate_groups(np.array(["a", "b", None], dtype=object), categorical=True) == [
        (None, None, "a"),
        (None, None, "b"),
    ]


def test_a_planted_window_is_found_and_its_interval_covers_the_truth() -> None:
    found = covered = 0
    for seed in range(40):
        rng = np.random.default_rng(seed)
        n = 300
        duration = rng.uniform(30, 1500, n)
        inside = (duration >= 480) & (duration <= 720)
        residual = rng.normal(0, 0.5, n) + np.log(1.5) * inside
        eff = family_effect("duration_s", duration, residual, _dates(n))
        assert eff is not None
        claimed = eff.members(duration)
        # the true ratio of the claimed group under the planted model (newer half)
        newer = np.arange(n) >= n // 2
        truth = np.exp(
            np.log(1.5) * (inside[newer & claimed].mean() - inside[newer & ~claimed].mean())
        )
        lo, hi = eff.interval
        assert lo <= eff.ratio <= hi
        covered += lo <= truth <= hi
        assert eff.n_in + eff.n_out == n - n // 2
        found += eff.p_value < 0.05 and eff.ratio > 1.0
    # a 95 % interval: 39 of 40 measured; a window searched on 150 videos is often a little
    # off the planted one, and a 1.5x effect in a sixth of the videos is found in 29 of 40
    assert covered >= 36
    assert found >= 25


def test_pure_noise_is_rarely_significant_after_correction() -> None:
    significant = 0
    for seed in range(40):
        rng = np.random.default_rng(100 + seed)
        n = 120
        features = [rng.uniform(0, 1, n) for _ in range(6)]
        residual = rng.normal(0, 0.5, n)
        effects = [family_effect(f"f{i}", x, residual, _dates(n)) for i, x in enumerate(features)]
        settled = adjust([e for e in effects if e is not None])
        assert all(e.confidence != "high" for e in settled)  # no model: never high
        significant += any(e.confidence == "medium" for e in settled)
    # Holm bounds the chance of any false claim on a channel by 5 %: 5 of these 40 channels
    # (13 of 200 in a longer run, 6.5 %); each single test has its size (4.6 % at 0.05)
    assert significant <= 5


def _effect(p: float, n_in: int = 20, n_out: int = 40) -> GroupEffect:
    return GroupEffect("f", 0.0, 1.0, None, 1.5, (1.2, 1.9), p, p, n_in, n_out, 40, 80)


def test_confidence_levels() -> None:
    assert confidence_of(_effect(0.001), model_agrees=True) == "high"
    assert confidence_of(_effect(0.001), model_agrees=False) == "medium"  # no model check
    assert confidence_of(_effect(0.001, n_in=10), model_agrees=True) == "medium"  # too few
    assert confidence_of(_effect(0.03), model_agrees=True) == "medium"
    assert confidence_of(_effect(0.2), model_agrees=True) == "low"
    assert confidence_of(_effect(0.001, n_in=3), model_agrees=True) == "low"


def test_holm_matches_the_textbook_example() -> None:
    p = [0.01, 0.04, 0.03, 0.005, 0.2]
    # sorted 0.005, 0.01, 0.03, 0.04, 0.2 -> x5, x4, x3, x2, x1 -> 0.025, 0.04, 0.09, 0.09, 0.2
    assert holm(p) == pytest.approx([0.04, 0.09, 0.09, 0.025, 0.2])
    assert len(holm([])) == 0
    assert holm([0.5, 0.6]) == pytest.approx([1.0, 1.0])


def test_time_blocks_are_consecutive_and_a_short_last_block_joins_the_one_before() -> None:
    dates = _dates(23)[::-1]  # given newest first
    blocks = time_blocks(dates, size=10)
    assert list(blocks[::-1]) == [0] * 10 + [1] * 13  # 3 left over (< 5) join block 1
    assert list(time_blocks(_dates(26), size=10)) == [0] * 10 + [1] * 10 + [2] * 6


def _clustered_noise(seed: int, n: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """A feature that runs in spells (like upload cadence) and residuals whose error is
    shared by neighbours in time (a slowly wandering level), with no effect at all."""
    rng = np.random.default_rng(seed)
    level_error = np.convolve(rng.normal(0, 0.35, n + 19), np.ones(20) / np.sqrt(20), "valid")
    residual = level_error + rng.normal(0, 0.5, n)
    spells = np.repeat(rng.integers(0, 4, n // 15 + 1), 15)[:n].astype(float)
    return spells + rng.uniform(0, 0.5, n), residual


def test_a_feature_that_clusters_in_time_is_not_read_as_an_effect_of_shared_noise() -> None:
    from scipy import stats

    naive = within = 0
    for seed in range(60):
        feature, residual = _clustered_noise(seed)
        eff = family_effect("cadence", feature, residual, _dates(len(feature)))
        assert eff is not None
        within += eff.p_value < 0.05
        # the same claimed group compared plainly (two groups, no blocks) on the newer half
        newer = np.arange(len(feature)) >= len(feature) // 2
        m = eff.members(feature)
        naive += (
            stats.ttest_ind(residual[newer & m], residual[newer & ~m], equal_var=False)[1] < 0.05
        )
    assert naive >= 15  # the hostile case: a plain comparison finds "effects" in a quarter or more
    assert within <= 6  # within time blocks: about the 5 % a test at 0.05 should give (3 of 60)
