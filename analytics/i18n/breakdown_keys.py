"""Labels of breakdown keys in the user's language: countries, traffic sources, ages, devices.

Country names come from CLDR through Babel; the keys Studio and TikTok
write in English (``Browse features``, ``Mobile phone``, ``age25-34``)
through the ``audience.key.*`` catalogue entries. A key without a
translation is shown as exported (a search term, a city, a site).

Below every layer (pages, the report and the strategy cards all name
breakdown groups the same way).
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from analytics.i18n import TABLE, babel_locale, format_percent, t

# The key the importer stores for a blank breakdown cell (Studio's "no subtitles" group).
BLANK_KEY = "(none)"


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
    if dimension == "city" and "|" in text:
        name, _, country = text.partition("|")
        if country and country != BLANK_KEY:
            place = _territories(lang).get(country.upper(), country)
            return t("breakdowns.city_in", lang, city=name, country=place)
        return name
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


def context_text(fact: object, lang: str) -> str:
    """One breakdown fact as a sentence: "62.0% of your views come from Browse features".

    Parameters
    ----------
    fact : analytics.growth.breakdowns.ContextFact
        From :func:`analytics.services.audience.breakdown_context`.
    lang : str
        ``en`` or ``zh``.
    """
    dimension = str(getattr(fact, "dimension", ""))
    share = format_percent(float(getattr(fact, "share", float("nan"))), lang, digits=1)
    group = key_label(dimension, getattr(fact, "key", ""), lang)
    if dimension == "traffic_source":
        return t("audience.context.traffic_source", lang, share=share, group=group)
    heading = f"audience.section.{dimension}"
    name = t(heading, lang) if heading in TABLE else dimension
    return t("audience.context.generic", lang, dimension=name, group=group, share=share)


__all__ = ["BLANK_KEY", "context_text", "key_label"]
