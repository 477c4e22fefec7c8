"""Write the made-up sample exports of the demo creator "Kitchen Lab".

The files reproduce the real layouts of a YouTube Studio "Advanced mode"
export (English UI, Content dimension), a YouTube Studio subscriber series,
the YouTube Data API video list, a Douyin 作品列表 xlsx and a generic fan
interaction log. Every number is invented; the effects planted in it are
documented in ``sample_data/README.md`` and written to ``truth.json``.

Only the standard library, numpy and openpyxl are used. A fixed seed makes the
output deterministic: running the script twice writes byte-identical files
(the xlsx, written by openpyxl, gets fixed document and zip-entry times).

Usage::

    python sample_data/generate.py            # writes next to this file
    python sample_data/generate.py --out DIR  # writes somewhere else

The run ends with a self-check that re-reads the written files and prints the
measured reach ratios next to the planted ones.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import openpyxl

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

# --------------------------------------------------------------------------
# Text material
# --------------------------------------------------------------------------

EN_CORES = {
    "cooking": [
        "Ramen",
        "Crispy Garlic Noodles",
        "One-Pan Lasagna",
        "Sourdough Basics",
        "Perfect Omelette",
        "5-Ingredient Curry",
        "Miso Butter Salmon",
        "Homemade Dumplings",
        "Cheesy Pasta Bake",
        "Tiramisu",
        "Smash Burgers",
        "Fluffy Pancakes",
        "Thai Green Curry",
        "Pizza Dough",
        "Pad Thai",
        "Shakshuka",
        "Focaccia",
        "Butter Chicken",
    ],
    "vlog": [
        "Q&A",
        "A Day in the Kitchen",
        "Studio Tour",
        "Market Morning",
        "Behind the Scenes",
        "My Week",
        "Moving Day",
        "Sunday Reset",
        "Channel Update",
        "Shooting a Recipe Video",
        "Grocery Haul",
        "Unboxing Fan Mail",
    ],
    "tech": [
        "Smart Oven Review",
        "Best Budget Air Fryer?",
        "Knife Sharpener Test",
        "Induction vs Gas",
        "Sous Vide Setup",
        "Kitchen Gadgets Ranked",
        "Thermometer Showdown",
        "Blender Teardown",
        "My Camera Setup",
        "Espresso Machine Review",
        "Smart Scale",
        "Robot Vacuum in the Kitchen",
    ],
    "travel": [
        "Street Food in Osaka",
        "Tapas Crawl in Madrid",
        "Night Market in Taipei",
        "Lisbon Bakeries",
        "Istanbul Breakfast",
        "Food Trip to Naples",
        "Hanoi Pho Hunt",
        "Marrakech Spice Souk",
        "Berlin Döner Tour",
        "Mexico City Tacos",
        "Seoul Food Alley",
        "Paris Croissants",
    ],
    "fitness": [
        "High-Protein Breakfast",
        "Meal Prep for the Gym",
        "Post-Workout Smoothie",
        "Protein Pancakes",
        "Cutting Week Meals",
        "Runner's Pasta",
        "Morning Mobility",
        "Bulk on a Budget",
        "Healthy Snacks",
        "20-Minute Workout",
        "Overnight Oats",
        "Low-Calorie Desserts",
    ],
    "gaming": [
        "Cooking Sim Speedrun",
        "Recreating Game Food",
        "Overcooked with Friends",
        "Zelda Recipes IRL",
        "Stardew Valley Dishes",
        "Minecraft Cake",
        "Ranking Game Meals",
        "Elden Ring Stew",
        "Cozy Game Night Snacks",
        "Pokémon Café Menu",
        "Animal Crossing Picnic",
        "Potion Cocktails",
    ],
}
EN_PREFIXES = [
    "",
    "",
    "",
    "I Tried ",
    "Trying ",
    "Testing ",
    "The Truth About ",
    "Why Everyone Loves ",
    "Rating ",
]
EN_SUFFIXES = [
    "",
    "",
    " in 10 Minutes",
    " (No Oven!)",
    ", Tested 3 Ways",
    " – Is It Worth It?",
    ' "Better Than Takeout"',
    " for Beginners",
    ", Honest Review",
    " You Need to Try",
    ", Explained",
    ": What Went Wrong",
    " on a Budget",
    ", Step by Step",
    " with My Mom",
    " at 3 AM",
    " for Two",
    " That Actually Works",
    " After 30 Days",
    ": I Tested Every Trick So You Don't Have To",
]
EN_TAILS = ["", "", "", " 🔥", " 😱", " (Part 2)", " | Kitchen Lab"]
EN_TAGS = {
    "cooking": ["pasta", "easy recipe", "dinner", "homemade", "kitchen lab", "comfort food"],
    "vlog": ["day in my life", "behind the scenes", "kitchen lab", "weekly vlog"],
    "tech": ["review", "kitchen gadgets", "air fryer", "unboxing", "kitchen lab"],
    "travel": ["street food", "food tour", "travel vlog", "kitchen lab", "city guide"],
    "fitness": ["meal prep", "high protein", "healthy", "workout", "kitchen lab"],
    "gaming": ["game food", "video games", "recipe", "kitchen lab", "let's play"],
}
ZH_CORES = {
    "cooking": [
        "蒜香脆面",
        "一锅出千层面",
        "十分钟番茄炒蛋",
        "手工饺子",
        "味噌黄油三文鱼",
        "空气炸锅鸡翅",
        "家常红烧肉",
        "免揉面包",
        "芝士焗饭",
        "提拉米苏",
        "酸汤肥牛",
        "葱油拌面",
        "麻婆豆腐",
        "可乐鸡翅",
    ],
    "vlog": [
        "厨房的一天",
        "工作室开箱",
        "早市逛吃",
        "周末整理",
        "拍摄幕后",
        "搬家日记",
        "粉丝问答",
        "我的一周",
        "年终总结",
    ],
    "tech": [
        "平价空气炸锅测评",
        "智能烤箱上手",
        "磨刀器实测",
        "电磁炉还是燃气灶",
        "低温慢煮入门",
        "厨房小电器排名",
        "破壁机拆解",
        "咖啡机测评",
    ],
    "travel": [
        "大阪街头小吃",
        "台北夜市",
        "里斯本蛋挞",
        "成都火锅之旅",
        "西安回民街",
        "清迈早市",
        "柏林烤肉",
        "长沙臭豆腐",
    ],
    "fitness": [
        "高蛋白早餐",
        "一周减脂餐",
        "健身后奶昔",
        "蛋白松饼",
        "低卡零食",
        "二十分钟燃脂",
        "隔夜燕麦",
        "增肌便当",
    ],
    "gaming": [
        "复刻游戏美食",
        "胡闹厨房联机",
        "塞尔达料理还原",
        "星露谷料理",
        "我的世界蛋糕",
        "原神料理实测",
        "动森野餐",
        "药水特调",
    ],
}
ZH_PREFIXES = ["", "", "", "挑战", "实测", "第一次做"]
ZH_SUFFIXES = [
    "",
    "",
    "｜新手也能做",
    "（附详细步骤）",
    "，真的绝了",
    "，一次成功",
    "，宿舍也能做",
    "，三种做法对比",
    "，值不值？",
    "，全家都爱吃",
    "，比外卖还香",
    "，十分钟搞定",
]
ZH_TAILS = ["", "", "🔥", "！", "｜厨房实验室"]
ZH_TOPIC_TAG = {
    "cooking": "美食",
    "vlog": "日常",
    "tech": "数码",
    "travel": "旅行",
    "fitness": "健身",
    "gaming": "游戏",
}
ZH_CAPTIONS = [
    "今天试了一个新做法，结果出乎意料。",
    "评论区告诉我下次做什么！",
    "做法都在视频里了。",
    "收藏起来慢慢看。",
    "这期拍了整整两天。",
    "你们最想看哪一期？",
]

# --------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------


@dataclass
class Video:
    """One planned video with its planted factors and generated metrics."""

    platform: str
    video_id: str
    title: str
    topic: str
    published_local: dt.datetime  # aware, channel time zone
    duration_s: int | None
    duration_class: str  # short/mid/long (YouTube) or short/mid/image (Douyin)
    prime: bool
    multiplier: float = 1.0  # product of planted duration x hour x topic effects
    growth: float = 1.0
    residual: float = 0.0  # log-scale noise
    tags: list[str] = field(default_factory=list)
    caption: str = ""
    metrics: dict[str, float | int | str] = field(default_factory=dict)

    @property
    def reach(self) -> float:
        """Expected day-7 views (YouTube) or lifetime plays (Douyin)."""
        base = YT_BASE_DAY7 if self.platform == "youtube" else DY_BASE_LIFETIME
        return base * self.multiplier * self.growth * math.exp(self.residual)


def rng_for(part: int) -> np.random.Generator:
    """A generator of its own for each part, so parts do not shift each other."""
    return np.random.default_rng([SEED, part])


# --------------------------------------------------------------------------
# Schedules and factors
# --------------------------------------------------------------------------


def upload_dates(
    rng: np.random.Generator,
    first: dt.date,
    last: dt.date,
    q_start: float,
    q_end: float,
    skip_p: float,
    max_extra: int,
) -> list[dt.date]:
    """Upload dates: per week 0 (rarely) or 1 + Binomial(max_extra, q) uploads.

    q rises linearly from ``q_start`` to ``q_end`` (the channel posts more
    often over time); weekdays are drawn without replacement, balanced so
    that each weekday gets about the same number of uploads.
    """
    dates: list[dt.date] = [first]
    monday = first - dt.timedelta(days=first.weekday())
    span = (last - first).days
    used = np.zeros(7)
    used[first.weekday()] += 1
    while monday <= last:
        progress = max(0.0, (monday - first).days) / span
        if rng.random() < skip_p:
            n = 0
        else:
            n = 1 + int(rng.binomial(max_extra, q_start + (q_end - q_start) * progress))
        # Weekdays drawn at random but leaning toward the ones used least so
        # far, so every weekday ends up with about the same number of uploads.
        weight = 1.0 / (1.0 + used - used.min()) ** 3
        for wd in sorted(rng.choice(7, size=n, replace=False, p=weight / weight.sum()).tolist()):
            used[wd] += 1
            day = monday + dt.timedelta(days=wd)
            if first < day <= last:
                dates.append(day)
        monday += dt.timedelta(days=7)
    return sorted(set(dates))


def balanced_labels(rng: np.random.Generator, shares: dict[str, float], n: int) -> list[str]:
    """``n`` labels in the given shares (largest remainder), shuffled."""
    keys = list(shares)
    raw = np.array([shares[k] * n for k in keys])
    counts = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - counts), kind="stable")[: n - counts.sum()]:
        counts[i] += 1
    labels = [k for k, c in zip(keys, counts, strict=False) for _ in range(c)]
    rng.shuffle(labels)
    return labels


def make_title(
    rng: np.random.Generator,
    cores: list[str],
    parts: tuple[list[str], ...],
    min_len: int,
    max_len: int,
    taken: set[str],
) -> str:
    """A unique title whose length is drawn uniformly, independent of everything else.

    ``parts`` = (prefixes, suffixes, tails); among 300 random combinations
    prefix + core + suffix + tail the one closest to the drawn length wins.
    """
    prefixes, suffixes, tails = parts
    for _ in range(1000):
        target = int(rng.integers(min_len, max_len + 1))
        combos = np.column_stack(
            [rng.integers(0, len(x), size=300) for x in (prefixes, cores, suffixes, tails)]
        )
        titles = [prefixes[p] + cores[c] + suffixes[s] + tails[t] for p, c, s, t in combos]
        order = np.argsort([abs(len(t) - target) for t in titles], kind="stable")
        for k in order[:5]:
            title = titles[int(k)]
            if title not in taken:
                taken.add(title)
                return title
    raise RuntimeError("could not make a unique title")


def make_video_id(rng: np.random.Generator, taken: set[str], first: str | None = None) -> str:
    """An 11-character YouTube-style id from [A-Za-z0-9_-]."""
    while True:
        chars = [ID_ALPHABET[int(i)] for i in rng.integers(0, 64, size=11)]
        if first is not None:
            chars[0] = first
        elif chars[0] == "-":
            chars[0] = "k"
        vid = "".join(chars)
        if vid not in taken:
            taken.add(vid)
            return vid


def growth_factor(day: dt.date) -> float:
    """Channel growth: reach multiplies by GROWTH_OVER_SPAN over the export range."""
    t = (day - EXPORT_START).days / (EXPORT_END - EXPORT_START).days
    return GROWTH_OVER_SPAN**t


def publish_time(
    rng: np.random.Generator, day: dt.date, prime: bool, tz: ZoneInfo, with_seconds: bool
) -> dt.datetime:
    """A local publish time on ``day`` in the prime window (18-21 h) or outside it."""
    hours = PRIME_HOURS if prime else OTHER_HOURS
    hour = int(rng.choice(hours))
    minute = int(rng.integers(0, 60))
    second = int(rng.integers(0, 60)) if with_seconds else 0
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)


def duration_for(rng: np.random.Generator, cls: str) -> int:
    """Duration in seconds inside its class: 15-60, 61-180 or 181-900 (log-uniform)."""
    if cls == "short":
        return int(rng.integers(15, 61))
    if cls == "mid":
        return int(rng.integers(61, 181))
    return int(round(math.exp(rng.uniform(math.log(181), math.log(900)))))


Groups = list[tuple[list[list[int]], list[float]]]


def factor_groups(factors: list[tuple[list, dict[object, float]]]) -> Groups:
    """Member indices per level and planted log ratios, per factor."""
    groups = []
    for labels, targets in factors:
        groups.append(
            (
                [[i for i, lab in enumerate(labels) if lab == lv] for lv in targets],
                list(targets.values()),
            )
        )
    return groups


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def median_gaps(z: list[float], groups: Groups) -> list[float]:
    """Per factor level: log median of the group minus its planted log ratio, centred.

    Length n_levels_total. All zeros means the group medians show exactly the
    planted ratios.
    """
    gaps: list[float] = []
    for index, targets in groups:
        g = [_median([z[i] for i in ix]) - t for ix, t in zip(index, targets, strict=False)]
        centre = sum(g) / len(g)
        gaps.extend(x - centre for x in g)
    return gaps


def assign_noise(
    base_log: np.ndarray,
    noise: np.ndarray,
    groups: Groups,
    rng: np.random.Generator,
    tolerance: float = 0.015,
    proposals: int = 40000,
) -> np.ndarray:
    """Deal the drawn lognormal noise to videos so group medians show the planted ratios.

    The noise values themselves stay an ordinary N(0, sigma) sample; only which
    video gets which value is chosen, by random swaps that never increase the
    largest gap (:func:`median_gaps`). This removes the chance imbalance a
    sample of ~100 videos would otherwise show between, say, weekdays, so a
    median-ratio check recovers the planted values within ``tolerance`` (log).

    Returns the permuted noise, shape (n_videos,).
    """
    base = base_log.tolist()
    z = (base_log + noise).tolist()
    noise_list = noise.tolist()
    loss = max(abs(g) for g in median_gaps(z, groups))
    n = len(z)
    pairs = rng.integers(0, n, size=(proposals, 2)).tolist()
    for i, j in pairs:
        if loss < tolerance:
            break
        z[i], z[j] = base[i] + noise_list[j], base[j] + noise_list[i]
        new = max(abs(g) for g in median_gaps(z, groups))
        if new <= loss:
            loss = new
            noise_list[i], noise_list[j] = noise_list[j], noise_list[i]
        else:
            z[i], z[j] = base[i] + noise_list[i], base[j] + noise_list[j]
    return np.array(noise_list)


# --------------------------------------------------------------------------
# YouTube
# --------------------------------------------------------------------------


def build_youtube_videos() -> list[Video]:
    """Plan the YouTube uploads with their factors, reach and text."""
    rng = rng_for(1)
    days = upload_dates(
        rng,
        EXPORT_START,
        EXPORT_END - dt.timedelta(days=2),
        q_start=0.0,
        q_end=0.85,
        skip_p=0.06,
        max_extra=2,
    )
    fresh = EXPORT_END - dt.timedelta(days=3)  # one upload still inside its first week
    if days[-1] < fresh:
        days.append(fresh)
    n = len(days)
    topics = balanced_labels(rng, TOPIC_SHARE, n)
    classes = balanced_labels(rng, DURATION_SHARE, n)
    primes = balanced_labels(rng, {"prime": PRIME_SHARE, "other": 1 - PRIME_SHARE}, n)
    taken_ids: set[str] = set()
    taken_titles: set[str] = set()
    dash_slots = {int(i) for i in rng.choice(n, size=3, replace=False)}
    videos = []
    for i, day in enumerate(days):
        topic, cls, prime = topics[i], classes[i], primes[i] == "prime"
        vid = make_video_id(rng, taken_ids, first="-" if i in dash_slots else None)
        title = make_title(
            rng, EN_CORES[topic], (EN_PREFIXES, EN_SUFFIXES, EN_TAILS), 6, 80, taken_titles
        )
        extra = [t for t in EN_TAGS[topic]]
        rng.shuffle(extra)
        v = Video(
            platform="youtube",
            video_id=vid,
            title=title,
            topic=topic,
            published_local=publish_time(rng, day, prime, YT_TZ, with_seconds=False),
            duration_s=duration_for(rng, cls),
            duration_class=cls,
            prime=prime,
            multiplier=DURATION_EFFECT[cls]
            * (PRIME_EFFECT if prime else 1.0)
            * TOPIC_EFFECT[topic],
            growth=growth_factor(day),
            residual=float(rng.normal(0.0, NOISE_SIGMA)),
            tags=[topic] + extra[: int(rng.integers(2, 5))],
        )
        videos.append(v)
    complete = [v for v in videos if v.published_local.date() <= EXPORT_END - dt.timedelta(days=6)]
    deal_noise(complete, DURATION_EFFECT, "duration_class", rng)
    return videos


def title_halves(videos: list[Video]) -> list[str]:
    """'long' when the title is longer than the median title length, else 'short'."""
    lengths = np.array([len(v.title) for v in videos])
    med = float(np.median(lengths))
    return ["long" if ln > med else "short" for ln in lengths]


def deal_noise(
    videos: list[Video], class_effect: dict[str, float], class_attr: str, rng: np.random.Generator
) -> None:
    """Apply :func:`assign_noise` to the planted factors and to weekday / title length."""
    base_log = np.array([math.log(v.reach) - v.residual for v in videos])
    noise = np.array([v.residual for v in videos])
    factors = [
        ([v.topic for v in videos], {t: math.log(TOPIC_EFFECT[t]) for t in TOPICS}),
        (
            [getattr(v, class_attr) for v in videos],
            {c: math.log(e) for c, e in class_effect.items()},
        ),
        (
            ["prime" if v.prime else "other" for v in videos],
            {"prime": math.log(PRIME_EFFECT), "other": 0.0},
        ),
        ([v.published_local.weekday() for v in videos], {d: 0.0 for d in range(7)}),
        (title_halves(videos), {"long": 0.0, "short": 0.0}),
    ]
    for v, e in zip(
        videos, assign_noise(base_log, noise, factor_groups(factors), rng), strict=False
    ):
        v.residual = float(e)


def decay_weights(n_days: int) -> np.ndarray:
    """Share of a video's views on day d after publish: fast exponential plus a long tail."""
    d = np.arange(n_days, dtype=float)
    return np.exp(-d / DECAY_TAU_DAYS) + TAIL_WEIGHT * (1.0 + d) ** (-TAIL_POWER)


