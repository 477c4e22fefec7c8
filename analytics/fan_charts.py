"""Plotly figures and display tables of the Fans page (no Streamlit here)."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from analytics.fan_insights import FansReport
from analytics.i18n import DEFAULT_LANGUAGE, t
from analytics.models.fans import Ranked
from analytics.models.market_topics import TopicPicks

MODEL_LABELS = {"als": "ALS (fans model)", "popularity": "Popularity (baseline)",
                "item_cosine": "Item-item cosine (baseline)"}
_BAR = "rgba(99, 110, 250, 0.75)"
_UP = "rgb(0, 150, 110)"
_DOWN = "rgb(200, 90, 70)"


def _safe(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=False)


def evaluation_table(report: FansReport, k: int | None = None) -> pd.DataFrame:
    """Offline evaluation at ``k``, one row per model (ALS first, then baselines).

    Columns: ``Model``, ``Precision@k``, ``Recall@k``, ``NDCG@k``, ``MAP@k``,
    ``Coverage`` (fraction of the catalogue), ``Novelty (bits)``,
    ``Diversity`` (intra-list, 0..1), ``NDCG vs popularity`` (ratio).
    """
    ev = report.evaluation
    k = ev.ks[0] if k is None else k
    t = ev.table
    pop = float(t.loc["popularity", f"ndcg@{k}"]) if "popularity" in t.index else float("nan")
    rows = []
    for model in t.index:
        r = t.loc[model]
        ndcg = float(r[f"ndcg@{k}"])
        rows.append({
            "Model": MODEL_LABELS.get(str(model), str(model)),
            f"Precision@{k}": r[f"precision@{k}"],
            f"Recall@{k}": r[f"recall@{k}"],
            f"NDCG@{k}": ndcg,
            f"MAP@{k}": r[f"map@{k}"],
            "Coverage": r[f"coverage@{k}"],
            "Novelty (bits)": r[f"novelty@{k}"],
            "Diversity": r[f"diversity@{k}"],
            "NDCG vs popularity": ndcg / pop if pop and pop == pop and pop > 0 else None,
        })
    return pd.DataFrame(rows)


def segments_figure(report: FansReport) -> go.Figure:
    """Horizontal bars: fans per segment, labelled with the segment's top topics."""
    segs = report.segmentation.segments
    labels = [f"Segment {s.id}: {_safe(', '.join(s.top_topics[:3]) or 'no topic stands out')}"
              for s in segs]
    fig = go.Figure(go.Bar(
        x=[s.size for s in segs], y=labels, orientation="h", marker_color=_BAR,
        text=[f"{s.share:.0%}" for s in segs], textposition="auto",
        hovertemplate="%{y}<br>%{x} fans<extra></extra>",
    ))
    fig.update_layout(xaxis_title="fans", yaxis={"autorange": "reversed"},
                      margin={"l": 10, "r": 10, "t": 30, "b": 10}, height=120 + 40 * len(segs))
    return fig


def segments_table(report: FansReport, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Segments with size, share (fraction), top topics and top videos (titles where known)."""
    titles = dict(zip(report.catalogue["video_id"], report.catalogue["title"], strict=True))
    rows = []
    for s in report.segmentation.segments:
        rows.append({
            t("fans.col.segment", lang): s.id,
            t("fans.col.fans", lang): s.size,
            t("fans.col.share", lang): s.share,
            t("fans.col.top_topics", lang): ", ".join(s.top_topics),
            "Top videos": ", ".join(str(titles.get(v) or v) for v in s.top_videos[:3]),
        })
    return pd.DataFrame(rows)


def segment_options(report: FansReport) -> dict[int, str]:
    """Segment id -> label for a picker; 0 is all fans."""
    out = {0: "All fans"}
    for s in report.segmentation.segments:
        topics = ", ".join(s.top_topics[:2])
        out[s.id] = f"Segment {s.id}" + (f" ({topics})" if topics else "")
    return out


def topics_figure(topics: pd.DataFrame, segment: int, n: int = 12) -> go.Figure:
    """Diverging bars of ``gap`` (demand share - posting share) for one segment."""
    rows = topics[topics["segment"] == segment]
    rows = pd.concat([rows.head(n // 2), rows.tail(n - n // 2)]).drop_duplicates("topic")
    rows = rows.sort_values("gap")
    fig = go.Figure(go.Bar(
        x=rows["gap"] * 100, y=[_safe(t) for t in rows["topic"]], orientation="h",
        marker_color=[_UP if g > 0 else _DOWN for g in rows["gap"]],
        customdata=list(zip(rows["demand_share"] * 100, rows["posting_share"] * 100,
                            rows["videos"], strict=True)),
        hovertemplate=("%{y}: fans' share %{customdata[0]:.1f} %, your posting share "
                       "%{customdata[1]:.1f} % (%{customdata[2]} videos)<extra></extra>"),
    ))
    fig.update_layout(xaxis_title="gap, percentage points (right: fans want more than you post)",
                      margin={"l": 10, "r": 10, "t": 30, "b": 10}, height=140 + 28 * len(rows))
    return fig


def topics_table(topics: pd.DataFrame, segment: int, lang: str = DEFAULT_LANGUAGE
                 ) -> pd.DataFrame:
    """One segment's topics: fans' share, posting share, gap (fractions) and videos posted."""
    rows = topics[topics["segment"] == segment]
    return pd.DataFrame({
        "Topic": rows["topic"].to_numpy(),
        t("fans.col.demand_share", lang): rows["demand_share"].to_numpy(),
        t("fans.col.posting_share", lang): rows["posting_share"].to_numpy(),
        t("fans.col.gap", lang): rows["gap"].to_numpy(),
        "Videos posted": rows["videos"].to_numpy(),
    })


def video_options(report: FansReport) -> dict[str, str]:
    """Video id -> "title (n fans)" for a picker, videos with most fans first."""
    cat = report.catalogue.sort_values(["fans", "video_id"], ascending=[False, True])
    return {str(v): f"{t or v} ({n} fans)" for v, t, n in
            zip(cat["video_id"], cat["title"], cat["fans"], strict=True)}


def similar_table(report: FansReport, answer: Ranked) -> pd.DataFrame:
    """Similar videos with title and score (cosine)."""
    titles = dict(zip(report.catalogue["video_id"], report.catalogue["title"], strict=True))
    return pd.DataFrame({
        "Video": [titles.get(v) or v for v in answer.ids],
        "Video id": answer.ids,
        "Similarity": answer.scores,
    })


def back_catalogue_table(report: FansReport) -> pd.DataFrame:
    """Back-catalogue picks per segment, display columns."""
    picks = report.back_catalogue
    return pd.DataFrame({
        "Segment": picks["segment"].to_numpy(),
        "Video": [t or v for t, v in zip(picks["title"], picks["video_id"], strict=True)],
        "Predicted preference": picks["predicted_preference"].to_numpy(),
        "Already reached": picks["reached_share"].to_numpy(),
        "Fans not reached": picks["unreached_fans"].to_numpy(),
        "Age (days)": picks["age_days"].round(0).to_numpy(),
    })


def market_table(picks: TopicPicks) -> pd.DataFrame:
    """Topics from similar channels, with the channels that use them as evidence."""
    p = picks.picks
    return pd.DataFrame({
        "Topic": p["topic"].to_numpy(),
        "Score": p["score"].to_numpy(),
        "Similar channels using it": p["similar_channels_using"].to_numpy(),
        "Evidence (channels like yours using it)": [", ".join(e) for e in p["evidence"]],
    })
