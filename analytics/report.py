"""A self-contained HTML report of the strategy cards, for sponsors and clients.

One HTML file: styles inline, every chart embedded as a Plotly figure with
plotly.js itself inlined once (``include_plotlyjs=True`` on the first
figure), no link to a CDN or any other network resource, so the file opens
offline and can be mailed. A CSV of the cards goes through
:func:`analytics.export_csv.safe_csv` (formula-like cells escaped).
"""

from __future__ import annotations

import datetime as dt
import html

import plotly.graph_objects as go

from analytics import growth_charts
from analytics.export_csv import safe_csv
from analytics.i18n import format_count, format_percent, format_signed_percent, normalize_lang, t
from analytics.strategy import StrategyResult, cards_frame, render_card

_CSS = """
body{font-family:-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",
sans-serif;max-width:980px;margin:24px auto;padding:0 16px;color:#222;line-height:1.45}
h1{margin-bottom:4px}.meta{color:#666;margin-top:0}
.card{border:1px solid #ddd;border-radius:10px;padding:14px 18px;margin:16px 0}
.card h3{margin:0 0 6px 0}.claim{margin:6px 0}.evidence{color:#555;font-size:0.92em}
.action{background:#f4f7ff;border-left:4px solid #636efa;padding:6px 10px;margin-top:8px}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:0.8em;color:#fff}
.high{background:#1a9850}.medium{background:#f39c12}.low{background:#999}
.rank{color:#999;font-weight:normal}.notes{color:#666;font-size:0.9em}
"""


def _fig_html(fig: go.Figure, first: bool) -> str:
    return fig.to_html(
        full_html=False,
        include_plotlyjs=True if first else False,
        config={"displaylogo": False, "responsive": True},
    )


def render_report(
    result: StrategyResult,
    lang: str = "en",
    *,
    channel: str | None = None,
    generated: dt.date | None = None,
) -> str:
    """Render a strategy result as one self-contained HTML page.

    Parameters
    ----------
    result : StrategyResult
        From :func:`analytics.strategy.build_strategy`.
    lang : {"en", "zh"}
    channel : str, optional
        Channel name shown in the header (default: the channel id, or "All
        channels").
    generated : datetime.date, optional
        Date shown in the header (default today).

    Returns
    -------
    str
        The HTML document (UTF-8 text; plotly.js inlined once, a few MB).
    """
    lang = normalize_lang(lang)
    e = html.escape
    generated = generated or dt.date.today()
    channel = channel or (result.channel_id or t("app.all_channels", lang))
    parts: list[str] = []
    first = True

    def figure(fig: go.Figure | None) -> None:
        nonlocal first
        if fig is not None:
            parts.append(_fig_html(fig, first))
            first = False

    parts.append(f"<h1>{e(t('report.title', lang))}</h1>")
    made = t(
        "report.generated",
        lang,
        date=generated.isoformat(),
        videos=format_count(result.analysis.n, lang),
    )
    parts.append(
        f"<p class='meta'>{e(t('report.for_channel', lang, channel=channel))}<br>{e(made)}</p>"
    )
    parts.append(f"<h2>{e(t('report.cards', lang))}</h2>")
    if not result.cards:
        parts.append(f"<p>{e(t('strategy.no_cards', lang))}</p>")
    for i, card in enumerate(result.cards, start=1):
        r = render_card(card, lang)
        parts.append("<div class='card'>")
        parts.append(
            f"<h3><span class='rank'>{i}.</span> {e(r['title'])} "
            f"<span class='badge {e(card.confidence)}'>{e(r['confidence_label'])}</span>"
            "</h3>"
        )
        parts.append(f"<p class='claim'>{e(r['claim'])}</p>")
        parts.append(
            f"<p class='evidence'>{e(t('strategy.evidence', lang))}: {e(r['evidence']['text'])}</p>"
        )
        parts.append(
            f"<p class='action'><b>{e(t('strategy.action', lang))}:</b> {e(r['action'])}</p>"
        )
        figure(growth_charts.card_figure(card, lang))
        parts.append("</div>")
    a = result.analysis
    parts.append(f"<h2>{e(t('report.growth', lang))}</h2>")
    if a.n:
        parts.append(f"<h3>{e(t('strategy.best_hours', lang))}</h3>")
        figure(growth_charts.hours_figure(a.best_time, lang))
    if a.trend is not None:
        tr = a.trend
        parts.append(f"<h3>{e(t('strategy.trend', lang))}</h3>")
        parts.append(
            "<p>"
            + e(
                t(
                    "strategy.trend_caption",
                    lang,
                    growth=format_signed_percent(tr.growth_30d, lang),
                    level=format_percent(0.95, lang),
                    low=format_signed_percent(tr.growth_low, lang),
                    high=format_signed_percent(tr.growth_high, lang),
                )
            )
            + "</p>"
        )
        figure(growth_charts.trend_figure(tr, lang))
        if not tr.weekday.empty:
            parts.append(f"<h3>{e(t('strategy.seasonality', lang))}</h3>")
            figure(growth_charts.seasonality_figure(tr, lang))
    if not a.outliers.empty:
        parts.append(f"<h3>{e(t('strategy.outliers', lang))}</h3>")
        figure(growth_charts.outliers_figure(a.outliers, lang))
    parts.append(
        f"<h2>{e(t('report.method', lang))}</h2><p class='notes'>"
        f"{e(t('strategy.method', lang))}</p>"
    )
    notes = [t(k, lang, **{n: str(v) for n, v in p.items()}) for k, p in result.notes]
    if result.model_summary is not None:
        ms = result.model_summary
        verdict = t(
            "strategy.beats_baseline" if ms["beats_baseline"] else "strategy.not_beats_baseline",
            lang,
        )
        notes.insert(0, t("strategy.models_line", lang, model=ms["model"], verdict=verdict))
    if notes:
        parts.append(
            f"<h2>{e(t('report.notes', lang))}</h2><ul class='notes'>"
            + "".join(f"<li>{e(n)}</li>" for n in notes)
            + "</ul>"
        )
    html_lang = "zh-Hans" if lang == "zh" else "en"
    title = e(t("report.title", lang))
    return (
        f"<!DOCTYPE html>\n<html lang='{html_lang}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        + "\n".join(parts)
        + "</body></html>\n"
    )


def cards_csv(result: StrategyResult, lang: str = "en") -> bytes:
    """The cards as CSV bytes (UTF-8 with BOM), formula-like cells escaped."""
    return safe_csv(cards_frame(result, normalize_lang(lang)))