def youtube_daily_views(videos: list[Video]) -> dict[str, np.ndarray]:
    """Integer views per day from the publish date to the export end, per video id.

    Daily views = reach x decay x weekday seasonality x lognormal noise, with
    the seasonal and noisy shape rescaled so its first 7 days sum to the plain
    decay's first 7 days: a video's day-7 views do not depend on its publish
    weekday, while the channel's daily series shows the weekly pattern.
    """
    rng = rng_for(2)
    out = {}
    for v in videos:
        start = v.published_local.date()
        n_days = (EXPORT_END - start).days + 1
        w = decay_weights(n_days)
        season = np.array(
            [WEEKDAY_SEASON[(start + dt.timedelta(days=i)).weekday()] for i in range(n_days)]
        )
        noisy = w * season * rng.lognormal(0.0, DAILY_NOISE_SIGMA, size=n_days)
        k = min(7, n_days)
        noisy *= w[:k].sum() / noisy[:k].sum()
        expected = v.reach / decay_weights(7).sum() * noisy
        out[v.video_id] = np.floor(expected + rng.random(n_days)).astype(np.int64)
    return out


def youtube_metrics(videos: list[Video], daily: dict[str, np.ndarray]) -> None:
    """Fill Table-data metrics: views, watch time, subscribers, impressions, CTR, engagement."""
    rng = rng_for(3)
    for v in videos:
        views = int(daily[v.video_id].sum())
        assert v.duration_s is not None
        if v.duration_class == "short":
            pct = rng.uniform(0.65, 0.95)
        elif v.duration_class == "mid":
            pct = rng.uniform(0.45, 0.65)
        else:
            pct = rng.uniform(0.5, 0.65) - 0.25 * (v.duration_s - 180) / 720
        avd = v.duration_s * pct
        ctr = float(np.clip(rng.normal(5.0, 1.3), 1.5, 12.0))
        impressions = int(round(views * rng.uniform(0.55, 0.75) / (ctr / 100)))
        v.metrics = {
            "views": views,
            "watch_units": int(round(views * avd / 3600 * 10_000)),  # 1e-4 hours
            "avd_s": avd,
            "subscribers": int(
                rng.poisson(views * rng.uniform(0.002, 0.008)) - rng.poisson(views * 0.0004)
            ),
            "impressions": impressions,
            "ctr_pct": round(ctr, 2),
            "likes": int(rng.binomial(views, rng.uniform(0.03, 0.06))),
            "comments": int(rng.binomial(views, rng.uniform(0.003, 0.01))),
            "shares": int(rng.binomial(views, rng.uniform(0.002, 0.01))),
        }


