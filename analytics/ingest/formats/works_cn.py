"""Per-work lists of the Chinese platforms: Douyin 作品列表, Xiaohongshu 笔记列表明细表, and alike.

These exports have no video id: the id is derived from platform, publish
time and title (DESIGN.md), so the next export of the same work lands on the
same row. The first line of the title cell is the title; the rest is the
caption, whose ``#hashtags`` become the video's tags. Publish times are local
(Beijing) time and are stored with the channel's time zone. Rates are
fractions (``0.366807``), ``-`` is missing, counts may read ``1.2万`` or
``10万+`` (a lower bound, flagged).
"""

from __future__ import annotations

from typing import cast

import analytics.ingest.formats.aliases as A
import analytics.ingest.values as V
from analytics.ingest.dates import date_expr, parse_column
from analytics.ingest.formats.base import Format, ParseContext, Staged
from analytics.sql_quote import quote_ident

TITLE_COLS = ["作品名称", "笔记标题", "视频标题", "作品标题", "作品", "视频描述", "标题"]
PUBLISH_COLS = ["发布时间", "首次发布时间", "发布日期", "投稿时间"]
TYPE_COLS = ["体裁", "作品类型", "类型"]
ID_COLS = ["视频id", "作品id", "笔记id", "稿件id", "bv号", "bvid"]
STAR_COLS = ["封标点击率"]  # Bilibili: a star rating such as 3.5星, not a rate
DATE_COLS = ["日期", "时间"]
CN_TIME_FORMATS = [
    "%Y年%m月%d日%H时%M分%S秒",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y年%m月%d日",
]


def platform_of(headers: list[str]) -> str:
    """Which platform wrote a per-work list, from its signature columns."""
    hs = set(headers)
    if "笔记标题" in hs:
        return "xiaohongshu"
    if "视频id" in hs or "视频描述" in hs:
        return "wechat_channels"
    if "封标点击率" in hs or "投币量" in hs:
        return "bilibili"
    if "作品" in hs and "涨粉量" in hs:
        return "kuaishou"
    return "douyin"


