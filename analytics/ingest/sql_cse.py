"""Common subexpressions of the value parsers' SQL, computed once per row.

The value parsers (:mod:`analytics.ingest.values`) build one SQL expression
per column, and repeat their parts: a count repeats its cleaned text and its
``regexp_extract`` calls dozens of times across ``CASE`` branches. DuckDB
does not share work inside ``CASE``, so every copy runs for every row.

:func:`factored_select` hoists repeated parts into nested projections, each
computed once per row, and rewrites the expressions to use them. Only parts
that can never raise an error are hoisted (a fixed list of text and regex
functions, ``TRY_CAST``, ``CASE``, comparisons of text), because a hoisted
part runs for every row, also where its ``CASE`` branch would not have run.
The result is the same values, computed with a fraction of the work.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(
    r"'(?:[^']|'')*'"  # string literal
    r'|"(?:[^"]|"")*"'  # quoted identifier
    r"|[A-Za-z_][A-Za-z0-9_]*"  # word
    r"|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"  # number
    r"|\|\||<>|!=|<=|>=|->|::"  # two-character operators
    r"|\S",
    re.S,
)
# Functions that return a value (possibly NULL) for every input, never an error.
_TOTAL_FUNCTIONS = frozenset(
    {
        "trim",
        "ltrim",
        "rtrim",
        "replace",
        "chr",
        "lower",
        "upper",
        "length",
        "split_part",
        "nullif",
        "coalesce",
        "regexp_extract",
        "regexp_full_match",
        "regexp_matches",
        "ends_with",
        "starts_with",
        "contains",
        "try_cast",
        "try_strptime",
    }
)
# Functions that fail on a bad pattern, format or code point: hoisted only when every
# argument but the text (every argument, for chr) is a literal, so a bad one fails the
# same way, at planning, hoisted or not.
_LITERAL_ARGS = {
    "regexp_extract": 1,
    "regexp_full_match": 1,
    "regexp_matches": 1,
    "try_strptime": 1,
    "chr": 0,
}
_KEYWORDS = frozenset(
    {
        "case",
        "when",
        "then",
        "else",
        "end",
        "in",
        "and",
        "or",
        "not",
        "is",
        "null",
        "as",
        "true",
        "false",
    }
)
_TYPES = frozenset({"varchar", "double", "bigint", "integer", "date", "timestamp", "boolean"})
_PUNCT = frozenset({"(", ")", ",", "||", "=", "<>", "!=", "[", "]"})
_COMPARISONS = frozenset({"=", "<>", "!="})
MAX_LEVELS = 32


def _tokens(sql: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sql)]


def _is_word(t: str) -> bool:
    return bool(t) and (t[0].isalpha() or t[0] == "_")


def _is_number(t: str) -> bool:
    return bool(t) and t[0].isdigit()


def _unquote(t: str) -> str:
    return t[1:-1].replace('""', '"')


def _lambda_params(toks: list[tuple[int, int, str]]) -> set[str]:
    """Names bound by lambdas (``lambda x: ...`` and ``x -> ...``)."""
    out: set[str] = set()
    for k, (_, _, t) in enumerate(toks):
        if t.lower() == "lambda":
            j = k + 1
            while j < len(toks) and toks[j][2] != ":":
                if _is_word(toks[j][2]):
                    out.add(toks[j][2].lower())
                j += 1
        elif t == "->" and k > 0 and _is_word(toks[k - 1][2]):
            out.add(toks[k - 1][2].lower())
    return out


def _spans(sql: str, columns: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each hoistable part of ``sql``: a call or parenthesised group.

    Hoistable: every word is a total function, a keyword, a type or a column
    of ``columns``; it reads a column and calls a function; numbers appear
    only as function arguments (never compared with text, never in ``IN``
    lists, which could make DuckDB cast text to a number and fail).
    """
    toks = _tokens(sql)
    groups: list[tuple[int, int, bool]] = []  # (first token, last token, is a call)
    stack: list[tuple[int, bool]] = []
    for k, (_, _, t) in enumerate(toks):
        if t == "(":
            prev = toks[k - 1][2].lower() if k > 0 else ""
            is_call = _is_word(prev) and prev not in _KEYWORDS and prev not in _TYPES
            stack.append((k - 1 if is_call else k, is_call))
        elif t == ")" and stack:
            first, is_call = stack.pop()
            groups.append((first, k, is_call))
    out: list[tuple[int, int]] = []
    for first, last, _ in groups:
        if _hoistable(toks, first, last, columns):
            out.append((toks[first][0], toks[last][1]))
    return out


