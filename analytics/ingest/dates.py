"""Date columns: layouts, day-first vs month-first, and dates without a year.

* ISO ``2025-01-03``, ``20260610`` (Reporting API), ``2026/06/25``,
  ``Sep 27, 2024`` (YouTube Studio, English in every UI language), Chinese
  ``2026年06月03日`` forms, ISO datetimes.
* ``01/02/2025`` is never guessed (case C09): the whole column decides
  (a value above 12 in the first part proves day-first); a column that fits
  both orders needs ``date_order`` from the user or a profile.
* TikTok Studio writes dates without a year (``February 28``, ``8 de marzo``,
  ``28 апреля``). The last row is the latest such date not after the export
  day; walking back, the year drops by one whenever the month/day goes up.
"""

from __future__ import annotations

import datetime as dt
import re

from analytics.errors import IngestError
from analytics.ingest import values as V
from analytics.ingest.formats.base import ParseContext

DATE_FORMATS = [
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y",
    "%Y年%m月%d日", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%gZ",
    "%Y-%m-%dT%H:%M:%SZ",
]

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "january jan enero ene janeiro janvier janv januar jän gennaio januari январь января янв tháng 1",
    2: "february feb febrero febr fevereiro fev février févr februar febbraio februari февраль февраля фев",
    3: "march mar marzo março mars märz märz maart mars март марта",
    4: "april apr abril abr avril aprile апрель апреля апр",
    5: "may mayo maio mai mei maggio maj май мая",
    6: "june jun junio junho juin juni giugno июнь июня",
    7: "july jul julio julho juillet juil juli luglio июль июля",
    8: "august aug agosto ago août aout augusti augustus август августа авг",
    9: "september sep sept septiembre setembro set septembre settembre сентябрь сентября сен",
    10: "october oct octubre outubro out octobre oktober ottobre okt октябрь октября окт",
    11: "november nov noviembre novembro novembre ноябрь ноября ноя",
    12: "december dec diciembre dic dezembro dez décembre déc dezember dicembre december декабрь декабря дек",
}
for _m, _names in _MONTH_NAMES.items():
    for _n in _names.split():
        if not _n.isdigit() and _n != "tháng":
            MONTHS.setdefault(_n, _m)

_YEARLESS_A = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})$", re.UNICODE)  # "February 28"
_YEARLESS_B = re.compile(r"^(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]+)\.?$", re.UNICODE)  # "28 May", "8 de marzo"
_SLASH = r"^([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})$"


def parse_yearless(value: str) -> tuple[int, int] | None:
    """(month, day) of a yearless date such as ``February 28`` or ``8 de marzo``; None if not one."""
    v = value.strip().casefold()
    m = _YEARLESS_A.match(v)
    if m and m.group(1) in MONTHS:
        return MONTHS[m.group(1)], int(m.group(2))
    m = _YEARLESS_B.match(v)
    if m and m.group(2) in MONTHS:
        return MONTHS[m.group(2)], int(m.group(1))
    return None


def infer_years(month_days: list[tuple[int, int]], anchor: dt.date) -> list[dt.date]:
    """Give years to chronological yearless dates.

    Parameters
    ----------
    month_days : list of (month, day)
        In file order, oldest first.
    anchor : datetime.date
        The export day; the last row is the latest such date not after it.

    Returns
    -------
    list of datetime.date
    """
    out: list[dt.date] = [dt.date.min] * len(month_days)
    year = anchor.year
    for i in range(len(month_days) - 1, -1, -1):
        m, d = month_days[i]
        if i == len(month_days) - 1:
            if (m, d) > (anchor.month, anchor.day):
                year -= 1
        else:
            nm, nd = month_days[i + 1]
            if (m, d) > (nm, nd):
                year -= 1
        if m == 2 and d == 29:
            while not _is_leap(year):
                year -= 1
        out[i] = dt.date(year, m, d)
    return out


def _is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def date_expr(ctx: ParseContext, index: int, where: str = "true") -> tuple[str, list[str]]:
    """SQL (over the raw table) of the date in column ``index``, and notes for the user.

    Raises
    ------
    IngestError
        Ambiguous day/month order without ``options.date_order`` (case C09).
    """
    col = ctx.col(index)
    c = V.clean(col)
    header = ctx.header(index)
    stats = ctx.con.execute(
        f"SELECT count({c}), "
        f"count(*) FILTER (WHERE regexp_full_match({c}, '{_SLASH}')), "
        f"max(TRY_CAST(regexp_extract({c}, '{_SLASH}', 1) AS INTEGER)), "
        f"max(TRY_CAST(regexp_extract({c}, '{_SLASH}', 2) AS INTEGER)), "
        f"count(*) FILTER (WHERE regexp_full_match({c}, '^[0-9]') ) "
        f"FROM {ctx.raw.table} WHERE {where}"
    ).fetchall()[0]
    present, slash, max_a, max_b, digit_first = (int(x or 0) for x in stats)
    notes: list[str] = []
    if present and slash == present:
        order = ctx.options.date_order
        if max_a > 12 and max_b <= 12:
            detected = "dmy"
        elif max_b > 12 and max_a <= 12:
            detected = "mdy"
        elif max_a > 12 and max_b > 12:
            detected = "invalid"
        else:
            detected = None
        if order is None and detected is None:
            raise IngestError(
                ctx.raw.file_name,
                f"ambiguous date order in column {header}: every date fits both day/month and "
                "month/day; say which with --date-order dmy|mdy (or pick it on the Import page)",
            )
        order = order or detected
        if order == "invalid":
            order = "dmy"
        fmt = ["%d/%m/%Y", "%d.%m.%Y"] if order == "dmy" else ["%m/%d/%Y", "%m.%d.%Y"]
        notes.append(f"dates in column {header} read as {'day/month/year' if order == 'dmy' else 'month/day/year'}")
        return f"CAST({V.timestamp(col, fmt)} AS DATE)", notes
    if present and digit_first < present:
        # Some values start with a letter: yearless month names (TikTok) or "Sep 27, 2024".
        sample = ctx.distinct_values(index, where, limit=5)
        if sample and all(parse_yearless(s) for s in sample):
            return _yearless(ctx, index, where, notes), notes
    return f"CAST({V.timestamp(col, DATE_FORMATS)} AS DATE)", notes


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
    anchor = ctx.options.export_date or dt.date.today()
    dates = infer_years([md for _, md in parsed], anchor)
    name = f"_date_c{index}"
    ctx.con.execute(f"ALTER TABLE {ctx.raw.table} ADD COLUMN IF NOT EXISTS {name} DATE")
    if parsed:
        import pandas as pd

        frame = pd.DataFrame({"_row": [r for r, _ in parsed], "d": dates})
        ctx.con.register("_yearless_dates", frame)
        try:
            ctx.con.execute(
                f"UPDATE {ctx.raw.table} SET {name} = CAST(y.d AS DATE) FROM _yearless_dates y "
                f"WHERE {ctx.raw.table}._row = y._row"
            )
        finally:
            ctx.con.unregister("_yearless_dates")
        notes.append(
            f"column {ctx.header(index)} has no year: read as {dates[0]} .. {dates[-1]} "
            f"(the last row taken as the latest such day not after {anchor}); "
            "if that is wrong, give the export day (--export-date)"
        )
    return name
