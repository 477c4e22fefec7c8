"""The sample store and its strategy, built once per test process (not fixtures).

Building the sample store takes about ten seconds and the strategy with its
models a few more; the growth, strategy, report and browser tests share one
of each per process (per xdist worker).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.errors import AnalyticsError

_STORES: dict[str, str] = {}
_RESULTS: dict[tuple[str, bool], object] = {}


def sample_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Path of the sample store (``python -m analytics demo``), built on first use."""
    key = str(tmp_path_factory.getbasetemp())
    if key not in _STORES:
        try:
            from analytics.demo import SAMPLE_DIR, build_sample_store
        except ImportError:
            pytest.skip("analytics.demo is not part of this checkout")
        if not (SAMPLE_DIR / "manifest.json").is_file():
            pytest.skip("sample_data/manifest.json is not present in this checkout")
        path = Path(tmp_path_factory.mktemp("strategy_sample")) / "sample.duckdb"
        try:
            build_sample_store(path)
        except AnalyticsError as exc:
            pytest.fail(f"the sample store does not build: {exc}")
        _STORES[key] = str(path)
    return _STORES[key]


def sample_strategy(tmp_path_factory: pytest.TempPathFactory, *, use_models: bool = True):  # noqa: ANN201
    """The :class:`analytics.strategy.StrategyResult` of the sample store (all channels)."""
    from analytics.strategy import build_strategy

    path = sample_store(tmp_path_factory)
    key = (path, use_models)
    if key not in _RESULTS:
        _RESULTS[key] = build_strategy(path, None, use_models=use_models)
    return _RESULTS[key]
