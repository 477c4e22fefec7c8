"""Date columns: every layout of the platforms' exports, day/month order, dates without a year.

Layouts (``EXPORT_FORMATS.md``, section 11):

* ISO ``2025-01-03`` and ISO date-times (``2020-03-29T00:00:00``, with or
  without ``Z`` / offset), ``2026/06/25``, ``2026.06.25``;
* ``20260610`` (Reporting API; also ``20260610.0`` after a spreadsheet
  round trip);
* month names with a year in any UI language: ``Sep 27, 2024`` (YouTube
  Studio, English in every UI language), ``28 sept. 2026``,
  ``8 de marzo de 2026``, ``27. Sept. 2024``;
* Chinese ``2026年06月03日``, ``2026年06月03日 16:41:25`` (Bilibili),
  ``2026年01月05日22时30分05秒`` (Xiaohongshu);
* ``01/02/2025`` and ``09/15/2026 18:00``: day-first or month-first is never
  guessed (case C09). The whole column decides (a value above 12 in the
  first part proves day-first); a column that fits both orders needs
  ``date_order`` from the user or a saved profile, else the import stops
  with "ambiguous date order in column X";
* Excel serial day numbers (``46233``);
* yearless dates (TikTok Studio: ``February 28``, ``28 May``,
  ``8 de marzo``, ``28 апреля``). The file's rows are chronological: the
  first row is the period start when the zip name gives it, else the last
  row is the latest such date not after the export day; the year changes
  whenever the month/day wraps (a 365-day export over New Year).

Every distinct value of a column is parsed once in Python and joined back,
so the layout of row 20,601 counts as much as the first row's; plain ISO
columns take a pure SQL path.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

import analytics.ingest.values as V
from analytics.ingest.formats.base import AmbiguousDateOrderError, ParseContext
from analytics.sql_quote import quote_literal

DATE_FORMATS = [
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%Y年%m月%d日",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%gZ",
    "%Y-%m-%dT%H:%M:%SZ",
]

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
for _m, _names in _MONTH_NAMES.items():
    for _n in _names.split():
        MONTHS.setdefault(_n, _m)

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


@dataclass
class ParsedColumn:
    """Where the parsed values of a date column are, as SQL over the raw table."""

    naive: str  # TIMESTAMP (local time as written), NULL where unparsed
    aware: str | None  # TIMESTAMPTZ for values that carried a zone, else None
    notes: list[str]


_ISO_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_ISO_DT_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}$"
_COMPACT_RE = r"^[0-9]{8}$"
MAX_DISTINCT = 500_000


def _column_stats(ctx: ParseContext, index: int, where: str) -> tuple[int, bool, bool, bool]:
    """(distinct values, all ISO dates, all ISO date-times, all YYYYMMDD) of a column, in one pass."""
    c = V.clean(ctx.col(index))
    stats = ctx.con.execute(
        f"SELECT count(*), coalesce(bool_and(regexp_full_match(v, '{_ISO_DATE_RE}')), true), "
        f"coalesce(bool_and(regexp_full_match(v, '{_ISO_DT_RE}')), false), "
        f"coalesce(bool_and(regexp_full_match(v, '{_COMPACT_RE}')), false) "
        f"FROM (SELECT DISTINCT {c} AS v FROM {ctx.raw.table} WHERE {where}) WHERE v IS NOT NULL"
    ).fetchall()[0]
    return int(stats[0] or 0), bool(stats[1]), bool(stats[2]), bool(stats[3])


def _distinct(ctx: ParseContext, index: int, where: str) -> list[str]:
    c = V.clean(ctx.col(index))
    return [
        r[0]
        for r in ctx.con.execute(
            f"SELECT DISTINCT {c} AS v FROM {ctx.raw.table} WHERE ({where}) AND {c} IS NOT NULL"
        ).fetchall()
    ]


def parse_column(
    ctx: ParseContext,
    index: int,
    where: str = "true",
    order: str | None = None,
    stats: tuple[int, bool, bool, bool] | None = None,
    distinct: list[str] | None = None,
) -> ParsedColumn:
    """Parse the date (or date-time) column ``index`` of the raw table.

    Parameters
    ----------
    ctx : ParseContext
    index : int
        Raw column.
    where : str
        SQL filter of the rows that hold data (no Total row or footer).
    order : {"dmy", "mdy"} or None
        Known day/month order (the format's own, e.g. Meta's month-first);
        ``ctx.options.date_order`` wins over it.

    Returns
    -------
    ParsedColumn
        SQL over :meth:`ParseContext.source` (the parsed distinct values are
        joined to the rows).

    Raises
    ------
    IngestError
        Ambiguous day/month order without a known order (case C09).
    """
    col = ctx.col(index)
    c = V.clean(col)
    n_distinct, all_iso, all_iso_dt, all_compact = stats or _column_stats(ctx, index, where)
    if all_iso:
        return ParsedColumn(f"CAST(TRY_CAST({c} AS DATE) AS TIMESTAMP)", None, [])
    if all_iso_dt:
        return ParsedColumn(V.timestamp(col, ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]), None, [])
    if all_compact:
        return ParsedColumn(V.timestamp(col, ["%Y%m%d"]), None, [])
    if n_distinct > MAX_DISTINCT:
        return ParsedColumn(
            V.timestamp(col, [f for f in DATE_FORMATS if "%z" not in f]),
            None,
            [
                f"column {ctx.header(index)} has more than {MAX_DISTINCT:,} distinct dates: read with the common layouts"
            ],
        )
    if distinct is None:
        distinct = _distinct(ctx, index, where)
    notes: list[str] = []
    header = ctx.header(index)
    user_order = ctx.options.date_order
    detected = decide_order(distinct)
    use = user_order or order
    if detected == AMBIGUOUS and use is None:
        raise AmbiguousDateOrderError(
            ctx.raw.file_name,
            f"ambiguous date order in column {header}: every date fits both day/month and "
            "month/day; say which with --date-order dmy|mdy (or pick it on the Import page)",
            column=header,
        )
    if detected in ("dmy", "mdy") and use is None:
        use = detected
    if detected is not None:
        if use == "dmy":
            notes.append(f"dates in column {header} read as day/month/year")
        elif use == "mdy":
            notes.append(f"dates in column {header} read as month/day/year")
    parsed = {v: parse_datetime(v, use) for v in distinct}
    frame = pd.DataFrame(
        {
            "v": pd.Series(list(parsed), dtype="string"),
            "ts": pd.Series(
                [None if p is None else p.replace(tzinfo=None) for p in parsed.values()],
                dtype="datetime64[us]",
            ),
            "tsz": pd.Series(
                [
                    p.astimezone(dt.UTC).replace(tzinfo=None)
                    if p is not None and p.tzinfo
                    else None
                    for p in parsed.values()
                ],
                dtype="datetime64[us]",
            ),
        }
    )
    any_aware = bool(frame["tsz"].notna().any())
    name, zname = f"_ts_c{index}", f"_tsz_c{index}"
    ctx.add_lookup(frame, f"l.v = {V.clean('r.' + col)}", {name: "ts", zname: "tsz"})
    aware = f"timezone('UTC', {zname})" if any_aware else None
    return ParsedColumn(name, aware, notes)


def date_expr(
    ctx: ParseContext, index: int, where: str = "true", order: str | None = None
) -> tuple[str, list[str]]:
    """SQL (over :meth:`ParseContext.source`) of the date in column ``index``, and notes for the user.

    Yearless dates (TikTok) get their year from the download's name
    (``ctx.hints``) or the export day (see module docstring).

    Raises
    ------
    IngestError
        Ambiguous day/month order without ``options.date_order`` (case C09).
    """
    stats = _column_stats(ctx, index, where)
    distinct = None
    if not (stats[1] or stats[2] or stats[3]) and stats[0] <= MAX_DISTINCT:
        distinct = _distinct(ctx, index, where)
        if distinct and all(parse_yearless(s) for s in distinct):
            notes: list[str] = []
            return _yearless(ctx, index, where, notes), notes
    parsed = parse_column(ctx, index, where, order, stats=stats, distinct=distinct)
    if parsed.aware is not None:
        return (
            f"CAST(coalesce(CAST({parsed.aware} AS TIMESTAMP), {parsed.naive}) AS DATE)",
            parsed.notes,
        )
    return f"CAST({parsed.naive} AS DATE)", parsed.notes


def yearless_anchor(ctx: ParseContext) -> tuple[str, dt.date]:
    """How yearless dates of this file get their year: ("start", day) or ("end", day)."""
    hints = getattr(ctx, "hints", None)
    if ctx.options.export_date is None and hints is not None and hints.period_start is not None:
        return "start", hints.period_start
    if ctx.options.export_date is not None:
        return "end", ctx.options.export_date
    if hints is not None and hints.period_end is not None:
        return "end", hints.period_end
    return "end", dt.date.today()


def _yearless(ctx: ParseContext, index: int, where: str, notes: list[str]) -> str:
    rows = ctx.con.execute(
        f"SELECT _row, {V.clean(ctx.col(index))} FROM {ctx.raw.table} WHERE {where} ORDER BY _row"
    ).fetchall()
    parsed: list[tuple[int, tuple[int, int]]] = []
    for row, value in rows:
        if value is None:
            continue
        md = parse_yearless(value)
        if md is None:
            ctx.reject(int(row), index, value, "not a date like 'February 28'")
            continue
        parsed.append((int(row), md))
    how, anchor = yearless_anchor(ctx)
    mds = [md for _, md in parsed]
    dates = infer_years_forward(mds, anchor) if how == "start" else infer_years(mds, anchor)
    name = f"_date_c{index}"
    frame = pd.DataFrame(
        {
            "_row": pd.Series([r for r, _ in parsed], dtype="int64"),
            "d": pd.Series(dates, dtype="object"),
        }
    )
    ctx.add_lookup(frame, "l._row = r._row", {name: "d"})
    if parsed:
        if how == "start":
            notes.append(
                f"column {ctx.header(index)} has no year: read as {dates[0]} .. {dates[-1]} "
                f"(the download's name says the period starts {anchor})"
            )
        else:
            notes.append(
                f"column {ctx.header(index)} has no year: read as {dates[0]} .. {dates[-1]} "
                f"(the last row taken as the latest such day not after {anchor}); "
                "if that is wrong, give the export day (--export-date)"
            )
    return f"CAST({name} AS DATE)"


def datetime_expr(
    ctx: ParseContext, index: int, time_zone: str, where: str = "true", order: str | None = None
) -> tuple[str, str, list[str]]:
    """SQL of a publish time as TIMESTAMPTZ and as a local DATE, plus notes.

    Values without a zone are local times of ``time_zone`` (the channel's);
    values with ``Z`` or an offset keep their instant.

    Returns
    -------
    (timestamptz_sql, date_sql, notes)
    """
    parsed = parse_column(ctx, index, where, order)
    local = V.local_to_tz(parsed.naive, time_zone)
    if parsed.aware is not None:
        ts = f"coalesce({parsed.aware}, {local})"
        local_of_aware = f"CAST(timezone({quote_literal(time_zone)}, {parsed.aware}) AS TIMESTAMP)"
        day = f"CAST(coalesce({local_of_aware}, {parsed.naive}) AS DATE)"
    else:
        ts = local
        day = f"CAST({parsed.naive} AS DATE)"
    return ts, day, parsed.notes
