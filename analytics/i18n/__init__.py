"""Translations (English, 简体中文) and number formatting, without Streamlit.

Every label, message and strategy card text lives in a translation catalogue
(``catalogues/<area>.toml``, English and 简体中文 side by side) under a dotted
key, loaded into :data:`TABLE`; :func:`t` looks one up and fills in its
``{placeholders}``. Numbers follow the language's habit: ``12,345`` and
``1.2M`` in English, ``1.2万`` and ``3.4亿`` in Chinese.

Keys are grouped by where they are used: ``app.*`` and ``nav.*`` (sidebar,
page names), ``overview.*``, ``import.*``, ``videos.*``, ``drivers.*``,
``planner.*``, ``fans.*``, ``strategy.*`` (the pages), ``card.*`` (strategy
cards: ``card.<key>.title`` / ``.claim`` / ``.action``), ``evidence.*``,
``confidence.*``, ``bucket.*``, ``ctype.*``, ``chart.*``, ``report.*`` and
``note.*``.

Examples
--------
>>> t("nav.strategy", "zh")
'策略建议'
>>> format_count(12345, "zh")
'1.2万'
>>> format_count(12345, "en")
'12,345'
"""

from __future__ import annotations

import math
import string
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel import Locale
from babel.numbers import format_compact_decimal, format_decimal

LANGUAGES: tuple[str, ...] = ("en", "zh")
DEFAULT_LANGUAGE = "en"
#: Each language's name in itself (for the language switch).
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}

_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}
_WEEKDAYS_SHORT = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "zh": ("一", "二", "三", "四", "五", "六", "日"),
}

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogues"


def load_catalogues(
    folder: Path = CATALOGUE_DIR, plurals: dict[str, dict[str, str]] | None = None
) -> dict[str, dict[str, str]]:
    """Read every ``*.toml`` catalogue in ``folder`` into one ``key -> {lang: text}`` table.

    Each file holds one area's keys (``[\"overview.title\"]`` with ``en`` and ``zh``
    values). A key defined in two files is an error, so areas never overwrite each other.

    A key whose text depends on a count names that placeholder in ``plural`` and
    gives the other CLDR plural forms as ``<lang>_<form>`` (``en_one = "1 video"``
    beside ``en = "{n} videos"``); those go into ``plurals`` (key -> entries),
    and :func:`t` picks the form through Babel's plural rules of the language.
    """
    table: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            entries = tomllib.load(handle)
        for key, entry in entries.items():
            if key in table:
                raise ValueError(f"translation key {key!r} is defined twice (again in {path.name})")
            table[key] = {str(k): str(v) for k, v in entry.items() if k in LANGUAGES}
            extra = {str(k): str(v) for k, v in entry.items() if k not in LANGUAGES}
            if extra and plurals is not None:
                plurals[key] = extra
    return table


#: key -> {"plural": placeholder, "en_one": text, ...}: the plural forms of counted texts.
PLURALS: dict[str, dict[str, str]] = {}
#: key -> {"en": text, "zh": text}, read from the catalogues at import time.
TABLE: dict[str, dict[str, str]] = load_catalogues(plurals=PLURALS)

