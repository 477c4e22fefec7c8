"""Hoisting repeated parts of the value parsers' SQL gives the same values with less work."""

from __future__ import annotations

import random

import duckdb
import pytest

from analytics.ingest import values as V
from analytics.ingest.sql_cse import factored_select, hoist

CELLS = [
    "",
    " ",
    "-",
    "--",
    "—",
    "n/a",
    "None",
    "nan",
    "0",
    "1",
    "007",
    "12",
    "1,234",
    "1,234,567",
    "12,34,567",
    "1 234",
    "1.2万",
    "3.5w",
    "1.1亿",
    "1.5k",
    "10万+",
    "439.0",
    "439.5",
    "-5",
    "+7",
    "1,2,3",
    "0.25",
    "12,5",
    "3.5x",
    "1e5",
    "9999999999999999999",
    "0.366807",
    "5.02",
    "12%",
    "12,5%",
    "１２",
    "−3",
    "0:45",
    "1:2",
    "1:02:03",
    "14.73秒",
    "1分05秒",
    "1小时2分3秒",
    "45s",
    "2026-04-03 21:26:39",
    "2026年06月03日 16:41:25",
    "Sep 27, 2024",
    "\u00a01 234\u00a0",
    "abc",
    None,
    "  12  ",
    "1,234.5",
    "1.234,5",
    "3.5星",
    "#美食 #vlog",
    "作品\n#a #B",
    "0.5%",
    "1.0000001",
    "12.000",
]
C = '"c0"'
EXPRS = {
    "count": V.count(C),
    "count_dc": V.count(C, True),
    "rate_p": V.rate(C, "percent"),
    "rate_f": V.rate(C, "fraction"),
    "rate_dc": V.rate(C, "fraction", True),
    "number": V.number(C),
    "number_dc": V.number(C, True),
    "dur_s": V.duration(C, 1.0),
    "dur_h": V.duration(C, 3600.0),
    "stars": V.stars(C),
    "text": V.text(C),
    "lower_bound": V.is_lower_bound(C),
    "ts": V.timestamp(C, ["%Y-%m-%d %H:%M:%S", "%Y年%m月%d日 %H:%M:%S"]),
    "tags": f"list_distinct(list_transform(regexp_extract_all(coalesce({V.text(C)}, ''), '#([^\\s#]+)', 1), "
    "lambda t: lower(t)))",
    "title": f"nullif(trim(split_part({V.text(C)}, chr(10), 1)), '')",
}


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    rnd = random.Random(7)
    alphabet = "0123456789.,%+- 万wk:秒分亿\u00a0"
    cells = CELLS + [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))) for _ in range(2000)
    ]
    c = duckdb.connect()
    c.execute("CREATE TABLE r (_row BIGINT, c0 VARCHAR)")
    c.executemany("INSERT INTO r VALUES (?, ?)", [[i, v] for i, v in enumerate(cells)])
    return c


def test_every_parser_gives_the_same_values(con: duckdb.DuckDBPyConnection) -> None:
    plain = (
        "SELECT _row, "
        + ", ".join(f'{e} AS "{k}"' for k, e in EXPRS.items())
        + " FROM r ORDER BY _row"
    )
    factored = factored_select(EXPRS, "r", ["c0", "_row"], keep=["_row"]) + " ORDER BY _row"
    expected = con.execute(plain).fetchall()
    assert len(expected) == len(CELLS) + 2000
    assert con.execute(factored).fetchall() == expected
    # spot checks of the values themselves
    first = {CELLS[i]: expected[i] for i in range(len(CELLS))}
    assert (
        first["10万+"][1] == 100_000
        and first["1,234,567"][1] == 1_234_567
        and first["1:02:03"][8] == 3723
    )


