"""Fuzzing the importer: random bytes and mutated real exports.

The only outcomes allowed are a clean import or a clean error: the import
report says ``loaded``, ``duplicate`` or ``failed`` with a one-line message
(or an :class:`~analytics.errors.AnalyticsError` is raised), never another
exception; the preview never raises either. After a failure the store is
unchanged except for the ``failed`` row that logs it (data tables, data
version and loaded imports identical).

Bounded: ``CREATOR_ANALYTICS_FUZZ_EXAMPLES`` examples (default 40). The first
``CREATOR_ANALYTICS_FUZZ_MIN_EXAMPLES`` (default 20) are always imported and
checked; further ones only while the test's process has used less than
``CREATOR_ANALYTICS_FUZZ_SECONDS`` seconds (default 60) of CPU time since it
started (CPU time, not wall time, so a busy machine does not cut the run
short). Examples past the budget are skipped, and a test fails unless at
least the minimum were really checked: it cannot pass having checked nothing.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.errors import AnalyticsError
from analytics.services.imports import import_files, preview_files
from analytics.store.backup import snapshot
from analytics.store.connection import connect

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "data" / "cases"
EXAMPLES = int(os.environ.get("CREATOR_ANALYTICS_FUZZ_EXAMPLES", "40"))
BUDGET_S = float(os.environ.get("CREATOR_ANALYTICS_FUZZ_SECONDS", "60"))
MIN_EXAMPLES = min(EXAMPLES, int(os.environ.get("CREATOR_ANALYTICS_FUZZ_MIN_EXAMPLES", "20")))
LOG_TABLES = ("imports", "import_rejects", "store_meta")
HOSTILE_CELLS = [
    b'views"; DROP TABLE videos; --',
    b"=cmd|' /C calc'!A0",
    b"\x00",
    b"Date",
    b"Views",
    b'"',
    b"",
    "标题".encode(),
    b"\xff\xfe",
    b"\r",
    b"1e309",
    b"-",
    b"9" * 40,
    b"2025-02-30",
    b"<script>x</script>",
    b"Total",
]


def _seeds() -> dict[str, bytes]:
    seeds: dict[str, bytes] = {}
    for path in sorted(CASES.glob("*/*.csv")):
        data = path.read_bytes()
        if len(data) < 4000:
            seeds[f"{path.parent.name}_{path.name}"] = data
    for rel, lines in [
        ("sample_data/youtube_studio/Table data.csv", 12),
        ("sample_data/fans/interactions.csv", 25),
        ("sample_data/youtube_api/videos.csv", 6),
        ("sample_data/youtube_studio/Chart data.csv", 25),
    ]:
        path = REPO / rel
        if path.is_file():
            seeds[path.name] = b"".join(path.read_bytes().splitlines(keepends=True)[:lines])
    xlsx = REPO / "sample_data" / "douyin" / "作品列表.xlsx"
    if xlsx.is_file():
        seeds[xlsx.name] = xlsx.read_bytes()
    return seeds


SEEDS = _seeds()


def _zip(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"export/{name}", data)
    return buf.getvalue()


@st.composite
def mutated_export(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 3))):
        op = draw(
            st.sampled_from(
                ["flip", "truncate", "insert", "header", "duplicate_line", "drop_line", "cell"]
            )
        )
        if op == "flip" and data:
            for _ in range(draw(st.integers(1, 6))):
                data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        elif op == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif op == "insert":
            pos = draw(st.integers(0, len(data)))
            data[pos:pos] = draw(st.binary(min_size=1, max_size=24))
        elif op in ("header", "cell"):
            lines = bytes(data).split(b"\n")
            row = 0 if op == "header" else draw(st.integers(0, max(len(lines) - 1, 0)))
            cells = lines[row].split(b",")
            cells[draw(st.integers(0, len(cells) - 1))] = draw(st.sampled_from(HOSTILE_CELLS))
            lines[row] = b",".join(cells)
            data = bytearray(b"\n".join(lines))
        elif op in ("duplicate_line", "drop_line"):
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, max(len(lines) - 1, 0)))
            if op == "duplicate_line":
                lines.insert(i, lines[i])
            elif len(lines) > 1:
                del lines[i]
            data = bytearray(b"\n".join(lines))
    out = bytes(data)
    if draw(st.booleans()) and draw(st.booleans()):  # a quarter of them zipped
        return f"{name}.zip", _zip(name, out)
    return name, out


random_file = st.tuples(
    st.sampled_from(["x.csv", "x.xlsx", "x.zip", "x.txt"]),
    st.one_of(
        st.binary(max_size=400),
        st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
        st.text(max_size=300).map(lambda s: s.encode("utf-8")),
    ),
)


def _data_state(db: str) -> tuple[dict[str, tuple[int, str]], list[tuple[object, ...]], object]:
    with connect(db) as con:
        tables = snapshot(con, exclude=LOG_TABLES)
        loaded = con.execute(
            "SELECT import_id, sha256 FROM imports WHERE status <> 'failed' ORDER BY 1"
        ).fetchall()
        version = con.execute("SELECT value FROM store_meta WHERE key = 'data_version'").fetchall()
    return tables, loaded, version


class Fuzzer:
    """Runs one fuzz example against a store and checks the outcome."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.deadline = time.process_time() + BUDGET_S  # CPU seconds of this process
        self.outcomes: dict[str, int] = {
            "loaded": 0,
            "duplicate": 0,
            "failed": 0,
            "error": 0,
            "skipped": 0,
        }

    @property
    def checked(self) -> int:
        """Examples really imported (not skipped for the time budget)."""
        return sum(n for outcome, n in self.outcomes.items() if outcome != "skipped")

    def assert_enough(self) -> None:
        """Fail unless at least :data:`MIN_EXAMPLES` examples were checked."""
        assert self.checked >= MIN_EXAMPLES, (
            f"only {self.checked} example(s) checked ({BUDGET_S:.0f} s CPU budget) "
            f"({self.outcomes['skipped']} skipped); at least {MIN_EXAMPLES} are needed "
            "(CREATOR_ANALYTICS_FUZZ_SECONDS)"
        )

    def check(self, name: str, data: bytes, preview: bool) -> None:
        if self.checked >= MIN_EXAMPLES and time.process_time() > self.deadline:
            self.outcomes["skipped"] += 1
            return
        before = _data_state(self.db)
        try:
            reports = import_files(self.db, [(name, data)], channel="fuzz")
        except AnalyticsError as exc:  # a clean error for the whole call
            assert "\n" not in str(exc)
            reports = []
            self.outcomes["error"] += 1
        for rep in reports:
            assert rep.status in ("loaded", "duplicate", "failed"), rep.status
            if rep.status == "failed":
                assert rep.error and "Traceback" not in rep.error
            self.outcomes[rep.status] += 1
        if not any(r.status == "loaded" for r in reports):
            assert _data_state(self.db) == before  # unchanged after an error
        if preview:
            for pv in preview_files([(name, data)], channel="fuzz"):
                assert pv.error is None or "Traceback" not in pv.error


