"""The persisted fits in the dashboard: loaded once per channel data version, shared by pages.

The Fans page and the Strategy page read the same fans fit: the one
:func:`analytics.services.fits.fans_fit` keeps beside the store, held in
memory by :mod:`dashboard.model_cache` (``st.cache_resource``) under the key
(``"fans"``, store path, channel, channel data version). The channel's data
version is re-read (cheaply) when the store's data version changes; an
import into another channel leaves it, and so the loaded fit, as it was.
"""

from __future__ import annotations

from analytics.i18n import TABLE, t
from analytics.present import charts
from analytics.services import fits
from analytics.services.fans import FansReport
from dashboard import common, model_cache
from dashboard.i18n_ui import tr


def fans_fit(path: str, channel: str | None) -> FansReport:
    """The channel's fans fit (read, or fitted once with a progress bar).

    Raises
    ------
    NotEnoughDataError
        The channel has too few fan interactions.
    """
    version = common.cached(fits.channel_version, path, channel)
    return model_cache.get_or_fit(
        ("fans", path, channel, "", version),
        lambda progress: fits.fans_fit(path, channel, progress=progress),
        tr("fans.fitting"),
    )


def als_caption(report: FansReport, lang: str) -> str:
    """The ALS settings and evaluation sizes of a fans fit, in ``lang``."""
    ev = report.evaluation
    p = ev.params
    chosen_by = f"fans.chosen_by.{p['chosen_by']}"
    return tr(
        "fans.quality_caption",
        fans=charts.format_count(ev.fans, lang),
        videos=charts.format_count(ev.videos, lang),
        evaluated=charts.format_count(ev.evaluated_fans, lang),
        k=ev.ks[0],
        factors=p["factors"],
        regularization=p["regularization"],
        alpha=p["alpha"],
        iterations=p["iterations"],
        chosen_by=t(chosen_by, lang) if chosen_by in TABLE else p["chosen_by"],
    )
