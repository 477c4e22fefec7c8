"""The one SQL quoter of each kind: every special character survives a trip through DuckDB."""

from __future__ import annotations

import re

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.sql_quote import quote_ident, quote_literal
from tests.conftest import REPO
from tests.examples import ran_at_least

# Quotes in every position, doubled quotes, the other quote kind, backslashes,
# line endings of every kind, tabs, NUL, SQL comment and statement marks, and
# text in other scripts.
SPECIAL = [
    "'",
    '"',
    "''",
    '""',
    "'start",
    "end'",
    "mid'dle",
    '"start',
    'end"',
    'mid"dle',
    "both ' and \"",
    "a\\b",
    "trailing\\",
    "\\'",
    '\\"',
    "line\nbreak",
    "cr\rlf\r\n",
    "\u2028sep\u2029",
    "tab\there",
    "nul\x00byte",
    "--comment",
    "/* block */",
    "x'); DROP TABLE t; --",
    '"; DROP TABLE t; --',
    "万 播放 量",
    "emoji 🎬",
    "soft\u00adhyphen",
    " leading and trailing ",
    "$1 ? %s :name",
]


@pytest.mark.parametrize("text", ["", *SPECIAL])
def test_literal_round_trips(text: str) -> None:
    con = duckdb.connect()
    assert con.execute(f"SELECT {quote_literal(text)}").fetchall() == [(text,)]


@pytest.mark.parametrize("text", SPECIAL)
def test_identifier_round_trips(text: str) -> None:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t ({quote_ident(text)} INTEGER, other INTEGER)")
    con.execute("INSERT INTO t VALUES (7, 8)")
    assert [r[0] for r in con.execute("DESCRIBE t").fetchall()] == [text, "other"]
    assert con.execute(f"SELECT {quote_ident(text)} FROM t").fetchall() == [(7,)]
    assert con.execute(f"SELECT 1 AS {quote_ident(text)}").description[0][0] == text


def test_quoted_text_is_exactly_the_doubled_quotes() -> None:
    assert quote_ident('a"b""c') == '"a""b""""c"'
    assert quote_literal("a'b''c") == "'a''b''''c'"
    assert quote_ident("it's") == '"it\'s"'
    assert quote_literal('say "hi"') == "'say \"hi\"'"


def test_empty_identifier_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        quote_ident("")


@ran_at_least(200)
@settings(max_examples=300, deadline=None, database=None)
@given(st.text(min_size=1, max_size=30))
def test_any_text_round_trips(text: str) -> None:
    con = duckdb.connect()
    assert con.execute(f"SELECT {quote_literal(text)} AS {quote_ident(text)}").fetchall() == [
        (text,)
    ]


def test_no_other_quoter_in_the_code() -> None:
    doubling = re.compile(r"""replace\(\s*(['"])(\\?['"])\1\s*,""")
    found = []
    for folder in ("analytics", "dashboard", "pages"):
        for path in (REPO / folder).rglob("*.py"):
            if path.name == "sql_quote.py":
                continue
            text = path.read_text(encoding="utf-8")
            if doubling.search(text):
                found.append(str(path.relative_to(REPO)))
    assert found == []
