"""Analytics tables keyed by a dimension: YouTube Studio, TikTok Studio daily files, and alike.

One module reads every export whose first column is a dimension (video,
date, geography, traffic source, ...) followed by metric columns, whatever
the UI language (header names in :mod:`aliases`):

* YouTube Studio ``Table data.csv`` / ``Chart data.csv`` / ``Totals.csv``
  (and localised names), for the Content dimension and breakdowns;
* TikTok Studio ``Overview.csv``, ``Viewers.csv``, ``FollowerHistory.csv``,
  ``FollowerGender.csv``, ``FollowerTopTerritories.csv``;
* simple daily or per-video tables of the same shape.

Where the rows go: video x date -> ``video_daily``; video -> ``videos`` and
``video_totals``; date -> ``channel_daily``; other dimension (x date) ->
``channel_breakdown``. ``Total`` rows and row-cap footers are never stored
(case C14); the Total row is compared with the sum of the rows instead.
"""

from __future__ import annotations

import re

from analytics.ingest import values as V
from analytics.ingest.dates import date_expr
from analytics.ingest.formats import aliases as A
from analytics.ingest.formats.base import Format, ParseContext, Staged
from analytics.ingest.reader import quote_ident

_TIKTOK_SIGNS = {"video views", "profile views", "total viewers", "difference in followers from previous day",
                 "top territories", "active followers"}
_YOUTUBE_SIGNS = {"video title", "geography", "video publish time", "impressions click-through rate (%)",
                  "watch time (hours)", "videotitel", "título do vídeo", "動画のタイトル", "影片標題",
                  "wiedergabezeit (stunden)", "tempo de exibição (horas)"}