def youtube_subscriber_series(totals: list[int]) -> list[int]:
    """Daily net subscribers: gains driven by views, losses growing with the base."""
    rng = rng_for(4)
    base = 1800
    net = []
    for views in totals:
        change = int(rng.poisson(0.0055 * views) - rng.poisson(0.6 + 0.0004 * base))
        base += change
        net.append(change)
    return net


# --------------------------------------------------------------------------
# Douyin
# --------------------------------------------------------------------------


def build_douyin_videos() -> list[Video]:
    """Plan the Douyin posts with their factors, lifetime plays and text."""
    rng = rng_for(5)
    days = upload_dates(
        rng,
        EXPORT_START + dt.timedelta(days=2),
        EXPORT_END - dt.timedelta(days=12),
        q_start=0.0,
        q_end=0.15,
        skip_p=0.22,
        max_extra=2,
    )
    n = len(days)
    topics = balanced_labels(rng, TOPIC_SHARE, n)
    classes = balanced_labels(rng, DOUYIN_FORMAT_SHARE, n)
    primes = balanced_labels(rng, {"prime": PRIME_SHARE, "other": 1 - PRIME_SHARE}, n)
    taken_titles: set[str] = set()
    videos = []
    for i, day in enumerate(days):
        topic, cls, prime = topics[i], classes[i], primes[i] == "prime"
        title = make_title(
            rng, ZH_CORES[topic], (ZH_PREFIXES, ZH_SUFFIXES, ZH_TAILS), 4, 24, taken_titles
        )
        caption = (
            str(rng.choice(ZH_CAPTIONS))
            + "\n#"
            + ZH_TOPIC_TAG[topic]
            + " #"
            + topic
            + " #厨房实验室"
        )
        v = Video(
            platform="douyin",
            video_id=f"dy{i:03d}",
            title=title,
            topic=topic,
            published_local=publish_time(rng, day, prime, DY_TZ, with_seconds=True),
            duration_s=None if cls == "image" else duration_for(rng, cls),
            duration_class=cls,
            prime=prime,
            multiplier=DOUYIN_FORMAT_EFFECT[cls]
            * (PRIME_EFFECT if prime else 1.0)
            * TOPIC_EFFECT[topic],
            growth=growth_factor(day),
            residual=float(rng.normal(0.0, NOISE_SIGMA)),
            tags=[ZH_TOPIC_TAG[topic], topic, "厨房实验室"],
            caption=caption,
        )
        videos.append(v)
    deal_noise(videos, DOUYIN_FORMAT_EFFECT, "duration_class", rng)
    return videos


