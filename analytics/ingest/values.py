"""Value parsers, written as DuckDB SQL expressions over text columns.

Every raw cell is read as text (never typed from a sample of the file: case
C07) and converted here, column by column, in one vectorised pass. Each
builder takes the SQL of a text expression and returns the SQL of the parsed
value; a value that is present but does not parse gives NULL, and the caller
turns "present but NULL after parsing" into a row error (file, line, column,
value, reason). Nothing is ever silently turned into a number.

Units follow the store: counts are integers, rates are fractions, durations
are seconds.
"""

from __future__ import annotations

# Cells that mean "missing" in platform exports (DESIGN.md: never 0).
MISSING_TOKENS = ("", "-", "--", "—", "undefined", "n/a", "N/A", "null", "NULL", "None", "nan")

_MISSING_SQL = ", ".join("'" + t.replace("'", "''") + "'" for t in MISSING_TOKENS)

# Count suffixes: multiplier by suffix (case C12).
COUNT_SUFFIXES = {"万": 10_000, "w": 10_000, "W": 10_000, "亿": 100_000_000, "k": 1_000, "K": 1_000,
                  "m": 1_000_000, "M": 1_000_000}


def sql_quote(value: str) -> str:
    """Quote ``value`` as a SQL string literal (for constants written by the code)."""
    return "'" + value.replace("'", "''") + "'"


def clean(x: str) -> str:
    """Trimmed text, NULL when the cell is one of :data:`MISSING_TOKENS`.

    Also removes the no-break spaces some locales use as thousands separators.
    """
    t = f"trim(replace(replace({x}, chr(160), ' '), chr(8239), ' '), ' ' || chr(9) || chr(10) || chr(13))"
    return f"(CASE WHEN {t} IN ({_MISSING_SQL}) THEN NULL ELSE {t} END)"


def _numeric_text(x: str, decimal_comma: bool) -> str:
    """Text with spaces and thousands separators removed and '.' as the decimal mark."""
    c = clean(x)
    nospace = f"replace({c}, ' ', '')"
    if decimal_comma:
        return f"replace(replace({nospace}, '.', ''), ',', '.')"
    return f"replace({nospace}, ',', '')"


_COUNT_RE = r"^([+-]?[0-9]+(\.[0-9]+)?)(万|w|W|亿|k|K|m|M)?(\+)?$"


def count(x: str, decimal_comma: bool = False) -> str:
    """SQL for a count (BIGINT): ``1,234``, ``1.2万``, ``3.5w``, ``1.1亿``, ``1.5k``, ``10万+``, ``439.0``.

    A value that is not a whole number after applying its suffix gives NULL
    (a row error), as does an unknown suffix.
    """
    t = _numeric_text(x, decimal_comma)
    num = f"TRY_CAST(regexp_extract({t}, '{_COUNT_RE}', 1) AS DOUBLE)"
    suffix = f"regexp_extract({t}, '{_COUNT_RE}', 3)"
    mult = "CASE " + " ".join(
        f"WHEN {suffix} = '{s}' THEN {m}" for s, m in COUNT_SUFFIXES.items()
    ) + " ELSE 1 END"
    val = f"({num} * ({mult}))"
    return (
        f"(CASE WHEN regexp_full_match({t}, '{_COUNT_RE}') AND abs({val} - round({val})) < 1e-6 "
        f"THEN CAST(round({val}) AS BIGINT) ELSE NULL END)"
    )


def is_lower_bound(x: str) -> str:
    """SQL boolean: the count is written as a lower bound (``10万+``)."""
    return f"coalesce(ends_with({clean(x)}, '+'), false)"


def number(x: str, decimal_comma: bool = False) -> str:
    """SQL for a decimal number (DOUBLE): ``3,456.7``; ``12,5`` in decimal-comma files."""
    t = _numeric_text(x, decimal_comma)
    return f"TRY_CAST({t} AS DOUBLE)"


