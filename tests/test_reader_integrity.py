"""The reader never loses a row silently: a damaged CSV is refused whole, or every row lands.

Quote damage (unterminated, stray, closed too late, text after a closing
quote), delimiter damage and line-end damage (CR, CR LF, LF, mixed) in a
YouTube Studio ``Table data.csv`` layout: the import either fails with
nothing written and a reject naming the true line, or loads exactly the
file's rows. Error messages and stored errors never carry a line's text.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files
from analytics.store.connection import connect

HEADER = "Content,Video title,Video publish time,Duration,Views"
FAN_ID = "fan_7Q2xZ_secret"  # stands for a raw id that must never be echoed


def _row(i: int, title: str) -> str:
    vid = f"vid{i:08d}"
    return f'{vid},{title},"Sep {1 + i % 27}, 2024",{60 + i},{100 * (i + 1)}'


def _quoted(title: str) -> str:
    return '"' + title.replace('"', '""') + '"'


def _table(n: int, titles: list[str] | None = None) -> str:
    titles = titles or [f"Video {i}" for i in range(n)]
    return "\n".join([HEADER] + [_row(i, titles[i]) for i in range(n)]) + "\n"


def _import(db: Path, name: str, text: str, newline: str = "\n") -> object:
    data = text.replace("\n", newline).encode()
    [rep] = import_files(db, [(name, data)], options=ImportOptions(channel="yt"))
    return rep


def _stored(db: Path) -> int:
    with connect(db) as con:
        return int(con.execute("SELECT count(*) FROM video_totals").fetchall()[0][0])


def test_unterminated_quote_is_refused_naming_the_opening_line(tmp_path: Path) -> None:
    # 579 rows; a quote opened on line 292 is never closed: before, 291 rows were stored, LOADED
    lines = _table(579).split("\n")
    lines[291] = lines[291].replace("Video 290", '"Video 290')
    rep = _import(tmp_path / "s.duckdb", "Table data.csv", "\n".join(lines))
    assert rep.status == "failed"
    assert [r.line for r in rep.rejects] == [292]
    assert "quote opened here is never closed" in rep.rejects[0].reason
    assert _stored(tmp_path / "s.duckdb") == 0


def test_quote_closed_lines_later_is_refused(tmp_path: Path) -> None:
    lines = _table(50).split("\n")
    lines[10] = lines[10].replace("Video 9,", '"Video 9,')  # opens on line 11
    lines[13] = lines[13].replace("Video 12,", 'Video 12",')  # closes three lines later
    rep = _import(tmp_path / "s.duckdb", "Table data.csv", "\n".join(lines))
    assert rep.status == "failed"
    assert rep.rejects[0].line == 11
    assert _stored(tmp_path / "s.duckdb") == 0


def test_wrong_width_lines_are_rejects_with_their_true_line_numbers(tmp_path: Path) -> None:
    lines = _table(30).split("\n")
    lines[4] += ",extra"  # line 5
    lines[20] = lines[20].replace(",", ";", 1)  # line 21: one field short
    rep = _import(tmp_path / "s.duckdb", "Table data.csv", "\n".join(lines))
    assert rep.status == "failed"
    assert [r.line for r in rep.rejects] == [5, 21]
    assert _stored(tmp_path / "s.duckdb") == 0


def test_value_reject_line_numbers_count_from_the_header(tmp_path: Path) -> None:
    titles = [f"Video {i}" for i in range(12)]
    titles[3] = _quoted("two\nlines")  # a legit quoted line break shifts the lines below by one
    lines = _table(12, titles).split("\n")
    # split on line breaks, so lines[9] is physical line 10 (data row 7, after a two-line title)
    lines[9] = lines[9].rsplit(",", 1)[0] + ",lots"
    rep = _import(tmp_path / "s.duckdb", "Table data.csv", "\n".join(lines))
    assert rep.status == "failed"
    assert [(r.line, r.column, r.value) for r in rep.rejects] == [(10, "Views", "lots")]


def test_errors_never_echo_the_line(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    lines = _table(10).split("\n")
    lines[5] = f'"{FAN_ID},x,"Sep 1, 2024",1,1'
    rep = _import(db, "Table data.csv", "\n".join(lines))
    assert rep.status == "failed"
    assert FAN_ID not in rep.error and "Original Line" not in rep.error
    assert all(FAN_ID not in str(r) for r in rep.rejects)
    with connect(db) as con:
        stored = con.execute("SELECT error FROM imports").fetchall()
        rejects = con.execute("SELECT coalesce(raw_value, '') FROM import_rejects").fetchall()
    assert stored and all(FAN_ID not in (e or "") for (e,) in stored)
    assert all(FAN_ID not in v for (v,) in rejects)


def test_every_line_end_reads(tmp_path: Path) -> None:
    text = _table(25)
    for i, newline in enumerate(["\n", "\r\n", "\r"]):
        db = tmp_path / f"s{i}.duckdb"
        rep = _import(db, "Table data.csv", text, newline)
        assert rep.status == "loaded", (newline, rep.error)
        assert rep.rows_loaded == 25 and _stored(db) == 25
    # mixed line ends: normalised, every row read
    lines = text.split("\n")
    mixed = "".join(line + ("\r\n", "\n", "\r")[j % 3] for j, line in enumerate(lines[:-1]))
    db = tmp_path / "mixed.duckdb"
    [rep] = import_files(
        db, [("Table data.csv", mixed.encode())], options=ImportOptions(channel="yt")
    )
    assert rep.status == "loaded" and rep.rows_loaded == 25


def test_footer_and_total_rows_are_not_data(tmp_path: Path) -> None:
    lines = _table(5).split("\n")
    text = "\n".join([lines[0], "Total,,,,1500"] + lines[1:-1] + ["Showing top 500 results", ""])
    rep = _import(tmp_path / "s.duckdb", "Table data.csv", text)
    assert rep.status == "loaded" and rep.rows_loaded == 5


def _damage(text: str, kind: str, rnd: random.Random) -> str:
    if kind == "insert_quote":
        i = rnd.randrange(len(HEADER) + 1, len(text))
        return text[:i] + '"' + text[i:]
    if kind == "delete_quote":
        spots = [i for i, c in enumerate(text) if c == '"']
        if not spots:
            return text
        i = rnd.choice(spots)
        return text[:i] + text[i + 1 :]
    if kind == "insert_delimiter":
        i = rnd.randrange(len(HEADER) + 1, len(text))
        return text[:i] + "," + text[i:]
    if kind == "delete_newline":
        spots = [i for i, c in enumerate(text[:-1]) if c == "\n" and i > len(HEADER)]
        if not spots:
            return text
        i = rnd.choice(spots)
        return text[:i] + text[i + 1 :]
    if kind == "line_ends":
        return "".join(c if c != "\n" else rnd.choice(["\n", "\r\n", "\r"]) for c in text)
    raise AssertionError(kind)


RUNS: list[str] = []


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(
    n=st.integers(min_value=3, max_value=40),
    kinds=st.lists(
        st.sampled_from(
            ["insert_quote", "delete_quote", "insert_delimiter", "delete_newline", "line_ends"]
        ),
        min_size=1,
        max_size=3,
    ),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_random_damage_refuses_whole_or_keeps_every_row(
    tmp_path_factory: object, n: int, kinds: list[str], seed: int
) -> None:
    rnd = random.Random(seed)
    titles = [_quoted(f"Title {i}, part {i % 3}") if i % 2 else f"Title {i}" for i in range(n)]
    text = _table(n, titles)
    for kind in kinds:
        text = _damage(text, kind, rnd)
    db = tmp_path_factory.mktemp("dmg") / "s.duckdb"  # type: ignore[attr-defined]
    [rep] = import_files(
        db, [("Table data.csv", text.encode())], options=ImportOptions(channel="yt")
    )
    stored = _stored(db)
    if rep.status == "failed":
        assert stored == 0, "a refused file wrote rows"
        assert rep.error and "Original Line" not in rep.error
        RUNS.append("refused")
    else:
        assert rep.status == "loaded", rep.error
        assert rep.rows_loaded + rep.rows_rejected == n
        assert stored == n
        RUNS.append("loaded")


def test_the_damage_property_ran(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Runs after the property test in this module: it ran every example, both outcomes seen.

    On another worker than the property test (pytest-xdist), it runs the property itself.
    """
    if not RUNS:
        test_random_damage_refuses_whole_or_keeps_every_row(tmp_path_factory=tmp_path_factory)
    assert len(RUNS) >= 60
    assert {"refused", "loaded"} <= set(RUNS)
