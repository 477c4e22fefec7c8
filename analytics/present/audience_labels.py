"""Labels of breakdown keys in the user's language: countries, traffic sources, ages, devices.

Country names come from CLDR through Babel; the keys Studio and TikTok
write in English (``Browse features``, ``Mobile phone``, ``age25-34``)
through the ``audience.key.*`` catalogue entries. A key without a
translation is shown as exported (a search term, a city, a site).
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

from analytics.i18n import t
from analytics.i18n.breakdown_keys import BLANK_KEY, context_text, key_label

# Territory codes that ISO 3166 / pycountry lacks but the exports use.
_EXTRA_ISO3 = {"XK": "XKX"}


@lru_cache(maxsize=512)
def iso3(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a two-letter territory code (None when unknown)."""
    code = (code or "").strip().upper()
    if code in _EXTRA_ISO3:
        return _EXTRA_ISO3[code]
    if len(code) != 2:
        return None
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country is not None else None


def row_labels(dimension: str, rows: object, lang: str) -> list[str]:
    """Labels of a breakdown table's rows: the video title where the rows name videos.

    Rows of a dimension that names videos (suggested videos) carry a
    ``title`` column (from the store's videos); a video the archive does not
    hold is named as "a video not in your archive" with its id, never a
    bare id. Other rows are labelled by :func:`key_label`.
    """
    import pandas as pd

    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    if "title" not in frame:
        return [key_label(dimension, k, lang) for k in frame["key"]]
    out = []
    for key, title in zip(frame["key"], frame["title"], strict=True):
        if title is not None and not pd.isna(title) and str(title).strip():
            out.append(str(title))
        else:
            out.append(t("breakdowns.video_not_archived", lang, id=str(key)))
    return out


__all__ = ["BLANK_KEY", "context_text", "iso3", "key_label", "row_labels"]
