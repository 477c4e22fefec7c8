"""Staging an analytics table from its :class:`~analytics.ingest.formats.tabular_plan.Plan`.

Converts every column in one vectorised pass, rejects cells that do not
parse (file, line, column, value), keeps Total rows and footers out (the
Total row is compared with the sum of the rows), derives ids where the
export has none, and refuses a file whose rows repeat a key.
"""

from __future__ import annotations

import analytics.ingest.formats.aliases as A
import analytics.ingest.values as V
from analytics.ingest.dates import date_expr, datetime_expr
from analytics.ingest.formats.base import ParseContext, Staged
from analytics.ingest.formats.tabular_plan import Metric, Plan, footer_filter, metric_sql
from analytics.sql_quote import quote_ident, quote_literal


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
        key = " || '|' || ".join(parts)
        place = plan.dimension[0] if plan.dimension else None
        if dimension == "city" and place is not None and place not in plan.key_parts:
            # Two places of one name in one country (Springfield, US): their place
            # ids tell them apart, so neither row is lost or refused as a repeat.
            pid = V.text(ctx.col(place))
            key = (
                f"CASE WHEN min({pid}) OVER (PARTITION BY {key}) <> max({pid}) OVER "
                f"(PARTITION BY {key}) THEN {key} || '|' || {pid} ELSE {key} END"
            )
        cols["key"] = (key, None, "")
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
    # a breakdown's period: the row's day where the table is daily, else unknown here
    period_cols = (
        "date AS period_start, date AS period_end"
        if plan.date is not None
        else "CAST(NULL AS DATE) AS period_start, CAST(NULL AS DATE) AS period_end"
    )
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
            staged.tables["channel_breakdown"] = ctx.stage(
                "channel_breakdown",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, {quote_literal(str(dimension))} AS dimension, "
                f"key, {period_cols}{msel}{lb}, _row FROM {parsed} "
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
        staged.tables["channel_breakdown"] = ctx.stage(
            "channel_breakdown",
            f"SELECT CAST(NULL AS VARCHAR) AS channel_id, {quote_literal(str(dimension))} AS dimension, key, "
            f"{period_cols}{msel}{lb}, _row FROM {parsed} WHERE key IS NOT NULL",
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
    # Most files repeat no key at all: one grouping by the key says so, cheaply.
    if not ctx.con.execute(
        f"SELECT 1 FROM {table} GROUP BY {key_sql} HAVING count(*) > 1 LIMIT 1"
    ).fetchall():
        return
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
