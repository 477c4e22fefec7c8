"""Analytics tables keyed by a dimension: YouTube Studio, TikTok Studio daily files, and alike.

One module reads every export whose first column is a dimension (video,
date, geography, traffic source, ...) followed by metric columns, whatever
the UI language (header names in :mod:`aliases`):

* YouTube Studio ``Table data.csv`` / ``Chart data.csv`` / ``Totals.csv``
  and their localised names (``Tabellendaten.csv``, ``Dados da tabela.csv``,
  ``表データ.csv``, ...), for the Content dimension and breakdowns, in
  EN/DE/PT/ES/FR/JA/zh-TW;
* TikTok Studio ``Overview.csv``, ``Viewers.csv``, ``FollowerHistory.csv``,
  ``FollowerActivity.csv``, ``FollowerGender.csv``,
  ``FollowerTopTerritories.csv`` (CSV or XLSX);
* Douyin 数据总览 per-metric daily files (``日期 | 播放量``);
* simple daily or per-video tables of the same shape.

Where the rows go: video x date -> ``video_daily``; video -> ``videos`` and
``video_totals``; date -> ``channel_daily``; other dimension (x date) ->
``channel_breakdown``. ``Total`` rows (``Gesamt``, ``合計``, ``總計``, also
with soft hyphens) and row-cap footers are never stored (case C14); the
Total row is compared with the sum of the rows instead.

TikTok's ``FollowerActivity`` (followers active per hour of a day) lands in
``channel_breakdown`` with ``dimension = 'hour_of_day'``, ``key`` the hour
``'00'`` .. ``'23'``, one row per day, and the active followers in
``followers_total``.

:func:`stage_plan` does the work from a :class:`Plan` (which column is what);
the column-mapping step for unknown layouts builds the same plan from the
user's choices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

import analytics.ingest.formats.aliases as A
import analytics.ingest.values as V
from analytics.ingest.dates import date_expr, datetime_expr
from analytics.ingest.formats.base import Format, ParseContext, Staged
from analytics.ingest.formats.combined import combined_dimension
from analytics.sql_quote import quote_ident, quote_literal

_TIKTOK_SIGNS = {
    "video views",
    "profile views",
    "total viewers",
    "difference in followers from previous day",
    "top territories",
    "active followers",
    "videovisningar",
    "profilvisningar",
    "målgrupp som nåtts",
}
_YOUTUBE_SIGNS = {
    "video title",
    "geography",
    "video publish time",
    "impressions click-through rate (%)",
    "watch time (hours)",
    "videotitel",
    "título do vídeo",
    "動画のタイトル",
    "影片標題",
    "wiedergabezeit (stunden)",
    "tempo de exibição (horas)",
    "título del vídeo",
    "titre de la vidéo",
    "tiempo de visualización (horas)",
    "総再生時間(単位: 時間)",
}
# Metric headers only YouTube Studio writes (a table with one of them is a Studio table).
_STUDIO_METRIC_SIGNS = {
    "watch time (hours)",
    "wiedergabezeit (stunden)",
    "tempo de exibição (horas)",
    "tiempo de visualización (horas)",
    "durée de visionnage (heures)",
    "総再生時間(単位: 時間)",
    "觀看時間 (小時)",
    "總收看時數",
    "impressions click-through rate (%)",
    "klickrate der impressionen (%)",
    "taxa de cliques de impressões (%)",
    "porcentaje de clics de las impresiones (%)",
    "taux de clics par impression (%)",
    "インプレッションのクリック率 (%)",
    "average percentage viewed (%)",
    "durchschnittlich angesehener prozentsatz (%)",
    "porcentagem média visualizada (%)",
    "porcentaje medio visto (%)",
    "pourcentage moyen regardé (%)",
    "平均再生率 (%)",
    "平均觀看比例 (%)",
    "views (%)",
    "visualizações (%)",
    "aufrufe (%)",
    "visualizaciones (%)",
    "vues (%)",
    "視聴回数 (%)",
    "觀看次數 (%)",
    "watch time (hours) (%)",
}
_YOUTUBE_SIGNS |= _STUDIO_METRIC_SIGNS
_DOUYIN_DAILY_SIGNS = {
    "作品点赞",
    "作品评论",
    "作品分享",
    "主页访问",
    "净增粉丝",
    "取关粉丝",
    "总粉丝量",
    "封面点击率",
    "播放量",
}


@dataclass
class Metric:
    """A metric column: raw index, store column, kind and option (see :mod:`aliases`)."""

    index: int
    column: str
    kind: str
    option: object = None


@dataclass
class Plan:
    """Which raw column is what, for :func:`stage_plan`.

    Attributes
    ----------
    first : int or None
        Column checked for ``Total`` rows and footers (the dimension).
    published_has_time : bool
        The publish column holds date-times (stored as ``published_at``);
        else dates (``published_date`` only).
    """

    platform: str
    format_name: str
    label: str
    video_id: int | None = None
    date: int | None = None
    dimension: tuple[int, str] | None = None
    # Columns whose values join into the key of a combined breakdown ("age25-34|female",
    # "<video id>|Browse features"); empty for a one-dimension table.
    key_parts: tuple[int, ...] = ()
    title: int | None = None
    caption: int | None = None
    url: int | None = None
    published: int | None = None
    published_has_time: bool = False
    length: int | None = None
    length_unit: float = 1.0
    metrics: list[Metric] = field(default_factory=list)
    first: int | None = 0
    date_order: str | None = None
    notes: list[str] = field(default_factory=list)
    derive_id: bool = False  # no video id: derived from platform, publish date and title


def metric_sql(ctx: ParseContext, m: Metric, dc: bool) -> tuple[str, str]:
    """(SQL, reject reason) converting metric column ``m`` to store units."""
    src = ctx.col(m.index)
    if m.kind == "count":
        return V.count(src, dc), "not a whole number"
    if m.kind == "rate":
        reason = (
            "not a rate (percent or fraction)"
            if m.option == "percent"
            else "not a rate (a fraction from 0 to 1, or a percent with '%')"
        )
        return V.rate(src, str(m.option), dc), reason
    if m.kind == "duration":
        return V.duration(
            src, float(cast("float", m.option or 1.0)), dc
        ), "not a duration (seconds, m:ss or h:mm:ss)"
    if m.kind == "money":
        return V.number(src, dc), "not an amount"
    if m.kind == "number":
        return V.number(src, dc), "not a number"
    raise ValueError(f"unknown metric kind {m.kind}")


def footer_filter(ctx: ParseContext, first: int | None) -> tuple[str, str, list[str], int]:
    """SQL (where, is_total) that keeps Total rows and row-cap footers out, notes, and rows kept out.

    A footer is a known localised text (``Showing top 500 results``,
    ``Die 500 besten Ergebnisse werden angezeigt``, ...) or, whatever the
    language, the last row when only its first cell is filled and that cell
    is a sentence with a number in it.
    """
    if first is None:
        return "true", "false", [], 0
    cell = V.clean(ctx.col(first))
    plain = f"lower(replace({cell}, chr(173), ''))"
    footer_re = "|".join(A.FOOTER_PATTERNS)
    total_list = ", ".join(quote_literal(t) for t in sorted(A.TOTAL_ROW))
    is_total = f"coalesce({plain} IN ({total_list}), false)"
    others = [V.clean(ctx.col(i)) for i in range(len(ctx.raw.headers)) if i != first]
    only_first = " AND ".join(f"{o} IS NULL" for o in others) if others else "true"
    last_row = ctx.raw.n_rows - 1
    # footers are the last line(s) of a file; only those rows are looked at
    is_footer = (
        f"(_row >= {last_row - 2} AND (coalesce(regexp_matches({plain}, {quote_literal(footer_re)}), false) OR "
        f"(_row = {last_row} AND {only_first} AND coalesce(regexp_matches({plain}, "
        f"'[0-9]{{2,}}') AND regexp_matches({plain}, ' [^ ]+ '), false))))"
    )
    flagged = ctx.con.execute(
        f"SELECT _row, {is_total} FROM {ctx.raw.table} WHERE {is_total} OR {is_footer} ORDER BY _row"
    ).fetchall()
    totals = [int(r[0]) for r in flagged if r[1]]
    footers = [int(r[0]) for r in flagged if not r[1]]
    notes = []
    if totals:
        notes.append("the Total row is not a video: kept out and used as a cross-check")
    if footers:
        notes.append("the row-cap footer line is not data: skipped")
    # the rows kept out are few: later queries test their row numbers, not the texts again
    where = f"_row NOT IN ({', '.join(map(str, totals + footers))})" if flagged else "true"
    total_sql = f"_row IN ({', '.join(map(str, totals))})" if totals else "false"
    return where, total_sql, notes, len(flagged)


def stage_plan(ctx: ParseContext, plan: Plan) -> Staged:
    """Convert the raw table as ``plan`` says and stage canonical rows.

    Raises
    ------
    IngestError
        Any value that does not parse (all of them listed), or an
        ambiguous date order.
    """
    dc = ctx.raw.decimal_comma
    staged = Staged(
        format_name=plan.format_name,
        format_label=plan.label,
        platform=plan.platform,
        rows_read=ctx.raw.n_rows,
        needs_channel=True,
    )
    staged.notes += plan.notes
    where, is_total, notes, staged.skipped_rows = footer_filter(ctx, plan.first)
    staged.notes += notes

    cols: dict[str, tuple[str, int | None, str]] = {}
    metric_names: list[str] = []
    lower_bound_parts: list[str] = []
    currency: str | None = None
    for m in plan.metrics:
        if m.column in cols:
            staged.notes.append(
                f"column {ctx.header(m.index)!r} repeats {m.column}; first one kept"
            )
            continue
        sql, reason = metric_sql(ctx, m, dc)
        cols[m.column] = (sql, m.index, reason)
        if m.kind == "count":
            lower_bound_parts.append(
                f"CASE WHEN {V.is_lower_bound(ctx.col(m.index))} THEN '{m.column}' END"
            )
        if m.kind == "money":
            currency = str(m.option) if m.option else None
        metric_names.append(m.column)
    if lower_bound_parts:
        cols["lower_bounds"] = (
            f"list_filter([{', '.join(lower_bound_parts)}], lambda x: x IS NOT NULL)",
            None,
            "",
        )
    if plan.date is not None:
        dsql, date_notes = date_expr(ctx, plan.date, where, plan.date_order)
        cols["date"] = (dsql, plan.date, "not a date")
        staged.notes += date_notes
    if plan.video_id is not None:
        cols["video_id"] = (V.checked_identifier(ctx.col(plan.video_id)), None, "")
        cols["_video_ok"] = (
            f"CASE WHEN {V.identifier(ctx.col(plan.video_id))} IS NULL THEN NULL "
            f"ELSE {V.checked_identifier(ctx.col(plan.video_id))} END",
            plan.video_id,
            V.SHORTENED_ID_REASON,
        )
    dimension = plan.dimension[1] if plan.dimension else None
    if plan.key_parts:
        # a combined breakdown: each part's blank is a real group, as for one dimension
        parts = [
            f"coalesce({V.identifier(ctx.col(i)) if i == plan.video_id else V.text(ctx.col(i))}, "
            f"{quote_literal(A.BLANK_KEY)})"
            for i in plan.key_parts
        ]
        cols["key"] = (" || '|' || ".join(parts), None, "")
    elif plan.dimension is not None:
        k = V.text(ctx.col(plan.dimension[0]))
        if dimension == "hour_of_day":
            hour = f"TRY_CAST(regexp_extract({k}, '^([0-9]{{1,2}})(:00)?$', 1) AS INTEGER)"
            cols["key"] = (
                f"CASE WHEN {hour} BETWEEN 0 AND 23 THEN lpad(CAST({hour} AS VARCHAR), 2, '0') END",
                plan.dimension[0],
                "not an hour from 0 to 23",
            )
        else:
            # a blank key is a real group (Studio's "no subtitles"), stored explicitly
            cols["key"] = (f"coalesce({k}, {quote_literal(A.BLANK_KEY)})", None, "")
    if plan.title is not None:
        cols["title"] = (V.text(ctx.col(plan.title)), None, "")
    if plan.caption is not None:
        cols["caption"] = (V.text(ctx.col(plan.caption)), None, "")
        cols["tags"] = (V.hashtags(V.text(ctx.col(plan.caption))), None, "")
    if plan.url is not None:
        cols["url"] = (V.text(ctx.col(plan.url)), None, "")
    if plan.published is not None:
        if plan.published_has_time:
            tz = ctx.channel_time_zone or ctx.options.time_zone or "UTC"
            ts, day, pnotes = datetime_expr(ctx, plan.published, tz, where, plan.date_order)
            cols["published_at"] = (ts, plan.published, "not a date and time")
            cols["published_date"] = (day, None, "")
        else:
            psql, pnotes = date_expr(ctx, plan.published, where, plan.date_order)
            cols["published_date"] = (psql, plan.published, "not a date")
        staged.notes += [n for n in pnotes if n not in staged.notes]
    if plan.length is not None:
        cols["duration_s"] = (
            V.duration(ctx.col(plan.length), plan.length_unit, dc),
            plan.length,
            "not a duration",
        )
    parsed = ctx.convert(cols, where)
    if plan.video_id is not None:
        # a row without its video id cannot be matched to anything: a reject, never dropped
        blank = ctx.con.execute(
            f"SELECT p._row FROM {parsed} p JOIN {ctx.raw.table} r USING (_row) "
            f"WHERE {V.identifier('r.' + ctx.col(plan.video_id))} IS NULL ORDER BY p._row LIMIT 1001"
        ).fetchall()
        for (row,) in blank:
            ctx.reject(int(row), plan.video_id, "", "the video id is empty")
    ctx.fail_if_rejects()
    if plan.derive_id:
        _derive_ids(ctx, plan, parsed, staged.platform)
    if currency:
        metric_names.append("currency")
    metric_sel = ", ".join(
        (f"'{currency}' AS currency" if m == "currency" else quote_ident(m)) for m in metric_names
    )
    lb = ", lower_bounds" if lower_bound_parts else ""
    msel = (", " + metric_sel) if metric_sel else ""
    has_metrics = bool(metric_names)
    if not has_metrics and plan.metrics:
        staged.notes.append("no column of this file is a metric the store keeps")
    elif not plan.metrics:
        staged.notes.append("no metric column in this file")
    # channel_id stays NULL here: the writer fills in the channel the user named.
    if plan.date is not None:
        span = ctx.con.execute(f"SELECT min(date), max(date) FROM {parsed}").fetchall()[0]
        staged.period_start, staged.period_end = span[0], span[1]
    if plan.video_id is not None or plan.derive_id:
        attrs: list[str] = [
            a
            for a in ("title", "caption", "tags", "url", "published_at", "published_date")
            if a in cols
        ]
        if plan.length is not None:
            attrs.append("duration_s")
        staged.tables["videos"] = ctx.stage(
            "videos",
            "SELECT DISTINCT ON (video_id) CAST(NULL AS VARCHAR) AS channel_id, video_id"
            + "".join(f", {a}" for a in attrs)
            + f", {'true' if plan.derive_id else 'false'} AS id_derived"
            + f" FROM {parsed} WHERE video_id IS NOT NULL ORDER BY video_id, _row DESC",
        )
        if not has_metrics:
            pass
        elif plan.dimension is not None:
            # a table by video and another dimension: each video's split lands as a
            # combined breakdown keyed "<video id>|<group>" (the video's totals stay apart)
            date_cols = (
                "date AS period_start, date AS period_end"
                if plan.date is not None
                else "CAST(NULL AS DATE) AS period_start, CAST(NULL AS DATE) AS period_end"
            )
            staged.tables["channel_breakdown"] = ctx.stage(
                "channel_breakdown",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, {quote_literal(str(dimension))} AS dimension, "
                f"key, {date_cols}{msel}{lb}, _row FROM {parsed} "
                "WHERE key IS NOT NULL AND video_id IS NOT NULL",
            )
        elif plan.date is not None:
            staged.tables["video_daily"] = ctx.stage(
                "video_daily",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, date{msel}{lb}, _row FROM {parsed} "
                "WHERE video_id IS NOT NULL AND date IS NOT NULL",
            )
        else:
            staged.tables["video_totals"] = ctx.stage(
                "video_totals",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, CAST(NULL AS DATE) AS as_of, "
                f"CAST(NULL AS DATE) AS period_start, CAST(NULL AS DATE) AS period_end{msel}{lb}, _row "
                f"FROM {parsed} WHERE video_id IS NOT NULL",
            )
            _cross_check(ctx, staged, parsed, is_total, plan.metrics)
    elif plan.dimension is not None and has_metrics:
        date_cols = (
            "date AS period_start, date AS period_end"
            if plan.date is not None
            else "CAST(NULL AS DATE) AS period_start, CAST(NULL AS DATE) AS period_end"
        )
        staged.tables["channel_breakdown"] = ctx.stage(
            "channel_breakdown",
            f"SELECT CAST(NULL AS VARCHAR) AS channel_id, {quote_literal(str(dimension))} AS dimension, key, "
            f"{date_cols}{msel}{lb}, _row FROM {parsed} WHERE key IS NOT NULL",
        )
        if plan.date is None:
            _cross_check(ctx, staged, parsed, is_total, plan.metrics)
    elif plan.date is not None and has_metrics:
        staged.tables["channel_daily"] = ctx.stage(
            "channel_daily",
            f"SELECT CAST(NULL AS VARCHAR) AS channel_id, date{msel}{lb}, _row FROM {parsed} "
            "WHERE date IS NOT NULL",
        )
    for target, keys in _FILE_KEYS.items():
        if target in staged.tables:
            refuse_repeated_keys(ctx, staged.tables[target], keys, plan)
    return staged


def _derive_ids(ctx: ParseContext, plan: Plan, parsed: str, platform: str) -> None:
    """Give each row of a title-only per-video table its id from platform, publish date and title.

    A row without a title is a reject; rows that share title and publish date
    cannot be told apart and are rejects too (nothing is merged by guess).
    """
    assert plan.title is not None
    blank = ctx.con.execute(
        f"SELECT _row FROM {parsed} WHERE title IS NULL ORDER BY _row LIMIT 1001"
    ).fetchall()
    for (row,) in blank:
        ctx.reject(int(row), plan.title, "", "no video id and no title to name the video by")
    ctx.fail_if_rejects()
    day = "coalesce(CAST(published_date AS VARCHAR), '')"
    vid = f"'{platform[:2]}_' || substr(sha256('{platform}|' || {day} || '|' || title), 1, 16)"
    ctx.con.execute(f"ALTER TABLE {parsed} ADD COLUMN video_id VARCHAR")
    ctx.con.execute(f"UPDATE {parsed} SET video_id = {vid}")
    same = ctx.con.execute(
        f"SELECT _row FROM {parsed} WHERE video_id IN (SELECT video_id FROM {parsed} "
        "GROUP BY video_id HAVING count(*) > 1) ORDER BY _row LIMIT 1001"
    ).fetchall()
    for (row,) in same:
        ctx.reject(
            int(row),
            plan.title,
            None,
            "another row has the same title and publish date: without video ids the two "
            "cannot be told apart; export the table with its Content (video id) column",
        )
    ctx.fail_if_rejects()


# Natural keys within one file (the channel is the same for every row).
_FILE_KEYS = {
    "video_daily": ("video_id", "date"),
    "video_totals": ("video_id",),
    "channel_daily": ("date",),
    "channel_breakdown": ("key", "period_start", "period_end"),
}


def refuse_repeated_keys(ctx: ParseContext, table: str, keys: tuple[str, ...], plan: Plan) -> None:
    """Refuse a file whose rows repeat a key: it holds a split the layout does not know.

    A daily table with several rows per date is a breakdown by a column no
    one named (before, its rows overwrote each other as channel totals).
    """
    key_sql = ", ".join(keys)
    # rows repeated whole (the same values twice) say nothing new and are not a split
    clash = (
        f"SELECT {key_sql} FROM (SELECT DISTINCT * EXCLUDE (_row) FROM {table}) "
        f"GROUP BY {key_sql} HAVING count(*) > 1"
    )
    on = " AND ".join(f"t.{k} IS NOT DISTINCT FROM c.{k}" for k in keys)
    rep = ctx.con.execute(
        f"SELECT list(t._row ORDER BY t._row), count(*) FROM {table} t JOIN ({clash}) c ON {on} "
        f"GROUP BY {', '.join('t.' + k for k in keys)} ORDER BY min(t._row) LIMIT 1"
    ).fetchall()
    if not rep:
        return
    rows, n = rep[0][0], int(rep[0][1])
    lines = [ctx.raw.line_of(int(r)) for r in rows[:5]]
    what = ", ".join(str(x) for x in lines) + (" ..." if n > 5 else "")
    ignored = [h for h in ctx.raw.headers if h.strip() and h not in _named(ctx, plan)]
    hint = f" (columns not read: {', '.join(ignored[:6])})" if ignored else ""
    from analytics.errors import IngestError

    raise IngestError(
        ctx.raw.file_name,
        f"{n} rows share one {' / '.join(keys)} (lines {what}): the file is split by something "
        f"this layout does not read{hint}; nothing was imported",
    )


def _named(ctx: ParseContext, plan: Plan) -> set[str]:
    idx = {plan.video_id, plan.date, plan.title, plan.published, plan.length, plan.caption}
    idx |= {plan.url, plan.dimension[0] if plan.dimension else None}
    idx |= {m.index for m in plan.metrics}
    return {ctx.header(i) for i in idx if i is not None}


def _cross_check(
    ctx: ParseContext, staged: Staged, parsed: str, is_total: str, metrics: list[Metric]
) -> None:
    views = next((m for m in metrics if m.column == "views"), None)
    if views is None:
        return
    total = ctx.con.execute(
        f"SELECT {V.count(ctx.col(views.index), ctx.raw.decimal_comma)} FROM {ctx.raw.table} WHERE {is_total}"
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


class TabularFormat(Format):
    """Dimension + metrics tables (see module docstring)."""

    name = "dimension_table"
    label = "Analytics table"

    def detect(self, headers: list[str]) -> bool:
        if not headers:
            return False
        first = headers[0]
        is_dim = (
            first in A.VIDEO_ID or first in A.DATE or first in A.DIMENSIONS or first in ("time",)
        )
        known = sum(1 for h in headers[1:] if h in A.METRICS or h in A.TITLE)
        if is_dim and known >= 1:
            return True
        if first in A.TITLE and any(h in A.METRICS for h in headers[1:]):
            return True  # a per-video table that names videos by title (and publish date)
        # A Studio table by a dimension no alias names (a new report, another UI
        # language): a first column that is no metric, then Studio's own metrics.
        return first not in A.METRICS and bool(set(headers[1:]) & _STUDIO_METRIC_SIGNS)

    def platform_of(self, headers: list[str]) -> str:
        hs = set(headers)
        if hs & _YOUTUBE_SIGNS or headers[0] in (
            "content",
            "conteúdo",
            "contenido",
            "contenu",
            "コンテンツ",
            "內容",
            "vídeo",
            "videos",
        ):
            return "youtube"
        if hs & _TIKTOK_SIGNS or headers[0] in ("gender", "top territories"):
            return "tiktok"
        if headers[0] in ("日期", "时间") and hs & _DOUYIN_DAILY_SIGNS and len(headers) == 2:
            return "douyin"
        return "generic"

    def plan(self, ctx: ParseContext) -> Plan:
        """Which column is what, from the normalised headers."""
        headers = ctx.raw.norm_headers
        platform = self.platform_of(headers)
        i_video = ctx.find(*A.VIDEO_ID)
        i_date = ctx.find(*A.DATE)
        i_dim = next((i for i, h in enumerate(headers) if h in A.DIMENSIONS), None)
        i_title = ctx.find(*A.TITLE)
        i_pub = ctx.find(*A.PUBLISHED)
        i_len = ctx.find(*A.LENGTH)
        roles = {i for i in (i_video, i_date, i_dim, i_title, i_pub, i_len) if i is not None}
        # Studio writes the dimension columns before the metrics: a leading column that is
        # none of the known roles is a dimension (a report no alias names), never ignored.
        lead: list[int] = []
        for i, h in enumerate(headers):
            if h in A.METRICS:
                break
            if i not in roles and h not in A.DIMENSIONS:
                lead.append(i)
        if i_video is None and i_dim is None and lead:
            i_dim = lead.pop(0)
        dimension = A.dimension_name(headers[i_dim]) if i_dim is not None else None
        dimension, key_parts, i_second = combined_dimension(headers, i_video, i_dim, i_date)
        used = {
            i for i in (i_video, i_date, i_dim, i_second, i_title, i_pub, i_len) if i is not None
        } | set(key_parts)
        plan = Plan(
            platform=platform,
            format_name=self.name,
            label=self._label(platform, i_video, i_date, dimension),
            video_id=i_video,
            date=i_date,
            dimension=(i_dim, str(dimension)) if i_dim is not None else None,
            key_parts=key_parts,
            title=i_title,
            published=i_pub,
            length=i_len,
            first=0,
        )
        if i_video is None and i_dim is None and i_date is None and i_title is not None:
            # A per-video table without ids (videos named by title and publish date):
            # the id is derived from platform, publish date and title (DESIGN.md).
            plan.derive_id = True
            plan.notes.append(
                "no video id in this table: ids derived from platform, publish date and title "
                "(a later export with ids lands on the same videos)"
            )
        elif i_video is None:
            # Without a video id these describe nothing the store keeps per row.
            for unused in (i_title, i_pub, i_len):
                if unused is not None:
                    plan.notes.append(
                        f"column {ctx.header(unused)!r} is not stored (the table has no video id)"
                    )
        for i, h in enumerate(headers):
            if i in used:
                continue
            spec = A.METRICS.get(h)
            breakdown_share = (
                spec is not None and spec[0] == "share" and i_dim is not None and i_video is None
            )
            if spec is None or (spec[0] not in A.STORE_METRICS and not breakdown_share):
                plan.notes.append(f"column {ctx.header(i)!r} is not stored")
                continue
            column, kind, opt = spec
            plan.metrics.append(Metric(i, column, kind, opt))
        return plan

    def stage(self, ctx: ParseContext) -> Staged:
        return stage_plan(ctx, self.plan(ctx))

    @staticmethod
    def _label(
        platform: str, i_video: int | None, i_date: int | None, dimension: str | None
    ) -> str:
        name = {
            "youtube": "YouTube Studio",
            "tiktok": "TikTok Studio",
            "douyin": "Douyin 数据总览",
        }.get(platform, "Analytics")
        if i_video is not None and i_date is not None:
            what = "daily per video (chart data)"
        elif i_video is not None:
            what = "per video (table data)"
        elif dimension == "hour_of_day":
            what = "active followers by hour"
        elif dimension and i_date is not None:
            what = f"daily by {dimension.replace('_', ' ')}"
        elif dimension:
            what = f"by {dimension.replace('_', ' ')}"
        else:
            what = "daily channel totals"
        return f"{name} · {what}"


def looks_like_id(value: str) -> bool:
    """True for a YouTube-style video id (11 characters of [A-Za-z0-9_-])."""
    return bool(re.fullmatch(r"[A-Za-z0-9_-]{11}", value))
