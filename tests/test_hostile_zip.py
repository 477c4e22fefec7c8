"""Hostile archives are refused before anything is extracted.

Zip bombs (one entry that expands hundreds of times, or a directory that
claims gigabytes), path traversal in entry names, too many entries and
oversized uploads end in a clean IngestError naming the file; no member is
read (``ZipFile.open`` / ``ZipFile.read`` are never called) and the store
is unchanged.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from analytics.errors import IngestError
from analytics.ingest import archive
from analytics.services.imports import import_files
from tests.helpers import one

GOOD_CSV = b"Date,Views\n2025-01-01,1200\n2025-01-02,980\n2025-01-03,1430\n"


def make_zip(entries: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name, data in entries:
            zf.writestr(
                zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)),
                data,
                compress_type=compression,
            )
    return buf.getvalue()


@pytest.fixture
def no_extraction(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every member a ZipFile opens (an extraction attempt)."""
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        mode = args[0] if args else kwargs.get("mode", "r")
        if mode == "r":  # writing the test's own archives is not extraction
            opened.append(getattr(name, "filename", str(name)))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return opened


def test_a_good_zip_is_expanded(no_extraction: list[str]) -> None:
    data = make_zip(
        [("export/Chart data.csv", GOOD_CSV), ("__MACOSX/._x.csv", b"junk"), ("notes.pdf", b"%PDF")]
    )
    files = archive.expand("yt.zip", data)
    assert [(f.name, f.data, f.group) for f in files] == [
        ("yt.zip/export/Chart data.csv", GOOD_CSV, "yt.zip")
    ]
    assert no_extraction == ["export/Chart data.csv"]  # the spy sees real reads


def test_zip_bomb_entry_is_refused_before_extraction(no_extraction: list[str]) -> None:
    bomb = make_zip([("Chart data.csv", b"Date,Views\n" + b"0" * (50 * 1024 * 1024))])
    assert len(bomb) < 200_000  # 50 MB of zeros deflate to ~50 KB
    with pytest.raises(IngestError) as err:
        archive.expand("bomb.zip", bomb)
    assert err.value.file_name == "bomb.zip"
    assert "zip bomb" in err.value.message and "'Chart data.csv'" in err.value.message
    assert no_extraction == []


