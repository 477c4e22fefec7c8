"""Write YouTube Studio "Content" tables (``Table data.csv``) in the real layout.

The layout follows the formats notes (section 1.2): header of the dimension
column and the selected metrics, a ``Total`` row on line 2, one row per video
with ``Video publish time`` as a date only (``"Sep 27, 2024"``, English month
names whatever the UI language), ``Duration`` in whole seconds, ids starting
with ``-`` written with a leading space, UTF-8 without BOM, LF line endings.
Values are made up; a planted effect can be put on the views.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import numpy as np

HEADERS = {
    "en": (
        "Content",
        "Video title",
        "Video publish time",
        "Duration",
        "Views",
        "Watch time (hours)",
        "Subscribers",
        "Impressions",
        "Impressions click-through rate (%)",
    ),
    "de": (
        "Videos",
        "Videotitel",
        "Veröffentlichungszeitpunkt des Videos",
        "Dauer",
        "Aufrufe",
        "Wiedergabezeit (Stunden)",
        "Abonnenten",
        "Impressionen",
        "Klickrate der Impressionen (%)",
    ),
    "pt": (
        "Conteúdo",
        "Título do vídeo",
        "Horário de publicação do vídeo",
        "Duração",
        "Visualizações",
        "Tempo de exibição (horas)",
        "Inscritos",
        "Impressões",
        "Taxa de cliques de impressões (%)",
    ),
}
TOTAL_WORD = {"en": "Total", "de": "Gesamt", "pt": "Total"}
TOPICS = ("cooking", "travel", "tech", "vlog")
_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def studio_content_rows(
    n_videos: int,
    *,
    seed: int = 0,
    export_day: dt.date = dt.date(2025, 3, 1),
    effect: float = 1.0,
    sigma: float = 0.5,
) -> list[dict[str, object]]:
    """Made-up per-video rows: id, title, publish date, duration, lifetime views, ...

    Videos are published every 1-5 days before ``export_day``. Views follow a
    saturating lifetime curve ``level * (1 - exp(-age / 10))`` with
    log-normal noise; videos of 8-12 minutes get ``effect`` times the views.
    """
    rng = np.random.default_rng(seed)
    gaps = rng.integers(1, 6, size=n_videos)
    ages = np.cumsum(gaps)[::-1] + 3
    rows = []
    for i in range(n_videos):
        age = int(ages[i])
        published = export_day - dt.timedelta(days=age)
        duration = int(rng.choice([rng.integers(30, 400), rng.integers(480, 720), 1500]))
        topic = TOPICS[int(rng.integers(len(TOPICS)))]
        mult = effect if 480 <= duration <= 720 else 1.0
        views = int(2000 * mult * (1 - np.exp(-age / 10)) * np.exp(rng.normal(0, sigma)))
        vid = "".join(rng.choice(list(_ID_CHARS), size=11))
        rows.append(
            {
                "id": vid,
                "title": f"Episode {i + 1}: {topic} day #{topic}",
                "published": published,
                "duration": duration,
                "views": views,
                "watch_h": round(views * duration * 0.4 / 3600, 4),
                "subs": int(views // 400) - int(rng.integers(0, 2)),
                "impressions": views * 12,
                "ctr": round(100 / 12 * float(rng.uniform(0.8, 1.2)), 2),
            }
        )
    return rows


def write_studio_table(path: Path, rows: list[dict[str, object]], lang: str = "en") -> Path:
    """Write ``rows`` as a Studio ``Table data.csv`` (header, Total row, videos)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADERS[lang])
    total_views = sum(int(r["views"]) for r in rows)
    w.writerow([TOTAL_WORD[lang], "", "", "", total_views, "", "", "", ""])
    for r in rows:
        vid = str(r["id"])
        day = r["published"]
        assert isinstance(day, dt.date)
        w.writerow(
            [
                " " + vid if vid.startswith("-") else vid,
                r["title"],
                f"{day:%b} {day.day}, {day.year}",
                r["duration"],
                r["views"],
                r["watch_h"],
                r["subs"],
                r["impressions"],
                r["ctr"],
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path
