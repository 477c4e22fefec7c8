"""Fixed parameters of the sample creator (the "truth") and the export headers."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

# --------------------------------------------------------------------------
# Fixed parameters (the "truth")
# --------------------------------------------------------------------------

SEED = 20261031
EXPORT_START = dt.date(2025, 4, 1)
EXPORT_END = dt.date(2026, 10, 31)

YT_CHANNEL_ID = "UCkitchenLab0000000000001"
YT_CHANNEL_TITLE = "Kitchen Lab"
YT_TZ = ZoneInfo("Europe/Berlin")
DY_CHANNEL_ID = "douyin:kitchenlab"
DY_DISPLAY_NAME = "厨房实验室"
DY_TZ = ZoneInfo("Asia/Shanghai")
UTC = dt.UTC

TOPICS = ("cooking", "vlog", "tech", "travel", "fitness", "gaming")
TOPIC_SHARE = {
    "cooking": 0.24,
    "vlog": 0.152,
    "tech": 0.152,
    "travel": 0.152,
    "fitness": 0.152,
    "gaming": 0.152,
}
TOPIC_EFFECT = {
    "cooking": 2.0,
    "vlog": 0.7,
    "tech": 1.0,
    "travel": 1.0,
    "fitness": 1.0,
    "gaming": 1.0,
}
# Duration classes: short <= 60 s, mid 61-180 s, long > 180 s.
DURATION_EFFECT = {"short": 1.8, "mid": 1.3, "long": 1.0}
DURATION_SHARE = {"short": 0.38, "mid": 0.27, "long": 0.35}
# Douyin: 体裁 carries the duration class (the export has no duration column).
DOUYIN_FORMAT = {"short": "1min-视频", "mid": "1-3min视频", "image": "图文"}
DOUYIN_FORMAT_EFFECT = {"short": 1.8, "mid": 1.3, "image": 1.0}
DOUYIN_FORMAT_SHARE = {"short": 0.40, "mid": 0.30, "image": 0.30}
PRIME_HOURS = (18, 19, 20, 21)  # 18:00-21:59 channel local time
PRIME_EFFECT = 1.5
PRIME_SHARE = 0.34
OTHER_HOURS = (7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 22, 23)
NOISE_SIGMA = 0.35
GROWTH_OVER_SPAN = 2.4  # per-video reach at the export end / at the start
YT_BASE_DAY7 = 2400.0  # day-7 views of a long, off-peak, neutral-topic video at the start
DY_BASE_LIFETIME = 6000.0  # lifetime plays of an image post, off-peak, neutral topic
# Weekly seasonality of DAILY views, Monday..Sunday (mean 1).
WEEKDAY_SEASON = (0.93, 0.92, 0.94, 0.97, 1.03, 1.12, 1.09)
DAILY_NOISE_SIGMA = 0.25
DECAY_TAU_DAYS = 1.8
TAIL_WEIGHT = 0.025
TAIL_POWER = 0.6

N_FANS = 2000
SEGMENT_SHARE = (0.30, 0.25, 0.25, 0.20)
SEGMENT_TOPICS = (
    ("cooking", "travel"),
    ("tech", "gaming"),
    ("fitness", "vlog"),
    ("cooking", "fitness"),
)
SEGMENT_OFF_TOPIC_WEIGHT = 0.05
FAN_POPULARITY_POWER = 0.6

TABLE_HEADER = [
    "Content",
    "Video title",
    "Video publish time",
    "Duration",
    "Views",
    "Watch time (hours)",
    "Subscribers",
    "Impressions",
    "Impressions click-through rate (%)",
    "Likes",
    "Comments added",
    "Shares",
    "Average view duration",
]
CHART_HEADER = ["Date", "Content", "Video title", "Video publish time", "Duration", "Views"]
API_HEADER = [
    "video_id",
    "title",
    "publishedAt",
    "channelId",
    "channelTitle",
    "categoryId",
    "trending_date",
    "tags",
    "view_count",
    "likes",
    "dislikes",
    "comment_count",
    "thumbnail_link",
    "comments_disabled",
    "ratings_disabled",
    "description",
]
DOUYIN_HEADER = [
    "作品名称",
    "发布时间",
    "体裁",
    "审核状态",
    "播放量",
    "完播率",
    "5s完播率",
    "2s跳出率",
    "平均播放时长",
    "点赞量",
    "分享量",
    "评论量",
    "收藏量",
    "主页访问量",
    "粉丝增量",
]
FAN_HEADER = ["fan_id", "video_id", "event", "timestamp"]

ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
XLSX_TIME = dt.datetime(2026, 11, 1, 9, 30, 0)
