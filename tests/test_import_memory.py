"""An import peaks under CREATOR_ANALYTICS_IMPORT_MEMORY_MB, the importing process included.

DuckDB gets the limit less what the process already holds and less a fixed
overhead, and spills the rest of its work beside the store. The end-to-end
test imports a generated 1,500,000-row Studio ``Chart data.csv`` (about
100 MB) with the CLI in a child process and reads the child's high-water
resident memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analytics.store.staging import IMPORT_OVERHEAD_MB, MIN_DUCKDB_MB, duckdb_memory_mb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import ingest as ingest_bench  # noqa: E402


def test_duckdb_gets_what_the_process_does_not_hold() -> None:
    assert duckdb_memory_mb(1024, 300.0) == 1024 - 300 - IMPORT_OVERHEAD_MB
    assert duckdb_memory_mb(2048, 150.5) == 2048 - 150 - IMPORT_OVERHEAD_MB - 1
    # a process already near the limit still gives DuckDB a floor to spill from
    assert duckdb_memory_mb(400, 390.0) == MIN_DUCKDB_MB


def test_the_limit_is_read_from_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_IMPORT_MEMORY_MB", "900")
    assert duckdb_memory_mb(resident_mb=100.0) == 900 - 100 - IMPORT_OVERHEAD_MB


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
@pytest.mark.parametrize("packed", [False, True], ids=["file", "zip"])
def test_a_large_import_peaks_under_the_limit(tmp_path: Path, packed: bool) -> None:
    """A 1.5 M-row Chart data.csv, as a file and inside a zip (8 MB packed, 112 MB inside).

    The zip's member used to be decoded into memory: 632 MB for a 520 MB limit.
    """
    rows, limit_mb = 1_500_000, 520
    path = tmp_path / "Chart data.csv"
    ingest_bench.generate_chart_data(path, rows)  # the ingest benchmark's Studio layout
    if packed:
        zipped = tmp_path / "Content 2022-01-01_2024-09-26 big.zip"
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(path, "Chart data.csv")
        path.unlink()
        path = zipped
    env = {
        **os.environ,
        "CREATOR_ANALYTICS_IMPORT_MEMORY_MB": str(limit_mb),
        "CREATOR_ANALYTICS_MAX_UPLOAD_MB": "4096",
    }
    # VmHWM is this process image's own high-water mark; getrusage's ru_maxrss would
    # carry over the parent's peak across fork and exec (the test runner's, hundreds of MB).
    script = (
        "import json, sys\n"
        "from analytics.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "status = open('/proc/self/status', encoding='ascii').read()\n"
        "peak = int(status.split('VmHWM:')[1].split()[0]) / 1024\n"
        "print('PEAK ' + json.dumps(peak), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    args = ["import", "--db", str(tmp_path / "s.duckdb"), "--channel", "big", "--json", str(path)]
    proc = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    [report] = json.loads(proc.stdout)["files"]
    assert (report["status"], report["rows_loaded"]) == ("loaded", rows)
    peak_mb = json.loads(proc.stderr.rsplit("PEAK ", 1)[1])
    assert peak_mb < limit_mb, f"the import peaked at {peak_mb:.0f} MB (limit {limit_mb} MB)"
    assert not any((tmp_path / ".creator-analytics-tmp").iterdir()), "a private copy was left"