def _hoistable(
    toks: list[tuple[int, int, str]], first: int, last: int, columns: frozenset[str]
) -> bool:
    reads_column = calls = False
    in_list_depth: list[bool] = []  # per open parenthesis: is it an IN list
    for k in range(first, last + 1):
        t = toks[k][2]
        low = t.lower()
        if t[0] == "'":
            continue
        if t[0] == '"':
            if _unquote(t).lower() not in columns:
                return False
            reads_column = True
            continue
        if _is_number(t):
            prev = toks[k - 1][2] if k > 0 else ""
            nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
            inside_in_list = bool(in_list_depth) and in_list_depth[-1]
            call_arg = prev == "," or (
                prev == "("
                and k >= 2
                and _is_word(toks[k - 2][2])
                and toks[k - 2][2].lower() not in _KEYWORDS
            )
            if inside_in_list or not call_arg or nxt not in (",", ")"):
                return False
            continue
        if _is_word(t):
            if low in _TOTAL_FUNCTIONS:
                if low in _LITERAL_ARGS and not _literal_args(toks, k, _LITERAL_ARGS[low]):
                    return False
                calls = True
            elif low == "case":
                calls = True
            elif low in _KEYWORDS or low in _TYPES:
                pass
            elif low in columns:
                reads_column = True
            else:
                return False
            continue
        if t not in _PUNCT:
            return False
        if t == "(":
            in_list_depth.append(k > 0 and toks[k - 1][2].lower() == "in")
        elif t == ")" and in_list_depth:
            in_list_depth.pop()
    return reads_column and calls


def _literal_args(toks: list[tuple[int, int, str]], k: int, first_literal: int) -> bool:
    """True when the call at token ``k`` has only literals from argument ``first_literal`` on."""
    if k + 1 >= len(toks) or toks[k + 1][2] != "(":
        return False
    arg, depth = 0, 0
    for j in range(k + 2, len(toks)):
        t = toks[j][2]
        if t == ")" and depth == 0:
            return True
        if t == "," and depth == 0:
            arg += 1
            continue
        if arg < first_literal:
            depth += 1 if t in ("(", "[") else -1 if t in (")", "]") else 0
            continue
        if t in ("[", "]"):
            depth += 1 if t == "[" else -1
        elif not (t[0] == "'" or _is_number(t) or t == ","):
            return False
    return False


def _replace(sql: str, chosen: dict[str, str], columns: frozenset[str]) -> str:
    hits = [(s, e) for s, e in _spans(sql, columns) if sql[s:e] in chosen]
    hits.sort()
    out: list[str] = []
    pos = 0
    for s, e in hits:
        if s < pos:  # inside a part already replaced
            continue
        out.append(sql[pos:s])
        out.append(chosen[sql[s:e]])
        pos = e
    out.append(sql[pos:])
    return "".join(out)


def hoist(
    exprs: dict[str, str], columns: Iterable[str], prefix: str = "__cse"
) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Hoist the parts repeated across or within ``exprs``.

    Parameters
    ----------
    exprs : dict of str to str
        Output name -> SQL expression over the columns ``columns``.
    columns : iterable of str
        Names of the source's columns (the only identifiers a hoisted part may read).
    prefix : str
        Prefix of the new column names (must not start a source column's name).

    Returns
    -------
    (levels, rewritten)
        ``levels[i]`` maps new column names to SQL over the source's columns
        and the columns of the levels before it; ``rewritten`` are the
        expressions over all of them.
    """
    cols = {c.lower() for c in columns}
    bound: set[str] = set()
    for sql in exprs.values():
        bound |= _lambda_params(_tokens(sql))
    if bound & cols or any(c.startswith(prefix.lower()) for c in cols):
        return [], dict(exprs)
    current = dict(exprs)
    levels: list[dict[str, str]] = []
    n = 0
    for _ in range(MAX_LEVELS):
        known = frozenset(cols)
        counts: Counter[str] = Counter()
        for sql in current.values():
            for s, e in _spans(sql, known):
                counts[sql[s:e]] += 1
        repeated = [t for t, c in counts.items() if c >= 2]
        if not repeated:
            break
        innermost = [t for t in repeated if not any(o != t and o in t for o in repeated)]
        level: dict[str, str] = {}
        chosen: dict[str, str] = {}
        for text in innermost:
            name = f"{prefix}{n}"
            n += 1
            level[name] = text
            chosen[text] = name
        current = {k: _replace(v, chosen, known) for k, v in current.items()}
        levels.append(level)
        cols |= {c.lower() for c in level}
    return levels, current


def factored_select(
    exprs: dict[str, str],
    source: str,
    columns: Iterable[str],
    where: str = "true",
    keep: Iterable[str] = (),
) -> str:
    """``SELECT keep..., expr AS name... FROM source WHERE where`` with repeated parts computed once.

    Parameters
    ----------
    exprs : dict of str to str
        Output column -> SQL expression over ``source``'s columns.
    source : str
        Table (already quoted SQL).
    columns : iterable of str
        ``source``'s column names.
    where : str
        Row filter over ``source``.
    keep : iterable of str
        Source columns passed through first (already quoted SQL).

    Returns
    -------
    str
        The query; its columns are ``keep`` then ``exprs`` in order.
    """
    levels, rewritten = hoist(exprs, columns)
    inner = f"(SELECT * FROM {source} WHERE {where})"
    for level in levels:
        defs = ", ".join(f"{sql} AS {name}" for name, sql in level.items())
        inner = f"(SELECT *, {defs} FROM {inner})"
    outs = [*keep, *(f"{sql} AS {_quote(name)}" for name, sql in rewritten.items())]
    return f"SELECT {', '.join(outs)} FROM {inner}"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
