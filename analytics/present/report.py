"""A self-contained HTML report of the strategy cards, for sponsors and clients.

One HTML file from the Jinja2 template ``templates/report.html.j2``
(autoescaped, :mod:`analytics.present.templating`): styles inline, every
chart embedded as a Plotly figure with plotly.js itself inlined once
(``include_plotlyjs=True`` on the first figure), no link to a CDN or any other network resource, so the file opens
offline and can be mailed. A CSV of the cards goes through
:func:`analytics.export_csv.safe_csv` (formula-like cells escaped).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import plotly.graph_objects as go

from analytics.export_csv import safe_csv
from analytics.i18n import TABLE, format_count, normalize_lang, t
from analytics.present import growth_charts
from analytics.present.growth_sections import growth_sections
from analytics.present.templating import Markup, render
from analytics.strategy import StrategyResult, cards_frame, render_card


class _Figures:
    """Plotly figures as HTML, plotly.js inlined in the first one only."""

    def __init__(self) -> None:
        self.first = True

    def __call__(self, fig: go.Figure | None) -> Markup | None:
        if fig is None:
            return None
        out = fig.to_html(
            full_html=False,
            include_plotlyjs=self.first,
            config={"displaylogo": False, "responsive": True},
        )
        self.first = False
        return Markup(out)


def _growth_sections(result: StrategyResult, lang: str, figure: _Figures) -> list[dict[str, Any]]:
    """The growth part of the report: the Strategy page's sections (a sentence where no chart)."""
    return [
        {
            "heading": s.heading,
            "caption": s.text,
            "figures": [f for f in (figure(fig) for _, fig in s.figures) if f is not None],
        }
        for s in growth_sections(result.analysis, lang)
    ]


def _notes(result: StrategyResult, lang: str) -> list[str]:
    notes = [t(k, lang, **{n: str(v) for n, v in p.items()}) for k, p in result.notes]
    if result.model_summary is not None:
        ms = result.model_summary
        verdict = t(
            "strategy.beats_baseline" if ms["beats_baseline"] else "strategy.not_beats_baseline",
            lang,
        )
        key = f"drivers.model.{ms['model']}"  # the model's name, never its code (mlp, hgb)
        model = t(key, lang) if key in TABLE else str(ms["model"])
        notes.insert(0, t("strategy.models_line", lang, model=model, verdict=verdict))
    return notes


def render_report(
    result: StrategyResult,
    lang: str = "en",
    *,
    channel: str | None = None,
    generated: dt.date | None = None,
    share_section: Markup | None = None,
) -> str:
    """Render a strategy result as one self-contained HTML page.

    The page is ``templates/report.html.j2``; every text from the data
    (titles, topics, channel names) is autoescaped.

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
    share_section : Markup, optional
        A rendered section appended at the end of the page
        (:func:`analytics.present.share_section.share_section_html`).

    Returns
    -------
    str
        The HTML document (UTF-8 text; plotly.js inlined once, a few MB).
    """
    lang = normalize_lang(lang)
    generated = generated or dt.date.today()
    channel = channel or (result.channel_id or t("app.all_channels", lang))
    figure = _Figures()
    cards = []
    for card in result.cards:
        r = render_card(card, lang)
        cards.append(
            {
                "title": r["title"],
                "confidence": card.confidence,
                "confidence_label": r["confidence_label"],
                "claim": r["claim"],
                "evidence": r["evidence"]["text"],
                "action": r["action"],
                "figure": figure(growth_charts.card_figure(card, lang)),
            }
        )
    return render(
        "report.html.j2",
        html_lang="zh-Hans" if lang == "zh" else "en",
        title=t("report.title", lang),
        for_channel=t("report.for_channel", lang, channel=channel),
        generated=t(
            "report.generated",
            lang,
            date=generated.isoformat(),
            videos=format_count(result.analysis.n, lang),
        ),
        cards_heading=t("report.cards", lang),
        no_cards=t("strategy.no_cards", lang),
        cards=cards,
        evidence_label=t("strategy.evidence", lang),
        action_label=t("strategy.action", lang),
        growth_heading=t("report.growth", lang),
        growth=_growth_sections(result, lang, figure),
        method_heading=t("report.method", lang),
        method=t("strategy.method", lang),
        notes_heading=t("report.notes", lang),
        notes=_notes(result, lang),
        extra=share_section,
    )


def cards_csv(result: StrategyResult, lang: str = "en") -> bytes:
    """The cards as CSV bytes (UTF-8 with BOM), formula-like cells escaped."""
    return safe_csv(cards_frame(result, normalize_lang(lang)))
