"""Meta Business Suite exports: Facebook Page / Instagram account insights.

Two layouts:

* **Per-metric daily series** (``Reach.csv``, ``Views.csv``, ...): UTF-16 LE
  with BOM, first line ``sep=,``, second line the metric's title, then
  ``"Date","<metric>"`` (older) or ``"Date","Primary"`` (newer, the metric is
  only in the title line), dates as ISO date-times. One file per metric;
  the rows go to ``channel_daily`` and files of other metrics for the same
  days fill other columns of the same rows.
* **Content (per post)**: ``Post ID,Account ID,Account username,...,Publish
  time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,...``, UTF-8
  with BOM, numbers with thousands commas (``"15,000"``), ``Publish time``
  month-first (``09/15/2026 18:00``: Meta's own layout, so it is not an
  ambiguous date), ``Date`` = ``Lifetime`` for lifetime totals
  (``video_totals``) or a day (``video_daily``). Columns come and go
  between months, so they are matched by name. A post id that a spreadsheet
  turned into ``1.22158E+17`` is a row error, never a wrong id.

Reach (unique accounts that saw the content) is stored as
``unique_viewers``; follows as ``followers_gained``; page/profile visits as
``profile_views``; Facebook reactions as ``likes``; seconds viewed as
``watch_time_s``. Rows land in the channel the user names (else the
account's username from the content export).
"""

from __future__ import annotations

import unicodedata

import pandas as pd

import analytics.ingest.values as V
from analytics.errors import IngestError
from analytics.ingest.dates import date_expr, datetime_expr
from analytics.ingest.formats.base import Format, ParseContext, Staged
from analytics.ingest.reader import normalise_header
from analytics.sql_quote import quote_ident

# Daily series: normalised metric title -> store column (None: known, no store column).
SERIES: dict[str, str | None] = {
    "facebook page reach": "unique_viewers",
    "instagram reach": "unique_viewers",
    "reach": "unique_viewers",
    "facebook reach": "unique_viewers",
    "viewers": "unique_viewers",
    "facebook viewers": "unique_viewers",
    "instagram viewers": "unique_viewers",
    "views": "views",
    "facebook views": "views",
    "instagram views": "views",
    "impressions": "impressions",
    "instagram impressions": "impressions",
    "page and profile visits": "profile_views",
    "facebook visits": "profile_views",
    "facebook page visits": "profile_views",
    "instagram profile visits": "profile_views",
    "new likes and follows": "followers_gained",
    "facebook follows": "followers_gained",
    "instagram follows": "followers_gained",
    "follows": "followers_gained",
    "new follows": "followers_gained",
    "content interactions": None,
    "facebook content interactions": None,
    "instagram content interactions": None,
    "facebook link clicks": None,
    "link clicks": None,
    "instagram link clicks": None,
}
_META_ONLY = {k for k in SERIES if "facebook" in k or "instagram" in k} | {
    "page and profile visits",
    "new likes and follows",
    "content interactions",
}

CONTENT_METRICS: dict[str, tuple[str, str, float]] = {
    # normalised header -> (store column, kind, unit of a bare duration in seconds)
    "views": ("views", "count", 1),
    "plays": ("views", "count", 1),
    "impressions": ("impressions", "count", 1),
    "reach": ("unique_viewers", "count", 1),
    "likes": ("likes", "count", 1),
    "reactions": ("likes", "count", 1),
    "comments": ("comments", "count", 1),
    "shares": ("shares", "count", 1),
    "saves": ("saves", "count", 1),
    "follows": ("followers_gained", "count", 1),
    "profile visits": ("profile_views", "count", 1),
    "seconds viewed": ("watch_time_s", "duration", 1),
    "average seconds viewed": ("avg_view_duration_s", "duration", 1),
}


def _platform(text: str) -> str:
    t = text.casefold()
    if "instagram" in t or t.startswith("ig "):
        return "instagram"
    if "facebook" in t or "page" in t:
        return "facebook"
    return "meta"


