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
from dataclasses import dataclass

import pandas as pd

import analytics.ingest.values as V
from analytics.ingest.date_values import _MONTH_NAMES, MONTHS
from analytics.ingest.date_values import AMBIGUOUS as AMBIGUOUS  # re-exported
from analytics.ingest.date_values import decide_order as decide_order
from analytics.ingest.date_values import infer_years as infer_years
from analytics.ingest.date_values import infer_years_forward as infer_years_forward
from analytics.ingest.date_values import latest_not_after as latest_not_after
from analytics.ingest.date_values import parse_datetime as parse_datetime
from analytics.ingest.date_values import parse_yearless as parse_yearless
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

for _m, _names in _MONTH_NAMES.items():
    for _n in _names.split():
        MONTHS.setdefault(_n, _m)


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
        if distinct and _mostly_yearless(distinct):
            notes: list[str] = []
            return _yearless(ctx, index, where, notes), notes
    parsed = parse_column(ctx, index, where, order, stats=stats, distinct=distinct)
    if parsed.aware is not None:
        return (
            f"CAST(coalesce(CAST({parsed.aware} AS TIMESTAMP), {parsed.naive}) AS DATE)",
            parsed.notes,
        )
    return f"CAST({parsed.naive} AS DATE)", parsed.notes


def _mostly_yearless(distinct: list[str]) -> bool:
    """True when the column is yearless dates: most values are, and no other value is a date.

    A damaged cell (``February 5"``) among yearless dates is then one reject
    of its own, not a reason to read every other date as unreadable.
    """
    others = [s for s in distinct if not parse_yearless(s)]
    if len(others) * 2 >= len(distinct):
        return False
    return not any(parse_datetime(s, "mdy") or parse_datetime(s, "dmy") for s in others)


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
