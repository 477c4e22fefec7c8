"""Stores with synthetic channel histories for the reach-model tests (not fixtures)."""

from __future__ import annotations

from pathlib import Path

from analytics.models.synthetic import SyntheticHistory, combine, synthetic_channel
from analytics.store.bulk_load import insert_frames
from analytics.store.connection import connect

YT = "UC_synthetic"
DY = "dy_synthetic"


def synthetic_history() -> SyntheticHistory:
    """130 YouTube videos with daily views and 60 Douyin videos with lifetime totals."""
    return combine(
        synthetic_channel(130, channel_id=YT, seed=0),
        synthetic_channel(
            60,
            channel_id=DY,
            platform="douyin",
            time_zone="Asia/Shanghai",
            daily=False,
            level=400.0,
            seed=1,
        ),
    )


def build_synthetic_store(path: Path | str, history: SyntheticHistory | None = None) -> str:
    """Write ``history`` (default :func:`synthetic_history`) into a new store at ``path``."""
    with connect(path) as con:
        insert_frames(con, (history or synthetic_history()).frames())
    return str(path)
