"""Property tests: a number, duration, rate or date written the ways exports write it parses back to itself."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.ingest import values as V
from analytics.ingest.dates import AMBIGUOUS, decide_order, parse_datetime
from tests.examples import ran_at_least

# Each example checks a list of up to 30 values in one SQL query (the parsers are SQL expressions).
SETTINGS = settings(max_examples=25, deadline=None)
#: Every property must have run on this many examples (all of them).
MIN_EXAMPLES = 25


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    yield c
    c.close()


def _group(n: int, sep: str, first: int = 3, rest: int = 3) -> str:
    """Write |n| with digit groups: ``1,234,567`` (3/3) or the Indian ``12,34,567`` (first 3, then 2)."""
    digits = str(abs(n))
    head, tail = digits[:-first], digits[-first:]
    groups = [tail]
    while head:
        groups.insert(0, head[-rest:])
        head = head[:-rest]
    return ("-" if n < 0 else "") + sep.join(groups)


COUNT_STYLES = ["plain", "comma", "space", "nbsp", "narrow_nbsp", "indian", "float"]


@ran_at_least(MIN_EXAMPLES)
@given(
    st.lists(
        st.tuples(st.integers(-(10**12), 10**12), st.sampled_from(COUNT_STYLES)),
        min_size=1,
        max_size=30,
    )
)
@SETTINGS
def test_formatted_counts_round_trip(
    con: duckdb.DuckDBPyConnection, cases: list[tuple[int, str]]
) -> None:
    texts = []
    for n, style in cases:
        texts.append(
            {
                "plain": str(n),
                "comma": _group(n, ","),
                "space": _group(n, " "),
                "nbsp": _group(n, "\u00a0"),
                "narrow_nbsp": _group(n, "\u202f"),
                "indian": _group(n, ",", 3, 2),
                "float": f"{n}.0",
            }[style]
        )
    assert V.evaluate(V.count, texts, con) == [n for n, _ in cases]


@ran_at_least(MIN_EXAMPLES)
@given(st.lists(st.integers(-(10**12), 10**12), min_size=1, max_size=30))
@SETTINGS
def test_decimal_comma_counts_round_trip(con: duckdb.DuckDBPyConnection, ns: list[int]) -> None:
    texts = [_group(n, ".") if i % 2 else str(n) for i, n in enumerate(ns)]
    assert V.evaluate(lambda c: V.count(c, decimal_comma=True), texts, con) == ns


SUFFIXES = {
    "万": 10_000,
    "w": 10_000,
    "W": 10_000,
    "亿": 100_000_000,
    "k": 1_000,
    "K": 1_000,
    "M": 1_000_000,
}


@ran_at_least(MIN_EXAMPLES)
@given(
    st.lists(
        st.tuples(st.integers(0, 99_999), st.sampled_from(sorted(SUFFIXES)), st.booleans()),
        min_size=1,
        max_size=30,
    )
)
@SETTINGS
def test_abbreviated_counts_round_trip(
    con: duckdb.DuckDBPyConnection, cases: list[tuple[int, str, bool]]
) -> None:
    texts = [
        f"{tenths // 10}.{tenths % 10}{suffix}{'+' if plus else ''}"
        for tenths, suffix, plus in cases
    ]
    expected = [tenths * SUFFIXES[suffix] // 10 for tenths, suffix, _ in cases]
    assert V.evaluate(V.count, texts, con) == expected
    assert V.evaluate(V.is_lower_bound, texts, con) == [plus for _, _, plus in cases]


@ran_at_least(MIN_EXAMPLES)
@given(
    st.lists(
        st.text(alphabet="0123456789,. xkK万+-%eE$abc", min_size=1, max_size=12),
        min_size=1,
        max_size=30,
    )
)
@SETTINGS
def test_a_count_is_never_a_silent_guess(con: duckdb.DuckDBPyConnection, texts: list[str]) -> None:
    """Whatever the text, a parsed count is the same number its digits and suffix say, or no number."""
    for text, value in zip(texts, V.evaluate(V.count, texts, con), strict=False):
        if value is None:
            continue
        assert not any(ch in text for ch in "%eE$abc")
        body = text.strip().rstrip("+")
        mult = SUFFIXES.get(body[-1:], 1) if body[-1:] in SUFFIXES or body[-1:] == "万" else 1
        if mult != 1:
            body = body[:-1]
        parts = body.replace(" ", "").split(".")
        assert len(parts) <= 2
        whole = parts[0].replace(",", "")
        number = float(whole + ("." + parts[1] if len(parts) == 2 else ""))
        assert value == round(number * mult)


@ran_at_least(MIN_EXAMPLES)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000), st.sampled_from(["pct_sign", "fraction", "bare_percent"])
        ),
        min_size=1,
        max_size=30,
    )
)
@SETTINGS
def test_rates_round_trip_to_fractions(
    con: duckdb.DuckDBPyConnection, cases: list[tuple[int, str]]
) -> None:
    """``25.00%``, ``0.25`` under a fraction column and ``25`` under a ``(%)`` column are all 0.25."""
    for convention, styles in (
        ("fraction", ("pct_sign", "fraction")),
        ("percent", ("pct_sign", "bare_percent")),
    ):
        subset = [(p, s) for p, s in cases if s in styles]
        if not subset:
            continue
        texts = [
            {
                "pct_sign": f"{p / 100:.2f}%",
                "fraction": f"{p / 10_000:.4f}",
                "bare_percent": f"{p / 100:.2f}",
            }[s]
            for p, s in subset
        ]
        got = V.evaluate(lambda c, convention=convention: V.rate(c, convention), texts, con)
        assert got == [pytest.approx(p / 10_000, abs=1e-12) for p, _ in subset]


DURATION_STYLES = ["hms", "ms", "seconds", "cn_seconds", "cn_minutes", "s_suffix"]


def _duration_text(s: int, style: str) -> str:
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return {
        "hms": f"{h}:{m:02d}:{sec:02d}",
        "ms": f"{s // 60}:{sec:02d}",
        "seconds": str(s),
        "cn_seconds": f"{s}秒",
        "cn_minutes": f"{s // 60}分{sec:02d}秒",
        "s_suffix": f"{s}s",
    }[style]


@ran_at_least(MIN_EXAMPLES)
@given(
    st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from(DURATION_STYLES)), min_size=1, max_size=30
    )
)
@SETTINGS
def test_durations_round_trip_to_seconds(
    con: duckdb.DuckDBPyConnection, cases: list[tuple[int, str]]
) -> None:
    texts = [_duration_text(s, style) for s, style in cases]
    assert V.evaluate(V.duration, texts, con) == [float(s) for s, _ in cases]


@ran_at_least(MIN_EXAMPLES)
@given(st.lists(st.integers(0, 10**8), min_size=1, max_size=30))
@SETTINGS
def test_decimal_hours_and_minutes_round_trip(
    con: duckdb.DuckDBPyConnection, ten_thousandths: list[int]
) -> None:
    texts = [f"{t / 10_000:.4f}" for t in ten_thousandths]
    hours = V.evaluate(lambda c: V.duration(c, 3600), texts, con)
    assert hours == [pytest.approx(t / 10_000 * 3600, abs=1e-6) for t in ten_thousandths]
    minutes = V.evaluate(lambda c: V.duration(c, 60), texts, con)
    assert minutes == [pytest.approx(t / 10_000 * 60, abs=1e-6) for t in ten_thousandths]


EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FR = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]
ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
DE = [
    "Jan.",
    "Feb.",
    "März",
    "Apr.",
    "Mai",
    "Juni",
    "Juli",
    "Aug.",
    "Sept.",
    "Okt.",
    "Nov.",
    "Dez.",
]
DATE_STYLES = [
    "iso",
    "compact",
    "compact_float",
    "slash",
    "youtube",
    "fr",
    "es",
    "de",
    "cn",
    "cn_time",
    "xhs",
    "iso_time",
    "serial",
    "dmy",
    "mdy",
]


def _date_text(d: dt.date, style: str) -> str:
    return {
        "iso": d.isoformat(),
        "compact": d.strftime("%Y%m%d"),
        "compact_float": d.strftime("%Y%m%d") + ".0",
        "slash": d.strftime("%Y/%m/%d"),
        "youtube": f"{EN[d.month - 1]} {d.day}, {d.year}",
        "fr": f"{d.day} {FR[d.month - 1]} {d.year}",
        "es": f"{d.day} de {ES[d.month - 1]} de {d.year}",
        "de": f"{d.day}. {DE[d.month - 1]} {d.year}",
        "cn": f"{d.year}年{d.month:02d}月{d.day:02d}日",
        "cn_time": f"{d.year}年{d.month:02d}月{d.day:02d}日 16:41:25",
        "xhs": f"{d.year}年{d.month:02d}月{d.day:02d}日22时30分05秒",
        "iso_time": f"{d.isoformat()}T00:00:00",
        "serial": str((d - dt.date(1899, 12, 30)).days),
        "dmy": d.strftime("%d/%m/%Y"),
        "mdy": d.strftime("%m/%d/%Y %H:%M"),
    }[style]


@ran_at_least(300)
@given(st.dates(dt.date(1960, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(DATE_STYLES))
@settings(max_examples=300, deadline=None)
def test_dates_round_trip(d: dt.date, style: str) -> None:
    order = "dmy" if style == "dmy" else ("mdy" if style == "mdy" else None)
    parsed = parse_datetime(_date_text(d, style), order)
    assert parsed is not None and parsed.date() == d


@ran_at_least(MIN_EXAMPLES)
@given(st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), min_size=1, max_size=20))
@SETTINGS
def test_day_month_order_is_proved_or_left_open(days: list[dt.date]) -> None:
    texts = [d.strftime("%d/%m/%Y") for d in days]
    decided = decide_order(texts)
    if any(d.day > 12 for d in days):
        assert decided == "dmy"
        assert [parse_datetime(t, decided).date() for t in texts] == days  # type: ignore[union-attr]
    else:
        assert decided == AMBIGUOUS  # never guessed (case C09)
        assert all(parse_datetime(t) is None for t in texts)


@ran_at_least(MIN_EXAMPLES)
@given(st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)), min_size=1, max_size=30))
@SETTINGS
def test_sql_iso_dates_round_trip(con: duckdb.DuckDBPyConnection, days: list[dt.date]) -> None:
    got = V.evaluate(
        lambda c: f"TRY_CAST({V.clean(c)} AS DATE)", [d.isoformat() for d in days], con
    )
    assert got == days


# Cells an export writes: plain numbers (the shortcut), and everything else.
_CELLS = st.one_of(
    st.integers(0, 10**19).map(str),
    st.decimals(0, 10**16, places=4, allow_nan=False).map(str),
    st.from_regex(r"[0-9]{1,20}([.][0-9]{0,17})?%?", fullmatch=True),
    st.from_regex(r"[+-]?[0-9,. ]{1,12}(万|k|\+|%|秒)?", fullmatch=True),
    st.sampled_from(["", "-", "0", "00", "007", "1e3", "0x10", "1_000", "nan", "１２", "1:02:03"]),
    st.from_regex(r"[a-z ]{0,5}(#[a-zA-Z]{1,3} ?){0,5}", fullmatch=True),
    st.from_regex(r"-?[A-Za-z0-9_-]{1,11}|[0-9][.,][0-9]{1,5}[eE]\+?[0-9]{1,2}", fullmatch=True),
)
_BUILDERS = {
    "count": V.count,
    "count_dc": lambda c: V.count(c, decimal_comma=True),
    "number": V.number,
    "number_dc": lambda c: V.number(c, decimal_comma=True),
    "rate_percent": lambda c: V.rate(c, "percent"),
    "rate_fraction": lambda c: V.rate(c, "fraction"),
    "rate_percent_dc": lambda c: V.rate(c, "percent", decimal_comma=True),
    "duration": V.duration,
    "duration_min_dc": lambda c: V.duration(c, 60.0, decimal_comma=True),
    "duration_ms": lambda c: V.duration(c, 0.001),
    "lower_bound": V.is_lower_bound,
    "hashtags": lambda c: V.hashtags(V.clean(c)),
    "clean": V.clean,
    "identifier": V.identifier,
    "checked_identifier": V.checked_identifier,
}


@ran_at_least(MIN_EXAMPLES)
@given(st.lists(_CELLS, min_size=1, max_size=30))
@SETTINGS
def test_plain_cell_shortcut_reads_as_the_full_parser(
    con: duckdb.DuckDBPyConnection, cells: list[str]
) -> None:
    # A cell padded with spaces never takes the shortcut for plain cells, so the
    # padded column is read by the full parser: both must agree on every cell.
    padded = [f" {c}\t" for c in cells]
    for name, builder in _BUILDERS.items():
        got = V.evaluate(builder, cells, con)
        full = V.evaluate(builder, padded, con)
        assert got == full, (
            name,
            [(c, a, b) for c, a, b in zip(cells, got, full, strict=True) if a != b],
        )


def test_plain_cells_take_the_shortcut(con: duckdb.DuckDBPyConnection) -> None:
    cells = ["1234", "0.25", "12", "", "1,234", " 7"]
    assert V.evaluate(V.count, cells, con) == [1234, None, 12, None, 1234, 7]
    assert V.evaluate(lambda c: V.rate(c, "percent"), cells, con) == [
        12.34,
        0.0025,
        0.12,
        None,
        12.34,
        0.07,
    ]
    assert V.evaluate(lambda c: V.rate(c, "fraction"), cells, con)[:3] == [None, 0.25, None]
    assert V.evaluate(V.clean, ["a", " a", "a\u00a0b", "-", "", "x\r"], con) == [
        "a",
        "a",
        "a b",
        None,
        None,
        "x",
    ]
