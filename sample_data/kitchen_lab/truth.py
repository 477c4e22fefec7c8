"""The manifest the demo command reads and the generator's ``truth.json``."""

from __future__ import annotations

import json
import math
from pathlib import Path

from sample_data.kitchen_lab.params import (
    DAILY_NOISE_SIGMA,
    DOUYIN_FORMAT,
    DOUYIN_FORMAT_EFFECT,
    DURATION_EFFECT,
    DY_CHANNEL_ID,
    DY_DISPLAY_NAME,
    EXPORT_END,
    EXPORT_START,
    FAN_POPULARITY_POWER,
    GROWTH_OVER_SPAN,
    NOISE_SIGMA,
    PRIME_EFFECT,
    SEED,
    SEGMENT_OFF_TOPIC_WEIGHT,
    SEGMENT_TOPICS,
    TOPIC_EFFECT,
    WEEKDAY_SEASON,
    YT_CHANNEL_ID,
    YT_CHANNEL_TITLE,
)
from sample_data.kitchen_lab.plan import Video


def write_json(path: Path, obj: object) -> None:
    """Pretty JSON, UTF-8, LF, trailing newline."""
    path.write_bytes((json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def manifest() -> dict:
    """What the demo command imports, in order, and into which channel."""
    return {
        "channels": [
            {
                "channel_id": YT_CHANNEL_ID,
                "platform": "youtube",
                "display_name": YT_CHANNEL_TITLE,
                "time_zone": "Europe/Berlin",
            },
            {
                "channel_id": DY_CHANNEL_ID,
                "platform": "douyin",
                "display_name": DY_DISPLAY_NAME,
                "time_zone": "Asia/Shanghai",
            },
        ],
        "imports": [
            {"path": "youtube_api/videos.csv", "channel": None},
            {"path": "youtube_studio/Table data.csv", "channel": YT_CHANNEL_ID},
            {"path": "youtube_studio/Chart data.csv", "channel": YT_CHANNEL_ID},
            {"path": "youtube_studio/Totals.csv", "channel": YT_CHANNEL_ID},
            {"path": "youtube_subscribers/Totals.csv", "channel": YT_CHANNEL_ID},
            {"path": "douyin/作品列表.xlsx", "channel": DY_CHANNEL_ID},
            {"path": "fans/interactions.csv", "channel": YT_CHANNEL_ID},
        ],
        "export_date": EXPORT_END.isoformat(),
    }


def truth(yt: list[Video], dy: list[Video], segs: list[int]) -> dict:
    """The generator's truth: planted effects, per-video factors, per-fan segments."""

    def video_entry(v: Video) -> dict:
        return {
            "topic": v.topic,
            "duration_s": v.duration_s,
            "duration_class": v.duration_class,
            "published_local": v.published_local.strftime("%Y-%m-%d %H:%M:%S"),
            "publish_local_hour": v.published_local.hour,
            "prime_hour": v.prime,
            "multiplier": round(v.multiplier, 4),
            "growth": round(v.growth, 4),
            "noise": round(math.exp(v.residual), 4),
            "expected_reach": round(v.reach, 1),
        }

    return {
        "seed": SEED,
        "export_start": EXPORT_START.isoformat(),
        "export_end": EXPORT_END.isoformat(),
        "reach_measure": {
            "youtube": "views on the publish date and the 6 days after it",
            "douyin": "lifetime plays (播放量) at the export date",
        },
        "effects": {
            "duration": {
                "youtube": {
                    "<=60s": DURATION_EFFECT["short"],
                    "61-180s": DURATION_EFFECT["mid"],
                    ">180s": DURATION_EFFECT["long"],
                },
                "douyin": {DOUYIN_FORMAT[k]: e for k, e in DOUYIN_FORMAT_EFFECT.items()},
            },
            "publish_hour": {"18:00-21:59 local": PRIME_EFFECT, "other": 1.0},
            "topic": TOPIC_EFFECT,
            "weekday": 1.0,
            "title_length": 1.0,
            "noise_sigma_log": NOISE_SIGMA,
            "growth_over_export_range": GROWTH_OVER_SPAN,
            "weekly_seasonality_daily_views_mon_to_sun": list(WEEKDAY_SEASON),
            "daily_noise_sigma_log": DAILY_NOISE_SIGMA,
        },
        "youtube_videos": {v.video_id: video_entry(v) for v in yt},
        "douyin_videos": [dict(video_entry(v), title=v.title) for v in dy],
        "fan_segments": {
            "topics": {str(i): list(t) for i, t in enumerate(SEGMENT_TOPICS)},
            "off_topic_weight": SEGMENT_OFF_TOPIC_WEIGHT,
            "popularity_power": FAN_POPULARITY_POWER,
        },
        "fans": {f"fan_{i:05d}": s for i, s in enumerate(segs)},
    }