def test_where_filters_before_parsing(con: duckdb.DuckDBPyConnection) -> None:
    sql = factored_select({"n": V.count(C)}, "r", ["c0"], where="_row < 20", keep=["_row"])
    got = con.execute(sql + " ORDER BY _row").fetchall()
    assert [r[0] for r in got] == list(range(20))
    assert got[10] == (10, 7)  # '007'


def test_repeated_parts_are_computed_once() -> None:
    t = f"trim(replace({C}, chr(160), ' '))"
    clean = f"(CASE WHEN {t} IN ('', '-') THEN NULL ELSE {t} END)"
    expr = (
        f"CASE WHEN regexp_full_match({clean}, '[0-9]+') THEN TRY_CAST({clean} AS BIGINT) "
        f"WHEN ends_with({clean}, '+') THEN TRY_CAST(rtrim({clean}, '+') AS BIGINT) END"
    )
    assert expr.count(C) == 8
    levels, rewritten = hoist({"n": expr}, ["c0"])
    assert levels == [
        {"__cse0": f"replace({C}, chr(160), ' ')"},
        {"__cse1": "trim(__cse0)"},
        {"__cse2": "(CASE WHEN __cse1 IN ('', '-') THEN NULL ELSE __cse1 END)"},
    ]
    assert rewritten["n"] == (
        "CASE WHEN regexp_full_match(__cse2, '[0-9]+') THEN TRY_CAST(__cse2 AS BIGINT) "
        "WHEN ends_with(__cse2, '+') THEN TRY_CAST(rtrim(__cse2, '+') AS BIGINT) END"
    )


@pytest.mark.parametrize(
    "expr",
    [
        'CASE WHEN x THEN CAST("c0" AS DOUBLE) ELSE CAST("c0" AS DOUBLE) END',  # CAST can fail
        'CASE WHEN x THEN lower("c0") = 5 ELSE lower("c0") = 5 END',  # text compared with a number
        'CASE WHEN x THEN lower("c0") IN (1, 2) ELSE lower("c0") IN (1, 2) END',
        "CASE WHEN x THEN strptime(\"c0\", '%Y') ELSE strptime(\"c0\", '%Y') END",  # not in the list of total functions
    ],
)
def test_parts_that_can_fail_stay_in_place(expr: str) -> None:
    levels, rewritten = hoist({"a": expr}, ["c0", "x"])
    assert all(
        "cast(" not in s.lower()
        and "= 5" not in s
        and "in (1" not in s.lower()
        and "strptime(" not in s
        for level in levels
        for s in level.values()
    )


def test_names_are_matched_whole() -> None:
    expr = (
        "coalesce(try_strptime(\"c0\", '%Y'), try_strptime(\"c0\", '%Y'), strptime(\"c0\", '%Y'))"
    )
    levels, rewritten = hoist({"a": expr}, ["c0"])
    assert levels == [{"__cse0": "try_strptime(\"c0\", '%Y')"}]
    assert rewritten["a"] == "coalesce(__cse0, __cse0, strptime(\"c0\", '%Y'))"


def test_lambda_parameter_named_like_a_column_disables_hoisting() -> None:
    expr = "list_transform(x, lambda c0: lower(c0)) || lower(c0) || lower(c0)"
    assert hoist({"a": expr}, ["c0", "x"]) == ([], {"a": expr})


def test_patterns_read_from_a_column_stay_in_place() -> None:
    expr = 'CASE WHEN x THEN regexp_matches("c0", "c1") ELSE regexp_matches("c0", "c1") END || chr("c2") || chr("c2")'
    assert hoist({"a": expr}, ["c0", "c1", "c2", "x"]) == ([], {"a": expr})
    ok = "CASE WHEN x THEN regexp_extract(\"c0\", '([0-9]+)', 1) ELSE regexp_extract(\"c0\", '([0-9]+)', 1) END"
    assert hoist({"a": ok}, ["c0", "x"])[0] == [{"__cse0": "regexp_extract(\"c0\", '([0-9]+)', 1)"}]
