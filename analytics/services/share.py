"""The "share" release of a store: noisy fan counts for what leaves the machine.

Reads the fan events and the catalogue (store), fits the fan segments when
asked (the fans model), and hands frames to :mod:`analytics.dp_share`, which
adds OpenDP's calibrated noise. Nothing fan by fan comes out of here.
"""

from __future__ import annotations

import os
from typing import Any

from analytics.dp_share import ShareConfig, ShareRelease, share_release
from analytics.errors import AnalyticsError
from analytics.store.fan_queries import load_video_catalogue
from analytics.store.share_queries import load_fan_events

StorePath = str | os.PathLike[str]


def _key(frame: Any, channel_id: str | None) -> Any:
    if channel_id is not None:
        return frame["video_id"].astype(str)
    return frame["channel_id"].astype(str) + "/" + frame["video_id"].astype(str)


def build_share_release(
    db_path: StorePath,
    channel_id: str | None = None,
    *,
    config: ShareConfig | None = None,
    with_segments: bool = True,
) -> ShareRelease:
    """Noisy fans per segment, fans per topic and interactions per video.

    Parameters
    ----------
    db_path : str or path
    channel_id : str, optional
        One channel (video keys are its video ids) or every channel (keys
        ``channel/video``).
    config : ShareConfig, optional
        Epsilon, k and the per-fan caps.
    with_segments : bool
        Fit the fans model and release fans per segment; when the model
        cannot be fitted (too few fans) the segment table is left out and a
        note says so.

    Returns
    -------
    ShareRelease
    """
    cfg = config or ShareConfig()
    cfg.check()
    events = load_fan_events(db_path, channel_id)
    catalogue = load_video_catalogue(db_path, channel_id)
    video_topics = dict(zip(_key(catalogue, channel_id), catalogue["tags"], strict=True))
    events = events.assign(video_id=_key(events, channel_id))
    fan_segment = None
    segment_ids: list[int] = []
    note = None
    if with_segments and not events.empty:
        try:
            from analytics.services.fans import build_fans_report

            report = build_fans_report(db_path, channel_id)
            labels = report.segmentation.labels
            keys = report.model.users_.keys
            fan_segment = {str(k): int(s) for k, s in zip(keys, labels, strict=True)}
            segment_ids = [s.id for s in report.segmentation.segments]
        except (AnalyticsError, ValueError) as exc:
            note = f"fans per segment left out: {exc}"
    release = share_release(events, video_topics, fan_segment, segment_ids, cfg)
    if note:
        release.notes.append(note)
    return release


def from_fans(card: Any) -> bool:
    """A strategy card whose numbers come from fans (left out of a shared report)."""
    unit = getattr(getattr(card, "evidence", None), "unit", None)
    return getattr(card, "source", None) == "fans" or unit == "fans" or card.key == "unlock.fans"


def video_titles(db_path: StorePath, channel_id: str | None = None) -> dict[str, str]:
    """Video key (as in the share release) -> title, from the creator's catalogue."""
    catalogue = load_video_catalogue(db_path, channel_id)
    keys = _key(catalogue, channel_id)
    return {k: str(t) for k, t in zip(keys, catalogue["title"], strict=True) if isinstance(t, str)}


__all__ = ["build_share_release", "from_fans", "video_titles"]
