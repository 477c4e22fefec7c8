"""The sample store and its strategy, built once per test run (not fixtures).

Building the sample store takes about ten seconds and the strategy with its
models about ten more; the growth, strategy, report and browser tests share
one of each. Under pytest-xdist the first worker builds them in the run's
shared temporary folder (under a file lock) and every worker works on its
own copy of the store file: DuckDB lets one process at a time open a file.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from analytics.errors import AnalyticsError
from analytics.strategy import StrategyResult

_STORES: dict[str, str] = {}
_RESULTS: dict[tuple[str, bool], StrategyResult] = {}

try:
    import fcntl
except ImportError:  # Windows: no shared build, each process builds its own
    fcntl = None  # type: ignore[assignment]


def _shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """The run's folder shared by every xdist worker (None without xdist or file locks)."""
    if fcntl is None or not os.environ.get("PYTEST_XDIST_WORKER"):
        return None
    return tmp_path_factory.getbasetemp().parent


class _Lock:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        self.fh = open(self.path, "w")  # noqa: SIM115 - held until __exit__
        fcntl.flock(self.fh, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def _build(path: Path) -> None:
    try:
        from analytics.services.demo import SAMPLE_DIR, build_sample_store
    except ImportError:
        pytest.skip("analytics.services.demo is not part of this checkout")
    if not (SAMPLE_DIR / "manifest.json").is_file():
        pytest.skip("sample_data/manifest.json is not present in this checkout")
    try:
        build_sample_store(path)
    except AnalyticsError as exc:
        pytest.fail(f"the sample store does not build: {exc}")


def sample_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Path of this process's copy of the sample store (``python -m analytics demo``)."""
    key = str(tmp_path_factory.getbasetemp())
    if key in _STORES:
        return _STORES[key]
    mine = Path(tmp_path_factory.mktemp("strategy_sample")) / "sample.duckdb"
    root = _shared_root(tmp_path_factory)
    if root is None:
        _build(mine)
    else:
        master = root / "strategy-sample" / "sample.duckdb"
        with _Lock(root / "strategy-sample.lock"):
            if not (master.parent / "done").exists():
                master.parent.mkdir(exist_ok=True)
                _build(master)
                (master.parent / "done").touch()
        shutil.copyfile(master, mine)
    _STORES[key] = str(mine)
    return _STORES[key]


def sample_strategy(
    tmp_path_factory: pytest.TempPathFactory, *, use_models: bool = True
) -> StrategyResult:
    """The :class:`analytics.strategy.StrategyResult` of the sample store's channel the pages show.

    With "All channels" the Strategy page, the CLI and the report read one channel,
    the one with the most videos (the sample creator's YouTube channel), never a
    pool of channels (:func:`analytics.services.channels.analysis_channel`).

    Computed once per run: workers share it through a pickle written by this
    test module itself in the run's temporary folder.
    """
    from analytics.services.channels import analysis_channel
    from analytics.services.strategy import build_strategy

    path = sample_store(tmp_path_factory)
    channel = analysis_channel(path, None)
    key = (path, use_models)
    if key in _RESULTS:
        return _RESULTS[key]
    root = _shared_root(tmp_path_factory)
    if root is None:
        _RESULTS[key] = build_strategy(path, channel, use_models=use_models)
        return _RESULTS[key]
    cache = root / "strategy-sample" / f"result-{int(use_models)}.pickle"
    with _Lock(root / "strategy-sample.lock"):
        if cache.exists():
            result = pickle.loads(cache.read_bytes())  # noqa: S301 - written by this module
        else:
            result = build_strategy(path, channel, use_models=use_models)
            cache.write_bytes(pickle.dumps(result))
    _RESULTS[key] = result
    return result