def douyin_metrics(videos: list[Video]) -> None:
    """Fill the 作品列表 metrics (lifetime totals at the export date)."""
    rng = rng_for(6)
    missing_bounce = {int(i) for i in rng.choice(len(videos), size=4, replace=False)}
    for i, v in enumerate(videos):
        plays = int(round(v.reach))
        cls = v.duration_class
        if cls == "short":
            completion, bounce = rng.uniform(0.25, 0.45), rng.uniform(0.25, 0.45)
            avg_play = v.duration_s * rng.uniform(0.4, 0.7)
        elif cls == "mid":
            completion, bounce = rng.uniform(0.08, 0.20), rng.uniform(0.30, 0.50)
            avg_play = v.duration_s * rng.uniform(0.22, 0.40)
        else:
            completion, bounce = rng.uniform(0.30, 0.45), rng.uniform(0.35, 0.50)
            avg_play = rng.uniform(3.5, 8.0)
        if cls == "image":
            five_s = completion
        else:
            five_s = max(completion, (1 - bounce) * rng.uniform(0.70, 0.90))
        saves_rate = rng.uniform(0.004, 0.015) * (1.5 if v.topic == "cooking" else 1.0)
        v.metrics = {
            "plays": plays,
            "completion": completion,
            "five_s": five_s,
            "bounce": None if i in missing_bounce else bounce,
            "avg_play_s": avg_play,
            "likes": int(rng.binomial(plays, rng.uniform(0.03, 0.06))),
            "shares": int(rng.binomial(plays, rng.uniform(0.002, 0.01))),
            "comments": int(rng.binomial(plays, rng.uniform(0.003, 0.01))),
            "saves": int(rng.binomial(plays, saves_rate)),
            "profile_visits": int(rng.binomial(plays, rng.uniform(0.01, 0.03))),
            "followers": int(rng.binomial(plays, rng.uniform(0.002, 0.008))),
        }


