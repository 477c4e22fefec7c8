"""Excel workbooks (xlsx) as raw tables, read with openpyxl.

Re-exported by :mod:`analytics.ingest.reader`.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from typing import Any

import duckdb

from analytics.errors import IngestError, Reject
from analytics.ingest.decode import _FALLBACKS as _FALLBACKS  # re-exported
from analytics.ingest.decode import _FAMILIES as _FAMILIES
from analytics.ingest.decode import _family as _family
from analytics.ingest.decode import _has_known_header as _has_known_header
from analytics.ingest.decode import _mostly_utf8 as _mostly_utf8
from analytics.ingest.decode import _strict as _strict
from analytics.ingest.decode import _utf16_without_bom as _utf16_without_bom
from analytics.ingest.decode import decode as decode
from analytics.ingest.decode import file_is_utf8 as file_is_utf8
from analytics.ingest.raw_table import _SEP_LINE as _SEP_LINE
from analytics.ingest.raw_table import HEADER_SEARCH_ROWS as HEADER_SEARCH_ROWS  # re-exported
from analytics.ingest.raw_table import MAX_COLUMNS as MAX_COLUMNS
from analytics.ingest.raw_table import RawTable as RawTable
from analytics.ingest.raw_table import _find_header as _find_header
from analytics.ingest.raw_table import _sniff_delimiter as _sniff_delimiter
from analytics.ingest.raw_table import decide_decimal_comma as decide_decimal_comma
from analytics.ingest.raw_table import normalise_header as normalise_header
from analytics.ingest.raw_table import normalise_line_ends as normalise_line_ends


def _cell_text(value: Any) -> str | None:
    """A typed workbook cell as the text the value parsers read."""
    import datetime as dt

    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer():
            return repr(value)
        import numpy as np

        return np.format_float_positional(value, trim="-")
    if isinstance(value, dt.timedelta):
        total = value.total_seconds()
        sign = "-" if total < 0 else ""
        total = abs(total)
        h, rest = divmod(total, 3600)
        m, sec = divmod(rest, 60)
        sec_text = f"{sec:06.3f}".rstrip("0").rstrip(".") if sec % 1 else f"{int(sec):02d}"
        return f"{sign}{int(h)}:{int(m):02d}:{sec_text}"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _sheet_rows(ws: Any, limit: int | None = None) -> tuple[list[list[str | None]], list[int]]:
    rows: list[list[str | None]] = []
    row_numbers: list[int] = []
    for idx, row in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [_cell_text(v) for v in row]
        if not any(c is not None and c.strip() for c in cells):
            continue
        rows.append(cells)
        row_numbers.append(idx)
        if limit is not None and len(rows) >= limit:
            break
    return rows, row_numbers


def read_xlsx(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    table: str,
    detect: Callable[[list[str]], Any] | None = None,
) -> RawTable:
    """Load one sheet of an ``.xlsx`` workbook into ``table`` (cells as text).

    The sheet is the first whose header a format recognises (TikTok and
    Douyin workbooks hold one sheet; others may add a cover sheet), else the
    first sheet. Typed cells are written as text the value parsers read
    (``296.0``, ``2026-03-14 00:00:00``, ``0:04:23``); shared and inline
    strings (Excel, SheetJS, Apache POI writers) are kept as written.
    """
    import openpyxl
    import pandas as pd

    try:
        with warnings.catch_warnings():
            # Browser-written workbooks often have no style sheet; openpyxl warns and copes.
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise IngestError(
            file_name, f"cannot open the workbook ({type(exc).__name__}: {exc})"
        ) from None
    try:
        sheets = list(wb.worksheets)
        if not sheets:
            raise IngestError(file_name, "the workbook has no sheet")
        ws = sheets[0]
        if detect is not None and len(sheets) > 1:
            for cand in sheets:
                head_rows, _ = _sheet_rows(cand, HEADER_SEARCH_ROWS)
                if any(
                    detect([normalise_header(c or "") for c in r]) is not None for r in head_rows
                ):
                    ws = cand
                    break
        rows, row_numbers = _sheet_rows(ws)
        sheet_title = ws.title
    finally:
        wb.close()
    if not rows:
        raise IngestError(file_name, f"the sheet {sheet_title!r} is empty")
    head = [[c or "" for c in r] for r in rows[:HEADER_SEARCH_ROWS]]
    h = _find_header(head, file_name, detect)
    headers = [(c or "").strip() for c in rows[h]]
    while headers and not headers[-1]:
        headers.pop()
    ncols = len(headers)
    if ncols > MAX_COLUMNS:
        raise IngestError(
            file_name,
            f"the header on row {row_numbers[h]} has {ncols:,} columns; the importer reads at "
            f"most {MAX_COLUMNS} (an export has a few dozen): remove the columns you do not need",
        )
    beyond = [
        Reject(
            line=n,
            column=None,
            value=None,
            reason=f"a value right of the header's {ncols} columns (a column without a name)",
        )
        for r, n in zip(rows[h + 1 :], row_numbers[h + 1 :], strict=True)
        if any(c is not None and c.strip() for c in r[ncols:])
    ]
    if beyond:
        raise IngestError(
            file_name,
            f"{len(beyond):,} row(s) hold values in columns without a header; nothing was imported",
            beyond[:1000],
        )
    # rows empty in the header's columns (formatted but empty rows) are not records
    kept = [
        (r, n)
        for r, n in zip(rows[h + 1 :], row_numbers[h + 1 :], strict=True)
        if any(c is not None and c.strip() for c in r[:ncols])
    ]
    body = [(r + [None] * ncols)[:ncols] for r, _ in kept]
    lines = [n for _, n in kept]
    frame = pd.DataFrame(body, columns=[f"c{i}" for i in range(ncols)], dtype=object)
    for col in frame.columns:
        frame[col] = frame[col].astype("string")
    frame["_row"] = range(len(frame))
    con.register("_xlsx_frame", frame)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM _xlsx_frame")
    finally:
        con.unregister("_xlsx_frame")
    decimal_comma = decide_decimal_comma(con, table, ncols, default=False)
    return RawTable(
        file_name=file_name,
        table=table,
        headers=headers,
        header_line=row_numbers[h],
        n_rows=len(frame),
        encoding="xlsx",
        delimiter=None,
        decimal_comma=decimal_comma,
        kind="xlsx",
        preamble=head[:h],
        _line_of=lambda r: lines[r] if r < len(lines) else row_numbers[h] + 1 + r,
    )


def is_xlsx(data: bytes) -> bool:
    """True for a zip container holding an Excel workbook."""
    return data[:4] == b"PK\x03\x04" and b"xl/" in data[:65536]
