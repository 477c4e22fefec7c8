"""The honesty benchmark's planted-truth and pure-noise channels, written as real exports.

A channel of ``n`` videos (log-normal noise, sigma 0.5; planted: x1.5 for
8-12 min videos and for 17:00-19:59 publish times) is written in a YouTube
Studio table, Studio chart (daily) or Bilibili layout and imported through
the importer (see ``benchmarks/honesty.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analytics.cli import main as cli_main  # noqa: E402
from analytics.models.targets import saturation  # noqa: E402

EFFECT = 1.5
SIGMA = 0.5
EXPORT_DAY = dt.date(2025, 6, 1)
TOPICS = ("cooking", "travel", "tech", "vlog", "diy")
RANK = {"low": 0, "medium": 1, "high": 2}


@dataclass
class Video:
    vid: str
    title: str
    published: dt.datetime
    duration: int
    planted: bool
    views28: float


def make_channel(n: int, seed: int, layout: str, planted: bool) -> list[Video]:
    """Videos of one made-up channel: every 1-4 days, noise, maybe one planted effect."""
    # the two Studio layouts share the channel of a seed (same length of name, on purpose)
    rng = np.random.default_rng(seed * 1000 + n + (7 if planted else 0) + len(layout))
    gaps = rng.integers(1, 5, size=n)
    days = np.cumsum(gaps[::-1])[::-1] + 2
    out = []
    for i in range(n):
        day = EXPORT_DAY - dt.timedelta(days=int(days[i]))
        hour = int(rng.integers(6, 24))
        published = dt.datetime.combine(day, dt.time(hour, int(rng.integers(0, 60)), 5))
        duration = int(rng.choice([rng.integers(20, 470), rng.integers(480, 721), 900]))
        if layout == "bilibili":
            member = 17 <= hour <= 19
        else:
            member = 480 <= duration <= 720
        level = 2000.0 * np.exp(0.002 * i)
        mult = EFFECT if (planted and member) else 1.0
        views28 = level * mult * float(np.exp(rng.normal(0.0, SIGMA)))
        topic = TOPICS[int(rng.integers(len(TOPICS)))]
        vid = "".join(
            rng.choice(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"), 11)
        )
        title = f"{topic.title()} episode {i + 1} #{topic}"
        out.append(Video(vid, title, published, duration, planted and member, views28))
    return out


def _lifetime(v: Video) -> int:
    age = (dt.datetime.combine(EXPORT_DAY, dt.time()) - v.published).total_seconds() / 86400 + 1
    return int(v.views28 * saturation(age) / saturation(28.0))


def write_files(videos: list[Video], layout: str, folder: Path) -> list[Path]:
    """Write the channel in the chosen export layout; return the files."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if layout == "studio_table":
        w.writerow(["Content", "Video title", "Video publish time", "Duration", "Views",
                    "Watch time (hours)", "Subscribers"])  # fmt: skip
        w.writerow(["Total", "", "", "", sum(_lifetime(v) for v in videos), "", ""])
        for v in videos:
            d = v.published.date()
            views = _lifetime(v)
            w.writerow([v.vid, v.title, f"{d:%b} {d.day}, {d.year}", v.duration, views,
                        round(views * v.duration * 0.3 / 3600, 4), views // 500])  # fmt: skip
        path = folder / "Table data.csv"
        path.write_bytes(buf.getvalue().encode("utf-8"))
        return [path]
    if layout == "studio_chart":
        w.writerow(["Date", "Content", "Video title", "Video publish time", "Duration", "Views"])
        for v in videos:
            d0 = v.published.date()
            last = min(EXPORT_DAY, d0 + dt.timedelta(days=27))
            cum_prev = 0.0
            for k in range((last - d0).days + 1):
                cum = v.views28 * saturation(k + 1.0) / saturation(28.0)
                day = d0 + dt.timedelta(days=k)
                w.writerow([day.isoformat(), v.vid, v.title, f"{d0:%b} {d0.day}, {d0.year}",
                            v.duration, int(round(cum - cum_prev))])  # fmt: skip
                cum_prev = cum
        path = folder / "Chart data.csv"
        path.write_bytes(buf.getvalue().encode("utf-8"))
        return [path]
    if layout == "bilibili":
        w.writerow(["视频标题", "发布时间", "播放量", "游客播放占比", "涨粉量", "点赞量", "评论量",
                    "弹幕量", "收藏量", "投币量", "转发量", "平均播放进度"])  # fmt: skip
        for v in videos:
            views = _lifetime(v)
            w.writerow([v.title, v.published.strftime("%Y年%m月%d日 %H:%M:%S"), views, "60%",
                        views // 300, views // 40, views // 200, views // 100, views // 80,
                        views // 150, views // 500, "35%"])  # fmt: skip
        path = folder / "近期稿件对比.csv"
        path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
        return [path]
    raise ValueError(layout)


def import_files(db: str, files: list[Path], layout: str) -> None:
    tz = "Asia/Shanghai" if layout == "bilibili" else "UTC"
    argv = ["import", "--db", db, "--channel", f"bench {layout}", "--time-zone", tz,
            "--export-date", EXPORT_DAY.isoformat(), *map(str, files)]  # fmt: skip
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        code = cli_main(argv)
    if code != 0:
        raise RuntimeError(f"import failed for {layout}")
