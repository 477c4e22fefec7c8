"""Dates as readers of each language write them, through Babel (CLDR), never by hand.

>>> import datetime as dt
>>> format_day(dt.date(2026, 6, 14), "zh")
'2026年6月14日'
>>> format_day(dt.date(2026, 6, 14), "en")
'2026-06-14'
>>> format_day(None, "zh")
'–'
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from babel.dates import format_date

from analytics.i18n import babel_locale, normalize_lang


def format_day(value: dt.date | pd.Timestamp | None, lang: str = "en") -> str:
    """One day: ``2026年6月14日`` in Chinese (CLDR long form), ISO ``2026-06-14`` in English."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return "–"
    day = pd.Timestamp(value).date()
    if normalize_lang(lang) == "zh":
        return str(format_date(day, format="long", locale=babel_locale(lang)))
    return day.isoformat()