_formatter = string.Formatter()


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a text."""
    return {name for _, name, _, _ in _formatter.parse(text) if name}


class _Keep(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def normalize_lang(lang: str | None) -> str:
    """Map a language tag to a supported language: ``"zh-CN"`` -> ``"zh"``, else ``"en"``.

    >>> normalize_lang("zh-Hans-CN"), normalize_lang("de-DE"), normalize_lang(None)
    ('zh', 'en', 'en')
    """
    if not lang:
        return DEFAULT_LANGUAGE
    base = str(lang).strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fmt: Any) -> str:
    """Return the text of ``key`` in ``lang`` with its placeholders filled in.

    Parameters
    ----------
    key : str
        A key of :data:`TABLE`.
    lang : str
        ``"en"`` or ``"zh"`` (other tags are normalised by :func:`normalize_lang`).
    **fmt
        Values of the placeholders (already formatted for display); a
        placeholder without a value stays as ``{name}``.

    Returns
    -------
    str
        The English text when the language has none; the key itself when
        the key is unknown (so a missing translation shows, never crashes).
    """
    entry = TABLE.get(key)
    if entry is None:
        return key
    lang = normalize_lang(lang)
    text = entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or key
    forms = PLURALS.get(key)
    if forms and forms.get("plural") in fmt:
        form = plural_form(fmt[forms["plural"]], lang)
        text = forms.get(f"{lang}_{form}", text)
    return text.format_map(_Keep(fmt)) if fmt else text


def plural_form(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """The CLDR plural category of a count in ``lang`` (``"one"``, ``"other"``...), by Babel.

    ``value`` may be the number or its display text (``"1"``, ``"1,234"``);
    text that is not a plain number (``"2万"``) counts as ``"other"``.

    >>> plural_form(1), plural_form("1"), plural_form("1,234"), plural_form(1, "zh")
    ('one', 'one', 'other', 'other')
    """
    try:
        number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return "other"
    if number.is_integer():
        number = int(number)
    return str(Locale.parse(babel_locale(lang)).plural_form(number))


_BABEL_LOCALES = {"en": "en_US", "zh": "zh_Hans_CN"}


def babel_locale(lang: str | None) -> str:
    """The Babel (CLDR) locale of a UI language: ``"zh"`` -> ``"zh_Hans_CN"``."""
    return _BABEL_LOCALES[normalize_lang(lang)]


def format_count(
    value: float | int | None, lang: str = DEFAULT_LANGUAGE, *, exact: bool = False
) -> str:
    """Format a count the way the language writes it (CLDR, via Babel); ``'–'`` when unknown.

    English: thousands separators up to 999,999, then ``1.6M`` and ``3.4B``
    (with ``exact``, every digit: ``1,563,000``, as tables and KPI tiles show
    counts). Chinese: ``9,999``, then ``1.2万`` (10^4) and ``3.4亿`` (10^8),
    with or without ``exact`` (a Chinese reader counts in 万).

    >>> format_count(1234, "en"), format_count(1_563_000, "en"), format_count(1_563_000, "zh")
    ('1,234', '1.6M', '156.3万')
    >>> format_count(1_563_000, "en", exact=True), format_count(1_563_000, "zh", exact=True)
    ('1,563,000', '156.3万')
    >>> format_count(250_000_000, "zh"), format_count(None)
    ('2.5亿', '–')
    """
    if value is None:
        return "–"
    v = float(value)
    if math.isnan(v):
        return "–"
    locale = babel_locale(lang)
    threshold = 1e4 if normalize_lang(lang) == "zh" else (math.inf if exact else 1e6)
    if abs(v) < threshold:
        return str(format_decimal(int(round(v)), locale=locale))
    return str(format_compact_decimal(v, locale=locale, fraction_digits=1))


def format_ratio(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A multiple with two significant figures: ``1.8×``, ``0.66×``, ``12×``; ``'–'`` unknown.

    >>> format_ratio(1.834), format_ratio(0.6612), format_ratio(12.3)
    ('1.8×', '0.66×', '12×')
    """
    if value is None or not math.isfinite(float(value)):
        return "–"
    v = float(value)
    if v >= 10:
        return f"{v:.0f}×"
    if v >= 1:
        return f"{v:.1f}×"
    return f"{v:.2f}×"


def format_percent(value: float | None, lang: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    """A fraction in [0, 1] as a percentage (``0.243`` -> ``24%``); ``'–'`` when unknown."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    return f"{float(value) * 100:.{digits}f}%"


def format_signed_percent(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A relative change with its sign (``0.117`` -> ``+11.7%``); ``'–'`` when unknown."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    return f"{float(value) * 100:+.1f}%"


def join_list(items: Iterable[object], lang: str = DEFAULT_LANGUAGE) -> str:
    """Items joined with the language's list separator (``app.list_sep``): ``a, b``; ``a、b``.

    The one way the project writes a list of names in running text.

    >>> join_list(["Geography", "Age"], "en"), join_list(["地理位置", "粉丝性别", "设备"], "zh")
    ('Geography, Age', '地理位置、粉丝性别、设备')
    """
    return t("app.list_sep", lang).join(str(i) for i in items)


def hour_label(hour: int) -> str:
    """``18`` -> ``'18:00'`` (24-hour clock in every language)."""
    return f"{int(hour) % 24:02d}:00"


def weekday_name(day: int, lang: str = DEFAULT_LANGUAGE, *, short: bool = False) -> str:
    """Name of a weekday, 0 = Monday.

    >>> weekday_name(5, "en"), weekday_name(5, "zh"), weekday_name(6, "en", short=True)
    ('Saturday', '周六', 'Sun')
    """
    names = (_WEEKDAYS_SHORT if short else _WEEKDAYS)[normalize_lang(lang)]
    return names[int(day) % 7]


def missing_translations() -> list[tuple[str, str]]:
    """``(key, language)`` pairs without a text (empty when the table is complete)."""
    return [(k, lang) for k, entry in TABLE.items() for lang in LANGUAGES if not entry.get(lang)]


__all__ = [
    "DEFAULT_LANGUAGE",
    "babel_locale",
    "load_catalogues",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "TABLE",
    "format_count",
    "format_percent",
    "format_ratio",
    "format_signed_percent",
    "hour_label",
    "missing_translations",
    "normalize_lang",
    "placeholders",
    "t",
    "weekday_name",
]
