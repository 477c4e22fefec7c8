"""Self-check: re-read the written files and measure the planted effects."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl

from sample_data.kitchen_lab.params import DOUYIN_FORMAT, EXPORT_END, PRIME_HOURS, TOPICS, YT_TZ

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