def rate(x: str, convention: str, decimal_comma: bool = False) -> str:
    """SQL for a rate as a fraction (DOUBLE).

    Parameters
    ----------
    x : str
        SQL of the text column.
    convention : {"percent", "fraction"}
        How the export writes a bare number: ``"percent"`` (YouTube's
        ``5.02`` under a ``(%)`` header) or ``"fraction"`` (Douyin's
        ``0.025575``). A value ending in ``%`` is always a percent.
    decimal_comma : bool
        The file writes ``12,5`` for 12.5.
    """
    t = _numeric_text(x, decimal_comma)
    has_pct = f"ends_with({t}, '%')"
    body = f"TRY_CAST(rtrim({t}, '%') AS DOUBLE)"
    bare = f"{body} / 100.0" if convention == "percent" else body
    return f"(CASE WHEN {has_pct} THEN {body} / 100.0 ELSE {bare} END)"


def stars(x: str) -> str:
    """SQL for a Bilibili star rating such as ``3.5星`` (DOUBLE, stars)."""
    return f"TRY_CAST(rtrim({clean(x)}, '星') AS DOUBLE)"


_HMS = r"^([0-9]+):([0-5][0-9]):([0-5][0-9](\.[0-9]+)?)$"
_MS = r"^([0-9]+):([0-5][0-9](\.[0-9]+)?)$"
_SECS = r"^([0-9]+(\.[0-9]+)?) *(秒|s|sec)?$"
_MIN_SEC_CN = r"^([0-9]+)分([0-9]+(\.[0-9]+)?)秒$"


def duration(x: str, bare_unit_s: float = 1.0) -> str:
    """SQL for a duration in seconds (DOUBLE).

    Accepts ``h:mm:ss``, ``m:ss`` (two parts are always minutes:seconds, case
    C13), ``14.73秒``, ``1分05秒`` and bare numbers, which are multiplied by
    ``bare_unit_s`` (1 for seconds, 60 for minutes, 3600 for hours).
    """
    c = clean(x)
    n = f"replace({c}, ',', '')"
    return (
        "(CASE "
        f"WHEN regexp_full_match({c}, '{_HMS}') THEN "
        f"CAST(regexp_extract({c}, '{_HMS}', 1) AS DOUBLE) * 3600 + "
        f"CAST(regexp_extract({c}, '{_HMS}', 2) AS DOUBLE) * 60 + "
        f"CAST(regexp_extract({c}, '{_HMS}', 3) AS DOUBLE) "
        f"WHEN regexp_full_match({c}, '{_MS}') THEN "
        f"CAST(regexp_extract({c}, '{_MS}', 1) AS DOUBLE) * 60 + "
        f"CAST(regexp_extract({c}, '{_MS}', 2) AS DOUBLE) "
        f"WHEN regexp_full_match({c}, '{_MIN_SEC_CN}') THEN "
        f"CAST(regexp_extract({c}, '{_MIN_SEC_CN}', 1) AS DOUBLE) * 60 + "
        f"CAST(regexp_extract({c}, '{_MIN_SEC_CN}', 2) AS DOUBLE) "
        f"WHEN regexp_full_match({n}, '{_SECS}') THEN "
        f"CAST(regexp_extract({n}, '{_SECS}', 1) AS DOUBLE) * "
        f"(CASE WHEN regexp_extract({n}, '{_SECS}', 3) = '' THEN {bare_unit_s} ELSE 1 END) "
        "ELSE NULL END)"
    )


def text(x: str) -> str:
    """SQL for a text value: trimmed, NULL when missing."""
    return clean(x)


def identifier(x: str) -> str:
    """SQL for an id: text kept byte for byte except surrounding whitespace.

    YouTube writes ids that start with ``-`` with a protective leading
    space; trimming removes it and nothing else.
    """
    return clean(x)


def timestamp(x: str, formats: list[str]) -> str:
    """SQL for a naive timestamp parsed with the first matching strptime format."""
    fmts = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in formats) + "]"
    return f"try_strptime({clean(x)}, {fmts})"


def local_to_tz(ts_sql: str, time_zone: str) -> str:
    """SQL: interpret a naive local timestamp in ``time_zone`` and return TIMESTAMPTZ."""
    tz = time_zone.replace("'", "''")
    return f"timezone('{tz}', {ts_sql})"
