"""Integrity checks of a CSV read: quotes left open, records swallowed by a stray quote.

DuckDB reads the file; these functions read the text again only when its
read failed or lost records, to say which line holds the opening quote and
why. Re-exported by :mod:`analytics.ingest.reader`.
"""

from __future__ import annotations

import csv
import io
import re
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
from analytics.ingest.xlsx import _cell_text as _cell_text  # re-exported
from analytics.ingest.xlsx import _sheet_rows as _sheet_rows
from analytics.ingest.xlsx import is_xlsx as is_xlsx
from analytics.ingest.xlsx import read_xlsx as read_xlsx
from analytics.sql_quote import quote_ident, quote_literal


def _open_text(path: str | None, text: str | None) -> Any:
    if text is not None:
        return io.StringIO(text)
    assert path is not None
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115


def _record_starts(path: str | None, text: str | None, delim: str, header_line: int) -> list[int]:
    """1-based line where each data record after the header starts (blank lines skipped)."""
    starts: list[int] = []
    with _open_text(path, text) as stream:
        rdr = csv.reader(_lf_lines(stream), delimiter=delim)
        prev_end = 0
        try:
            for rec in rdr:
                begin = prev_end + 1
                prev_end = rdr.line_num
                if begin <= header_line or not rec:
                    continue
                starts.append(begin)
        except csv.Error:
            pass
    return starts


def _lf_lines(stream: Any) -> Any:
    """Lines of ``stream`` with CR LF and CR line ends read as LF."""
    for line in stream:
        yield normalise_line_ends(line) if "\r" in line else line


def _no_raw(message: str) -> str:
    """A DuckDB error line without the file's text (which may hold a fan's id)."""
    message = re.sub(r"Original Line:.*", "", message)
    return re.sub(r"\s+", " ", message).strip().rstrip(":") or "malformed CSV"


def _read_text(path: str | None) -> str:
    assert path is not None
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return normalise_line_ends(fh.read())


def _offset_of_line(text: str, line: int) -> int:
    """Offset of the start of 1-based ``line`` in LF text."""
    pos = 0
    for _ in range(line - 1):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _diagnose(
    path: str | None, text: str | None, delim: str, header_line: int, ncols: int
) -> tuple[list[Reject], list[str], int]:
    """Malformed records after the header, footers at the end, and the footer's first line.

    Every record of the wrong width is a reject with the line it starts on;
    a quote never closed, or text after a closing quote, stops the reading
    (the rest of the file cannot be told apart) and is a reject naming the
    line of the opening quote.
    """
    problems: list[Reject] = []
    short: list[tuple[int, list[str]]] = []
    n_records = 0
    with _open_text(path, text) as stream:
        rdr = csv.reader(_lf_lines(stream), delimiter=delim, strict=True)
        prev_end = 0
        while True:
            begin = prev_end + 1
            try:
                rec = next(rdr)
            except StopIteration:
                break
            except csv.Error:
                if begin > header_line:
                    line = _opening_quote_line(path, text, begin, delim)
                    reason = (
                        "a quote opened here is never closed where its value ends, so the "
                        'lines after it cannot be told apart (a quote inside a value is written "")'
                    )
                    problems.append(Reject(line=line, column=None, value=None, reason=reason))
                break
            prev_end = rdr.line_num
            if begin <= header_line or not rec:
                continue
            n_records += 1
            if len(rec) == 1 and not rec[0].strip():
                continue  # a line of spaces: DuckDB reads it as an empty record as well
            if len(rec) != ncols:
                if len(rec) > ncols and not any(c.strip() for c in rec[ncols:]):
                    continue  # trailing empty fields
                short.append((begin, rec))
    # footers: the wrong-width records are exactly the last records and each has one filled cell
    tail_ok = bool(short) and all(
        len(rec) < ncols and rec[0].strip() and not any(c.strip() for c in rec[1:])
        for _, rec in short
    )
    widths = {len(rec) for _, rec in short}
    if (
        not problems
        and len(short) == n_records
        and len(widths) == 1
        and min(widths) < ncols
        and min(widths) >= 2
    ):
        # every record has the same fewer fields (WeChat Channels writes 15 values under
        # 19 names): the last columns are empty in every row, not a damaged line
        return [], [], -min(widths)
    if tail_ok and len(short) <= 3 and not problems:
        lines_after = _records_from(path, text, delim, short[0][0])
        if lines_after == len(short):
            return [], [rec[0] for _, rec in short], short[0][0]
    for begin, rec in short:
        problems.append(
            Reject(
                line=begin,
                column=None,
                value=None,
                reason=f"{len(rec)} field(s) where the header has {ncols}",
            )
        )
    problems.sort(key=lambda r: r.line or 0)
    return problems, [], 0