class MetaDailyFormat(Format):
    """Meta Business Suite per-metric daily series (see module docstring)."""

    name = "meta_daily"
    label = "Meta Business Suite · daily"

    def detect(self, headers: list[str]) -> bool:
        return (
            len(headers) == 2
            and headers[0] == "date"
            and (headers[1] == "primary" or headers[1] in _META_ONLY)
        )

    def stage(self, ctx: ParseContext) -> Staged:
        metric_header = ctx.raw.norm_headers[1]
        title = ctx.header(1)
        if metric_header == "primary":
            cells = [c.strip() for row in ctx.raw.preamble for c in row if c and c.strip()]
            if not cells:
                raise IngestError(
                    ctx.raw.file_name,
                    'the file has a "Primary" column but no metric title line '
                    "above the header; give a column mapping",
                )
            title = cells[-1]
        key = normalise_header(title)
        if key not in SERIES:
            raise IngestError(
                ctx.raw.file_name,
                f"the Meta metric {title!r} is not one the store knows; "
                "give a column mapping (--mapping FILE)",
            )
        column = SERIES[key]
        platform = _platform(title)
        staged = Staged(
            format_name=self.name,
            format_label=f"Meta Business Suite · daily {title}",
            platform=platform,
            rows_read=ctx.raw.n_rows,
            needs_channel=True,
            export_date=ctx.options.export_date,
        )
        dsql, notes = date_expr(ctx, 0)
        staged.notes += notes
        cols: dict[str, tuple[str, int | None, str]] = {"date": (dsql, 0, "not a date")}
        if column is not None:
            cols[column] = (V.count(ctx.col(1), ctx.raw.decimal_comma), 1, "not a whole number")
        else:
            cols["_value"] = (V.number(ctx.col(1), ctx.raw.decimal_comma), 1, "not a number")
            staged.notes.append(f"{title!r} has no column in the store: checked, not stored")
        parsed = ctx.convert(cols)
        ctx.fail_if_rejects()
        span = ctx.con.execute(f"SELECT min(date), max(date) FROM {parsed}").fetchall()[0]
        staged.period_start, staged.period_end = span
        if column is not None:
            staged.tables["channel_daily"] = ctx.stage(
                "channel_daily",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, date, {quote_ident(column)}, _row FROM {parsed} "
                "WHERE date IS NOT NULL",
            )
            staged.notes.append(f"{title} stored as {column}")
        return staged


