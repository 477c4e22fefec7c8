"""Upload limits and zip archives checked before anything is extracted."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path

import pytest

from analytics.errors import IngestError
from analytics.ingest.archive import DEFAULT_MAX_UPLOAD_MB, expand, max_upload_bytes
from analytics.services.imports import import_files
from tests.conftest import REPO
from tests.helpers import one

DAILY = b"Date,Views\n2025-01-01,10\n2025-01-02,20\n"


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_default_upload_limit_matches_streamlit_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREATOR_ANALYTICS_MAX_UPLOAD_MB", raising=False)
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == DEFAULT_MAX_UPLOAD_MB == 200
    assert max_upload_bytes() == 200 * 1024 * 1024


def test_upload_over_the_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch, db_path: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_UPLOAD_MB", "1")
    big = DAILY + b"2025-01-03,30\n" * 80_000  # 1.1 MB
    [rep] = import_files(db_path, [("big.csv", big)], channel="c")
    assert rep.status == "failed" and rep.error is not None and "the limit is 1 MB" in rep.error
    path = tmp_path / "big.csv"
    path.write_bytes(big)
    assert one(db_path, "SELECT count(*) FROM channel_daily") == 0
    # a local file the user names is not an upload: no cap
    [rep2] = import_files(db_path, [path], channel="c")
    assert rep2.status == "loaded", rep2.error
    assert one(db_path, "SELECT count(*) FROM channel_daily") == 3


def test_zip_members_import_and_junk_is_skipped(db_path: Path) -> None:
    data = _zip(
        {
            "Totals.csv": DAILY,
            "__MACOSX/._Totals.csv": b"junk",
            "notes.pdf": b"%PDF",
            ".hidden.csv": b"x",
        }
    )
    reps = import_files(db_path, [("export.zip", data)], channel="c")
    assert [(r.file_name, r.status) for r in reps] == [("export.zip/Totals.csv", "loaded")]
    assert one(db_path, "SELECT sum(views) FROM channel_daily") == 30


def test_zip_inside_a_zip(db_path: Path) -> None:
    inner = _zip({"FollowerHistory.csv": b"Date,Followers\n2025-01-01,10\n"}, zipfile.ZIP_STORED)
    outer = _zip({"Followers_me.zip": inner, "Overview.csv": DAILY})
    reps = import_files(db_path, [("tiktok.zip", outer)], channel="c")
    assert sorted(r.file_name for r in reps) == [
        "tiktok.zip/Followers_me.zip/FollowerHistory.csv",
        "tiktok.zip/Overview.csv",
    ]
    assert all(r.status == "loaded" for r in reps)
    deeper = _zip({"a.zip": _zip({"b.zip": inner})})
    with pytest.raises(IngestError, match="a zip inside a zip inside a zip"):
        expand("deep.zip", deeper)


@pytest.mark.parametrize(
    "member", ["../evil.csv", "/etc/evil.csv", "a/../../evil.csv", "C:\\evil.csv", "..\\evil.csv"]
)
def test_path_traversal_is_refused_before_extraction(member: str) -> None:
    data = _zip({"ok.csv": DAILY, member: DAILY})
    with pytest.raises(IngestError, match="points outside the archive"):
        expand("x.zip", data)


def test_zip_bomb_ratio_is_refused() -> None:
    data = _zip({"bomb.csv": b"0" * (8 << 20)})  # 8 MB of zeros compress about 1000x
    assert len(data) < 100_000
    with pytest.raises(IngestError, match="possible zip bomb"):
        expand("bomb.zip", data)


def test_entry_count_and_expanded_size_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", "3")
    with pytest.raises(IngestError, match="the archive has 4 entries; the limit is 3"):
        expand("many.zip", _zip({f"f{i}.csv": DAILY for i in range(4)}))
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_EXPANDED_MB", "1")
    data = _zip(
        {"a.csv": DAILY * 20_000, "b.csv": DAILY * 20_000}, zipfile.ZIP_STORED
    )  # 1.6 MB expanded
    with pytest.raises(IngestError, match="the limit is 1 MB"):
        expand("big.zip", data)


def test_links_and_encrypted_entries_are_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("link.csv")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, b"/etc/passwd")
    with pytest.raises(IngestError, match="is a link"):
        expand("link.zip", buf.getvalue())
    data = bytearray(_zip({"secret.csv": DAILY}))
    for signature, offset in (
        (b"PK\x03\x04", 6),
        (b"PK\x01\x02", 8),
    ):  # set the "encrypted" flag bit
        at = data.index(signature) + offset
        data[at] |= 0x1
    with pytest.raises(IngestError, match="is encrypted"):
        expand("secret.zip", bytes(data))


def test_broken_and_empty_archives(db_path: Path) -> None:
    [rep] = import_files(db_path, [("broken.zip", b"PK\x03\x04 not really a zip")], channel="c")
    assert rep.status == "failed" and "not a readable zip archive" in (rep.error or "")
    [rep] = import_files(db_path, [("nothing.zip", _zip({"readme.md": b"hi"}))], channel="c")
    assert rep.status == "failed" and rep.error == "the archive holds no CSV or XLSX file"


def test_xlsx_is_not_taken_for_a_zip(db_path: Path) -> None:
    xlsx = (
        Path(__file__).resolve().parent / "data" / "formats" / "tiktok" / "xlsx" / "Overview.xlsx"
    ).read_bytes()
    [src] = expand("Overview.xlsx", xlsx)
    assert src.data == xlsx
