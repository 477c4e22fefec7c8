"""Value parsers, written as DuckDB SQL expressions over text columns.

Every raw cell is read as text (never typed from a sample of the file: case
C07) and converted here, column by column, in one vectorised pass. Each
builder takes the SQL of a text expression and returns the SQL of the parsed
value; a value that is present but does not parse gives NULL, and the caller
turns "present but NULL after parsing" into a row error (file, line, column,
value, reason). Nothing is ever silently turned into a number: digit groups
must be well formed (``1,234,567``, ``1 234``, ``12,34,567``), so ``1,2,3``
or ``0.25`` in a decimal-comma file are errors, not 123 or 25.

Units follow the store: counts are integers, rates are fractions, durations
are seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import duckdb

from analytics.sql_quote import quote_literal

# Cells that mean "missing" in platform exports (DESIGN.md: never 0).
MISSING_TOKENS = (
    "",
    "-",
    "--",
    "—",
    "–",
    "undefined",
    "n/a",
    "N/A",
    "null",
    "NULL",
    "None",
    "nan",
    "NaN",
)

_MISSING_SQL = ", ".join(quote_literal(t) for t in MISSING_TOKENS)

# Count suffixes: multiplier by suffix (case C12).
COUNT_SUFFIXES = {
    "万": 10_000,
    "w": 10_000,
    "W": 10_000,
    "亿": 100_000_000,
    "k": 1_000,
    "K": 1_000,
    "m": 1_000_000,
    "M": 1_000_000,
}

# Number bodies: plain digits, or digit groups of three separated by ',' (or
# by a space), or the Indian lakh grouping 12,34,567. ``_DOT_`` files use '.'
# as the decimal mark, ``_COMMA_`` files ',' (and '.' or a space for groups).
_DOT_INT = r"([0-9]+|[0-9]{1,3}(,[0-9]{3})+|[0-9]{1,3}( [0-9]{3})+|[0-9]{1,2}(,[0-9]{2})+,[0-9]{3})"
_COMMA_INT = r"([0-9]+|[0-9]{1,3}([.][0-9]{3})+|[0-9]{1,3}( [0-9]{3})+)"
NUMBER_DOT = rf"[+-]?{_DOT_INT}([.][0-9]+)?"
NUMBER_COMMA = rf"[+-]?{_COMMA_INT}(,[0-9]+)?"

# Cells that can only be written with a decimal comma, and cells that can
# only be written with a decimal point (used to decide a file's convention).
DECIMAL_COMMA_ONLY = (
    r"^[+-]?([0-9]+,[0-9]{1,2}|[0-9]+,[0-9]{4,}|0,[0-9]+|[0-9]{1,3}([.][0-9]{3})+,[0-9]+"
    r"|[0-9]{1,3}([.][0-9]{3}){2,})%?$"
)
DECIMAL_POINT_ONLY = (
    r"^[+-]?([0-9]+[.][0-9]{1,2}|[0-9]+[.][0-9]{4,}|0[.][0-9]+|[0-9]{1,3}(,[0-9]{3})+[.][0-9]+"
    r"|[0-9]{1,3}(,[0-9]{3}){2,})%?$"
)


# A cell that clean() would change: surrounding whitespace, or a no-break space anywhere.
_EDGE_SPACE = r"^[ \t\n\r]|[ \t\n\r]$"
_UNTIDY = _EDGE_SPACE + r"|[\x{a0}\x{202f}]"


def _fast(x: str, pattern: str, then: str, otherwise: str) -> str:
    """SQL: ``then`` where the raw cell fully matches ``pattern`` (a plain number), else ``otherwise``.

    Plain numbers are most cells of an export; the pattern admits only cells
    that the full parser would read the same way, so this is a shortcut and
    never a second meaning.
    """
    return f"(CASE WHEN regexp_full_match({x}, '{pattern}') THEN {then} ELSE {otherwise} END)"


def clean(x: str) -> str:
    """Trimmed text, NULL when the cell is one of :data:`MISSING_TOKENS`.

    No-break spaces (U+00A0, U+202F, used as thousands separators by some
    locales) become plain spaces.
    """
    t = f"trim(replace(replace({x}, chr(160), ' '), chr(8239), ' '), ' ' || chr(9) || chr(10) || chr(13))"
    # Most cells need no trimming or space mapping: one cheap test spares them the
    # nested replace / trim (4x faster per column); the rest take the full path.
    return (
        f"(CASE WHEN NOT regexp_matches({x}, '{_UNTIDY}') "
        f"THEN (CASE WHEN {x} IN ({_MISSING_SQL}) THEN NULL ELSE {x} END) "
        f"WHEN {t} IN ({_MISSING_SQL}) THEN NULL ELSE {t} END)"
    )


def _norm_number(x: str) -> str:
    """Cleaned text with full-width percent and the Unicode minus made ASCII."""
    return f"replace(replace({clean(x)}, '％', '%'), '−', '-')"


def _to_double(t: str, decimal_comma: bool, sql_type: str = "DOUBLE") -> str:
    """SQL number of a number body already checked against the pattern of its convention."""
    if decimal_comma:
        return f"TRY_CAST(replace(replace(replace({t}, ' ', ''), '.', ''), ',', '.') AS {sql_type})"
    return f"TRY_CAST(replace(replace({t}, ' ', ''), ',', '') AS {sql_type})"


def _body(decimal_comma: bool) -> str:
    return NUMBER_COMMA if decimal_comma else NUMBER_DOT


_SIMPLE_INT = r"^[+-]?[0-9]{1,18}$"
_SIMPLE_DEC = r"^[+-]?[0-9]{1,15}([.][0-9]{1,15})?$"
_PLAIN_INT = r"^[0-9]{1,18}$"
_PLAIN_DEC = r"^[0-9]{1,15}([.][0-9]{1,15})?$"
_PLAIN_WHOLE = r"^[0-9]{1,15}$"


def _let(value_sql: str, name: str, body: str) -> str:
    """SQL evaluating ``body`` with ``name`` bound to ``value_sql`` once (no repeated sub-expressions)."""
    return f"list_transform([{value_sql}], lambda {name}: {body})[1]"


def count(x: str, decimal_comma: bool = False) -> str:
    """SQL for a count (BIGINT): ``1,234``, ``1.2万``, ``3.5w``, ``1.1亿``, ``1.5k``, ``10万+``, ``439.0``.

    A value that is not a whole number after applying its suffix gives NULL
    (a row error), as does an unknown suffix or a malformed digit group.
    Arithmetic is exact (DECIMAL): ``4999.9亿`` is 499,990,000,000.
    """
    t = _norm_number(x)
    pattern = quote_literal(f"^({_body(decimal_comma)})(万|w|W|亿|k|K|m|M)?(\\+)?$")
    group = _group_count(_body(decimal_comma)) + 2
    num = _to_double(f"regexp_extract(_ca_s, {pattern}, 1)", decimal_comma, "DECIMAL(38, 10)")
    mult = (
        "CASE regexp_extract(_ca_s, "
        + pattern
        + f", {group}) "
        + " ".join(f"WHEN '{k}' THEN {m}" for k, m in COUNT_SUFFIXES.items())
        + " ELSE 1 END"
    )
    exact = _let(
        f"{num} * CAST({mult} AS DECIMAL(18, 0))",
        "_ca_v",
        "CASE WHEN _ca_v = trunc(_ca_v) AND abs(_ca_v) < 9.2e18 THEN CAST(_ca_v AS BIGINT) END",
    )
    slow = _let(t, "_ca_s", f"CASE WHEN regexp_full_match(_ca_s, {pattern}) THEN {exact} END")
    full = f"(CASE WHEN regexp_full_match({t}, '{_SIMPLE_INT}') THEN CAST({t} AS BIGINT) ELSE {slow} END)"
    return _fast(x, _PLAIN_INT, f"CAST({x} AS BIGINT)", full)


def _group_count(pattern: str) -> int:
    """Number of capture groups in ``pattern`` (plain parentheses only)."""
    return pattern.count("(") - pattern.count("\\(")


def is_lower_bound(x: str) -> str:
    """SQL boolean: the count is written as a lower bound (``10万+``)."""
    return f"(CASE WHEN contains({x}, '+') THEN coalesce(ends_with({clean(x)}, '+'), false) ELSE false END)"


def number(x: str, decimal_comma: bool = False) -> str:
    """SQL for a decimal number (DOUBLE): ``3,456.7``; ``12,5`` in decimal-comma files."""
    t = _norm_number(x)
    pattern = quote_literal(f"^{_body(decimal_comma)}$")
    slow = _let(
        t,
        "_ca_s",
        f"CASE WHEN regexp_full_match(_ca_s, {pattern}) THEN "
        f"{_to_double('_ca_s', decimal_comma)} END",
    )
    if decimal_comma:
        return _fast(x, _PLAIN_WHOLE, f"CAST({x} AS DOUBLE)", slow)
    full = f"(CASE WHEN regexp_full_match({t}, '{_SIMPLE_DEC}') THEN CAST({t} AS DOUBLE) ELSE {slow} END)"
    return _fast(x, _PLAIN_DEC, f"CAST({x} AS DOUBLE)", full)


def rate(x: str, convention: str, decimal_comma: bool = False) -> str:
    """SQL for a rate as a fraction (DOUBLE).

    Parameters
    ----------
    x : str
        SQL of the text column.
    convention : {"percent", "fraction"}
        How the export writes a bare number: ``"percent"`` (YouTube's
        ``5.02`` under a ``(%)`` header) or ``"fraction"`` (Douyin's
        ``0.025575``). A value ending in ``%`` is always a percent. A bare
        value above 1 in a column of fractions gives NULL (a row error: the
        column is probably in percent, and guessing would be wrong by 100x).
    decimal_comma : bool
        The file writes ``12,5`` for 12.5.
    """
    t = _norm_number(x)
    pattern = quote_literal(f"^({_body(decimal_comma)})(%?)$")
    if convention == "percent":
        bare = "round(_ca_v / 100.0, 12)"
    else:
        bare = "(CASE WHEN abs(_ca_v) <= 1.0 THEN _ca_v END)"
    value = _let(
        _to_double(f"regexp_extract(_ca_s, {pattern}, 1)", decimal_comma),
        "_ca_v",
        f"CASE WHEN ends_with(_ca_s, '%') THEN round(_ca_v / 100.0, 12) ELSE {bare} END",
    )
    slow = _let(t, "_ca_s", f"CASE WHEN regexp_full_match(_ca_s, {pattern}) THEN {value} END")

    def bare_of(text: str) -> str:
        plain = f"CAST({text} AS DOUBLE)"
        if convention == "percent":
            return f"round({plain} / 100.0, 12)"
        return f"(CASE WHEN abs({plain}) <= 1.0 THEN {plain} END)"

    if decimal_comma:
        return _fast(x, _PLAIN_WHOLE, bare_of(x), slow)
    full = (
        f"(CASE WHEN regexp_full_match({t}, '{_SIMPLE_DEC}') THEN {bare_of(t)} "
        f"WHEN regexp_full_match({t}, '{_SIMPLE_DEC[:-1]}%$') THEN "
        f"round(CAST(rtrim({t}, '%') AS DOUBLE) / 100.0, 12) "
        f"ELSE {slow} END)"
    )
    return _fast(x, _PLAIN_DEC, bare_of(x), full)


def stars(x: str) -> str:
    """SQL for a Bilibili star rating such as ``3.5星`` (DOUBLE, 0 to 5 stars)."""
    v = f"TRY_CAST(regexp_extract({clean(x)}, '^([0-9]+([.][0-9]+)?) *(星)?$', 1) AS DOUBLE)"
    return f"(CASE WHEN {v} BETWEEN 0 AND 5 THEN {v} END)"


_HMS = r"^([0-9]+):([0-5][0-9]):([0-5][0-9](\.[0-9]+)?)$"
_MS = r"^([0-9]+):([0-5][0-9](\.[0-9]+)?)$"
_SECS = r"^([0-9]+(\.[0-9]+)?) *(秒|s|sec)?$"
_MIN_SEC_CN = r"^([0-9]+)分([0-9]+(\.[0-9]+)?)秒$"
_H_M_S_CN = r"^([0-9]+)(小时|時間)([0-9]+)分([0-9]+(\.[0-9]+)?)秒$"


def duration(x: str, bare_unit_s: float = 1.0, decimal_comma: bool = False) -> str:
    """SQL for a duration in seconds (DOUBLE).

    Accepts ``h:mm:ss``, ``m:ss`` (two parts are always minutes:seconds, case
    C13), ``14.73秒``, ``1分05秒``, ``1小时2分3秒`` and bare numbers, which
    are multiplied by ``bare_unit_s`` (1 for seconds, 60 for minutes, 3600
    for hours; ``1,234.5`` hours is read with the file's decimal mark).
    """
    c = clean(x)
    d = "_ca_d"
    n = f"replace({d}, ' ', '')"

    def part(pattern: str, group: int) -> str:
        return f"CAST(regexp_extract({d}, '{pattern}', {group}) AS DOUBLE)"

    bare = _let(
        number(d, decimal_comma),
        "_ca_n",
        f"CASE WHEN _ca_n >= 0 THEN round(_ca_n * {float(bare_unit_s)}, 6) END",
    )
    body = (
        "CASE "
        f"WHEN regexp_full_match({d}, '{_HMS}') THEN {part(_HMS, 1)} * 3600 + {part(_HMS, 2)} * 60 + {part(_HMS, 3)} "
        f"WHEN regexp_full_match({d}, '{_MS}') THEN {part(_MS, 1)} * 60 + {part(_MS, 2)} "
        f"WHEN regexp_full_match({d}, '{_MIN_SEC_CN}') THEN {part(_MIN_SEC_CN, 1)} * 60 + {part(_MIN_SEC_CN, 2)} "
        f"WHEN regexp_full_match({d}, '{_H_M_S_CN}') THEN "
        f"{part(_H_M_S_CN, 1)} * 3600 + {part(_H_M_S_CN, 3)} * 60 + {part(_H_M_S_CN, 4)} "
        f"WHEN regexp_full_match({n}, '{_SECS}') AND regexp_extract({n}, '{_SECS}', 3) <> '' THEN "
        f"CAST(regexp_extract({n}, '{_SECS}', 1) AS DOUBLE) "
        f"ELSE {bare} END"
    )
    fast = f"CAST({c} AS DOUBLE) * {float(bare_unit_s)}"
    hms = _let(
        f"string_split({c}, ':')",
        "_ca_p",
        "CAST(_ca_p[1] AS DOUBLE) * 3600 + CAST(_ca_p[2] AS DOUBLE) * 60 + CAST(_ca_p[3] AS DOUBLE)",
    )
    full = (
        f"(CASE WHEN regexp_full_match({c}, '^[0-9]{{1,15}}$') THEN {fast} "
        f"WHEN regexp_full_match({c}, '{_HMS}') THEN {hms} "
        f"ELSE {_let(c, d, body)} END)"
    )
    if not decimal_comma:
        # A bare decimal is read as number() then rounded to the microsecond, as in the full path.
        full = _fast(x, _PLAIN_DEC, f"round(CAST({x} AS DOUBLE) * {float(bare_unit_s)}, 6)", full)
    return _fast(x, _PLAIN_WHOLE, f"CAST({x} AS DOUBLE) * {float(bare_unit_s)}", full)


def text(x: str) -> str:
    """SQL for a text value: trimmed, NULL when missing."""
    return clean(x)


def hashtags(x: str) -> str:
    """SQL for the ``#hashtags`` of a text as a list: lower-case, no '#', first appearance order, no repeats."""
    found = f"list_transform(regexp_extract_all(coalesce({x}, ''), '#([^\\s#]+)', 1), lambda t: lower(t))"
    # The list is built once and bound to a name (not rebuilt for each element).
    return _let(found, "_ca_f", "list_filter(_ca_f, lambda t, i: list_position(_ca_f, t) = i)")


_SCIENTIFIC = r"^[0-9]([.,][0-9]+)?[eE]\+?[0-9]+$"


def identifier(x: str) -> str:
    """SQL for an id: the text byte for byte, without surrounding whitespace.

    YouTube writes ids that start with ``-`` with a protective leading
    space; trimming removes it and nothing else (``_`` and ``-`` stay).
    """
    t = f"trim({x}, ' ' || chr(9) || chr(10) || chr(13))"
    return (
        f"(CASE WHEN NOT regexp_matches({x}, '{_EDGE_SPACE}') "
        f"THEN (CASE WHEN {x} IN ({_MISSING_SQL}) THEN NULL ELSE {x} END) "
        f"WHEN {t} IN ({_MISSING_SQL}) THEN NULL ELSE {t} END)"
    )


def checked_identifier(x: str) -> str:
    """Like :func:`identifier`, but NULL (a row error) for an id a spreadsheet shortened.

    ``1.22158E+17`` is what Excel makes of a long numeric id; the digits
    are lost, so the row cannot be matched to anything.
    """
    t = identifier(x)
    return f"(CASE WHEN regexp_full_match({t}, '{_SCIENTIFIC}') THEN NULL ELSE {t} END)"


SHORTENED_ID_REASON = (
    "the id was shortened to scientific notation by a spreadsheet program; "
    "download the export again and import it without opening it in Excel"
)


def timestamp(x: str, formats: list[str]) -> str:
    """SQL for a naive timestamp parsed with the first matching strptime format."""
    fmts = "[" + ", ".join(quote_literal(f) for f in formats) + "]"
    return f"try_strptime({clean(x)}, {fmts})"


def local_to_tz(ts_sql: str, time_zone: str) -> str:
    """SQL: interpret a naive local timestamp in ``time_zone`` and return TIMESTAMPTZ."""
    return f"timezone({quote_literal(time_zone)}, {ts_sql})"


def evaluate(
    builder: Callable[[str], str],
    values: Sequence[str | None],
    con: duckdb.DuckDBPyConnection,
) -> list[Any]:
    """Run a value parser over Python strings (for previews and tests).

    Parameters
    ----------
    builder : callable
        Takes the SQL of a text column and returns the parser's SQL, e.g.
        ``lambda c: count(c)`` or ``lambda c: rate(c, "percent")``.
    values : sequence of str or None
        Raw cells.
    con : duckdb.DuckDBPyConnection
        The connection to run on (a staging connection from the store layer,
        or a test's own); it is left open.

    Returns
    -------
    list
        Parsed values in input order (None where the parser gives NULL).
    """
    import pandas as pd

    frame = pd.DataFrame({"i": range(len(values)), "v": pd.Series(list(values), dtype="string")})
    con.register("_evaluate_values", frame)
    try:
        rows = con.execute(f"SELECT i, {builder('v')} FROM _evaluate_values ORDER BY i").fetchall()
    finally:
        con.unregister("_evaluate_values")
    return [r[1] for r in rows]