# --------------------------------------------------------------------------
# Fans
# --------------------------------------------------------------------------


def build_fans(videos: list[Video]) -> tuple[list[int], list[tuple[str, str, str, dt.datetime]]]:
    """Fan segments and fan x video events on the YouTube videos.

    A fan of segment s picks videos with probability proportional to
    topic preference (1 for the segment's two topics, 0.05 otherwise) x
    lifetime views ** 0.6 (popular videos draw more fans). Each fan views
    5 + NegBin(1, 0.22) distinct videos and likes / comments / shares some
    of them; totals are kept within 5..40 events per fan.
    """
    rng = rng_for(7)
    end_utc = dt.datetime.combine(EXPORT_END, dt.time(23, 59, 59), YT_TZ).astimezone(UTC)
    views = np.array([v.metrics["views"] for v in videos], dtype=float)
    pub = [v.published_local.astimezone(UTC) for v in videos]
    segments = balanced_labels(rng, {str(s): p for s, p in enumerate(SEGMENT_SHARE)}, N_FANS)
    segs = [int(s) for s in segments]
    probs = []
    for topics in SEGMENT_TOPICS:
        pref = np.array([1.0 if v.topic in topics else SEGMENT_OFF_TOPIC_WEIGHT for v in videos])
        p = pref * views**FAN_POPULARITY_POWER
        probs.append(p / p.sum())
    events = []
    for f, seg in enumerate(segs):
        fan = f"fan_{f:05d}"
        k = int(min(5 + rng.negative_binomial(1.0, 0.22), 28))
        picks = rng.choice(len(videos), size=k, replace=False, p=probs[seg])
        fan_events = []
        for j in picks.tolist():
            room = (end_utc - pub[j]).total_seconds()
            delay = min(
                math.exp(rng.normal(math.log(20 * 3600), 1.3)), room * rng.uniform(0.3, 0.95)
            )
            seen = pub[j] + dt.timedelta(seconds=max(60.0, delay))
            seen = seen.replace(microsecond=0)
            fan_events.append((fan, videos[j].video_id, "view", seen))
            for event, p, lag in (("like", 0.25, 15), ("comment", 0.08, 30), ("share", 0.05, 20)):
                if rng.random() < p:
                    ts = seen + dt.timedelta(seconds=int(rng.integers(30, lag * 60)))
                    fan_events.append((fan, videos[j].video_id, event, min(ts, end_utc)))
        views_only = [e for e in fan_events if e[2] == "view"]
        extra = [e for e in fan_events if e[2] != "view"]
        if len(fan_events) > 40:
            fan_events = views_only + extra[: 40 - len(views_only)]
        events.extend(fan_events)
    events.sort(key=lambda e: (e[3], e[0], e[1], e[2]))
    return segs, events