def _records_from(path: str | None, text: str | None, delim: str, line: int) -> int:
    """Number of non-blank records starting at or after 1-based ``line``."""
    n = 0
    with _open_text(path, text) as stream:
        rdr = csv.reader(_lf_lines(stream), delimiter=delim)
        prev_end = 0
        for rec in rdr:
            begin = prev_end + 1
            prev_end = rdr.line_num
            if begin >= line and rec and any(c.strip() for c in rec):
                n += 1
    return n


def _opening_quote_line(path: str | None, text: str | None, begin: int, delim: str) -> int:
    """Line of the quote that opens the unclosed (or badly closed) field of the record at ``begin``."""
    full = text if text is not None else _read_text(path)
    pos = _offset_of_line(full, begin)
    line = begin
    in_quote = False
    field_start = True
    open_line = begin
    n = len(full)
    while pos < n:
        ch = full[pos]
        if in_quote:
            nxt = full.find('"', pos)
            if nxt < 0:
                return open_line
            line += full.count("\n", pos, nxt)
            if nxt + 1 < n and full[nxt + 1] == '"':
                pos = nxt + 2
                continue
            in_quote = False
            pos = nxt + 1
            if pos < n and full[pos] not in (delim, "\n"):
                return open_line  # text after the closing quote
            field_start = False
            continue
        if ch == '"' and field_start:
            in_quote, open_line = True, line
        elif ch == delim:
            field_start = True
            pos += 1
            continue
        elif ch == "\n":
            return line  # the record ended without a quote problem on this line
        field_start = False
        pos += 1
    return open_line


def _check_swallowed(
    con: duckdb.DuckDBPyConnection,
    table: str,
    file_name: str,
    delim: str,
    ncols: int,
    header_line: int,
    path: str | None,
    text: str | None,
) -> None:
    """Refuse a file where a quoted value holds lines that read as records of their own.

    The independent record count: a line inside a quoted value that splits
    into the header's number of fields is a record the quote swallowed
    (a title written over two lines does not split into a whole record).
    Only values holding a line break are looked at.
    """
    if ncols < 2:
        return
    parts = []
    for i in range(ncols):
        c = quote_ident(f"c{i}")
        parts.append(
            f"SELECT _row, {i} AS col FROM {table} WHERE contains({c}, chr(10)) AND "
            f"len(list_filter(string_split({c}, chr(10))[2:], lambda s: "
            f"len(string_split(s, {quote_literal(delim)})) >= {ncols})) > 0"
        )
    bad = con.execute(" UNION ALL ".join(parts) + " ORDER BY _row, col LIMIT 1").fetchall()
    if not bad:
        return
    row, col = int(bad[0][0]), int(bad[0][1])
    starts = _record_starts(path, text, delim, header_line)
    begin = starts[row] if row < len(starts) else header_line + 1 + row
    before = 0
    if col:
        counts = con.execute(
            "SELECT "
            + " + ".join(
                f"coalesce(length({quote_ident(f'c{j}')}) - length(replace({quote_ident(f'c{j}')}, chr(10), '')), 0)"
                for j in range(col)
            )
            + f" FROM {table} WHERE _row = ?",
            [row],
        ).fetchall()
        before = int(counts[0][0]) if counts else 0
    swallowed = con.execute(
        f"SELECT length({quote_ident(f'c{col}')}) - length(replace({quote_ident(f'c{col}')}, "
        f"chr(10), '')) FROM {table} WHERE _row = ?",
        [row],
    ).fetchall()[0][0]
    line = begin + before
    raise IngestError(
        file_name,
        f"the quote opened on line {line} runs over {int(swallowed)} more line(s) that read as "
        "records of their own (a quote never closed, or closed too late); nothing was imported",
        [
            Reject(
                line=line,
                column=None,
                value=None,
                reason="a quote opened here swallows the following lines into one value",
            )
        ],
    )
