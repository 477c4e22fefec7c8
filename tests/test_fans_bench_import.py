"""The fans honesty benchmark's channels go through the importer, keyed, and back.

``benchmarks/fans_honesty.py`` writes each synthetic channel as a YouTube Data API video
list and a fan interactions file, imports both into a fresh store and fits from the store;
the planted segment of each stored (keyed) fan is found again by the fan's set of videos.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    path = REPO / "benchmarks" / "fans_honesty.py"
    spec = importlib.util.spec_from_file_location("fans_honesty_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fans_honesty_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_synthetic_fans_round_trip_through_the_importer(tmp_path: Path) -> None:
    from analytics.models.fans_synthetic import synthetic_fans
    from analytics.services.fans import load_matrix
    from analytics.store.fan_queries import load_video_catalogue

    bench = _bench()
    data = synthetic_fans(n_fans=120, n_videos=40, seed=3)
    db = tmp_path / "fans.duckdb"
    bench.import_exports(db, bench.write_exports(data, tmp_path))
    catalogue = load_video_catalogue(db, bench.CHANNEL_ID)
    assert len(catalogue) == 40
    assert catalogue["tags"].iloc[0] == list(data.videos["tags"].iloc[0])
    matrix = load_matrix(db, bench.CHANNEL_ID, with_time=False)
    # the spam accounts are flagged and left out; every other fan is there, keyed
    spam = data.interactions[data.interactions["is_spam"]]["fan_key"].nunique()
    assert spam == 5
    assert matrix.user_items.shape == (120, 40)
    assert not set(map(str, matrix.users.keys)) & set(data.truth["fan_key"])
    truth = bench._truth_by_key(data, db)
    # every fan's set of videos is its own here: all 120 matched, segment sizes as planted
    assert len(truth) == 120
    assert Counter(truth.values()) == Counter(data.truth["segment"]) == {0: 48, 1: 37, 2: 24, 3: 11}