class MetaContentFormat(Format):
    """Meta Business Suite content (per post) export (see module docstring)."""

    name = "meta_content"
    label = "Meta Business Suite · content"

    def detect(self, headers: list[str]) -> bool:
        return "post id" in headers and ("permalink" in headers or "publish time" in headers)

    def stage(self, ctx: ParseContext) -> Staged:
        f, c = ctx.find, ctx.col
        headers = ctx.raw.norm_headers
        i_id = f("post id")
        assert i_id is not None
        ctx.reject_blank_ids(i_id, "post id")
        i_user = f("account username", "page name", "account name")
        i_title, i_desc = f("title"), f("description")
        i_len, i_pub, i_link, i_type, i_date = (
            f("duration (sec)"),
            f("publish time"),
            f("permalink"),
            f("post type"),
            f("date"),
        )
        platform = (
            "instagram"
            if f("account username") is not None
            else ("facebook" if f("page id", "page name") is not None else "meta")
        )
        staged = Staged(
            format_name=self.name,
            format_label=f"Meta Business Suite · {platform} content",
            platform=platform,
            rows_read=ctx.raw.n_rows,
            needs_channel=True,
            export_date=ctx.options.export_date,
        )
        dc = ctx.raw.decimal_comma
        cols: dict[str, tuple[str, int | None, str]] = {
            "video_id": (V.checked_identifier(c(i_id)), i_id, V.SHORTENED_ID_REASON),
        }
        desc = V.text(c(i_desc)) if i_desc is not None else "CAST(NULL AS VARCHAR)"
        if i_title is not None:
            cols["title"] = (
                f"coalesce({V.text(c(i_title))}, nullif(trim(split_part({desc}, chr(10), 1)), ''))",
                None,
                "",
            )
        else:
            cols["title"] = (f"nullif(trim(split_part({desc}, chr(10), 1)), '')", None, "")
        cols["caption"] = (desc, None, "")
        cols["tags"] = (V.hashtags(desc), None, "")
        if i_len is not None:
            cols["duration_s"] = (V.duration(c(i_len), 1.0, dc), i_len, "not a number of seconds")
        if i_link is not None:
            cols["url"] = (V.text(c(i_link)), None, "")
        if i_type is not None:
            t = f"lower({V.text(c(i_type))})"
            cols["content_type"] = (
                f"CASE WHEN {t} IS NULL THEN NULL WHEN {t} IN ('ig reel', 'reel', 'reels') THEN 'short' "
                f"WHEN {t} IN ('ig image', 'ig carousel', 'photo', 'photos', 'image', 'carousel', 'carousel_album') "
                f"THEN 'image post' WHEN {t} IN ('video', 'videos') THEN 'video' WHEN {t} LIKE '%live%' THEN 'live' "
                f"WHEN {t} IN ('ig story', 'story', 'stories') THEN 'story' WHEN {t} IN ('link', 'links') "
                f"THEN 'link' ELSE {t} END",
                None,
                "",
            )
        if i_pub is not None:
            tz = ctx.channel_time_zone or ctx.options.time_zone or "UTC"
            ts, day, notes = datetime_expr(ctx, i_pub, tz, order="mdy")
            cols["published_at"] = (ts, i_pub, "not a date and time like 09/15/2026 18:00")
            cols["published_date"] = (day, None, "")
            if not ctx.options.date_order:
                staged.notes.append(
                    f"column {ctx.header(i_pub)} read month/day/year (Meta's layout)"
                )
            staged.notes += [n for n in notes if "read as" not in n]
        lifetime = "true"
        if i_date is not None:
            raw_date = V.clean(c(i_date))
            lifetime = f"coalesce(lower({raw_date}) = 'lifetime', {raw_date} IS NULL)"
            dsql, notes = date_expr(ctx, i_date, where=f"NOT {lifetime}")
            staged.notes += notes
            cols["_lifetime"] = (lifetime, None, "")
            cols["date"] = (f"CASE WHEN {lifetime} THEN NULL ELSE {dsql} END", None, "")
            cols["_date_ok"] = (
                f"CASE WHEN {lifetime} OR ({dsql}) IS NOT NULL THEN true END",
                i_date,
                "not a day or 'Lifetime'",
            )
        else:
            cols["_lifetime"] = ("true", None, "")
            cols["date"] = ("CAST(NULL AS DATE)", None, "")
        metrics: list[str] = []
        used = {
            i
            for i in (i_id, i_user, i_title, i_desc, i_len, i_pub, i_link, i_type, i_date)
            if i is not None
        }
        for i, h in enumerate(headers):
            if i in used:
                continue
            spec = CONTENT_METRICS.get(h)
            if spec is None:
                continue
            column, kind, unit = spec
            if column in metrics:
                continue
            if kind == "count":
                cols[column] = (V.count(c(i), dc), i, "not a whole number")
            else:
                cols[column] = (V.duration(c(i), unit, dc), i, "not a number of seconds")
            metrics.append(column)
        if i_user is not None:
            cols["_account"] = (V.text(c(i_user)), None, "")
        parsed = ctx.convert(cols)
        ctx.fail_if_rejects()
        self._nfkc_titles(ctx, parsed)
        if i_user is not None:
            accounts = [
                r[0]
                for r in ctx.con.execute(
                    f"SELECT DISTINCT _account FROM {parsed} WHERE _account IS NOT NULL ORDER BY 1"
                ).fetchall()
            ]
            if len(accounts) == 1:
                staged.channel_hint = accounts[0]
            if accounts:
                staged.notes.append(f"posts of {', '.join(accounts)}")
        attrs = [
            a
            for a in (
                "title",
                "caption",
                "tags",
                "duration_s",
                "url",
                "content_type",
                "published_at",
                "published_date",
            )
            if a in cols
        ]
        staged.tables["videos"] = ctx.stage(
            "videos",
            f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, {', '.join(attrs)} FROM {parsed} "
            "WHERE video_id IS NOT NULL QUALIFY row_number() OVER (PARTITION BY video_id ORDER BY _row DESC) = 1",
        )
        msel = "".join(f", {quote_ident(m)}" for m in metrics)
        n_life, n_daily, lo, hi = ctx.con.execute(
            f"SELECT count(*) FILTER (WHERE _lifetime), count(*) FILTER (WHERE NOT _lifetime), min(date), max(date) "
            f"FROM {parsed}"
        ).fetchall()[0]
        if n_life:
            staged.tables["video_totals"] = ctx.stage(
                "video_totals",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, CAST(NULL AS DATE) AS as_of, "
                f"CAST(NULL AS DATE) AS period_start, CAST(NULL AS DATE) AS period_end{msel}, _row "
                f"FROM {parsed} WHERE _lifetime AND video_id IS NOT NULL",
            )
            staged.notes.append(f"{n_life} post(s) with lifetime totals")
        if n_daily:
            staged.tables["video_daily"] = ctx.stage(
                "video_daily",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, date{msel}, _row FROM {parsed} "
                "WHERE NOT _lifetime AND video_id IS NOT NULL AND date IS NOT NULL",
            )
            staged.period_start, staged.period_end = lo, hi
        return staged

    @staticmethod
    def _nfkc_titles(ctx: ParseContext, parsed: str) -> None:
        """Unicode "math bold" letters and other compatibility forms in titles become plain letters (NFKC)."""
        rows = ctx.con.execute(
            f"SELECT _row, title FROM {parsed} WHERE title IS NOT NULL"
        ).fetchall()
        changed = [
            (r, unicodedata.normalize("NFKC", t))
            for r, t in rows
            if unicodedata.normalize("NFKC", t) != t
        ]
        if not changed:
            return
        frame = pd.DataFrame(
            {
                "_row": [r for r, _ in changed],
                "t": pd.Series([t for _, t in changed], dtype="string"),
            }
        )
        ctx.con.register("_nfkc_titles", frame)
        try:
            ctx.con.execute(
                f"UPDATE {parsed} SET title = n.t FROM _nfkc_titles n WHERE {parsed}._row = n._row"
            )
        finally:
            ctx.con.unregister("_nfkc_titles")
