"""Writing the sample files in the platforms' real layouts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import numpy as np
import openpyxl

from sample_data.kitchen_lab.params import (
    API_HEADER,
    CHART_HEADER,
    DOUYIN_FORMAT,
    DOUYIN_HEADER,
    EXPORT_END,
    EXPORT_START,
    FAN_HEADER,
    MONTHS,
    TABLE_HEADER,
    UTC,
    XLSX_TIME,
    YT_CHANNEL_ID,
    YT_CHANNEL_TITLE,
)
from sample_data.kitchen_lab.plan import Video

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
