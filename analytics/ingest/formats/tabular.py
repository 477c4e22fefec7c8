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

import analytics.ingest.formats.aliases as A
import analytics.ingest.formats.tabular_signs as S
from analytics.ingest.formats.base import Format, ParseContext, Staged
from analytics.ingest.formats.combined import combined_dimension
from analytics.ingest.formats.tabular_plan import Metric, Plan, footer_filter, metric_sql
from analytics.ingest.formats.tabular_stage import refuse_repeated_keys, stage_plan

__all__ = [
    "Metric",
    "Plan",
    "TabularFormat",
    "footer_filter",
    "looks_like_id",
    "metric_sql",
    "refuse_repeated_keys",
    "stage_plan",
]


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
        return first not in A.METRICS and bool(set(headers[1:]) & S.STUDIO_METRIC_SIGNS)

    def platform_of(self, headers: list[str]) -> str:
        hs = set(headers)
        if hs & S.YOUTUBE_SIGNS or headers[0] in (
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
        if hs & S.TIKTOK_SIGNS or headers[0] in ("gender", "top territories"):
            return "tiktok"
        if headers[0] in ("日期", "时间") and hs & S.DOUYIN_DAILY_SIGNS and len(headers) == 2:
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
            plan.label = plan.label.rsplit(" · ", 1)[0] + " · per video, by title (table data)"
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
