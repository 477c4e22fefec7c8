"""More made-up exports in real layouts: age x gender, traffic per video, revenue, viewer kinds.

Nothing here is copied from a real export. The layouts follow
EXPORT_FORMATS.md: YouTube Studio Advanced-mode tables with a secondary
dimension (the dimension columns first, then the metrics; the ``Total`` row
on line 2; blank cells for groups below the privacy threshold), ``Totals.csv``
daily series (``Date,<metric>``), the traffic-source detail table with
``YT_RELATED.<video id>`` keys. :func:`build_parity_store` imports them on top
of :func:`tests.breakdown_exports.build_breakdown_store` (the same channel,
"Cooking Lab", the same 28 days).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files
from tests.breakdown_exports import (
    FIRST,
    LAST,
    SPAN,
    TIME_ZONES,
    YT_CHANNEL,
    build_breakdown_store,
)

# Viewer age x Viewer gender: 13-17 and 65+ are below the privacy threshold (blank).
AGE_GENDER = (
    "Viewer age,Viewer gender,Views (%),Average view duration,"
    "Average percentage viewed (%),Watch time (hours) (%)\n"
    "Total,,100,0:03:00,41.2,100\n"
    "age13-17,Female,,,,\n"
    "age13-17,Male,,,,\n"
    "age18-24,Female,8.5,0:02:20,36.0,6.6\n"
    "age18-24,Male,14.0,0:02:05,34.6,9.7\n"
    "age25-34,Female,15.5,0:03:30,45.0,18.0\n"
    "age25-34,Male,25.5,0:03:15,43.5,27.6\n"
    "age35-44,Female,9.0,0:03:10,42.0,9.5\n"
    "age35-44,Male,15.5,0:03:02,42.3,15.7\n"
    "age45-54,Female,5.5,0:03:05,40.5,5.6\n"
    "age45-54,Male,6.5,0:02:55,39.6,6.3\n"
    "age65-,Female,,,,\n"
    "age65-,Male,,,,\n"
    "age18-24,User-specified,,,,\n"
)

# Content x Traffic source (per video). Knife skills: mostly search; Bread: mostly browse.
VIDEO_TRAFFIC = (
    "Content,Video title,Video publish time,Duration,Traffic source,Views,"
    "Watch time (hours),Average view duration,Impressions,Impressions click-through rate (%)\n"
    "Total,,,,,10000,500.5,0:03:00,120000,5.1\n"
    'vidKnife001,Knife skills,"Jan 2, 2025",480,YouTube search,2600,150.0,0:03:28,20000,8.0\n'
    'vidKnife001,Knife skills,"Jan 2, 2025",480,Browse features,1900,110.0,0:03:28,28000,4.9\n'
    'vidKnife001,Knife skills,"Jan 2, 2025",480,Suggested videos,500,30.0,0:03:36,2000,6.1\n'
    'vidPasta002,Pasta basics,"Jan 10, 2025",420,Browse features,2000,95.0,0:02:51,25000,6.0\n'
    'vidPasta002,Pasta basics,"Jan 10, 2025",420,YouTube search,500,24.0,0:02:53,5000,7.2\n'
    ' -vidBread04,Bread,"Jan 20, 2025",600,Browse features,900,45.0,0:03:00,14000,4.5\n'
    ' -vidBread04,Bread,"Jan 20, 2025",600,External,100,5.0,0:03:00,,\n'
)

# Suggested-video detail: one of the channel's own videos, one from elsewhere.
SUGGESTED = (
    "Traffic source,Views,Watch time (hours),Average view duration\n"
    "Total,1200,60.0,0:03:00\n"
    "YT_RELATED.vidPasta002,700,35.0,0:03:00\n"
    "YT_RELATED.zzOther0001,500,25.0,0:03:00\n"
)

# Daily estimated revenue (USD) of the channel and its daily views.
REVENUE = [round(2.0 + 0.25 * i, 2) for i in range(28)]  # 2.00 .. 8.75
VIEWS = [300 + 10 * i for i in range(28)]  # 300 .. 570
# Regular viewers per day; the base store's "Casual viewers" Totals.csv gives 80 .. 107.
REGULAR = [40 + (i % 7) for i in range(28)]


def _totals(metric: str, values: list[object]) -> str:
    lines = [f"Date,{metric}"]
    for i, v in enumerate(values):
        lines.append(f"{(FIRST + dt.timedelta(days=i)).isoformat()},{v}")
    return "\n".join(lines) + "\n"


def write_parity_exports(folder: Path) -> list[Path]:
    """Write the exports of this module under ``folder``; return the files."""
    files: dict[str, tuple[str, str]] = {
        f"Viewer age and gender {SPAN}": ("Table data.csv", AGE_GENDER),
        f"Content by traffic source {SPAN}": ("Table data.csv", VIDEO_TRAFFIC),
        f"Traffic source Suggested videos {SPAN}": ("Table data.csv", SUGGESTED),
        f"Revenue {SPAN}": ("Totals.csv", _totals("Estimated revenue (USD)", REVENUE)),
        f"Views {SPAN}": ("Totals.csv", _totals("Views", VIEWS)),
        f"Regular viewers {SPAN}": ("Totals.csv", _totals("Regular viewers", REGULAR)),
    }
    out = []
    for report, (name, text) in files.items():
        d = folder / report
        d.mkdir(parents=True)
        (d / name).write_text(text, encoding="utf-8", newline="\n")
        out.append(d / name)
    return out


def build_parity_store(db_path: Path | str, folder: Path) -> dict[str, list[object]]:
    """:func:`build_breakdown_store` plus this module's exports in the YouTube channel."""
    reports = build_breakdown_store(db_path, folder / "base")
    paths = write_parity_exports(folder / "more")
    opts = ImportOptions(time_zone=TIME_ZONES[YT_CHANNEL], export_date=LAST + dt.timedelta(days=1))
    reports["more"] = list(import_files(db_path, paths, channel=YT_CHANNEL, options=opts))
    return reports
