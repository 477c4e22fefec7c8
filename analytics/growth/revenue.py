"""Channel revenue and RPM over time, in the currency the export names.

Pure functions: frames in (as
:func:`analytics.store.breakdown_queries.channel_revenue_daily` returns them),
frames out. RPM is revenue per 1,000 views, as YouTube Studio defines it;
a day counts towards RPM only when both its revenue and its views are known
(a day without views is never read as zero views).
"""

from __future__ import annotations

import pandas as pd

COLUMNS = ["date", "currency", "revenue", "views", "rpm"]
MONTH_COLUMNS = ["month", "currency", "revenue", "views", "rpm", "days"]


def _rpm(revenue: pd.Series, views: pd.Series) -> pd.Series:
    return revenue / views.where(views > 0) * 1000.0


def revenue_daily(rows: pd.DataFrame) -> pd.DataFrame:
    """Daily revenue, views and RPM per currency.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``date``, ``revenue``, ``currency``, ``views``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``revenue`` (float), ``views`` (float, NaN
        unknown), ``rpm`` (revenue per 1,000 views; NaN without views).
        ``currency`` is ``""`` where the export named none.
    """
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(rows["date"]).dt.date,
            "currency": rows["currency"].fillna("").astype(str),
            "revenue": pd.to_numeric(rows["revenue"], errors="coerce").astype(float),
            "views": pd.to_numeric(rows["views"], errors="coerce").astype(float),
        }
    )
    out["rpm"] = _rpm(out["revenue"], out["views"])
    return out[COLUMNS].reset_index(drop=True)


def revenue_monthly(daily: pd.DataFrame) -> pd.DataFrame:
    """Revenue, views and RPM per calendar month and currency.

    ``views`` and ``rpm`` count only days whose views are known, so a month
    with revenue but no exported views has NaN RPM rather than a made-up
    one; ``days`` is the number of days with revenue.
    """
    if daily.empty:
        return pd.DataFrame(columns=MONTH_COLUMNS)
    frame = daily.assign(month=pd.to_datetime(daily["date"]).dt.strftime("%Y-%m"))
    rows = []
    for (month, cur), g in frame.groupby(["month", "currency"], sort=True):
        known = g[g["views"].notna()]
        views = known["views"].sum() if not known.empty else float("nan")
        rpm = known["revenue"].sum() / views * 1000.0 if views and views > 0 else float("nan")
        rows.append(
            {
                "month": month,
                "currency": cur,
                "revenue": float(g["revenue"].sum()),
                "views": views,
                "rpm": rpm,
                "days": int(len(g)),
            }
        )
    return pd.DataFrame(rows, columns=MONTH_COLUMNS)


__all__ = ["COLUMNS", "MONTH_COLUMNS", "revenue_daily", "revenue_monthly"]