# --------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------


def us_date(day: dt.date) -> str:
    """YouTube Studio's publish date: ``Sep 27, 2024``."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def hms(seconds: float) -> str:
    """``H:MM:SS`` for a duration in seconds."""
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def fixed_units(units: int, places: int) -> str:
    """A non-negative integer of 10**-places units as a decimal without trailing zeros."""
    whole, frac = divmod(units, 10**places)
    text = f"{whole}.{frac:0{places}d}".rstrip("0").rstrip(".")
    return text


def pct_text(value: float) -> str:
    """A percentage with at most 2 decimals, no trailing zeros (``5.02``, ``5.1``, ``100``)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def studio_id(video_id: str) -> str:
    """Studio writes ids starting with '-' behind a protective space."""
    return " " + video_id if video_id.startswith("-") else video_id


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    crlf: bool = False,
    quote_all: bool = False,
) -> None:
    """Write UTF-8 (no BOM) CSV; LF and minimal quoting unless asked otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    eol = "\r\n" if crlf else "\n"
    if quote_all:  # the trending files quote every field but not the header
        buf.write(",".join(header) + eol)
        csv.writer(buf, lineterminator=eol, quoting=csv.QUOTE_ALL).writerows(rows)
    else:
        w = csv.writer(buf, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def write_youtube_studio(out: Path, videos: list[Video], daily: dict[str, np.ndarray]) -> list[int]:
    """Table data.csv, Chart data.csv and Totals.csv; returns the channel daily views."""
    ordered = sorted(videos, key=lambda v: (-int(v.metrics["views"]), v.video_id))
    rows = []
    for v in ordered:
        m = v.metrics
        rows.append(
            [
                studio_id(v.video_id),
                v.title,
                us_date(v.published_local.date()),
                str(v.duration_s),
                str(m["views"]),
                fixed_units(int(m["watch_units"]), 4),
                str(m["subscribers"]),
                str(m["impressions"]),
                pct_text(float(m["ctr_pct"])),
                str(m["likes"]),
                str(m["comments"]),
                str(m["shares"]),
                hms(float(m["avd_s"])),
            ]
        )
    tot_views = sum(int(v.metrics["views"]) for v in videos)
    tot_watch = sum(int(v.metrics["watch_units"]) for v in videos)
    tot_impr = sum(int(v.metrics["impressions"]) for v in videos)
    clicks = sum(int(v.metrics["impressions"]) * float(v.metrics["ctr_pct"]) for v in videos)
    total = [
        "Total",
        "",
        "",
        "",
        str(tot_views),
        fixed_units(tot_watch, 4),
        str(sum(int(v.metrics["subscribers"]) for v in videos)),
        str(tot_impr),
        pct_text(clicks / tot_impr),
        str(sum(int(v.metrics["likes"]) for v in videos)),
        str(sum(int(v.metrics["comments"]) for v in videos)),
        str(sum(int(v.metrics["shares"]) for v in videos)),
        hms(tot_watch / 10_000 * 3600 / tot_views),
    ]
    write_csv(out / "youtube_studio" / "Table data.csv", TABLE_HEADER, [total] + rows)

    n_days = (EXPORT_END - EXPORT_START).days + 1
    totals = [0] * n_days
    chart = []
    for v in ordered:
        start = v.published_local.date()
        series = daily[v.video_id]
        offset = (start - EXPORT_START).days
        for i, views in enumerate(series.tolist()):
            chart.append(
                [
                    (start + dt.timedelta(days=i)).isoformat(),
                    studio_id(v.video_id),
                    v.title,
                    us_date(start),
                    str(v.duration_s),
                    str(views),
                ]
            )
            totals[offset + i] += views
    write_csv(out / "youtube_studio" / "Chart data.csv", CHART_HEADER, chart)
    write_csv(
        out / "youtube_studio" / "Totals.csv",
        ["Date", "Views"],
        [[(EXPORT_START + dt.timedelta(days=i)).isoformat(), str(t)] for i, t in enumerate(totals)],
    )
    return totals


def write_subscribers(out: Path, net: list[int]) -> None:
    """youtube_subscribers/Totals.csv: Date,Subscribers (daily net)."""
    write_csv(
        out / "youtube_subscribers" / "Totals.csv",
        ["Date", "Subscribers"],
        [[(EXPORT_START + dt.timedelta(days=i)).isoformat(), str(x)] for i, x in enumerate(net)],
    )


def write_youtube_api(out: Path, videos: list[Video]) -> None:
    """youtube_api/videos.csv in the Data API trending layout."""
    trending = EXPORT_END.strftime("%y.%d.%m")
    rows = []
    for v in sorted(videos, key=lambda v: v.published_local, reverse=True):
        utc = v.published_local.astimezone(UTC)
        rows.append(
            [
                v.video_id,
                v.title,
                utc.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                YT_CHANNEL_ID,
                YT_CHANNEL_TITLE,
                "26",
                trending,
                "|".join(v.tags),
                str(v.metrics["views"]),
                str(v.metrics["likes"]),
                "0",
                str(v.metrics["comments"]),
                f"https://i.ytimg.com/vi/{v.video_id}/default.jpg",
                "False",
                "False",
                f"{v.title}. New video every week on {YT_CHANNEL_TITLE}. #{v.topic} #kitchenlab",
            ]
        )
    write_csv(out / "youtube_api" / "videos.csv", API_HEADER, rows, crlf=True, quote_all=True)


def xlsx_bytes(rows: list[list[str]], sheet: str = "Sheet1") -> bytes:
    """An xlsx (openpyxl) whose every cell is text, like an Excel re-save.

    openpyxl stamps the document's modified time and each zip entry with the
    time of writing, and names itself as the application; the document
    properties are set again (with openpyxl's own classes) to :data:`XLSX_TIME`
    and "Microsoft Excel", and every zip entry is stamped with
    :data:`XLSX_TIME`, so the bytes depend on nothing but the rows.
    """
    from openpyxl.packaging.extended import ExtendedProperties
    from openpyxl.xml.functions import tostring

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append([str(cell) for cell in row])
    raw = io.BytesIO()
    wb.save(raw)
    wb.properties.created = wb.properties.modified = XLSX_TIME
    wb.properties.creator = None
    app = ExtendedProperties()
    app.Application = "Microsoft Excel"
    app.AppVersion = None
    fixed = {
        "docProps/core.xml": tostring(wb.properties.to_tree()),
        "docProps/app.xml": tostring(app.to_tree()),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=XLSX_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, fixed.get(info.filename) or src.read(info.filename))
    return out.getvalue()


def write_douyin(out: Path, videos: list[Video]) -> None:
    """douyin/作品列表.xlsx: one sheet, header in row 1, every cell text (numbers included)."""
    rows = [list(DOUYIN_HEADER)]
    for v in sorted(videos, key=lambda v: v.published_local, reverse=True):
        m = v.metrics
        bounce = m["bounce"]
        rows.append(
            [
                v.title + "\n" + v.caption,
                v.published_local.strftime("%Y-%m-%d %H:%M:%S"),
                DOUYIN_FORMAT[v.duration_class],
                "公开",
                str(m["plays"]),
                f"{m['completion']:.6f}",
                f"{m['five_s']:.6f}",
                "-" if bounce is None else f"{bounce:.6f}",
                f"{m['avg_play_s']:.6f}",
                str(m["likes"]),
                str(m["shares"]),
                str(m["comments"]),
                str(m["saves"]),
                str(m["profile_visits"]),
                str(m["followers"]),
            ]
        )
    path = out / "douyin" / "作品列表.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xlsx_bytes(rows))


def write_fans(out: Path, events: list[tuple[str, str, str, dt.datetime]]) -> None:
    """fans/interactions.csv: fan_id,video_id,event,timestamp (UTC, ISO 8601)."""
    write_csv(
        out / "fans" / "interactions.csv",
        FAN_HEADER,
        [[f, v, e, ts.strftime("%Y-%m-%dT%H:%M:%SZ")] for f, v, e, ts in events],
    )


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


def generate(out: Path) -> None:
    """Write every sample file into ``out``."""
    yt = build_youtube_videos()
    daily = youtube_daily_views(yt)
    youtube_metrics(yt, daily)
    dy = build_douyin_videos()
    douyin_metrics(dy)
    segs, events = build_fans(yt)
    totals = write_youtube_studio(out, yt, daily)
    write_subscribers(out, youtube_subscriber_series(totals))
    write_youtube_api(out, yt)
    write_douyin(out, dy)
    write_fans(out, events)
    write_json(out / "manifest.json", manifest())
    write_json(out / "truth.json", truth(yt, dy, segs))


# --------------------------------------------------------------------------
# Self-check: re-read the written files and measure the planted effects
# --------------------------------------------------------------------------


def _median_ratio(values: dict[str, float], groups: dict[str, object], a, b) -> float:
    """median(values in group a) / median(values in group b); a, b are levels or sets."""

    def pick(level):
        levels = level if isinstance(level, (set, frozenset, tuple)) else {level}
        return [values[k] for k, g in groups.items() if g in levels]

    return float(np.median(pick(a)) / np.median(pick(b)))


def measure(out: Path) -> dict[str, dict[str, float]]:
    """Measured reach ratios from the written files (YouTube day-7, Douyin lifetime)."""
    with open(out / "youtube_studio" / "Table data.csv", encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))[1:]
    with open(out / "youtube_studio" / "Chart data.csv", encoding="utf-8", newline="") as fh:
        chart = list(csv.DictReader(fh))
    with open(out / "youtube_api" / "videos.csv", encoding="utf-8", newline="") as fh:
        api = {r["video_id"]: r for r in csv.DictReader(fh)}
    last_full = EXPORT_END - dt.timedelta(days=6)
    day7: dict[str, float] = {}
    for r in chart:
        vid = r["Content"].strip()
        pub = dt.datetime.fromisoformat(api[vid]["publishedAt"].replace("Z", "+00:00"))
        pub_day = pub.astimezone(YT_TZ).date()
        day = dt.date.fromisoformat(r["Date"])
        if pub_day <= last_full and (day - pub_day).days < 7:
            day7[vid] = day7.get(vid, 0) + int(r["Views"])
    info = {}
    for r in table:
        vid = r["Content"].strip()
        pub = dt.datetime.fromisoformat(api[vid]["publishedAt"].replace("Z", "+00:00"))
        pub = pub.astimezone(YT_TZ)
        d = int(r["Duration"])
        info[vid] = {
            "cls": "short" if d <= 60 else "mid" if d <= 180 else "long",
            "prime": pub.hour in PRIME_HOURS,
            "topic": api[vid]["tags"].split("|")[0],
            "weekday": pub.weekday(),
            "title_len": len(r["Video title"]),
        }
    yt = _ratios(day7, {k: info[k] for k in day7}, "long")

    wb = openpyxl.load_workbook(out / "douyin" / "作品列表.xlsx", read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    wb.close()
    head = list(rows[0])
    plays, dinfo = {}, {}
    fmt_class = {lbl: k for k, lbl in DOUYIN_FORMAT.items()}
    for n, row in enumerate(rows[1:]):
        rec = dict(zip(head, row, strict=False))
        title, _, caption = rec["作品名称"].partition("\n")
        when = dt.datetime.strptime(rec["发布时间"], "%Y-%m-%d %H:%M:%S")
        topic = next(t for t in TOPICS if f"#{t}" in caption.split())
        plays[str(n)] = int(rec["播放量"])
        dinfo[str(n)] = {
            "cls": fmt_class[rec["体裁"]],
            "prime": when.hour in PRIME_HOURS,
            "topic": topic,
            "weekday": when.weekday(),
            "title_len": len(title),
        }
    dy = _ratios(plays, dinfo, "image")
    return {"youtube_day7": yt, "douyin_lifetime": dy}


def _ratios(values: dict[str, float], info: dict[str, dict], ref_cls: str) -> dict[str, float]:
    """Median ratios for the planted and the null factors."""

    def grp(key):
        return {k: i[key] for k, i in info.items()}

    neutral = ("tech", "travel", "fitness", "gaming")
    med_len = float(np.median([i["title_len"] for i in info.values()]))
    weekday_meds = [
        float(np.median([values[k] for k, i in info.items() if i["weekday"] == d]))
        for d in range(7)
    ]
    overall = float(np.median(list(values.values())))
    return {
        "n": len(values),
        "short_vs_ref": _median_ratio(values, grp("cls"), "short", ref_cls),
        "mid_vs_ref": _median_ratio(values, grp("cls"), "mid", ref_cls),
        "prime_vs_other": _median_ratio(values, grp("prime"), True, False),
        "cooking_vs_neutral": _median_ratio(values, grp("topic"), "cooking", neutral),
        "vlog_vs_neutral": _median_ratio(values, grp("topic"), "vlog", neutral),
        "weekend_vs_weekday": _median_ratio(values, grp("weekday"), (5, 6), (0, 1, 2, 3, 4)),
        "weekday_min_vs_all": min(weekday_meds) / overall,
        "weekday_max_vs_all": max(weekday_meds) / overall,
        "long_vs_short_title": _median_ratio(
            values, {k: i["title_len"] > med_len for k, i in info.items()}, True, False
        ),
    }


def self_check(out: Path) -> None:
    """Print counts, sizes and the measured ratios next to the planted ones."""
    measured = measure(out)
    planted = {
        "short_vs_ref": 1.8,
        "mid_vs_ref": 1.3,
        "prime_vs_other": 1.5,
        "cooking_vs_neutral": 2.0,
        "vlog_vs_neutral": 0.7,
        "weekend_vs_weekday": 1.0,
        "weekday_min_vs_all": 1.0,
        "weekday_max_vs_all": 1.0,
        "long_vs_short_title": 1.0,
    }
    for name, ratios in measured.items():
        print(f"{name}: n={ratios['n']}")
        for key, want in planted.items():
            print(f"  {key:22s} measured {ratios[key]:.3f}  planted {want:.2f}")
    size = sum(
        p.stat().st_size
        for p in out.rglob("*")
        if p.is_file() and p.suffix in {".csv", ".xlsx", ".json"}
    )
    print(f"data files: {size:,} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--no-check", action="store_true", help="skip the self-check")
    args = parser.parse_args(argv)
    generate(args.out)
    if not args.no_check:
        self_check(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
