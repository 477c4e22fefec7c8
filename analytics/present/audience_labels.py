"""Labels of breakdown keys in the user's language: countries, traffic sources, ages, devices.

Country names come from CLDR through Babel; the keys Studio and TikTok
write in English (``Browse features``, ``Mobile phone``, ``age25-34``)
through the ``audience.key.*`` catalogue entries. A key without a
translation is shown as exported (a search term, a city, a site).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry
from babel import Locale

from analytics.i18n import TABLE, babel_locale, t

# The key the importer stores for a blank breakdown cell (Studio's "no subtitles" group).
BLANK_KEY = "(none)"
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


@lru_cache(maxsize=4)
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(babel_locale(lang)).territories)


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", key.strip().lower()).strip("_")


def key_label(dimension: str, key: object, lang: str) -> str:
    """The label of one breakdown key in ``lang``.

    Parameters
    ----------
    dimension : str
        The breakdown dimension (``geography``, ``traffic_source``, ...).
    key : object
        The stored key. An empty key is "none / unknown" (DESIGN.md).
    lang : str
        ``en`` or ``zh``.
    """
    text = "" if key is None else str(key)
    if not text.strip() or text == BLANK_KEY:
        return t("audience.blank_key", lang)
    if dimension in {"geography", "country"} and len(text) == 2 and text.isalpha():
        return _territories(lang).get(text.upper(), text)
    if dimension == "hour_of_day" and text.isdigit():
        return f"{int(text):02d}:00"
    slug = _slug(text)
    age = re.fullmatch(
        r"(?:age_?)?(\d{2})_(\d{2})(?:_years)?|(?:age_?)?(\d{2})(?:_plus|_years_plus)?", slug
    )
    if age and (slug.startswith("age") or age.group(2)):
        first, last, only = age.groups()
        if last:
            return t("audience.age_range", lang, low=first, high=last)
        return t("audience.age_plus", lang, low=only)
    entry = f"audience.key.{slug}"
    return t(entry, lang) if entry in TABLE else text


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


def context_text(fact: object, lang: str) -> str:
    """One breakdown fact as a sentence: "62.0% of your views come from Browse features".

    Parameters
    ----------
    fact : analytics.growth.breakdowns.ContextFact
        From :func:`analytics.services.audience.breakdown_context`.
    lang : str
        ``en`` or ``zh``.
    """
    from analytics.i18n import format_percent

    dimension = str(getattr(fact, "dimension", ""))
    share = format_percent(float(getattr(fact, "share", float("nan"))), lang, digits=1)
    group = key_label(dimension, getattr(fact, "key", ""), lang)
    if dimension == "traffic_source":
        return t("audience.context.traffic_source", lang, share=share, group=group)
    heading = f"audience.section.{dimension}"
    name = t(heading, lang) if heading in TABLE else dimension
    return t("audience.context.generic", lang, dimension=name, group=group, share=share)


__all__ = ["context_text", "iso3", "key_label", "row_labels"]
