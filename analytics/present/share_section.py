"""The report's section of fan counts released with differential privacy (share mode).

Rendered from ``templates/share_section.html.j2`` (autoescaped): the epsilon
spent, the contribution caps and k, then fans per segment, fans per topic and
interactions per video, a suppressed count shown as "< k".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analytics.dp_share import ShareRelease
from analytics.i18n import format_count, normalize_lang, t
from analytics.present.templating import Markup, render


def share_section_html(
    release: ShareRelease, lang: str, titles: Mapping[str, str] | None = None, top: int = 20
) -> Markup:
    """The share release as an HTML section (escaped), in English or Chinese.

    Parameters
    ----------
    release : ShareRelease
        From :func:`analytics.dp_share.share_release`.
    lang : {"en", "zh"}
    titles : mapping of str to str, optional
        Video key -> title (the creator's own catalogue) for the interactions table.
    top : int
        Videos shown, by noisy interaction total.

    Returns
    -------
    Markup
        A ``<section>`` with the epsilon spent, the caps and k, and the tables,
        ready for :func:`analytics.present.report.render_report`'s ``share_section``.
    """
    lang = normalize_lang(lang)
    cfg = release.config
    titles = titles or {}

    def count(value: Any, suppressed: bool) -> str:
        return (
            t("share.suppressed", lang, k=cfg.k) if suppressed else format_count(int(value), lang)
        )

    segments = None
    if release.segments is not None:
        s = release.segments.table
        segments = [
            (str(g), count(c, sup))
            for g, c, sup in zip(s["segment"], s["count"], s["suppressed"], strict=True)
        ]
    tp = release.topics.table
    it = release.interactions.table
    shown = (
        it[~it["suppressed"]]
        .groupby("video_id")["count"]
        .sum()
        .sort_values(ascending=False)
        .head(top)
    )
    count_header = t("share.col.count", lang)
    return Markup(
        render(
            "share_section.html.j2",
            title=t("share.title", lang),
            epsilon=t("share.epsilon", lang, epsilon=f"{release.epsilon_spent:g}"),
            caps=t(
                "share.caps",
                lang,
                topics=cfg.max_topics_per_fan,
                events=cfg.max_events_per_fan,
                k=cfg.k,
            ),
            no_membership=t("share.no_membership", lang),
            segments_heading=t("share.segments", lang),
            segment_headers=[t("share.col.segment", lang), count_header],
            segments=segments,
            no_segments=t("share.no_segments", lang),
            topics_heading=t("share.topics", lang),
            topic_headers=[t("share.col.topic", lang), count_header],
            topics=[
                (str(k), count(c, sup))
                for k, c, sup in zip(tp["topic"], tp["count"], tp["suppressed"], strict=True)
            ],
            interactions_heading=t("share.interactions", lang, n=top),
            interaction_headers=[t("share.col.video", lang), count_header],
            interactions=[
                (str(titles.get(v) or v), format_count(int(c), lang)) for v, c in shown.items()
            ],
        )
    )
