"""What an analytics table's columns are (:class:`Plan`) and the SQL of its metrics and footers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import analytics.ingest.formats.aliases as A
import analytics.ingest.values as V
from analytics.ingest.formats.base import ParseContext
from analytics.sql_quote import quote_literal


@dataclass
class Metric:
    """A metric column: raw index, store column, kind and option (see :mod:`aliases`)."""

    index: int
    column: str
    kind: str
    option: object = None


@dataclass
class Plan:
    """Which raw column is what, for :func:`stage_plan`.

    Attributes
    ----------
    first : int or None
        Column checked for ``Total`` rows and footers (the dimension).
    published_has_time : bool
        The publish column holds date-times (stored as ``published_at``);
        else dates (``published_date`` only).
    """

    platform: str
    format_name: str
    label: str
    video_id: int | None = None
    date: int | None = None
    dimension: tuple[int, str] | None = None
    # Columns whose values join into the key of a combined breakdown ("age25-34|female",
    # "<video id>|Browse features"); empty for a one-dimension table.
    key_parts: tuple[int, ...] = ()
    title: int | None = None
    caption: int | None = None
    url: int | None = None
    published: int | None = None
    published_has_time: bool = False
    length: int | None = None
    length_unit: float = 1.0
    metrics: list[Metric] = field(default_factory=list)
    first: int | None = 0
    date_order: str | None = None
    notes: list[str] = field(default_factory=list)
    derive_id: bool = False  # no video id: derived from platform, publish date and title


def metric_sql(ctx: ParseContext, m: Metric, dc: bool) -> tuple[str, str]:
    """(SQL, reject reason) converting metric column ``m`` to store units."""
    src = ctx.col(m.index)
    if m.kind == "count":
        return V.count(src, dc), "not a whole number"
    if m.kind == "rate":
        reason = (
            "not a rate (percent or fraction)"
            if m.option == "percent"
            else "not a rate (a fraction from 0 to 1, or a percent with '%')"
        )
        return V.rate(src, str(m.option), dc), reason
    if m.kind == "duration":
        return V.duration(
            src, float(cast("float", m.option or 1.0)), dc
        ), "not a duration (seconds, m:ss or h:mm:ss)"
    if m.kind == "money":
        return V.number(src, dc), "not an amount"
    if m.kind == "number":
        return V.number(src, dc), "not a number"
    raise ValueError(f"unknown metric kind {m.kind}")


def footer_filter(ctx: ParseContext, first: int | None) -> tuple[str, str, list[str], int]:
    """SQL (where, is_total) that keeps Total rows and row-cap footers out, notes, and rows kept out.

    A footer is a known localised text (``Showing top 500 results``,
    ``Die 500 besten Ergebnisse werden angezeigt``, ...) or, whatever the
    language, the last row when only its first cell is filled and that cell
    is a sentence with a number in it.
    """
    if first is None:
        return "true", "false", [], 0
    cell = V.clean(ctx.col(first))
    plain = f"lower(replace({cell}, chr(173), ''))"
    footer_re = "|".join(A.FOOTER_PATTERNS)
    total_list = ", ".join(quote_literal(t) for t in sorted(A.TOTAL_ROW))
    is_total = f"coalesce({plain} IN ({total_list}), false)"
    others = [V.clean(ctx.col(i)) for i in range(len(ctx.raw.headers)) if i != first]
    only_first = " AND ".join(f"{o} IS NULL" for o in others) if others else "true"
    last_row = ctx.raw.n_rows - 1
    # footers are the last line(s) of a file; only those rows are looked at
    is_footer = (
        f"(_row >= {last_row - 2} AND (coalesce(regexp_matches({plain}, {quote_literal(footer_re)}), false) OR "
        f"(_row = {last_row} AND {only_first} AND coalesce(regexp_matches({plain}, "
        f"'[0-9]{{2,}}') AND regexp_matches({plain}, ' [^ ]+ '), false))))"
    )
    flagged = ctx.con.execute(
        f"SELECT _row, {is_total} FROM {ctx.raw.table} WHERE {is_total} OR {is_footer} ORDER BY _row"
    ).fetchall()
    totals = [int(r[0]) for r in flagged if r[1]]
    footers = [int(r[0]) for r in flagged if not r[1]]
    notes = []
    if totals:
        notes.append("the Total row is not a video: kept out and used as a cross-check")
    if footers:
        notes.append("the row-cap footer line is not data: skipped")
    # the rows kept out are few: later queries test their row numbers, not the texts again
    where = f"_row NOT IN ({', '.join(map(str, totals + footers))})" if flagged else "true"
    total_sql = f"_row IN ({', '.join(map(str, totals))})" if totals else "false"
    return where, total_sql, notes, len(flagged)
