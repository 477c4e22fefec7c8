"""Plotly figures and display tables of the Fans page (no Streamlit here).

Every builder takes ``lang`` (``"en"``, the default, or ``"zh"``): column
headers come from the ``fans.col.*`` keys of :mod:`analytics.i18n`, other
labels from ``fans.*``, and counts in text are formatted with
:func:`analytics.present.charts.format_count`. Pages key their ``column_config`` by
the same translated headers (``t("fans.col.coverage", lang)``).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.fan_insights import FansReport
from analytics.i18n import DEFAULT_LANGUAGE, TABLE, t
from analytics.models.fans import Ranked
from analytics.models.market_topics import TopicPicks
from analytics.present.charts import format_count
from analytics.present.escape import html_escape

_BAR = "rgba(99, 110, 250, 0.75)"
_UP = "rgb(0, 150, 110)"
_DOWN = "rgb(200, 90, 70)"


def video_title(title: object, video_id: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A video's title, or (no title in the data: a comments export names only ids) its id, marked.

    Never ``nan`` or ``None``: a blank or missing title gives "video <id>".
    """
    if title is None or (isinstance(title, float) and title != title) or not str(title).strip():
        return t("msg.fans.video_without_title", lang, id=video_id)
    return str(title)


def _titles(report: FansReport) -> dict[str, object]:
    return dict(zip(report.catalogue["video_id"], report.catalogue["title"], strict=True))


def vs_best_column(report: FansReport, lang: str = DEFAULT_LANGUAGE) -> str:
    """Header of the evaluation table's ratio column: NDCG against the verdict's baseline."""
    best = report.evaluation.best_baseline or "popularity"
    return t("msg.fans.col_vs_best", lang, baseline=model_label(best, lang))


