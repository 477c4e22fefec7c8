"""Made-up exports in the real layouts of every breakdown table the platforms export.

Nothing here is copied from a real export: the numbers and titles are made
up, the layouts (headers, Total row on line 2, quoting, yearless dates,
BOMs) follow EXPORT_FORMATS.md. :func:`write_exports` writes them into a
folder, one YouTube Studio download folder per report
(``<Report> 2025-01-01_2025-01-28 Cooking Lab/Table data.csv`` ...), a
TikTok Studio ``Followers_<handle>.zip`` and ``Viewers.csv``, and the
Douyin / Bilibili per-work lists from ``tests/data/formats/cn``.
:func:`build_breakdown_store` imports all of them into a store the way a
creator would, so the tests see what really lands.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files

REPO = Path(__file__).resolve().parents[1]
FORMATS = REPO / "tests" / "data" / "formats"

YT_CHANNEL = "Cooking Lab"
TT_CHANNEL = "kitchenlab"
DY_CHANNEL = "厨房实验室"
BL_CHANNEL = "做饭的B站号"
FIRST = dt.date(2025, 1, 1)
LAST = dt.date(2025, 1, 28)
SPAN = f"{FIRST.isoformat()}_{LAST.isoformat()} {YT_CHANNEL}"

# Studio "Advanced mode" reports: (folder's report name, Table data.csv text).
STUDIO_TABLES: dict[str, str] = {
    "Geography": (
        "Geography,Views,Watch time (hours),Average view duration\n"
        "Total,10000,500.5,0:03:00\n"
        "US,4000,220.1,0:03:18\n"
        "DE,2500,120.4,0:02:53\n"
        "IN,2000,80.0,0:02:24\n"
        "NA,300,14.0,0:02:48\n"
        "GB,700,40.0,0:03:26\n"
    ),
    "Cities": (
        "Cities,City name,Geography,Views,Watch time (hours),Average view duration\n"
        "Total,,,10000,500.5,0:03:00\n"
        "0x89c259:0x1,New York,US,1500,80.5,0:03:13\n"
        "0x47a84e:0x2,Berlin,DE,1200,60.0,0:03:00\n"
        "0x3bae16:0x3,Bengaluru,IN,900,35.2,0:02:21\n"
    ),
    "Viewer age": (
        "Viewer age,Views (%),Average view duration,Average percentage viewed (%),"
        "Watch time (hours) (%)\n"
        "Total,100,0:03:00,41.2,100\n"
        "age13-17,,,,\n"
        "age18-24,22.5,0:02:10,35.1,16.3\n"
        "age25-34,41.0,0:03:20,44.0,45.6\n"
        "age35-44,24.5,0:03:05,42.2,25.2\n"
        "age45-54,12.0,0:03:00,40.0,12.9\n"
    ),
    "Viewer gender": (
        "Viewer gender,Views (%),Average view duration,Average percentage viewed (%),"
        "Watch time (hours) (%)\n"
        "Total,100,0:03:00,41.2,100\n"
        "Female,38.5,0:03:10,43.0,40.7\n"
        "Male,61.5,0:02:54,40.1,59.3\n"
        "User-specified,,,,\n"
    ),
    "Traffic source": (
        "Traffic source,Views,Watch time (hours),Average view duration,Impressions,"
        "Impressions click-through rate (%)\n"
        "Total,10000,500.5,0:03:00,120000,5.1\n"
        "Browse features,6200,300.0,0:02:54,90000,5.8\n"
        "YouTube search,1800,100.0,0:03:20,20000,6.2\n"
        "Suggested videos,1200,60.0,0:03:00,10000,3.9\n"
        "External,500,25.0,0:03:00,,\n"
        "Direct or unknown,300,15.5,0:03:06,,\n"
    ),
    "Traffic source YouTube search": (
        "Traffic source,Views,Watch time (hours),Average view duration\n"
        "Total,1800,100.0,0:03:20\n"
        "YT_SEARCH.knife skills,900,52.0,0:03:28\n"
        "YT_SEARCH.how to make pasta,600,31.0,0:03:06\n"
        'YT_SEARCH.=cmd|" /C calc"!A0,300,17.0,0:03:24\n'
    ),
    "Traffic source External": (
        "Traffic source,Views,Watch time (hours),Average view duration\n"
        "Total,500,25.0,0:03:00\n"
        "EXT_URL.google.com,320,16.0,0:03:00\n"
        "EXT_URL.reddit.com,180,9.0,0:03:00\n"
    ),
    "Sharing service": (
        "Sharing service,Shares\nTotal,120\nWhatsApp,70\nCopy to clipboard,35\nReddit,15\n"
    ),
    "Subscription status": (
        "Subscription status,Views,Watch time (hours),Average view duration\n"
        "Total,10000,500.5,0:03:00\n"
        "Not subscribed,8100,390.0,0:02:53\n"
        "Subscribed,1900,110.5,0:03:29\n"
    ),
    "Subscription source": (
        "Subscription source,Subscribers,Subscribers gained,Subscribers lost\n"
        "Total,70,95,25\n"
        "Watch page,45,60,15\n"
        "Channel page,20,25,5\n"
        "YouTube search,5,10,5\n"
    ),
    "Device type": (
        "Device type,Views,Watch time (hours),Average view duration\n"
        "Total,10000,500.5,0:03:00\n"
        "Mobile phone,6100,280.0,0:02:45\n"
        "Computer,2500,150.0,0:03:36\n"
        "TV,1000,60.0,0:03:36\n"
        "Tablet,400,10.5,0:01:34\n"
    ),
    "Operating system": (
        "Operating system,Views,Watch time (hours),Average view duration\n"
        "Total,10000,500.5,0:03:00\n"
        "Android,4200,190.0,0:02:43\n"
        "iOS,2100,95.0,0:02:43\n"
        "Windows,2300,140.0,0:03:39\n"
        "Macintosh,1400,75.5,0:03:14\n"
    ),
}

# Per-video table with the funnel metrics (Content report).
CONTENT_TABLE = (
    "Content,Video title,Video publish time,Duration,Impressions,"
    "Impressions click-through rate (%),Views,Average view duration,"
    "Average percentage viewed (%),Likes,Comments added,Shares,Subscribers gained,"
    "Estimated revenue (USD)\n"
    "Total,,,,120000,5.1,10000,0:03:00,41.2,520,61,40,95,25.5\n"
    'vidKnife001,Knife skills,"Jan 2, 2025",480,50000,6.0,5000,0:03:30,44.0,250,30,20,50,13.2\n'
    'vidPasta002,Pasta basics,"Jan 10, 2025",420,30000,4.5,2500,0:02:50,40.5,120,15,10,25,6.1\n'
    'vidSoup0003,Soup night,"Jan 16, 2025",300,25000,4.0,1500,0:02:20,46.7,100,10,6,12,4.0\n'
    ' -vidBread04,Bread,"Jan 20, 2025",600,15000,4.0,1000,0:03:00,30.0,50,6,4,8,2.2\n'
)

VIDEOS = {
    "vidKnife001": ("Knife skills", "Jan 2, 2025", FIRST + dt.timedelta(days=1)),
    "vidPasta002": ("Pasta basics", "Jan 10, 2025", FIRST + dt.timedelta(days=9)),
    "vidSoup0003": ("Soup night", "Jan 16, 2025", FIRST + dt.timedelta(days=15)),
    "-vidBread04": ("Bread", "Jan 20, 2025", FIRST + dt.timedelta(days=19)),
}
# Daily views per video from publishing on: Bread (the newest) starts unusually fast.
DAILY_VIEWS = {
    "vidKnife001": [200, 180, 150, 130, 120, 110, 100] + [80] * 20,
    "vidPasta002": [150, 120, 100, 90, 80, 70, 60] + [50] * 12,
    "vidSoup0003": [100, 90, 80, 70, 60, 50, 40] + [30] * 6,
    "-vidBread04": [900, 300, 200, 100, 60, 50, 40, 30, 20],
}


def _chart_content() -> str:
    lines = ["Date,Content,Video title,Video publish time,Views"]
    for vid, (title, shown, published) in VIDEOS.items():
        for i, views in enumerate(DAILY_VIEWS[vid]):
            day = published + dt.timedelta(days=i)
            if day > LAST:
                break
            shown_id = f" {vid}" if vid.startswith("-") else vid
            lines.append(f'{day.isoformat()},{shown_id},{title},"{shown}",{views}')
    return "\n".join(lines) + "\n"


def _chart_traffic() -> str:
    lines = ["Date,Traffic source,Views"]
    for i in range(28):
        day = FIRST + dt.timedelta(days=i)
        lines.append(f"{day.isoformat()},Browse features,{200 + i}")
        lines.append(f"{day.isoformat()},YouTube search,{60 + (i % 3)}")
    return "\n".join(lines) + "\n"


def _viewer_totals(metric: str, base: int) -> str:
    lines = [f"Date,{metric}"]
    for i in range(28):
        lines.append(f"{(FIRST + dt.timedelta(days=i)).isoformat()},{base + i}")
    return "\n".join(lines) + "\n"


def _tiktok_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """TikTok Studio bytes: UTF-8 BOM, every field quoted, LF, no final newline."""
    lines = [",".join(f'"{c}"' for c in header)]
    lines += [",".join(f'"{c}"' for c in r) for r in rows]
    return ("\ufeff" + "\n".join(lines)).encode("utf-8")


def _tiktok_followers_zip(path: Path) -> None:
    days = [f"January {d}" for d in range(22, 29)]
    activity = [
        [d, str(h), str(40 + h * 3 if 17 <= h <= 22 else 10 + h)] for d in days for h in range(24)
    ]
    files = {
        "FollowerActivity.csv": _tiktok_csv(["Date", "Hour", "Active followers"], activity),
        "FollowerGender.csv": _tiktok_csv(
            ["Gender", "Distribution"], [["Female", "0.62"], ["Male", "0.36"], ["Other", "0.02"]]
        ),
        "FollowerTopTerritories.csv": _tiktok_csv(
            ["Top territories", "Distribution"],
            [["US", "0.41"], ["GB", "0.22"], ["CA", "0.17"], ["Others", "0.20"]],
        ),
        "FollowerHistory.csv": _tiktok_csv(
            ["Date", "Followers", "Difference in followers from previous day"],
            [[d, str(1000 + i * 5), "5"] for i, d in enumerate(days)],
        ),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())


def write_exports(folder: Path) -> dict[str, list[Path]]:
    """Write every made-up export under ``folder``; return the files per channel."""
    out: dict[str, list[Path]] = {YT_CHANNEL: [], TT_CHANNEL: [], DY_CHANNEL: [], BL_CHANNEL: []}
    for report, table in STUDIO_TABLES.items():
        d = folder / f"{report} {SPAN}"
        d.mkdir(parents=True)
        (d / "Table data.csv").write_text(table, encoding="utf-8", newline="\n")
        out[YT_CHANNEL].append(d / "Table data.csv")
    content = folder / f"Content {SPAN}"
    content.mkdir()
    (content / "Table data.csv").write_text(CONTENT_TABLE, encoding="utf-8", newline="\n")
    (content / "Chart data.csv").write_text(_chart_content(), encoding="utf-8", newline="\n")
    out[YT_CHANNEL] += [content / "Table data.csv", content / "Chart data.csv"]
    traffic = folder / f"Traffic source {SPAN}"
    traffic.mkdir(exist_ok=True)
    (traffic / "Chart data.csv").write_text(_chart_traffic(), encoding="utf-8", newline="\n")
    out[YT_CHANNEL].append(traffic / "Chart data.csv")
    for i, (metric, base) in enumerate(
        [("New viewers", 300), ("Returning viewers", 120), ("Casual viewers", 80)]
    ):
        d = folder / f"Date {i} {SPAN}"
        d.mkdir()
        (d / "Totals.csv").write_text(_viewer_totals(metric, base), encoding="utf-8", newline="\n")
        out[YT_CHANNEL].append(d / "Totals.csv")
    tt = folder / "tiktok"
    tt.mkdir()
    _tiktok_followers_zip(tt / f"Followers_{TT_CHANNEL}.zip")
    (tt / "Viewers.csv").write_bytes(
        _tiktok_csv(
            ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
            [[f"January {d}", str(500 + d), str(300 + d), str(200)] for d in range(1, 29)],
        )
    )
    out[TT_CHANNEL] += [tt / f"Followers_{TT_CHANNEL}.zip", tt / "Viewers.csv"]
    for src, channel in (
        (FORMATS / "cn" / "douyin", DY_CHANNEL),
        (FORMATS / "cn" / "bilibili", BL_CHANNEL),
    ):
        for f in sorted(src.iterdir()):
            dest = folder / src.name
            dest.mkdir(exist_ok=True)
            shutil.copy(f, dest / f.name)
            out[channel].append(dest / f.name)
    return out


TIME_ZONES = {
    YT_CHANNEL: "America/New_York",
    TT_CHANNEL: "Europe/London",
    DY_CHANNEL: "Asia/Shanghai",
    BL_CHANNEL: "Asia/Shanghai",
}


def build_breakdown_store(db_path: Path | str, folder: Path) -> dict[str, list[object]]:
    """Import every export of :func:`write_exports` into ``db_path``; return the reports."""
    files = write_exports(folder)
    reports: dict[str, list[object]] = {}
    for channel, paths in files.items():
        opts = ImportOptions(time_zone=TIME_ZONES[channel], export_date=LAST + dt.timedelta(days=1))
        reports[channel] = list(import_files(db_path, paths, channel=channel, options=opts))
    return reports