@pytest.fixture
def fuzzer(tmp_path_factory: pytest.TempPathFactory) -> Fuzzer:
    db = str(tmp_path_factory.mktemp("fuzz") / "s.duckdb")
    base = CASES / "C18" / "input.csv"
    import_files(db, [base], channel="fuzz")  # start from a store with data in it
    return Fuzzer(db)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def test_mutated_real_exports(fuzzer: Fuzzer) -> None:
    @FUZZ
    @given(case=mutated_export(), preview=st.booleans())
    def run(case: tuple[str, bytes], preview: bool) -> None:
        fuzzer.check(case[0], case[1], preview and len(case[1]) < 20000)

    run()
    fuzzer.assert_enough()


def test_random_bytes(fuzzer: Fuzzer) -> None:
    @FUZZ
    @given(case=random_file)
    def run(case: tuple[str, bytes]) -> None:
        fuzzer.check(case[0], case[1], preview=True)

    run()
    fuzzer.assert_enough()


def test_a_spent_budget_fails_the_fuzz_test(tmp_path: Path) -> None:
    """Guard: the minimum is checked whatever the clock; skipped examples do not count."""
    fuzzer = Fuzzer(str(tmp_path / "s.duckdb"))
    fuzzer.deadline = 0.0  # the budget is already spent
    for i in range(MIN_EXAMPLES + 5):
        fuzzer.check(f"f{i}.csv", f"a,b\n{i},2\n".encode(), preview=False)
    assert (fuzzer.checked, fuzzer.outcomes["skipped"]) == (MIN_EXAMPLES, 5)
    fuzzer.assert_enough()
    # fewer examples than the minimum (a strategy that filters most away) fails the test
    short = Fuzzer(str(tmp_path / "t.duckdb"))
    short.outcomes["loaded"] = MIN_EXAMPLES - 1
    with pytest.raises(AssertionError, match=f"only {MIN_EXAMPLES - 1} example"):
        short.assert_enough()


def test_fuzz_seeds_import_cleanly(tmp_path: Path) -> None:
    """Guard: the unmutated seeds themselves load (so mutations start from real exports)."""
    assert len(SEEDS) >= 15
    db = str(tmp_path / "s.duckdb")
    reports = import_files(
        db,
        [(n, SEEDS[n]) for n in ("C18_input.csv", "Table data.csv") if n in SEEDS],
        channel="seed",
    )
    assert [r.status for r in reports] == ["loaded"] * len(reports) and reports