def model_label(model: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Display name of an evaluated model (``als``, ``popularity``, ``item_cosine``) in ``lang``."""
    key = f"fans.model.{model}"
    return t(key, lang) if key in TABLE else str(model)


def evaluation_table(
    report: FansReport, k: int | None = None, lang: str = DEFAULT_LANGUAGE
) -> pd.DataFrame:
    """Offline evaluation at ``k``, one row per model (ALS first, then baselines).

    Columns (English headers; ``fans.col.*`` in ``lang``): ``Model``,
    ``Precision@k``, ``Recall@k``, ``NDCG@k``, ``MAP@k``, ``Coverage``
    (fraction of the catalogue), ``Novelty (bits)``, ``Diversity``
    (intra-list, 0..1) and NDCG over the best baseline's (ratio; the baseline
    the verdict above the table names, :func:`vs_best_column`), so the ALS
    row's ratio is 1 + the verdict's lift at the headline ``k``.
    """
    ev = report.evaluation
    k = ev.ks[0] if k is None else k
    table = ev.table
    best = ev.best_baseline or "popularity"
    pop = float(table.loc[best, f"ndcg@{k}"]) if best in table.index else float("nan")

    def col(key: str) -> str:
        return t(f"fans.col.{key}", lang, k=k)

    rows = []
    for model in table.index:
        r = table.loc[model]
        ndcg = float(r[f"ndcg@{k}"])
        rows.append(
            {
                col("model"): model_label(str(model), lang),
                col("precision"): r[f"precision@{k}"],
                col("recall"): r[f"recall@{k}"],
                col("ndcg"): ndcg,
                col("map"): r[f"map@{k}"],
                col("coverage"): r[f"coverage@{k}"],
                col("novelty"): r[f"novelty@{k}"],
                col("diversity"): r[f"diversity@{k}"],
                vs_best_column(report, lang): ndcg / pop
                if pop == pop and pop > 0
                else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def segments_figure(report: FansReport, lang: str = DEFAULT_LANGUAGE) -> go.Figure:
    """Horizontal bars: fans per segment, labelled with the segment's top topics."""
    segs = report.segmentation.segments
    sep = t("app.list_sep", lang)
    labels = [
        t(
            "fans.segment_bar",
            lang,
            id=s.id,
            topics=html_escape(sep.join(s.top_topics[:3]) or t("fans.no_topic_stands_out", lang)),
        )
        for s in segs
    ]
    fig = go.Figure(
        go.Bar(
            x=[s.size for s in segs],
            y=labels,
            orientation="h",
            marker_color=_BAR,
            text=[f"{s.share:.0%}" for s in segs],
            textposition="auto",
            customdata=[t("fans.n_fans", lang, count=format_count(s.size, lang)) for s in segs],
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis_title=t("fans.axis_fans", lang),
        yaxis={"autorange": "reversed"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=120 + 40 * len(segs),
    )
    return fig


def segments_table(report: FansReport, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Segments with size, share (fraction), top topics and top videos (titles where known)."""
    titles = _titles(report)
    sep = t("app.list_sep", lang)
    rows = []
    for s in report.segmentation.segments:
        rows.append(
            {
                t("fans.col.segment", lang): s.id,
                t("fans.col.fans", lang): s.size,
                t("fans.col.share", lang): s.share,
                t("fans.col.top_topics", lang): sep.join(s.top_topics)
                or t("fans.no_topic_stands_out", lang),
                t("fans.col.top_videos", lang): sep.join(
                    video_title(titles.get(v), v, lang) for v in s.top_videos[:3]
                ),
            }
        )
    return pd.DataFrame(rows)


def segment_options(report: FansReport, lang: str = DEFAULT_LANGUAGE) -> dict[int, str]:
    """Segment id -> label in ``lang`` for a picker; 0 is all fans."""
    out = {0: t("fans.all_fans", lang)}
    sep = t("app.list_sep", lang)
    for s in report.segmentation.segments:
        topics = sep.join(s.top_topics[:2])
        out[s.id] = (
            t("fans.segment_topics", lang, id=s.id, topics=topics)
            if topics
            else t("fans.segment_label", lang, id=s.id)
        )
    return out


def topics_figure(
    topics: pd.DataFrame, segment: int, n: int = 12, lang: str = DEFAULT_LANGUAGE
) -> go.Figure:
    """Diverging bars of ``gap`` (demand share - posting share) for one segment."""
    rows = topics[topics["segment"] == segment]
    rows = pd.concat([rows.head(n // 2), rows.tail(n - n // 2)]).drop_duplicates("topic")
    rows = rows.sort_values("gap")
    hover = t(
        "fans.topic_hover",
        lang,
        demand="%{customdata[0]:.1f}",
        posting="%{customdata[1]:.1f}",
        videos="%{customdata[2]}",
    )
    fig = go.Figure(
        go.Bar(
            x=rows["gap"] * 100,
            y=[html_escape(x) for x in rows["topic"]],
            orientation="h",
            marker_color=[_UP if g > 0 else _DOWN for g in rows["gap"]],
            customdata=list(
                zip(
                    rows["demand_share"] * 100,
                    rows["posting_share"] * 100,
                    rows["videos"],
                    strict=True,
                )
            ),
            hovertemplate="%{y}: " + hover + "<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis_title=t("fans.gap_axis", lang),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=140 + 28 * len(rows),
    )
    return fig


def topics_table(topics: pd.DataFrame, segment: int, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """One segment's topics: fans' share, posting share, gap (fractions) and videos posted."""
    rows = topics[topics["segment"] == segment]
    return pd.DataFrame(
        {
            t("fans.col.topic", lang): rows["topic"].to_numpy(),
            t("fans.col.demand_share", lang): rows["demand_share"].to_numpy(),
            t("fans.col.posting_share", lang): rows["posting_share"].to_numpy(),
            t("fans.col.gap", lang): rows["gap"].to_numpy(),
            t("fans.col.videos_posted", lang): rows["videos"].to_numpy(),
        }
    )


def video_options(report: FansReport, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Video id -> "title (n fans)" in ``lang`` for a picker, videos with most fans first."""
    cat = report.catalogue.sort_values(["fans", "video_id"], ascending=[False, True])
    return {
        str(v): t(
            "fans.video_option", lang, title=video_title(title, v, lang), fans=format_count(n, lang)
        )
        for v, title, n in zip(cat["video_id"], cat["title"], cat["fans"], strict=True)
    }


def similar_table(report: FansReport, answer: Ranked, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Similar videos with title, id and score (cosine similarity)."""
    titles = _titles(report)
    return pd.DataFrame(
        {
            t("fans.col.video", lang): [video_title(titles.get(v), v, lang) for v in answer.ids],
            t("fans.col.video_id", lang): answer.ids,
            t("fans.col.similarity", lang): answer.scores,
        }
    )


def back_catalogue_table(report: FansReport, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Back-catalogue picks per segment; ``Already reached`` is a fraction, ages in days."""
    picks = report.back_catalogue
    return pd.DataFrame(
        {
            t("fans.col.segment", lang): picks["segment"].to_numpy(),
            t("fans.col.video", lang): [
                video_title(title, v, lang)
                for title, v in zip(picks["title"], picks["video_id"], strict=True)
            ],
            t("fans.col.predicted_preference", lang): picks["predicted_preference"].to_numpy(),
            t("fans.col.reached_share", lang): picks["reached_share"].to_numpy(),
            t("fans.col.unreached_fans", lang): picks["unreached_fans"].to_numpy(),
            t("fans.col.age_days", lang): picks["age_days"].round(0).to_numpy(),
        }
    )


def market_table(picks: TopicPicks, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Topics from similar channels, with the channels that use them as evidence."""
    p = picks.picks
    sep = t("app.list_sep", lang)
    return pd.DataFrame(
        {
            t("fans.col.topic", lang): p["topic"].to_numpy(),
            t("fans.col.score", lang): p["score"].to_numpy(),
            t("fans.col.similar_channels_using", lang): p["similar_channels_using"].to_numpy(),
            t("fans.col.evidence", lang): [sep.join(e) for e in p["evidence"]],
        }
    )
