"""One date cell in Python: every layout of the exports, day/month order, years of yearless dates.

:func:`parse_datetime` reads one cell (ISO, compact, Chinese, month names in
many languages, Excel serials), :func:`decide_order` decides day-first or
month-first from the whole column, :func:`infer_years` dates a yearless
column by its wraps. :mod:`analytics.ingest.dates` applies them to columns
and re-exports them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "january jan enero ene janeiro janvier janv januar jän jänner gennaio gen januari januarie "
    "январь января янв",
    2: "february feb febrero febr fevereiro fev février févr fevrier fevr februar febbraio februari "
    "февраль февраля фев февр",
    3: "march mar marzo março marco mars märz maerz maart mrt март марта мар",
    4: "april apr abril abr avril avr aprile апрель апреля апр",
    5: "may mayo maio mai mei maggio mag maj май мая",
    6: "june jun junio junho juin juni giugno giu июнь июня июн",
    7: "july jul julio julho juillet juil juli luglio lug июль июля июл",
    8: "august aug agosto ago août aout augusti augustus август августа авг",
    9: "september sep sept septiembre setembro set septembre settembre sett сентябрь сентября сен сент",
    10: "october oct octubre outubro out octobre oktober ottobre ott okt октябрь октября окт",
    11: "november nov noviembre novembro novembre ноябрь ноября ноя нояб",
    12: "december dec diciembre dic dezembro dez décembre déc decembre dezember dicembre december "
    "декабрь декабря дек",
}
_FILLER_WORDS = {"de", "del", "of", "le", "ngày"}
_YEARLESS_A = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})$", re.UNICODE)  # "February 28"
_YEARLESS_B = re.compile(
    r"^(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]+)\.?$", re.UNICODE
)  # "28 May", "8 de marzo"
_YEARLESS_VN = re.compile(r"^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})$")  # "8 tháng 3"
_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\.0+)?$")
_CN = re.compile(
    r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*"
    r"(?:(\d{1,2})(?:时|時|:)(\d{1,2})(?:分|:)?(?:(\d{1,2})秒?)?)?$"
)
_NUMERIC = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})"
    r"(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)
_TIME = re.compile(r"(?:^|\s|,)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)
_SERIAL = re.compile(r"^(\d{5})(\.\d+)?$")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
AMBIGUOUS = "ambiguous"


def _norm(value: str) -> str:
    return unicodedata.normalize("NFKC", value).replace("\u00ad", "").strip().casefold()


def parse_yearless(value: str) -> tuple[int, int] | None:
    """(month, day) of a yearless date such as ``February 28`` or ``8 de marzo``; None if not one."""
    v = _norm(value)
    m = _YEARLESS_A.match(v)
    if m and m.group(1) in MONTHS and 1 <= int(m.group(2)) <= 31:
        return MONTHS[m.group(1)], int(m.group(2))
    m = _YEARLESS_B.match(v)
    if m and m.group(2) in MONTHS and 1 <= int(m.group(1)) <= 31:
        return MONTHS[m.group(2)], int(m.group(1))
    m = _YEARLESS_VN.match(v)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
        return int(m.group(2)), int(m.group(1))
    return None


def _clock(
    h: str | None, mi: str | None, s: str | None, ampm: str | None = None
) -> tuple[int, int, int]:
    hour, minute, sec = int(h or 0), int(mi or 0), int(s or 0)
    if ampm:
        pm = ampm.lower().startswith("p")
        if not 1 <= hour <= 12:
            raise ValueError("12-hour clock out of range")
        hour = hour % 12 + (12 if pm else 0)
    return hour, minute, sec


def _with_offset(naive: dt.datetime, zone: str | None) -> dt.datetime:
    if not zone:
        return naive
    if zone == "Z":
        return naive.replace(tzinfo=dt.UTC)
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return naive.replace(tzinfo=dt.timezone(sign * offset))


def numeric_parts(value: str) -> tuple[int, int] | None:
    """The first two numbers of a ``01/02/2025``-style date (for the order decision), else None."""
    m = _NUMERIC.match(_norm(value))
    return (int(m.group(1)), int(m.group(2))) if m else None


def parse_datetime(value: str, order: str | None = None) -> dt.datetime | None:
    """Parse one date or date-time cell.

    Parameters
    ----------
    value : str
        The cell as written.
    order : {"dmy", "mdy"} or None
        How to read ``01/02/2025``-style dates; None leaves them unparsed.

    Returns
    -------
    datetime.datetime or None
        Naive (local time as written), or aware when the text carries
        ``Z`` or an offset; None when the text is not a date of a known
        layout (or a numeric date without ``order``).
    """
    v = _norm(value)
    if not v:
        return None
    try:
        m = _ISO.match(v)
        if m:
            frac = int((m.group(7) or "0").ljust(6, "0"))
            naive = dt.datetime(
                int(m.group(1)),
                int(m.group(2)),
                int(m.group(3)),
                *_clock(m.group(4), m.group(5), m.group(6)),
                frac,
            )
            return _with_offset(naive, m.group(8).upper() if m.group(8) else None)
        m = _COMPACT.match(v)
        if m:
            return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _CN.match(v)
        if m:
            return dt.datetime(
                int(m.group(1)),
                int(m.group(2)),
                int(m.group(3)),
                *_clock(m.group(4), m.group(5), m.group(6)),
            )
        m = _NUMERIC.match(v)
        if m:
            if order not in ("dmy", "mdy"):
                return None
            a, b = int(m.group(1)), int(m.group(2))
            day, month = (a, b) if order == "dmy" else (b, a)
            year = int(m.group(3))
            if len(m.group(3)) == 2:
                year += 2000
            return dt.datetime(
                year, month, day, *_clock(m.group(4), m.group(5), m.group(6), m.group(7))
            )
        m = _SERIAL.match(v)
        if m:
            days = float(v)
            if 20000 <= days <= 80000:
                return _EXCEL_EPOCH + dt.timedelta(days=days)
            return None
        return _parse_month_name(v)
    except (ValueError, OverflowError):
        return None


def _parse_month_name(v: str) -> dt.datetime | None:
    """``Sep 27, 2024``, ``28 sept. 2026``, ``8 de marzo de 2026``, ``27. Sept. 2024 14:05``."""
    clock = (0, 0, 0)
    t = _TIME.search(v)
    if t:
        clock = _clock(t.group(1), t.group(2), t.group(3), t.group(4))
        v = v[: t.start()].strip(" ,")
    tokens = re.findall(r"[^\W\d_]+|\d+", v)
    words = [w for w in tokens if not w.isdigit() and w not in _FILLER_WORDS]
    numbers = [w for w in tokens if w.isdigit()]
    if len(words) != 1 or words[0] not in MONTHS or len(numbers) != 2:
        return None
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1 or len(days) != 1:
        return None
    return dt.datetime(int(years[0]), MONTHS[words[0]], int(days[0]), *clock)


def decide_order(values: list[str]) -> str | None:
    """Day/month order proved by a column's ``01/02/2025``-style values.

    Returns ``"dmy"`` (a first part above 12), ``"mdy"`` (a second part
    above 12), ``"invalid"`` (both, the column mixes orders) or None (every
    value fits both orders, or none is numeric).
    """
    parts = [p for p in (numeric_parts(x) for x in values) if p is not None]
    if not parts:
        return None
    first = max(a for a, _ in parts)
    second = max(b for _, b in parts)
    if first > 12 and second > 12:
        return "invalid"
    if first > 12:
        return "dmy"
    if second > 12:
        return "mdy"
    return AMBIGUOUS


def _wraps_before(month_days: list[tuple[int, int]]) -> list[int]:
    """For each row, how many New Years lie between it and the last row (dates are chronological)."""
    out = [0] * len(month_days)
    for i in range(len(month_days) - 2, -1, -1):
        out[i] = out[i + 1] + (1 if month_days[i] > month_days[i + 1] else 0)
    return out


def _valid(month_days: list[tuple[int, int]], years: list[int]) -> bool:
    return all(
        not (m == 2 and d == 29) or _is_leap(y)
        for (m, d), y in zip(month_days, years, strict=False)
    )


def infer_years(month_days: list[tuple[int, int]], anchor: dt.date) -> list[dt.date]:
    """Give years to chronological yearless dates, walking back from the last row.

    Parameters
    ----------
    month_days : list of (month, day)
        In file order, oldest first.
    anchor : datetime.date
        The export day; the last row is the latest such date not after it
        (and in a leap year when the rows hold a February 29).

    Returns
    -------
    list of datetime.date
    """
    if not month_days:
        return []
    wraps = _wraps_before(month_days)
    last_year = anchor.year if month_days[-1] <= (anchor.month, anchor.day) else anchor.year - 1
    for _ in range(8):
        years = [last_year - w for w in wraps]
        if _valid(month_days, years):
            return [dt.date(y, m, d) for (m, d), y in zip(month_days, years, strict=False)]
        last_year -= 1
    raise ValueError("no year fits these dates")


def infer_years_forward(month_days: list[tuple[int, int]], start: dt.date) -> list[dt.date]:
    """Give years to chronological yearless dates, walking forward from the period's first day.

    Used when the download's name gives the first day (TikTok's
    ``Overview_2025-03-01_1741996800_handle.zip``).
    """
    if not month_days:
        return []
    wraps = _wraps_before(month_days)
    first_year = start.year + (1 if month_days[0] < (start.month, start.day) else 0)
    for _ in range(8):
        years = [first_year + wraps[0] - w for w in wraps]
        if _valid(month_days, years):
            return [dt.date(y, m, d) for (m, d), y in zip(month_days, years, strict=False)]
        first_year += 1
    raise ValueError("no year fits these dates")


def latest_not_after(month_day: tuple[int, int], anchor: dt.date) -> dt.date:
    """The latest date with this month and day that is not after ``anchor``."""
    m, d = month_day
    year = anchor.year if (m, d) <= (anchor.month, anchor.day) else anchor.year - 1
    while m == 2 and d == 29 and not _is_leap(year):
        year -= 1
    return dt.date(year, m, d)


def _is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
