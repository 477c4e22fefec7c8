"""One line with what to do, never a traceback: damaged stores, bad settings, closed pipes.

Every CLI command and every page is run against a store file that is cut
short and one whose block is damaged; a non-numeric limit setting and
``python -m analytics channels | head`` are run as a user would.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.services.imports import import_files
from analytics.settings import SETTINGS, SettingError, get_float, get_int
from analytics.store.connection import connect

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "data" / "cases"
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
LISTING = (
    "video_id,title,publishedAt,channelId,channelTitle,tags,view_count,likes,comment_count,description\n"
    + "".join(
        f'"v{i}","Title {i}","2025-01-{i + 1:02d}T10:00:00.000Z","UCone","One","a|b","{1000 + i}","5","1","d"\n'
        for i in range(25)
    )
).encode()


def _store(path: Path) -> Path:
    reports = import_files(
        str(path),
        [("c18.csv", (CASES / "C18" / "input.csv").read_bytes()), ("listing.csv", LISTING)],
        channel="me",
    )
    assert [r.status for r in reports] == ["loaded", "loaded"]
    with connect(path) as con:
        con.execute("CHECKPOINT")
    assert not Path(f"{path}.wal").exists()
    return path


def _truncated(tmp: Path) -> Path:
    path = _store(tmp / "cut.duckdb")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _damaged_block(tmp: Path) -> Path:
    path = _store(tmp / "bad.duckdb")
    data = bytearray(path.read_bytes())
    data[4096 + 64 : 4096 + 8192] = (
        bytes(range(256)) * 31 + bytes(range(256))[: 8192 - 64 - 256 * 31]
    )
    path.write_bytes(bytes(data))
    return path


DAMAGES = {"truncated": _truncated, "damaged block": _damaged_block}

# Every command that opens the store, with the arguments it needs.
COMMANDS = {
    "channels": ["channels"],
    "channels --json": ["channels", "--json"],
    "drivers": ["drivers"],
    "fans": ["fans"],
    "strategy": ["strategy", "--no-models"],
    "report": ["report", "--out", "{tmp}/r.html"],
    "backup": ["backup", "{tmp}/bk"],
    "restore": ["restore", "--force", "{tmp}/bk-good"],
    "forget-fan": ["forget-fan", "someone"],
    "import": ["import", "{tmp}/x.csv"],
    "demo --if-empty": ["demo", "--if-empty"],
}


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("damage", sorted(DAMAGES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_on_a_damaged_store_says_one_line_with_the_way_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str, command: str
) -> None:
    db = DAMAGES[damage](tmp_path)
    (tmp_path / "x.csv").write_bytes(b"Date,Views\n2025-01-01,5\n")
    if command == "restore":
        assert (
            main(["backup", "--db", str(tmp_path / "good.duckdb"), str(tmp_path / "bk-good")]) == 0
        )
    argv = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    argv = [argv[0], "--db", str(db), *argv[1:]]
    capsys.readouterr()
    status = main(argv)
    line = _one_line(capsys.readouterr().err)
    assert status == 1
    assert line.startswith(f"error: the store {db.resolve()} is damaged or incomplete (")
    assert f"python -m analytics restore --db {db.resolve()} BACKUP_DIR" in line


def test_a_damaged_store_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    db = _truncated(tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "channels", "--db", str(db)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == 1 and out.stdout == ""
    assert _one_line(out.stderr).startswith(f"error: the store {db.resolve()} is damaged")


def test_channels_into_head_closes_quietly(tmp_path: Path) -> None:
    """``python -m analytics channels | head -1`` used to end in a BrokenPipe traceback."""
    db = tmp_path / "many.duckdb"
    with connect(db) as con:
        con.execute(
            "INSERT INTO channels (channel_id, platform, display_name) "
            "SELECT 'ch' || i, 'youtube', 'Channel ' || i FROM range(20000) t(i)"
        )
    proc = subprocess.run(
        f"'{sys.executable}' -m analytics channels --db '{db}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=ENV,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.stdout.count("\n") == 1
    assert proc.stderr == ""


@pytest.mark.parametrize("value", ["lots", "-5", "0", "1.5e", "two hundred"])
def test_a_non_numeric_limit_is_one_line_naming_the_setting(
    tmp_path: Path, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.csv").write_bytes(b"Date,Views\n2025-01-01,5\n")
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "import", "--db", str(tmp_path / "s.duckdb"), "x.csv"],
        capture_output=True,
        text=True,
        env={**ENV, "CREATOR_ANALYTICS_IMPORT_MEMORY_MB": value},
        cwd=tmp_path,
        timeout=120,
    )
    line = _one_line(out.stderr)
    assert out.returncode == 1
    assert line == (
        f"error: the setting CREATOR_ANALYTICS_IMPORT_MEMORY_MB={value!r} is not a whole number "
        "above 0; set it to a number such as 1024, or unset it to use 1024"
    )
    monkeypatch.setenv("CREATOR_ANALYTICS_IMPORT_MEMORY_MB", value)
    with pytest.raises(SettingError, match="CREATOR_ANALYTICS_IMPORT_MEMORY_MB"):
        get_int("CREATOR_ANALYTICS_IMPORT_MEMORY_MB")


def test_a_bad_lock_wait_is_one_line(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "channels", "--db", str(tmp_path / "s.duckdb")],
        capture_output=True,
        text=True,
        env={**ENV, "CREATOR_ANALYTICS_LOCK_WAIT_S": "soon"},
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == 1
    assert _one_line(out.stderr) == (
        "error: the setting CREATOR_ANALYTICS_LOCK_WAIT_S='soon' is not a number of seconds; "
        "set it to a number such as 15, or unset it to use 15"
    )


def test_settings_read_their_values_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", raising=False)
    assert get_int("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES") == 1000
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", " 12 ")
    assert get_int("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES") == 12
    monkeypatch.setenv("CREATOR_ANALYTICS_LOCK_WAIT_S", "2.5")
    assert get_float("CREATOR_ANALYTICS_LOCK_WAIT_S") == 2.5


def test_every_setting_is_declared_and_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Settings", 1)
    assert len(section) == 2, "the README has no '## Settings' section"
    table = section[1].split("\n## ", 1)[0]
    declared = {s.name for s in SETTINGS}
    for s in SETTINGS:
        row = next((ln for ln in table.splitlines() if f"`{s.name}`" in ln), None)
        assert row is not None, f"{s.name} is not in the README's Settings table"
        assert f"`{s.default}`" in row or (s.default == "" and "(none)" in row), s.name
    used: set[str] = set()
    for folder in ("analytics", "dashboard", "pages"):
        for path in (REPO / folder).rglob("*.py"):
            used |= set(re.findall(r"CREATOR_ANALYTICS_[A-Z0-9_]+", path.read_text("utf-8")))
    used |= set(re.findall(r"CREATOR_ANALYTICS_[A-Z0-9_]+", (REPO / "app.py").read_text("utf-8")))
    assert used - declared == set(), "settings read by the code but not declared"
    assert len(declared) >= 7


PAGES = ["app.py", *sorted(f"pages/{p.name}" for p in (REPO / "pages").glob("*.py"))]


@pytest.mark.parametrize("damage", sorted(DAMAGES))
@pytest.mark.parametrize("page", PAGES)
def test_every_page_on_a_damaged_store_shows_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str, page: str
) -> None:
    from streamlit.testing.v1 import AppTest

    db = DAMAGES[damage](tmp_path)
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(db))
    at = AppTest.from_file(str(REPO / page), default_timeout=60).run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert "is damaged or incomplete" in errors[0]
    assert (
        "python \\-m analytics restore" in errors[0] or "python -m analytics restore" in errors[0]
    )


@pytest.mark.parametrize("page", ["app.py", "pages/1_Import.py"])
def test_a_bad_setting_on_a_page_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(tmp_path / "s.duckdb"))
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_UPLOAD_MB", "lots")
    at = AppTest.from_file(str(REPO / page), default_timeout=60).run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [
        "the setting CREATOR\\_ANALYTICS\\_MAX\\_UPLOAD\\_MB='lots' is not a whole number above 0; "
        "set it to a number such as 200, or unset it to use 200"
    ]


def test_json_commands_fail_with_json(tmp_path, capsys) -> None:
    """With --json a failure is JSON on stdout too (and one line on stderr), status 1."""
    import json

    from analytics.cli import main

    db = str(tmp_path / "empty.duckdb")
    assert main(["drivers", "--db", db, "--json"]) == 1
    out, err = capsys.readouterr()
    payload = json.loads(out)
    assert payload["error"]["kind"] == "NotEnoughDataError"
    assert payload["error"]["message"] == err.strip().removeprefix("error: ")
    assert err.startswith("error: ") and err.count("\n") == 1
    # without --json: nothing on stdout
    assert main(["drivers", "--db", db]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ")