def test_directory_claiming_too_much_in_total_is_refused(
    no_extraction: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Moderately compressible members: each passes the ratio check, the sum is too big.
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_EXPANDED_MB", "1")
    entries = [(f"part{i}.csv", GOOD_CSV * 7000) for i in range(4)]  # 4 x 400 KB
    with pytest.raises(IngestError) as err:
        archive.expand("many.zip", make_zip(entries))
    assert "expands to 2 MB or more; the limit is 1 MB" in err.value.message
    assert no_extraction == []


def _forge(data: bytes, *, compressed: int | None = None, uncompressed: int | None = None) -> bytes:
    """Rewrite the size fields of the first central-directory entry."""
    out = bytearray(data)
    cd = out.find(b"PK\x01\x02")
    if compressed is not None:
        struct.pack_into("<I", out, cd + 20, compressed)
    if uncompressed is not None:
        struct.pack_into("<I", out, cd + 24, uncompressed)
    return bytes(out)


def test_forged_sizes_in_the_directory_are_refused(no_extraction: list[str]) -> None:
    """A directory that claims 3 GB for one small entry: refused from the directory alone."""
    small = make_zip([("Chart data.csv", GOOD_CSV)])
    with pytest.raises(IngestError) as err:
        archive.expand("forged.zip", _forge(small, uncompressed=3 * 1024**3))
    assert "refused as a possible zip bomb" in err.value.message
    with pytest.raises(IngestError) as err:
        archive.expand(
            "forged2.zip", _forge(small, compressed=3 * 1024**3, uncompressed=3 * 1024**3)
        )
    assert "expands to 3072 MB or more" in err.value.message
    assert no_extraction == []


def test_member_larger_than_its_directory_says_is_refused() -> None:
    """Reading stops at the declared size: an entry that lies about its size is not read past it."""
    lying = _forge(
        make_zip([("Chart data.csv", GOOD_CSV)], compression=zipfile.ZIP_STORED), uncompressed=10
    )
    with pytest.raises(IngestError) as err:
        archive.expand("lying.zip", lying)
    assert err.value.file_name == "lying.zip"


@pytest.mark.parametrize(
    "member",
    [
        "../evil.csv",
        "export/../../evil.csv",
        "/etc/cron.d/evil.csv",
        "..\\..\\evil.csv",
        "\\windows\\evil.csv",
        "C:/Users/evil.csv",
        "C:\\evil.csv",
    ],
)
def test_path_traversal_is_refused(member: str, no_extraction: list[str]) -> None:
    data = make_zip([("fine.csv", GOOD_CSV), (member, GOOD_CSV)])
    with pytest.raises(IngestError) as err:
        archive.expand("trav.zip", data)
    assert "points outside the archive" in err.value.message
    assert repr(member) in err.value.message
    assert no_extraction == []


def test_too_many_entries_are_refused(
    no_extraction: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", "50")
    data = make_zip([(f"f{i}.csv", b"a") for i in range(51)], compression=zipfile.ZIP_STORED)
    with pytest.raises(IngestError) as err:
        archive.expand("wide.zip", data)
    assert err.value.message == "the archive has 51 entries; the limit is 50"
    assert no_extraction == []


def test_oversized_upload_is_refused(
    no_extraction: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_UPLOAD_MB", "1")
    mib = 1024 * 1024
    with pytest.raises(IngestError) as err:
        archive.expand("big.csv", b"x" * (mib + 1))
    assert (
        "the limit is 1 MB" in err.value.message
        and "CREATOR_ANALYTICS_MAX_UPLOAD_MB" in err.value.message
    )
    with pytest.raises(IngestError):
        archive.expand(
            "big.zip", make_zip([("a.csv", b"x" * (mib + 1))], compression=zipfile.ZIP_STORED)
        )
    assert archive.expand("ok.csv", b"x" * mib)[0].data == b"x" * mib
    assert no_extraction == []


def test_broken_zip_is_a_clean_error() -> None:
    data = make_zip([("Chart data.csv", GOOD_CSV)])
    with pytest.raises(IngestError) as err:
        archive.expand("cut.zip", data[: len(data) // 2])
    assert "not a readable zip archive" in err.value.message


def test_member_with_bad_crc_is_a_clean_error() -> None:
    data = bytearray(make_zip([("Chart data.csv", GOOD_CSV)], compression=zipfile.ZIP_STORED))
    start = data.find(b"2025-01-02")
    data[start : start + 4] = b"2099"  # content changed, CRC not
    with pytest.raises(IngestError) as err:
        archive.expand("crc.zip", bytes(data))
    assert err.value.file_name == "crc.zip"


def test_hostile_zips_leave_the_store_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the importer: each hostile upload fails cleanly; a good file next to them loads."""
    db = tmp_path / "s.duckdb"
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_UPLOAD_MB", "2")
    uploads = [
        ("bomb.zip", make_zip([("Chart data.csv", b"Date,Views\n" + b"0" * (20 * 1024 * 1024))])),
        ("trav.zip", make_zip([("../../evil.csv", GOOD_CSV)])),
        ("huge.csv", b"Date,Views\n" + b"2025-01-01,1\n" * 200_000),
        ("good.csv", GOOD_CSV),
    ]
    reports = import_files(db, uploads, channel="me")
    assert [(r.file_name, r.status) for r in reports] == [
        ("bomb.zip", "failed"),
        ("trav.zip", "failed"),
        ("huge.csv", "failed"),
        ("good.csv", "loaded"),
    ]
    assert all("\n" not in (r.error or "") for r in reports)
    assert one(db, "SELECT sum(views) FROM channel_daily") == 3610
    assert one(db, "SELECT count(*) FROM channel_daily") == 3


def _xlsx_bomb(rows: int) -> bytes:
    """A real workbook whose first sheet holds ``rows`` identical rows (deflates ~1000:1)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Date", "Views"])
    ws.append(["2025-01-01", 1])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, tail = data.partition(b"<sheetData>")
                body = tail.partition(b"</sheetData>")[2]
                header = b'<row><c t="inlineStr"><is><t>Date</t></is></c><c t="inlineStr"><is><t>Views</t></is></c></row>'
                row = b'<row><c t="inlineStr"><is><t>2025-01-01</t></is></c><c><v>1</v></c></row>'
                head = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="A1:B{rows + 1}"'.encode(), head
                )
                data = head + b"<sheetData>" + header + row * rows + b"</sheetData>" + body
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_workbook_bomb_is_refused_before_parsing(no_extraction: list[str]) -> None:
    """An .xlsx is a zip too: a sheet that expands 1000x is refused from the directory alone."""
    data = _xlsx_bomb(400_000)  # ~30 MB of sheet XML
    assert len(data) < 300_000
    no_extraction.clear()  # building the workbook read it back; only the import's reads count
    with pytest.raises(IngestError) as err:
        archive.expand("report.xlsx", data)
    assert "zip bomb" in err.value.message
    assert no_extraction == []


def test_zip_inside_zip_is_checked_the_same_way(no_extraction: list[str]) -> None:
    """One level of nesting is expanded under the same limits; a bomb inside it is refused."""
    inner = make_zip([("Chart data.csv", GOOD_CSV)])
    files = archive.expand("outer.zip", make_zip([("inner.zip", inner)]))
    assert [f.name for f in files] == ["outer.zip/inner.zip/Chart data.csv"]
    no_extraction.clear()
    inner_bomb = make_zip([("Chart data.csv", b"Date,Views\n" + b"0" * (20 * 1024 * 1024))])
    with pytest.raises(IngestError) as err:
        archive.expand(
            "outer.zip", make_zip([("inner.zip", inner_bomb)], compression=zipfile.ZIP_STORED)
        )
    assert "zip bomb" in err.value.message
    assert no_extraction == [
        "inner.zip"
    ]  # the inner archive's directory is read, its member is not
    with pytest.raises(IngestError) as err:
        archive.expand("deep.zip", make_zip([("mid.zip", make_zip([("inner.zip", inner)]))]))
    assert "zip inside a zip inside a zip" in err.value.message


def test_crc_is_checked_with_zlib() -> None:
    # Guard for the CRC test above: the changed bytes really break the CRC.
    assert zlib.crc32(GOOD_CSV) != zlib.crc32(GOOD_CSV.replace(b"2025-01-02", b"2099-01-02"))


@pytest.mark.parametrize("depth", [1, 2])
def test_workbook_bomb_inside_a_zip_is_refused(depth: int) -> None:
    """A workbook member of an archive (or of a zip inside it) passes the workbook checks too."""
    payload = make_zip([("Viewers.xlsx", _xlsx_bomb(400_000))])
    if depth == 2:
        payload = make_zip([("Viewers_me.zip", payload)])
    assert len(payload) < 300_000
    with pytest.raises(IngestError) as err:
        archive.expand("download.zip", payload)
    assert "zip bomb" in err.value.message
    assert err.value.file_name.endswith("/Viewers.xlsx")


def test_workbook_entries_count_against_the_archive(monkeypatch: pytest.MonkeyPatch) -> None:
    """The entries of workbooks inside an archive count against its entry limit."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Date", "Views"])
    buf = io.BytesIO()
    wb.save(buf)
    book = buf.getvalue()
    per_book = len(zipfile.ZipFile(io.BytesIO(book)).infolist())
    members = [(f"Viewers {i}.xlsx", book) for i in range(3)]
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", str(3 + 3 * per_book))
    assert len(archive.expand("ok.zip", make_zip(members))) == 3
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", str(3 + 3 * per_book - 1))
    with pytest.raises(IngestError) as err:
        archive.expand("many.zip", make_zip(members))
    assert f"the limit is {3 + 3 * per_book - 1}" in err.value.message


def test_entries_of_nested_zips_add_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """600 files beside a zip of 600 more pass a 1,200 limit and fail a 1,199 one."""
    inner = make_zip([(f"in/{i}.csv", GOOD_CSV) for i in range(600)])
    outer = make_zip([(f"out/{i}.csv", GOOD_CSV) for i in range(599)] + [("inner.zip", inner)])
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", "1200")
    assert len(archive.expand("both.zip", outer)) == 1199
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", "1199")
    with pytest.raises(IngestError) as err:
        archive.expand("both.zip", outer)
    assert "1200 entries counting the files of the zips inside it" in err.value.message
