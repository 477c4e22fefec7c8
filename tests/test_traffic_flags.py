"""The per-video table marks lower bounds (10万+) and never trips over a NULL list."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.traffic_ui import _flagged


def test_lower_bound_flags_take_lists_arrays_and_nulls() -> None:
    assert _flagged("views", ["views", "likes"]) is True
    assert _flagged("views", np.array(["views"])) is True
    assert _flagged("likes", ["views"]) is False
    # a row without any lower bound comes back from DuckDB as NULL: pd.NA, None or NaN
    assert [_flagged("views", v) for v in (pd.NA, None, float("nan"))] == [False] * 3
