"""Title-only per-video tables, empty id cells, the suggested mapping, and the CLI's outcomes."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.errors import IngestError
from analytics.ingest import ImportOptions
from analytics.ingest.archive import expand
from analytics.ingest.formats.mapping import suggest_mapping
from analytics.services.imports import import_files
from tests.helpers import rows

TITLES_ONLY = (
    b"Video title,Video publish time,Duration,Views,Watch time (hours)\n"
    b"Total,,,300,10\n"
    b'Hello world,"Sep 27, 2024",978,100,5.5\n'
    b'Second one,"Oct 2, 2024",60,200,4.5\n'
)
WITH_IDS = (
    b"Content,Video title,Video publish time,Duration,Views\n"
    b"Total,,,,350\n"
    b'abcdefghijk,Hello world,"Sep 27, 2024",978,150\n'
)


def test_title_only_table_imports_and_a_later_export_with_ids_merges(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    day1, day2 = dt.date(2024, 12, 1), dt.date(2024, 12, 2)
    [a] = import_files(
        db, [("Table data.csv", TITLES_ONLY)], channel="yt", options=ImportOptions(export_date=day1)
    )
    assert a.status == "loaded" and a.rows_loaded == 2, a.error
    assert a.format_label == "YouTube Studio · per video, by title (table data)"
    derived = rows(db, "SELECT title, id_derived FROM videos ORDER BY title")
    assert derived == [("Hello world", True), ("Second one", True)]
    [b] = import_files(
        db, [("Table data.csv", WITH_IDS)], channel="yt", options=ImportOptions(export_date=day2)
    )
    assert b.status == "loaded", b.error
    got = rows(
        db,
        "SELECT v.title, v.video_id = 'abcdefghijk', v.id_derived, t.as_of, t.views FROM videos v "
        "JOIN video_totals t USING (channel_id, video_id) ORDER BY v.title, t.as_of",
    )
    assert got == [
        ("Hello world", True, False, day1, 100),
        ("Hello world", True, False, day2, 150),
        ("Second one", False, True, day1, 200),
    ]


def test_rows_that_cannot_be_told_apart_are_reported(tmp_path: Path) -> None:
    data = TITLES_ONLY + b'Hello world,"Sep 27, 2024",30,5,0.1\n'
    [rep] = import_files(tmp_path / "s.duckdb", [("Table data.csv", data)], channel="yt")
    assert rep.status == "failed"
    assert [r.line for r in rep.rejects] == [3, 5]
    assert "cannot be told apart" in rep.rejects[0].reason


@pytest.mark.parametrize(
    ("name", "data", "line"),
    [
        ("Table data.csv", b"Content,Video title,Views\nabcdefghijk,A,1\n,B,2\n", 3),
        (
            "18.01.11_US_videos.csv",
            b"video_id,title,publishedAt,channelId,channelTitle,categoryId,trending_date,tags,"
            b"view_count,likes,dislikes,comment_count\n"
            b"abcdefghijk,A,2018-10-31T14:17:10.000Z,UC1,Ch,10,18.01.11,x,10,1,0,0\n"
            b",B,2018-10-31T14:17:10.000Z,UC1,Ch,10,18.01.11,x,20,1,0,0\n",
            3,
        ),
        (
            "Content.csv",
            b'"Time","Video title","Video link","Post time","Total likes","Total comments",'
            b'"Total shares","Total views"\n'
            b'"February 28","x","https://www.tiktok.com/@h/video/7500000000000000001","July 16",'
            b'"5","1","1","10"\n"February 28","y","","July 26","5","1","1","10"\n',
            3,
        ),
        (
            "视频号动态数据明细.csv",
            "视频描述,视频ID,发布时间,完播率,平均播放时长,播放量,推荐,喜欢,评论量,分享量,关注量\n"
            "a,export/abc,2026/06/25,28.64%,10秒,406,2,2,1,0,0\n"
            "b,,2026/06/26,28.64%,10秒,406,2,2,1,0,0\n".encode(),
            3,
        ),
    ],
)
def test_an_empty_id_cell_is_a_reject_in_every_format(
    tmp_path: Path, name: str, data: bytes, line: int
) -> None:
    [rep] = import_files(
        tmp_path / "s.duckdb",
        [(name, data)],
        channel="c",
        options=ImportOptions(export_date=dt.date(2026, 6, 30)),
    )
    assert rep.status == "failed", (rep.format_label, rep.error)
    assert [r.line for r in rep.rejects] == [line]
    assert "is empty" in rep.rejects[0].reason


def test_suggested_mapping_imports_and_keeps_average_duration_apart() -> None:
    guess = suggest_mapping(["Clip", "Length", "Average duration", "Plays"])
    assert guess["Average duration"] == "avg_view_duration_s"
    assert guess["Length"] == "duration_s"


def test_the_cli_starter_mapping_itself_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "agency.csv"
    src.write_text("Song name,Average duration,Plays\nIntro,0:01:10,40\nOutro,0:02:00,60\n")
    db = str(tmp_path / "s.duckdb")
    assert main(["import", "--db", db, "--channel", "c", str(src)]) == 1
    out = capsys.readouterr().out
    start = out.index("{")
    template = json.loads(
        "\n".join(line[8:] for line in out[start - 8 :].splitlines() if line.startswith("        "))
    )
    assert template["columns"]["Average duration"] == "avg_view_duration_s"
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps(template))
    assert main(["import", "--db", db, "--channel", "c", "--mapping", str(mapping), str(src)]) == 0
    assert rows(
        db, "SELECT key, avg_view_duration_s, views FROM channel_breakdown ORDER BY key"
    ) == [
        ("Intro", 70.0, 40),
        ("Outro", 120.0, 60),
    ]


def test_cli_json_for_every_outcome(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.duckdb")
    assert main(["import", "--db", db, "--json", "--export-date", "soon", "x.csv"]) == 2
    assert json.loads(capsys.readouterr().out) == {
        "files": [],
        "error": "--export-date 'soon' is not a date like 2026-04-12",
    }
    bad = tmp_path / "bad.csv"
    bad.write_text('Date,Views\n2025-01-01,"1\n2025-01-02,2\n')
    assert main(["import", "--db", db, "--json", "--channel", "c", str(bad)]) == 1
    [f] = json.loads(capsys.readouterr().out)["files"]
    assert f["status"] == "failed" and f["rejects"][0]["line"] == 2


def test_cli_local_files_are_not_capped_and_periods_print_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_UPLOAD_MB", "1")
    big = tmp_path / "big.csv"
    days = [dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(70_000)]
    big.write_text("Date,Views\n" + "".join(f"{d},{i}\n" for i, d in enumerate(days)))
    assert big.stat().st_size > 1024 * 1024
    listing = tmp_path / "18.01.11_US_videos.csv"
    listing.write_text(
        "video_id,title,publishedAt,channelId,channelTitle,categoryId,trending_date,tags,"
        "view_count,likes,dislikes,comment_count,thumbnail_link,comments_disabled,"
        "ratings_disabled,description\n"
        '"abcdefghijk","A","2018-10-31T14:17:10.000Z","UC1","Ch","10","18.01.11","x",'
        '"10","1","0","0","","False","False",""\n'
    )
    db = str(tmp_path / "s.duckdb")
    assert main(["import", "--db", db, "--channel", "c", str(big)]) == 0
    assert "70000 loaded" in capsys.readouterr().out
    assert main(["import", "--db", db, str(listing)]) == 0
    out = capsys.readouterr().out
    assert "None" not in out and "as of 2018-11-01" in out


def test_zips_inside_a_zip_count_towards_the_entry_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", "10")

    def zipped(members: dict[str, bytes]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for k, v in members.items():
                zf.writestr(k, v)
        return buf.getvalue()

    inner = {
        f"in{j}.zip": zipped({f"f{i}.csv": b"Date,Views\n" for i in range(4)}) for j in range(3)
    }
    with pytest.raises(IngestError, match="counting the files of the zips inside it"):
        expand("outer.zip", zipped(inner))  # 3 + 12 entries: each zip alone is within 10
