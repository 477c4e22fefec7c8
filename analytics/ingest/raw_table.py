"""The raw table of an export and the header and number conventions found in its text.

:class:`RawTable` is what a reader hands format detection: every cell as
text, the header row found among the first :data:`HEADER_SEARCH_ROWS` lines,
headers compared after :func:`normalise_header`. Re-exported by
:mod:`analytics.ingest.reader`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from analytics.errors import IngestError
from analytics.sql_quote import quote_ident, quote_literal

HEADER_SEARCH_ROWS = 20
_SEP_LINE = re.compile(r"^\ufeff?sep=(.)\s*$")


def normalise_header(name: str) -> str:
    """Header text as compared by detection: NFKC, no soft hyphens, trimmed, case-folded."""
    s = unicodedata.normalize("NFKC", name.replace("\u00ad", "").replace("\ufeff", ""))
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return s


@dataclass
class RawTable:
    """A file loaded as text into the DuckDB temp table ``table``.

    Columns are ``c0 .. c{n-1}`` (VARCHAR) plus ``_row`` (0-based data row).
    ``headers`` are the header cells as written (BOM removed),
    ``header_line`` the 1-based line (or sheet row) of the header.
    """

    file_name: str
    table: str
    headers: list[str]
    header_line: int
    n_rows: int
    encoding: str
    delimiter: str | None
    decimal_comma: bool
    kind: str  # "csv" or "xlsx"
    preamble: list[list[str]] = field(default_factory=list)
    _line_of: Callable[[int], int] | None = None

    @property
    def norm_headers(self) -> list[str]:
        return [normalise_header(h) for h in self.headers]

    def column(self, index: int) -> str:
        """SQL identifier of the raw text column ``index``."""
        return quote_ident(f"c{index}")

    def line_of(self, row: int) -> int:
        """1-based physical line (or sheet row) where data row ``row`` starts."""
        if self._line_of is None:
            return self.header_line + 1 + row
        return self._line_of(row)


def _sniff_delimiter(lines: list[str]) -> str:
    best, best_score = ",", -1.0
    sample = "\n".join(lines[:30])
    for delim in (",", ";", "\t", "|"):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delim) if r]
        except csv.Error:
            continue
        counts = [len(r) for r in rows]
        if not counts or max(counts) < 2:
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) * 10 + mode
        if mode >= 2 and score > best_score:
            best, best_score = delim, score
    return best


def decide_decimal_comma(
    con: duckdb.DuckDBPyConnection, table: str, ncols: int, default: bool
) -> bool:
    """Whether the file writes ``12,5`` for 12.5, decided from every cell of the file.

    Cells that can only be read one way vote (``12,5`` or ``1.234,5`` for a
    decimal comma; ``12.5`` or ``1,234.5`` for a decimal point); ``1,234``
    fits both and does not vote. With no vote, ``;``-separated files (the
    Excel export of comma-decimal locales) take the decimal comma. Values
    that then do not fit the file's convention become row errors.
    """
    import analytics.ingest.values as V

    if ncols == 0:
        return default
    dec_parts, pt_parts = [], []
    for i in range(ncols):
        c = quote_ident(f"c{i}")
        cell = f"trim(replace(replace({c}, chr(160), ' '), chr(8239), ' '))"
        # Only cells with a comma or a point can vote; the regex runs on those alone
        # (a CASE, because an aggregate's FILTER evaluates both sides of an AND).
        dec_parts.append(
            f"count(CASE WHEN contains({c}, ',') THEN CASE WHEN regexp_full_match({cell}, "
            f"{quote_literal(V.DECIMAL_COMMA_ONLY)}) THEN 1 END END)"
        )
        pt_parts.append(
            f"count(CASE WHEN contains({c}, '.') THEN CASE WHEN regexp_full_match({cell}, "
            f"{quote_literal(V.DECIMAL_POINT_ONLY)}) THEN 1 END END)"
        )
    comma_votes = int(con.execute(f"SELECT {' + '.join(dec_parts)} FROM {table}").fetchall()[0][0])
    if comma_votes == 0 and not default:
        return False
    point_votes = int(con.execute(f"SELECT {' + '.join(pt_parts)} FROM {table}").fetchall()[0][0])
    if comma_votes == point_votes:
        return default
    return comma_votes > point_votes


def _find_header(
    rows: list[list[str]], file_name: str, detect: Callable[[list[str]], Any] | None
) -> int:
    """Index of the header row among the first rows."""
    if detect is not None:
        for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if detect([normalise_header(c) for c in row]) is not None:
                return i
    widths = [sum(1 for c in r if c.strip()) for r in rows[:HEADER_SEARCH_ROWS]]
    if not widths or max(widths) == 0:
        raise IngestError(file_name, "no header row found in the first lines")
    top = max(widths)
    return next(i for i, w in enumerate(widths) if w == top)


MAX_COLUMNS = 512  # real exports have at most a few dozen columns


def normalise_line_ends(text: str) -> str:
    """Text with every CR LF and lone CR turned into LF (old Mac and some Excel exports)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