class WorksListFormat(Format):
    """Per-work (per video / note) lists with Chinese headers."""

    name = "works_list_cn"
    label = "作品列表"

    def detect(self, headers: list[str]) -> bool:
        return any(h in TITLE_COLS for h in headers) and any(h in A.METRICS for h in headers)

    def stage(self, ctx: ParseContext) -> Staged:
        headers = ctx.raw.norm_headers
        platform = platform_of(headers)
        label = {
            "douyin": "Douyin 作品列表",
            "xiaohongshu": "Xiaohongshu 笔记列表",
            "wechat_channels": "WeChat Channels 视频数据",
            "bilibili": "Bilibili 稿件数据",
            "kuaishou": "Kuaishou 作品列表",
        }[platform]
        i_title = ctx.find(*TITLE_COLS)
        assert i_title is not None
        i_pub = ctx.find(*PUBLISH_COLS)
        i_type = ctx.find(*TYPE_COLS)
        i_date = ctx.find(*DATE_COLS)
        i_id = ctx.find(*ID_COLS)
        stars = [i for i, h in enumerate(headers) if h in STAR_COLS]
        used = {i for i in (i_title, i_pub, i_type, i_date, i_id) if i is not None} | set(stars)
        staged = Staged(
            format_name=f"{platform}_works",
            format_label=label,
            platform=platform,
            rows_read=ctx.raw.n_rows,
            needs_channel=True,
            export_date=ctx.options.export_date,
        )
        dc = ctx.raw.decimal_comma
        cols: dict[str, tuple[str, int | None, str]] = {}
        metrics: list[str] = []
        lower: list[str] = []
        for i, h in enumerate(headers):
            if i in used:
                continue
            spec = A.METRICS.get(h)
            if spec is None or spec[0] not in A.STORE_METRICS or spec[0] in cols:
                if h not in ("审核状态",):
                    staged.notes.append(f"column {ctx.header(i)!r} is not stored")
                continue
            column, kind, opt = spec
            src = ctx.col(i)
            if kind == "count":
                cols[column] = (V.count(src, dc), i, "not a count (e.g. 1234, 1.2万, 10万+)")
                lower.append(f"CASE WHEN {V.is_lower_bound(src)} THEN '{column}' END")
            elif kind == "rate":
                # Chinese exports write fractions, or percent strings ending in '%'.
                cols[column] = (V.rate(src, "fraction", dc), i, "not a rate")
            elif kind == "duration":
                cols[column] = (V.duration(src, float(cast("float", opt))), i, "not a duration")
            else:
                continue
            metrics.append(column)
        for i in stars:
            cols[f"_stars_{i}"] = (V.stars(ctx.col(i)), i, "not a star rating like 3.5星")
            staged.notes.append(
                f"column {ctx.header(i)!r} is a star rating (e.g. 3.5星), not a click-through "
                "rate: checked, not stored"
            )
        text = V.text(ctx.col(i_title))
        cols["title"] = (f"nullif(trim(split_part({text}, chr(10), 1)), '')", None, "")
        cols["caption"] = (
            f"nullif(trim(substr({text}, length(split_part({text}, chr(10), 1)) + 2)), '')",
            None,
            "",
        )
        cols["tags"] = (V.hashtags(text), None, "")
        tz = ctx.channel_time_zone or "Asia/Shanghai"  # a new channel of a Chinese platform
        if i_pub is not None:
            pub = parse_column(ctx, i_pub)
            staged.notes += pub.notes
            local = pub.naive
            ts = V.local_to_tz(local, tz)
            if pub.aware is not None:
                ts = f"coalesce({pub.aware}, {ts})"
            cols["published_at"] = (ts, i_pub, "not a date and time")
            cols["published_date"] = (f"CAST({local} AS DATE)", None, "")
            cols["_pub_text"] = (f"coalesce(strftime({local}, '%Y-%m-%d %H:%M:%S'), '')", None, "")
        else:
            cols["_pub_text"] = ("''", None, "")
        if i_type is not None:
            t = V.text(ctx.col(i_type))
            cols["content_type"] = (
                f"CASE WHEN {t} IS NULL THEN NULL WHEN {t} IN ('图文', '图集', '笔记') THEN 'image post' "
                f"WHEN {t} LIKE '%直播%' THEN 'live' ELSE 'video' END",
                None,
                "",
            )
            cols["_type_text"] = (t, None, "")
        if i_date is not None:
            dsql, notes = date_expr(ctx, i_date)
            staged.notes += notes
            cols["date"] = (dsql, i_date, "not a date")
        if lower:
            cols["lower_bounds"] = (
                f"list_filter([{', '.join(lower)}], lambda x: x IS NOT NULL)",
                None,
                "",
            )
        if i_id is not None:
            cols["_given_id"] = (V.checked_identifier(ctx.col(i_id)), i_id, V.SHORTENED_ID_REASON)
        parsed = ctx.convert(cols)
        if i_id is not None:
            # the export has ids: a row whose id cell is empty is a reject, never given one
            for (row,) in ctx.con.execute(
                f"SELECT _row FROM {parsed} WHERE _given_id IS NULL ORDER BY _row LIMIT 1001"
            ).fetchall():
                ctx.reject(int(row), i_id, "", "the video id is empty")
        ctx.fail_if_rejects()
        key_text = f"'{platform}|' || _pub_text || '|' || coalesce(title, '') || '|' || coalesce(caption, '')"
        vid = f"'{platform[:2]}_' || substr(sha256({key_text}), 1, 16)"
        if i_id is not None:
            vid = f"coalesce(_given_id, {vid})"
        ctx.con.execute(f"ALTER TABLE {parsed} ADD COLUMN video_id VARCHAR")
        ctx.con.execute(f"UPDATE {parsed} SET video_id = {vid}")
        if i_id is None:
            for (row,) in ctx.con.execute(
                f"SELECT _row FROM {parsed} WHERE video_id IN (SELECT video_id FROM {parsed} "
                "GROUP BY video_id HAVING count(*) > 1) ORDER BY _row LIMIT 1001"
            ).fetchall():
                ctx.reject(
                    int(row),
                    None,
                    None,
                    "another row has the same title, caption and publish time: without ids "
                    "the two cannot be told apart",
                )
            ctx.fail_if_rejects()
        attrs = (
            ["title", "caption", "tags"]
            + (["published_at", "published_date"] if i_pub is not None else [])
            + (["content_type"] if i_type is not None else [])
        )
        staged.tables["videos"] = ctx.stage(
            "videos",
            f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, {', '.join(attrs)}, "
            f"{'_given_id IS NULL' if i_id is not None else 'true'} AS id_derived "
            f"FROM {parsed} QUALIFY row_number() OVER (PARTITION BY video_id ORDER BY _row DESC) = 1",
        )
        msel = "".join(f", {quote_ident(m)}" for m in metrics) + (", lower_bounds" if lower else "")
        if i_date is not None:
            staged.tables["video_daily"] = ctx.stage(
                "video_daily",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, date{msel}, _row FROM {parsed} "
                "WHERE date IS NOT NULL",
            )
            span = ctx.con.execute(f"SELECT min(date), max(date) FROM {parsed}").fetchall()[0]
            staged.period_start, staged.period_end = span
        else:
            staged.tables["video_totals"] = ctx.stage(
                "video_totals",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, video_id, CAST(NULL AS DATE) AS as_of, "
                f"CAST(NULL AS DATE) AS period_start, CAST(NULL AS DATE) AS period_end{msel}, _row FROM {parsed}",
            )
            if i_pub is not None:
                span = ctx.con.execute(
                    f"SELECT min(published_date), max(published_date) FROM {parsed}"
                ).fetchall()[0]
                staged.notes.append(f"{ctx.raw.n_rows} works published {span[0]} .. {span[1]}")
        if i_id is None:
            staged.notes.append(
                "no video id in this export: ids derived from platform, publish time and title"
            )
        return staged
