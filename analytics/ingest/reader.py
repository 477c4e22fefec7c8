"""Reading a file's bytes into a raw text table.

Steps: detect the encoding (BOM, strict UTF-8, else charset detection with
``charset-normalizer``), find the delimiter, find the header row (it is not
always line 1: Meta's ``sep=,`` and title lines, Xiaohongshu's banner row),
then load every cell as text into a DuckDB temp table with DuckDB's own CSV
reader (or openpyxl for ``.xlsx``). Nothing is typed here: the value parsers
in :mod:`analytics.ingest.values` convert whole columns afterwards, so a type
change at row 20,601 cannot drop a row (case C07).

The parts live beside this module and are re-exported here: decoding in
:mod:`analytics.ingest.decode`, the raw table and header search in
:mod:`analytics.ingest.raw_table`, workbooks in :mod:`analytics.ingest.xlsx`,
the checks of a CSV read in :mod:`analytics.ingest.csv_checks`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from analytics.errors import IngestError
from analytics.ingest.csv_checks import (
    _check_swallowed,
    _diagnose,
    _offset_of_line,
    _read_text,
    _record_starts,
)
from analytics.ingest.csv_checks import _no_raw as _no_raw  # re-exported
from analytics.ingest.decode import decode as decode
from analytics.ingest.decode import file_is_utf8 as file_is_utf8
from analytics.ingest.raw_table import (
    _SEP_LINE,
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    _find_header,
    _sniff_delimiter,
    decide_decimal_comma,
    normalise_line_ends,
)
from analytics.ingest.raw_table import RawTable as RawTable
from analytics.ingest.raw_table import normalise_header as normalise_header
from analytics.ingest.xlsx import is_xlsx as is_xlsx
from analytics.ingest.xlsx import read_xlsx as read_xlsx
from analytics.sql_quote import quote_ident, quote_literal
from analytics.tempspace import write_temp_text


def line_ends_of(path: str | os.PathLike[str], chunk: int = 1 << 24) -> str:
    """How the lines of a file end: ``"lf"``, ``"crlf"``, ``"cr"``, ``"mixed"`` or ``"none"``."""
    crlf = cr = lf = 0
    last = b""
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            data = last + block
            # a CR at the end of a block may be the first half of a CR LF
            last = b"\r" if data.endswith(b"\r") else b""
            body = data[:-1] if last else data
            pairs = body.count(b"\r\n")
            crlf += pairs
            cr += body.count(b"\r") - pairs
            lf += body.count(b"\n") - pairs
    cr += len(last)
    kinds = [k for k, n in (("crlf", crlf), ("cr", cr), ("lf", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def read_csv_text(
    con: duckdb.DuckDBPyConnection,
    path: str | None,
    text: str | None,
    file_name: str,
    encoding: str,
    table: str,
    detect: Callable[[list[str]], Any] | None = None,
    temp_dir: str | os.PathLike[str] | None = None,
) -> RawTable:
    """Load a delimited text file into ``table`` (all cells text), losing no row silently.

    Exactly one of ``path`` (a UTF-8 file with LF or CR LF line ends that
    DuckDB reads directly) and ``text`` (decoded content; its line ends are
    normalised here) is given. Every record must have the header's number
    of fields (a row-cap footer such as ``Showing top 500 results`` at the
    end excepted); a record that does not, a quote that is never closed or
    text after a closing quote refuses the whole file with the line and
    the reason (never the line's text). A quote that swallows the next
    lines into one field (the parser's record count then disagrees with
    the lines that read as records of their own) is refused too, naming
    the line of the opening quote.

    Raises
    ------
    IngestError
        No rows, too many columns, or a malformed record.
    """
    if text is None:
        assert path is not None
        with open(path, encoding="utf-8-sig", newline="") as fh:
            head_text = normalise_line_ends(fh.read(262144))
    else:
        text = normalise_line_ends(text)
        head_text = text[:262144]
    head_lines = head_text.split("\n")[: HEADER_SEARCH_ROWS + 5]
    sep_line = 0
    delim: str | None = None
    if head_lines and (m := _SEP_LINE.match(head_lines[0])):
        delim, sep_line = m.group(1), 1
    if delim is None:
        delim = _sniff_delimiter(head_lines)
    # Parse the head with the csv module to find the header (quoted newlines respected).
    head_rows: list[list[str]] = []
    head_ends: list[int] = []
    reader = csv.reader(io.StringIO(head_text), delimiter=delim)
    try:
        for row in reader:
            if len(head_rows) >= HEADER_SEARCH_ROWS + 5:
                break
            if reader.line_num <= sep_line:
                continue
            if not row or not any(c.strip() for c in row):
                continue
            head_rows.append(row)
            head_ends.append(reader.line_num)
    except csv.Error:
        pass
    if not head_rows:
        raise IngestError(file_name, "the file has no rows")
    h = _find_header(head_rows, file_name, detect)
    headers = [c.replace("\ufeff", "") for c in head_rows[h]]
    header_line = head_ends[h]
    ncols = len(headers)
    if ncols > MAX_COLUMNS:
        raise IngestError(
            file_name,
            f"the header on line {header_line} has {ncols:,} columns; the importer reads at most "
            f"{MAX_COLUMNS} (an export has a few dozen): check the delimiter, or remove the "
            "columns you do not need",
        )
    footers = _load_csv(con, path, text, file_name, delim, header_line, ncols, table, temp_dir)
    con.execute(f"ALTER TABLE {table} ADD COLUMN _row BIGINT")
    con.execute(f"UPDATE {table} SET _row = rowid")
    for cell in footers:  # kept as rows so the formats see (and skip) them
        con.execute(
            f"INSERT INTO {table} (c0, _row) VALUES (?, (SELECT count(*) FROM {table}))", [cell]
        )
    n = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    _check_swallowed(con, table, file_name, delim, ncols, header_line, path, text)
    decimal_comma = decide_decimal_comma(con, table, ncols, default=delim == ";")
    cache: dict[str, list[int]] = {}

    def line_of(row: int) -> int:
        starts = cache.get("starts")
        if starts is None:
            starts = _record_starts(path, text, delim, header_line)
            cache["starts"] = starts
        return starts[row] if row < len(starts) else header_line + 1 + row

    return RawTable(
        file_name=file_name,
        table=table,
        headers=headers,
        header_line=header_line,
        n_rows=n,
        encoding=encoding,
        delimiter=delim,
        decimal_comma=decimal_comma,
        kind="csv",
        preamble=head_rows[:h],
        _line_of=line_of,
    )


def _load_csv(
    con: duckdb.DuckDBPyConnection,
    path: str | None,
    text: str | None,
    file_name: str,
    delim: str,
    header_line: int,
    ncols: int,
    table: str,
    temp_dir: str | os.PathLike[str] | None,
) -> list[str]:
    """Read the records after the header into ``table``; return the footer lines kept out.

    DuckDB reads with the header's column count and no padding. When it
    refuses, the file is read once more with Python's strict CSV reader to
    say which line is wrong and why; a footer after the last record (one
    filled cell, within the last three records) is the only short record
    accepted: the records before it are read and the footer returned.
    """
    try:
        _duck_read(con, path, text, delim, header_line, ncols, table, temp_dir, file_name)
        return []
    except duckdb.OutOfMemoryException:
        raise  # not the file's fault
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        reason = first.split("Original Line")[0].strip()
    problems, footers, footer_line = _diagnose(path, text, delim, header_line, ncols)
    if problems:
        raise IngestError(
            file_name,
            f"{len(problems):,} line(s) cannot be read as records of the header's {ncols} "
            "columns; nothing was imported",
            problems[:1000],
        )
    if footer_line < 0:  # every record is short by the same columns
        width = -footer_line
        _duck_read(con, path, text, delim, header_line, width, table, temp_dir, file_name)
        for i in range(width, ncols):
            con.execute(f"ALTER TABLE {table} ADD COLUMN {quote_ident(f'c{i}')} VARCHAR")
        return []
    if not footers:
        raise IngestError(file_name, f"cannot read the file as CSV ({_no_raw(reason)})")
    full = text if text is not None else _read_text(path)
    cut = _offset_of_line(full, footer_line)
    _duck_read(con, None, full[:cut], delim, header_line, ncols, table, temp_dir, file_name)
    return footers


def _duck_read(
    con: duckdb.DuckDBPyConnection,
    path: str | None,
    text: str | None,
    delim: str,
    header_line: int,
    ncols: int,
    table: str,
    temp_dir: str | os.PathLike[str] | None,
    file_name: str,
) -> None:
    tmp_path = None
    if text is not None:
        # DuckDB reads files: the decoded text goes to a private file beside the store
        # (the staging folder when the store layer gives one), removed right after the read.
        folder = Path(temp_dir).parent if temp_dir else None  # the private folder beside the store
        tmp_path = write_temp_text(text, con, file_name, folder=folder)
        src = tmp_path
    else:
        src = path  # type: ignore[assignment]
    cols = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(ncols)) + "}"
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_csv({quote_literal(src)}, "
            f"delim={quote_literal(delim)}, quote='\"', escape='\"', header=false, "
            f"skip={header_line}, columns={cols}, auto_detect=false, max_line_size=10000000, "
            "strict_mode=true)"
        )
    finally:
        if tmp_path:
            os.unlink(tmp_path)
