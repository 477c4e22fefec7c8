"""CSV files the product writes: safe to open in a spreadsheet.

Titles, captions, tags and file names come from exports and may begin with
``=``, ``+``, ``-`` or ``@``; a spreadsheet would run such a cell as a
formula (CSV / formula injection, OWASP "CSV Injection"). Every CSV download
and export of the product goes through :func:`safe_csv`, which writes such a
text cell with a leading apostrophe so it shows as the text it is.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

# Characters that make a spreadsheet treat a cell as a formula. Tab and
# carriage return are included because some spreadsheets skip them before
# reading the next character.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"  # a BOM, so spreadsheets read Chinese titles correctly


def escape_cell(value: Any) -> Any:
    """Neutralise one text value that a spreadsheet would read as a formula.

    Parameters
    ----------
    value : object
        A cell value. Only ``str`` values are changed; numbers (including a
        negative number such as ``-5``), dates and missing values are
        returned as they are.

    Returns
    -------
    object
        ``"'" + value`` when ``value`` is text starting with one of
        :data:`FORMULA_START`, else ``value`` unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _text(value: Any) -> Any:
    """Lists and arrays (``videos.tags``) become one text cell, then escaped."""
    if isinstance(value, (list, tuple)) or (
        hasattr(value, "tolist") and not isinstance(value, str) and getattr(value, "ndim", 0) == 1
    ):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        value = ", ".join("" if v is None else str(v) for v in items)
    return escape_cell(value)


def safe_csv(df: pd.DataFrame, *, index: bool = False) -> bytes:
    """Write a frame as CSV bytes with formula-like text cells escaped.

    Parameters
    ----------
    df : pandas.DataFrame, shape (n_rows, n_columns)
        Any frame; it is not modified. Text cells and column names that
        start with ``=``, ``+``, ``-``, ``@``, tab or carriage return get a
        leading apostrophe; list cells (tags) are joined with ``", "`` first.
        Numeric and date columns are written unchanged (a negative number is
        not a formula).
    index : bool, default False
        Write the index as the first column (its labels are escaped too).

    Returns
    -------
    bytes
        UTF-8 with a byte-order mark, comma-separated, CRLF line ends and
        quoting as in RFC 4180 (a cell holding a comma, quote, CR or LF is
        quoted, so a title with a line break stays one cell). Missing values
        are empty cells.

    Examples
    --------
    >>> import pandas as pd
    >>> safe_csv(pd.DataFrame({"title": ["=1+1", "ok"], "views": [-5, 3]}))
    b"\\xef\\xbb\\xbftitle,views\\r\\n'=1+1,-5\\r\\nok,3\\r\\n"
    """
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].astype(object).map(_text)
    out.columns = [escape_cell(str(c)) for c in out.columns]
    if index:
        out.index = out.index.map(lambda v: escape_cell(v) if isinstance(v, str) else v)
        if out.index.name is not None:
            out.index.name = escape_cell(str(out.index.name))
    # CRLF: the csv module then also quotes cells holding a bare CR.
    text = out.to_csv(index=index, lineterminator="\r\n")
    return text.encode(ENCODING)


def table_csv(df: pd.DataFrame, headers: dict[str, str]) -> bytes:
    """A shown table as the CSV a "Download as CSV" button gives: its columns, its headers.

    Parameters
    ----------
    df : pandas.DataFrame
        The rows shown.
    headers : dict of str to str
        Column -> header as shown (translated), in the order shown; columns
        of ``df`` not named here are left out, names missing from ``df``
        are skipped.

    Returns
    -------
    bytes
        :func:`safe_csv` of the selection: formula-like text escaped.
    """
    cols = [c for c in headers if c in df.columns]
    return safe_csv(df[cols].rename(columns={c: headers[c] for c in cols}))


__all__ = ["FORMULA_START", "escape_cell", "safe_csv", "table_csv"]
