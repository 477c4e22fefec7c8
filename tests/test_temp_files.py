"""Temporary copies of an import live beside the store, are private, and never outlive the import.

They used to be ``ingest-*.csv`` files in the system temp folder, left there
with raw fan ids after ``kill -9``; a full disk gave a traceback and a
partial file.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics import tempspace
from analytics.cli import main
from analytics.services.imports import import_files

REPO = Path(__file__).resolve().parents[1]
FANS = (
    "fan_id,video_id,event,timestamp\n"
    + "".join(f"raw_fan_{i},v{i % 3},view,2025-01-01T10:00:{i % 60:02d}Z\n" for i in range(300))
).encode("utf-16")  # not UTF-8: the importer decodes it and writes a UTF-8 copy


@pytest.fixture
def system_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_copy_is_beside_the_store_private_and_removed(
    tmp_path: Path, system_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "data" / "s.duckdb"
    seen: list[tuple[str, int, bool]] = []
    real = tempspace.write_temp_text

    def spy(text, con, file_name, suffix=".csv", **kw):  # type: ignore[no-untyped-def]
        path = real(text, con, file_name, suffix, **kw)
        seen.append((path, os.stat(path).st_mode & 0o777, file_name in path))
        return path

    monkeypatch.setattr(tempspace, "write_temp_text", spy)
    import analytics.ingest.reader as reader

    monkeypatch.setattr(reader, "write_temp_text", spy)
    [ok] = import_files(str(store), [("fans_secret_name.csv", FANS)], channel="me")
    [bad] = import_files(
        str(store), [("bad.csv", "Date,Views\n2025-01-01,lots\n".encode("utf-16"))], channel="me"
    )
    assert (ok.status, ok.rows_loaded) == ("loaded", 300)
    assert bad.status == "failed"
    assert len(seen) == 2
    folder = store.parent.resolve() / ".creator-analytics-tmp"
    for path, mode, named in seen:
        assert Path(path).parent == folder
        assert mode == 0o600 and not named
        assert not Path(path).exists()  # removed after success and after failure
    assert (folder.stat().st_mode & 0o777) == 0o700
    assert list(folder.iterdir()) == []
    assert list(system_tmp.iterdir()) == []


def test_leftovers_of_a_killed_import_are_removed_at_the_next_start(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    folder = tmp_path / ".creator-analytics-tmp"
    folder.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = folder / f"import-{dead.pid}-0123456789abcdef.csv"
    left.write_text("fan_id\nraw_fan_1\n")
    live = folder / f"import-{os.getppid()}-fedcba9876543210.csv"  # a running process's copy
    live.write_text("in use\n")
    assert main(["channels", "--db", str(store)]) == 0
    assert not left.exists()
    assert live.exists()


def test_kill_9_during_an_import_leaves_nothing_after_the_next_start(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    big = tmp_path / "big.csv"
    rows = "".join(f"raw_fan_{i},v{i % 50},view,2025-01-01T10:00:00Z\n" for i in range(400_000))
    big.write_bytes(("fan_id,video_id,event,timestamp\n" + rows).encode("utf-16"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analytics",
            "import",
            "--db",
            str(store),
            "--channel",
            "me",
            str(big),
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    folder = tmp_path / ".creator-analytics-tmp"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (folder.is_dir() and any(folder.iterdir())):
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    copies = list(folder.iterdir()) if folder.is_dir() else []
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if not copies:
        pytest.skip("the import finished before its temporary copy could be seen")
    assert all(p.name.startswith(f"import-{proc.pid}-") for p in copies)
    assert main(["channels", "--db", str(store)]) == 0
    assert list(folder.iterdir()) == []


def test_a_full_disk_is_one_clear_message_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.duckdb"

    class Full(io.StringIO):
        def write(self, s: str) -> int:
            super().write(s[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_fdopen(fd, "w").close()
        return Full()

    monkeypatch.setattr(tempspace.os, "fdopen", fdopen)
    src = tmp_path / "fans.csv"
    src.write_bytes(FANS)
    capsys.readouterr()
    status = main(["import", "--db", str(store), "--channel", "me", str(src)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert status == 1
    folder = tmp_path / ".creator-analytics-tmp"
    assert f"no space left in {folder} for the temporary copy of the file" in out + err
    assert "free some space on that disk and import again" in out + err
    assert list(folder.iterdir()) == []
