"""The one place SQL text is quoted: identifiers and string literals.

Values reach SQL as bound parameters wherever DuckDB accepts one. Where it
does not (a column name read from an export's header, a file path in
``read_csv``, ``ATTACH`` or ``COPY``, a constant inside generated parser SQL),
the text goes through one of these two functions and nowhere else. They sit
below every layer (like :mod:`analytics.errors`) because both the ingest
parsers and the store layer write such SQL, and ingest may not import the
store.

>>> quote_ident('say "hi" now')
'"say ""hi"" now"'
>>> quote_literal("it's")
"'it''s'"
"""

from __future__ import annotations

__all__ = ["quote_ident", "quote_literal"]


def quote_ident(name: str) -> str:
    """Quote ``name`` as a SQL identifier (table, column, schema or alias name).

    Parameters
    ----------
    name : str
        Any non-empty text (quotes, newlines, backslashes, NUL, any script);
        every ``"`` is doubled.

    Returns
    -------
    str
        ``"name"``, usable wherever DuckDB expects an identifier.

    Raises
    ------
    ValueError
        ``name`` is empty (DuckDB has no zero-length identifier).
    """
    if not name:
        raise ValueError("a SQL identifier cannot be empty")
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    """Quote ``value`` as a SQL string literal.

    Parameters
    ----------
    value : str
        Any text; every ``'`` is doubled. Backslashes, newlines, NUL and
        every other character stay as they are (DuckDB's ``'...'`` literals
        have no escape character).

    Returns
    -------
    str
        ``'value'``.
    """
    return "'" + value.replace("'", "''") + "'"