class TabularFormat(Format):
    """Dimension + metrics tables (see module docstring)."""

    name = "dimension_table"
    label = "Analytics table"

    def detect(self, headers: list[str]) -> bool:
        if not headers:
            return False
        first = headers[0]
        is_dim = first in A.VIDEO_ID or first in A.DATE or first in A.DIMENSIONS or first in ("time",)
        known = sum(1 for h in headers[1:] if h in A.METRICS or h in A.TITLE)
        return is_dim and known >= 1

    def platform_of(self, headers: list[str]) -> str:
        hs = set(headers)
        if hs & _TIKTOK_SIGNS or headers[0] in ("gender", "top territories"):
            return "tiktok"
        if hs & _YOUTUBE_SIGNS or headers[0] in ("content", "conteúdo", "contenido", "contenu", "コンテンツ",
                                                   "內容"):
            return "youtube"
        return "generic"

    def stage(self, ctx: ParseContext) -> Staged:
        headers = ctx.raw.norm_headers
        platform = self.platform_of(headers)
        dc = ctx.raw.decimal_comma
        i_video = ctx.find(*A.VIDEO_ID)
        i_date = ctx.find(*A.DATE)
        i_dim = next((i for i, h in enumerate(headers) if h in A.DIMENSIONS), None)
        dimension = A.DIMENSIONS.get(headers[i_dim]) if i_dim is not None else None
        i_title = ctx.find(*A.TITLE)
        i_pub = ctx.find(*A.PUBLISHED)
        i_len = ctx.find(*A.LENGTH)
        used = {i for i in (i_video, i_date, i_dim, i_title, i_pub, i_len) if i is not None}
        staged = Staged(format_name=self.name, format_label=self._label(platform, i_video, i_date, dimension),
                        platform=platform, rows_read=ctx.raw.n_rows, needs_channel=True)

        first = V.clean(ctx.col(0))
        footer_re = "|".join(A.FOOTER_PATTERNS)
        total_list = ", ".join(V.sql_quote(t) for t in sorted(A.TOTAL_ROW))
        is_total = f"lower({first}) IN ({total_list})"
        is_footer = f"regexp_matches(lower(coalesce({first}, '')), {V.sql_quote(footer_re)})"
        where = f"NOT coalesce({is_total}, false) AND NOT coalesce({is_footer}, false)"
        skipped = ctx.con.execute(
            f"SELECT count(*) FILTER (WHERE coalesce({is_total}, false)), "
            f"count(*) FILTER (WHERE coalesce({is_footer}, false)) FROM {ctx.raw.table}"
        ).fetchall()[0]
        staged.skipped_rows = int(skipped[0]) + int(skipped[1])
        if skipped[0]:
            staged.notes.append("the Total row is not a video: kept out and used as a cross-check")
        if skipped[1]:
            staged.notes.append("the row-cap footer line is not data: skipped")

        cols: dict[str, tuple[str, int | None, str]] = {}
        metric_names: list[str] = []
        lower_bound_parts: list[str] = []
        currency: str | None = None
        for i, h in enumerate(headers):
            if i in used:
                continue
            spec = A.METRICS.get(h)
            if spec is None or spec[0] not in A.STORE_METRICS:
                staged.notes.append(f"column {ctx.header(i)!r} is not stored")
                continue
            column, kind, opt = spec
            if column in cols:
                staged.notes.append(f"column {ctx.header(i)!r} repeats {column}; first one kept")
                continue
            src = ctx.col(i)
            if kind == "count":
                cols[column] = (V.count(src, dc), i, "not a whole number")
                lower_bound_parts.append(f"CASE WHEN {V.is_lower_bound(src)} THEN '{column}' END")
            elif kind == "rate":
                cols[column] = (V.rate(src, str(opt), dc), i, "not a rate (percent or fraction)")
            elif kind == "duration":
                cols[column] = (V.duration(src, float(opt)), i, "not a duration (seconds, m:ss or h:mm:ss)")
            elif kind == "money":
                cols[column] = (V.number(src, dc), i, "not an amount")
                currency = str(opt)
            metric_names.append(column)
        if lower_bound_parts:
            cols["lower_bounds"] = (
                f"list_filter([{', '.join(lower_bound_parts)}], lambda x: x IS NOT NULL)", None, "")
        date_notes: list[str] = []
        if i_date is not None:
            dsql, date_notes = date_expr(ctx, i_date, where)
            cols["date"] = (dsql, i_date, "not a date")
        if i_video is not None:
            cols["video_id"] = (V.identifier(ctx.col(i_video)), None, "")
        if i_dim is not None:
            cols["key"] = (V.text(ctx.col(i_dim)), None, "")
        if i_title is not None:
            cols["title"] = (V.text(ctx.col(i_title)), None, "")
        if i_pub is not None:
            psql, _ = date_expr(ctx, i_pub, where)
            cols["published_date"] = (psql, i_pub, "not a date")
        if i_len is not None:
            cols["duration_s"] = (V.duration(ctx.col(i_len), 1.0), i_len, "not a duration")
        staged.notes += date_notes
        parsed = ctx.convert(cols, where)
        ctx.fail_if_rejects()
        if currency:
            metric_names.append("currency")
        metric_sel = ", ".join(
            (f"'{currency}' AS currency" if m == "currency" else quote_ident(m)) for m in metric_names
        )
        lb = ", lower_bounds" if lower_bound_parts else ""
        msel = (", " + metric_sel) if metric_sel else ""
        # channel_id stays NULL here: the writer fills in the channel the user named.
        if i_date is not None:
            span = ctx.con.execute(f"SELECT min(date), max(date) FROM {parsed}").fetchall()[0]
            staged.period_start, staged.period_end = span[0], span[1]
        if i_video is not None:
            staged.tables["videos"] = ctx.stage(
                "videos",
                "SELECT DISTINCT ON (video_id) CAST(NULL AS VARCHAR) AS channel_id, video_id"
                + (", title" if i_title is not None else "")
                + (", published_date" if i_pub is not None else "")
                + (", duration_s" if i_len is not None else "")
                + f" FROM {parsed} WHERE video_id IS NOT NULL ORDER BY video_id, _row DESC",
            )
            if i_date is not None:
                staged.tables["video_daily"] = ctx.stage(
                    "video_daily",
                    f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, date{msel}{lb} FROM {parsed} "
                    "WHERE video_id IS NOT NULL AND date IS NOT NULL",
                )
            else:
                staged.tables["video_totals"] = ctx.stage(
                    "video_totals",
                    f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, CAST(NULL AS DATE) AS as_of, "
                    f"CAST(NULL AS DATE) AS period_start, CAST(NULL AS DATE) AS period_end{msel}{lb} "
                    f"FROM {parsed} WHERE video_id IS NOT NULL",
                )
                self._cross_check(ctx, staged, parsed, is_total, metric_names)
        elif i_dim is not None:
            date_cols = ("date AS period_start, date AS period_end" if i_date is not None else
                         "CAST(NULL AS DATE) AS period_start, CAST(NULL AS DATE) AS period_end")
            staged.tables["channel_breakdown"] = ctx.stage(
                "channel_breakdown",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, '{dimension}' AS dimension, key, "
                f"{date_cols}{msel}{lb} FROM {parsed} WHERE key IS NOT NULL",
            )
            if i_date is None:
                self._cross_check(ctx, staged, parsed, is_total, metric_names)
        elif i_date is not None:
            staged.tables["channel_daily"] = ctx.stage(
                "channel_daily",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, date{msel}{lb} FROM {parsed} "
                "WHERE date IS NOT NULL",
            )
        return staged

    @staticmethod
    def _label(platform: str, i_video: int | None, i_date: int | None, dimension: str | None) -> str:
        name = {"youtube": "YouTube Studio", "tiktok": "TikTok Studio"}.get(platform, "Analytics")
        if i_video is not None and i_date is not None:
            what = "daily per video (chart data)"
        elif i_video is not None:
            what = "per video (table data)"
        elif dimension and i_date is not None:
            what = f"daily by {dimension.replace('_', ' ')}"
        elif dimension:
            what = f"by {dimension.replace('_', ' ')}"
        else:
            what = "daily channel totals"
        return f"{name} · {what}"

    @staticmethod
    def _cross_check(ctx: ParseContext, staged: Staged, parsed: str, is_total: str,
                     metric_names: list[str]) -> None:
        if "views" not in metric_names:
            return
        i_views = next((i for i, h in enumerate(ctx.raw.norm_headers)
                        if A.METRICS.get(h, ("",))[0] == "views"), None)
        if i_views is None:
            return
        total = ctx.con.execute(
            f"SELECT {V.count(ctx.col(i_views), ctx.raw.decimal_comma)} FROM {ctx.raw.table} "
            f"WHERE coalesce({is_total}, false)"
        ).fetchall()
        if not total or total[0][0] is None:
            return
        rows_sum = ctx.con.execute(f"SELECT sum(views) FROM {parsed}").fetchall()[0][0] or 0
        t = int(total[0][0])
        if int(rows_sum) == t:
            staged.notes.append(f"cross-check: the rows sum to the Total row's {t:,} views")
        else:
            staged.notes.append(
                f"cross-check: the rows sum to {int(rows_sum):,} views, the Total row says {t:,} "
                "(rows the export left out, or views of unknown location)"
            )


def looks_like_id(value: str) -> bool:
    """True for a YouTube-style video id (11 characters of [A-Za-z0-9_-])."""
    return bool(re.fullmatch(r"[A-Za-z0-9_-]{11}", value))

