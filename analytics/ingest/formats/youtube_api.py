"""YouTube Data API video lists (one row per video, many channels), e.g. trending snapshots.

Layout: ``video_id,title,publishedAt,channelId,channelTitle,categoryId,
trending_date,tags,view_count,likes,dislikes,comment_count,...``. Counts are
lifetime totals as of ``trending_date`` (``YY.DD.MM``); ``publishedAt`` is
ISO 8601 UTC; ``tags`` are ``|``-separated (``[none]`` when empty). Each row
names its channel, so rows land in their own channels. The same video in
several files (it trends in several countries) is one video.
"""

from __future__ import annotations

import analytics.ingest.values as V
from analytics.ingest.formats.base import Format, ParseContext, Staged

_REQUIRED = ("video_id", "publishedat", "channelid", "view_count")


class YouTubeApiVideoList(Format):
    """YouTube Data API video list (see module docstring)."""

    name = "youtube_api_videos"
    label = "YouTube Data API · video list"
    platform = "youtube"

    def detect(self, headers: list[str]) -> bool:
        return all(h in headers for h in _REQUIRED)

    def stage(self, ctx: ParseContext) -> Staged:
        f = ctx.find
        c = ctx.col
        i_vid, i_pub, i_ch = f("video_id"), f("publishedat"), f("channelid")
        i_views = f("view_count")
        assert i_vid is not None and i_pub is not None and i_ch is not None and i_views is not None
        opt = {
            name: f(name)
            for name in (
                "title",
                "channeltitle",
                "categoryid",
                "trending_date",
                "tags",
                "likes",
                "dislikes",
                "comment_count",
                "description",
            )
        }
        cols: dict[str, tuple[str, int | None, str]] = {
            "video_id": (V.identifier(c(i_vid)), None, ""),
            "channel_id": (V.identifier(c(i_ch)), None, ""),
            "published_at": (
                f"timezone('UTC', {V.timestamp(c(i_pub), ['%Y-%m-%dT%H:%M:%S.%gZ', '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S'])})",
                i_pub,
                "not an ISO 8601 time",
            ),
            "views": (V.count(c(i_views)), i_views, "not a whole number"),
        }
        cols["published_date"] = (
            f"CAST(timezone('UTC', {V.timestamp(c(i_pub), ['%Y-%m-%dT%H:%M:%S.%gZ', '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S'])}) AS DATE)",
            None,
            "",
        )
        if opt["title"] is not None:
            cols["title"] = (V.text(c(opt["title"])), None, "")
        if opt["description"] is not None:
            cols["caption"] = (V.text(c(opt["description"])), None, "")
        if opt["channeltitle"] is not None:
            cols["channel_title"] = (V.text(c(opt["channeltitle"])), None, "")
        if opt["categoryid"] is not None:
            cols["category"] = (V.text(c(opt["categoryid"])), None, "")
        if opt["tags"] is not None:
            t = V.text(c(opt["tags"]))
            cols["tags"] = (
                f"CASE WHEN {t} IS NULL OR {t} = '[none]' THEN NULL ELSE list_distinct(list_filter("
                f"list_transform(string_split({t}, '|'), lambda x: lower(trim(replace(x, '\"', '')))), "
                "lambda x: x <> '')) END",
                None,
                "",
            )
        if opt["trending_date"] is not None:
            cols["as_of"] = (
                f"CAST({V.timestamp(c(opt['trending_date']), ['%y.%d.%m', '%Y-%m-%d'])} AS DATE)",
                opt["trending_date"],
                "not a date like 18.01.11 (YY.DD.MM)",
            )
        else:
            cols["as_of"] = ("CAST(NULL AS DATE)", None, "")
        for name, out in (
            ("likes", "likes"),
            ("dislikes", "dislikes"),
            ("comment_count", "comments"),
        ):
            pos = opt[name]
            if pos is not None:
                cols[out] = (V.count(c(pos)), pos, "not a whole number")
        ctx.reject_blank_ids(i_vid)
        parsed = ctx.convert(cols, where=f"{V.clean(c(i_vid))} IS NOT NULL")
        ctx.fail_if_rejects()
        staged = Staged(
            format_name=self.name,
            format_label=self.label,
            platform="youtube",
            rows_read=ctx.raw.n_rows,
            needs_channel=False,
        )
        span = ctx.con.execute(f"SELECT max(as_of) FROM {parsed}").fetchall()[0][0]
        staged.export_date = span
        staged.period_end = span
        title = "channel_title" if "channel_title" in cols else "CAST(NULL AS VARCHAR)"
        staged.channels = [
            {"channel_id": r[0], "platform": "youtube", "display_name": r[1], "time_zone": "UTC"}
            for r in ctx.con.execute(
                f"SELECT channel_id, any_value({title}) FROM {parsed} WHERE channel_id IS NOT NULL "
                "GROUP BY channel_id ORDER BY channel_id"
            ).fetchall()
        ]
        attrs = [a for a in ("title", "caption", "tags", "category") if a in cols]
        staged.tables["videos"] = ctx.stage(
            "videos",
            "SELECT channel_id, video_id, published_at, published_date, "
            "'https://www.youtube.com/watch?v=' || video_id AS url"
            + "".join(f", {a}" for a in attrs)
            + f" FROM {parsed} WHERE channel_id IS NOT NULL",
        )
        metrics = [m for m in ("views", "likes", "dislikes", "comments") if m in cols]
        staged.tables["video_totals"] = ctx.stage(
            "video_totals",
            f"SELECT channel_id, video_id, as_of, CAST(NULL AS DATE) AS period_start, as_of AS period_end, "
            f"{', '.join(metrics)} FROM {parsed} WHERE channel_id IS NOT NULL",
        )
        staged.notes.append(f"{len(staged.channels)} channels; lifetime totals as of {span}")
        return staged
