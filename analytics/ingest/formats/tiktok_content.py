"""TikTok Studio ``Content.csv``: the top posts of a download, with lifetime totals.

Layout (UTF-8 with BOM, every field quoted)::

    "Time","Video title","Video link","Post time","Total likes","Total comments","Total shares","Total views"
    "February 28","<caption>","https://www.tiktok.com/@handle/video/7500000000000000001","July 16","533",...

* ``Time`` is the snapshot day and ``Post time`` the publish day, both
  without a year (``February 28``, ``8 de marzo``, ``28 апреля``). The
  snapshot gets its year like any yearless TikTok date (export day or the
  download's name); the post day is the latest such day not after the
  snapshot.
* The video id is the number in the link (``/video/7500000000000000001``),
  kept as text (19 digits survive exactly); a row without one is an error.
* Older downloads have no ``Time`` column and add ``Total play time``,
  ``Average watch time``, ``Watched full video``, ``Add to favorites``;
  ``Views in the last 7 days`` is a period figure and is not stored.

Rows go to ``videos`` (caption as title and caption, ``#hashtags`` as tags,
link as url) and ``video_totals`` (as of the snapshot day).
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import pandas as pd

import analytics.ingest.formats.aliases as A
import analytics.ingest.values as V
from analytics.ingest.dates import (
    infer_years,
    infer_years_forward,
    latest_not_after,
    parse_yearless,
    yearless_anchor,
)
from analytics.ingest.formats.base import Format, ParseContext, Staged
from analytics.sql_quote import quote_ident

_VIDEO_RE = r"/video/([0-9]+)"
_HANDLE_RE = r"tiktok\.com/@([^/?#]+)"


class TikTokContentFormat(Format):
    """TikTok Studio Content.csv (see module docstring)."""

    name = "tiktok_content"
    label = "TikTok Studio · content (top posts)"
    platform = "tiktok"

    def detect(self, headers: list[str]) -> bool:
        return "video link" in headers and ("post time" in headers or "video title" in headers)

    def stage(self, ctx: ParseContext) -> Staged:
        headers = ctx.raw.norm_headers
        i_time, i_title, i_link, i_post = (
            ctx.find("time"),
            ctx.find("video title"),
            ctx.find("video link"),
            ctx.find("post time"),
        )
        assert i_link is not None
        ctx.reject_blank_ids(i_link, "video link (the video's id)")
        staged = Staged(
            format_name=self.name,
            format_label=self.label,
            platform="tiktok",
            rows_read=ctx.raw.n_rows,
            needs_channel=True,
            export_date=ctx.options.export_date,
        )
        dc = ctx.raw.decimal_comma
        link = V.text(ctx.col(i_link))
        cols: dict[str, tuple[str, int | None, str]] = {
            "video_id": (
                f"nullif(regexp_extract({link}, '{_VIDEO_RE}', 1), '')",
                i_link,
                "no video id in the link (expected …/video/<digits>)",
            ),
            "url": (link, None, ""),
            "_handle": (f"nullif(regexp_extract({link}, '{_HANDLE_RE}', 1), '')", None, ""),
        }
        if i_title is not None:
            t = V.text(ctx.col(i_title))
            cols["title"] = (f"nullif(trim(split_part({t}, chr(10), 1)), '')", None, "")
            cols["caption"] = (t, None, "")
            cols["tags"] = (V.hashtags(t), None, "")
        metrics: list[str] = []
        lower: list[str] = []
        used = {i for i in (i_time, i_title, i_link, i_post) if i is not None}
        for i, h in enumerate(headers):
            if i in used:
                continue
            spec = A.METRICS.get(h)
            if spec is None or spec[0] not in A.STORE_METRICS or spec[0] in cols:
                staged.notes.append(f"column {ctx.header(i)!r} is not stored")
                continue
            column, kind, opt = spec
            src = ctx.col(i)
            if kind == "count":
                cols[column] = (V.count(src, dc), i, "not a whole number")
                lower.append(f"CASE WHEN {V.is_lower_bound(src)} THEN '{column}' END")
            elif kind == "rate":
                cols[column] = (
                    V.rate(src, str(opt), dc),
                    i,
                    "not a rate (a fraction, or a percent with '%')",
                )
            elif kind == "duration":
                cols[column] = (
                    V.duration(src, float(cast("float", opt or 1.0)), dc),
                    i,
                    "not a duration",
                )
            else:
                continue
            metrics.append(column)
        if lower:
            cols["lower_bounds"] = (
                f"list_filter([{', '.join(lower)}], lambda x: x IS NOT NULL)",
                None,
                "",
            )
        self._yearless_columns(ctx, i_time, i_post, staged)
        if i_time is not None:
            cols["as_of"] = ("_asof", None, "")
        else:
            cols["as_of"] = ("CAST(NULL AS DATE)", None, "")
        if i_post is not None:
            cols["published_date"] = ("_posted", None, "")
        parsed = ctx.convert(cols)
        ctx.fail_if_rejects()
        handles = [
            r[0]
            for r in ctx.con.execute(
                f"SELECT DISTINCT _handle FROM {parsed} WHERE _handle IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]
        if handles:
            staged.notes.append(f"posts of @{', @'.join(handles)}")
        if i_time is not None:
            span = ctx.con.execute(f"SELECT min(as_of), max(as_of) FROM {parsed}").fetchall()[0]
            staged.export_date = span[1]
        attrs = [a for a in ("title", "caption", "tags", "url", "published_date") if a in cols]
        staged.tables["videos"] = ctx.stage(
            "videos",
            f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, {', '.join(attrs)}, 'video' AS content_type "
            f"FROM {parsed} WHERE video_id IS NOT NULL "
            "QUALIFY row_number() OVER (PARTITION BY video_id ORDER BY as_of DESC NULLS LAST, _row DESC) = 1",
        )
        msel = "".join(f", {quote_ident(m)}" for m in metrics) + (", lower_bounds" if lower else "")
        staged.tables["video_totals"] = ctx.stage(
            "video_totals",
            f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, as_of, CAST(NULL AS DATE) AS period_start, "
            f"CAST(NULL AS DATE) AS period_end{msel}, _row FROM {parsed} WHERE video_id IS NOT NULL",
        )
        staged.notes.append("lifetime totals of the top posts as of the snapshot day")
        return staged

    @staticmethod
    def _yearless_columns(
        ctx: ParseContext, i_time: int | None, i_post: int | None, staged: Staged
    ) -> None:
        """Add ``_asof`` and ``_posted`` DATE columns to the raw table (years inferred)."""
        table = ctx.raw.table
        ctx.con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS _asof DATE")
        ctx.con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS _posted DATE")
        sel = ", ".join(V.clean(ctx.col(i)) if i is not None else "NULL" for i in (i_time, i_post))
        rows = ctx.con.execute(f"SELECT _row, {sel} FROM {table} ORDER BY _row").fetchall()
        how, anchor = yearless_anchor(ctx)
        snap_rows: list[tuple[int, tuple[int, int]]] = []
        snaps: dict[int, dt.date] = {}
        for row, snap, _post in rows:
            if snap is None:
                continue
            md = parse_yearless(snap)
            if md is None:
                full = _full_date(snap)
                if full is None:
                    ctx.reject(int(row), i_time, snap, "not a date like 'February 28'")
                else:
                    snaps[int(row)] = full
                continue
            snap_rows.append((int(row), md))
        if snap_rows:
            mds = [md for _, md in snap_rows]
            # every row of one download has the same snapshot day (or a few, in order)
            dates = infer_years_forward(mds, anchor) if how == "start" else infer_years(mds, anchor)
            snaps.update({r: d for (r, _), d in zip(snap_rows, dates, strict=False)})
            staged.notes.append(
                f"snapshot day (column {ctx.header(i_time or 0)}) read as {min(dates)}"
                + (f" .. {max(dates)}" if max(dates) != min(dates) else "")
                + f" (no year in the file; taken from {anchor})"
            )
        posted: dict[int, dt.date] = {}
        for row, _snap, post in rows:
            if post is None:
                continue
            md = parse_yearless(post)
            if md is None:
                full = _full_date(post)
                if full is None:
                    ctx.reject(int(row), i_post, post, "not a date like 'July 16'")
                else:
                    posted[int(row)] = full
                continue
            limit = snaps.get(int(row)) or (anchor if how == "end" else dt.date.today())
            posted[int(row)] = latest_not_after(md, limit)
        frame = pd.DataFrame(
            {
                "_row": [int(r[0]) for r in rows],
                "asof": pd.Series([snaps.get(int(r[0])) for r in rows], dtype="object"),
                "posted": pd.Series([posted.get(int(r[0])) for r in rows], dtype="object"),
            }
        )
        ctx.con.register("_tiktok_days", frame)
        try:
            ctx.con.execute(
                f"UPDATE {table} SET _asof = CAST(d.asof AS DATE), _posted = CAST(d.posted AS DATE) "
                f"FROM _tiktok_days d WHERE {table}._row = d._row"
            )
        finally:
            ctx.con.unregister("_tiktok_days")


def _full_date(text: str) -> dt.date | None:
    """A date written with its year (a re-saved file), else None."""
    from analytics.ingest.dates import parse_datetime

    d = parse_datetime(text)
    return d.date() if d is not None else None
