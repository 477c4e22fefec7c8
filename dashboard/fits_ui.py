"""The persisted fits in the dashboard: loaded once per channel data version, shared by pages.

The Fans, Drivers, Planner and Strategy pages read the fits
:mod:`analytics.services.fits` keeps beside the store (fans; drivers and
reach models; planner), held in memory by :mod:`dashboard.model_cache`
(``st.cache_resource``) under the key (kind, store path, channel, target,
channel data version). The channel's data version is re-read (cheaply) when
the store's data version changes; an import into another channel leaves it,
and so the loaded fit, as it was. A fit missing from the store's folder is
computed once, with a progress bar, by the first page that needs it; other
sessions wait for it instead of fitting it again.
"""

from __future__ import annotations

from analytics.i18n import TABLE, t
from analytics.present import charts
from analytics.services import fits
from analytics.services.fans import FansReport
from analytics.services.reach import DriversReport, Planner
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


def drivers_fit(path: str, channel: str | None, target: str) -> DriversReport:
    """The channel's reach models and drivers (read, or fitted once with a progress bar).

    Raises
    ------
    NotEnoughDataError
        Fewer than 30 videos with the target.
    """
    version = common.cached(fits.channel_version, path, channel)
    return model_cache.get_or_fit(
        ("drivers", path, channel, target, version),
        lambda progress: fits.drivers_fit(path, channel, target, progress=progress),
        tr("drivers.fitting"),
    )


def planner_fit(path: str, channel: str | None, target: str) -> Planner:
    """The channel's what-if planner (read, or fitted once with a progress bar).

    Raises
    ------
    NotEnoughDataError
        Fewer than 30 videos with the target.
    """
    version = common.cached(fits.channel_version, path, channel)
    return model_cache.get_or_fit(
        ("planner", path, channel, target, version),
        lambda progress: fits.planner_fit(path, channel, target, progress=progress),
        tr("planner.fitting"),
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
