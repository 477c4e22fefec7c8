"""Drivers, reach models and planner: one fit per channel and data version, persisted and shared.

The fit is written beside the store, read back (checksum checked) by a second
call and by another process without fitting, left untouched by an import into
another channel, and it is the one the Drivers page shows and the strategy
cards quote: a card on the same videos as a Drivers reading gives the
reading's numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.i18n import format_ratio
from analytics.models.drivers import DriversReport, Reading
from analytics.models.synthetic import synthetic_channel
from analytics.services import fits, reach
from analytics.services.channels import analysis_channel
from analytics.services.imports import import_files
from analytics.services.reach import PlannedVideo, Planner, plan
from analytics.services.strategy import build_strategy
from analytics.store.bulk_load import insert_frames
from analytics.store.connection import connect
from analytics.strategy.model_check import model_ratio
from tests.conftest import REPO
from tests.reach_stores import DY, YT, build_synthetic_store
from tests.strategy_stores import sample_store

DRIVERS_PAGE = str(REPO / "pages" / "3_Drivers.py")
STRATEGY_PAGE = str(REPO / "pages" / "6_Strategy.py")
KINDS = ("drivers-exposure", "planner-exposure")
PLANNED = PlannedVideo(YT, publish_at=dt.datetime(2030, 1, 7, 19), topic="cooking")


def no_fit(*args: object, **kwargs: object) -> None:
    raise AssertionError("fitted although the fit is stored")


def files_of(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``folder``: relative path -> (mtime in ns, sha256)."""
    return {
        str(p.relative_to(folder)): (
            p.stat().st_mtime_ns,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_synthetic_store(tmp_path_factory.mktemp("fits_reach") / "s.duckdb")


@pytest.fixture(scope="module")
def fitted(store: str) -> tuple[DriversReport, Planner]:
    return fits.drivers_fit(store, YT), fits.planner_fit(store, YT)


def test_drivers_and_planner_fits_are_written_beside_the_store_with_their_checksum(
    store: str, fitted: tuple[DriversReport, Planner]
) -> None:
    version = fits.channel_version(store, YT)
    for kind in KINDS:
        folder = fits.fit_folder(kind, store, YT, version)
        assert folder.parent.parent.parent == Path(store + ".fits")
        assert folder.parent.parent.name == kind and folder.name == version
        assert sorted(p.name for p in folder.iterdir()) == ["fit.pkl", "meta.json"]
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        assert meta["sha256"] == hashlib.sha256((folder / "fit.pkl").read_bytes()).hexdigest()
        assert meta["kind"] == kind and meta["channel_id"] == YT
        assert meta["code"] == fits.code_version()
    drivers, planner = fitted
    meta = json.loads(
        (fits.fit_folder("drivers-exposure", store, YT, version) / "meta.json").read_text()
    )
    assert meta["n_videos"] == drivers.comparison.data.n == 130
    assert planner.video_counts() == {YT: 130}


def test_a_second_call_reads_the_fits_instead_of_fitting(
    store: str, fitted: tuple[DriversReport, Planner], monkeypatch: pytest.MonkeyPatch
) -> None:
    drivers, planner = fitted
    monkeypatch.setattr(reach, "drivers_for_store", no_fit)
    monkeypatch.setattr(reach, "planner_for_store", no_fit)
    again = fits.drivers_fit(store, YT)
    assert again.to_json() == drivers.to_json()
    assert [r.text for r in again.tested] == [r.text for r in drivers.tested]
    np.testing.assert_array_equal(
        again.comparison.oof[again.comparison.chosen],
        drivers.comparison.oof[drivers.comparison.chosen],
    )
    planner_again = fits.planner_fit(store, YT)
    first, second = plan(planner, PLANNED), plan(planner_again, PLANNED)
    assert (second.p10, second.p50, second.p90) == (first.p10, first.p50, first.p90)
    assert planner_again.margin == planner.margin and planner_again.check == planner.check


def test_another_process_reads_the_same_fit_without_fitting(
    store: str, fitted: tuple[DriversReport, Planner]
) -> None:
    drivers, planner = fitted
    fits_folder = Path(store + ".fits")
    before = files_of(fits_folder)
    script = (
        "import json, sys\n"
        "from analytics.cli import main\n"
        "from analytics.services import fits, reach\n"
        "def no_fit(*a, **k): raise SystemExit('fitted although the fit is stored')\n"
        "reach.drivers_for_store = no_fit\n"
        "reach.planner_for_store = no_fit\n"
        f"main(['drivers', '--db', sys.argv[1], '--channel', {YT!r}, '--json'])\n"
        f"p = fits.planner_fit(sys.argv[1], {YT!r})\n"
        "print(json.dumps({'margin': p.margin, 'coverage': p.coverage}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, store],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    decoder = json.JSONDecoder()
    payload, end = decoder.raw_decode(out.stdout)
    assert payload == json.loads(json.dumps(drivers.to_json()))
    assert payload["n_videos"] == 130 and payload["channel_id"] == YT
    assert json.loads(out.stdout[end:]) == {"margin": planner.margin, "coverage": planner.coverage}
    assert files_of(fits_folder) == before  # nothing written, nothing replaced


def test_importing_another_channel_leaves_this_channels_fits_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_synthetic_store(tmp_path / "two.duckdb")
    fits.drivers_fit(db, DY)
    fits.planner_fit(db, DY)
    fits.drivers_fit(db, None)
    mine = {kind: fits.fit_folder(kind, db, DY, "any").parent for kind in KINDS}
    before = {kind: files_of(folder) for kind, folder in mine.items()}
    everything = fits.channel_version(db, None)
    with connect(db) as con:
        insert_frames(con, synthetic_channel(40, channel_id="late", seed=9).frames())
    calls: list[object] = []
    real = reach.drivers_for_store

    def counting(*args: object, **kwargs: object) -> DriversReport:
        calls.append(args[1])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reach, "drivers_for_store", counting)
    monkeypatch.setattr(reach, "planner_for_store", no_fit)
    fits.drivers_fit(db, DY)
    fits.planner_fit(db, DY)
    assert calls == []
    assert {kind: files_of(folder) for kind, folder in mine.items()} == before
    # the all-channels fit holds the new channel: fitted again, the old version removed
    assert fits.channel_version(db, None) != everything
    both = fits.drivers_fit(db, None)
    assert calls == [None] and both.comparison.data.n == 130 + 60 + 40
    folder = fits.fits_dir(db) / "drivers-exposure" / "all"
    assert [p.name for p in folder.iterdir()] == [fits.channel_version(db, None)]


def test_a_damaged_fit_or_one_from_other_model_code_is_fitted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_synthetic_store(tmp_path / "again.duckdb")
    first = fits.planner_fit(db, DY)
    folder = fits.fit_folder("planner-exposure", db, DY, fits.channel_version(db, DY))
    calls: list[object] = []
    real = reach.planner_for_store

    def counting(*args: object, **kwargs: object) -> Planner:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reach, "planner_for_store", counting)
    (folder / "fit.pkl").write_bytes(b"not a model")
    again = fits.planner_fit(db, DY)
    assert len(calls) == 1 and again.margin == first.margin
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps({**meta, "code": "older-code"}))
    fits.planner_fit(db, DY)
    assert len(calls) == 2
    fits.planner_fit(db, DY)
    assert len(calls) == 2


def test_the_strategy_is_built_once_per_store_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analytics.services.strategy as strategy_service

    db = build_synthetic_store(tmp_path / "cards.duckdb")
    first = build_strategy(db, YT)
    assert first.cards and first.model_summary is not None
    assert first.model_summary["n_videos"] == 130  # the persisted drivers fit of the channel
    folder = fits.fits_dir(db) / "strategy" / fits.fit_folder("x", db, YT, "v").parent.name
    [version] = [p.name for p in folder.iterdir()]
    stored = files_of(folder)
    monkeypatch.setattr(strategy_service, "analyse_growth", no_fit)
    monkeypatch.setattr(reach, "drivers_for_store", no_fit)
    again = build_strategy(db, YT)
    assert [(c.key, c.evidence.effect, c.confidence) for c in again.cards] == [
        (c.key, c.evidence.effect, c.confidence) for c in first.cards
    ]
    assert files_of(folder) == stored
    # other settings than the pages' are computed, not read
    with pytest.raises(AssertionError, match="fitted although"):
        build_strategy(db, YT, n_boot=100)
    # a new channel changes the store's version: the cards are built again (the
    # market cards compare channels), reading the channel's drivers fit as it was
    with connect(db) as con:
        insert_frames(con, synthetic_channel(40, channel_id="late", seed=9).frames())
    monkeypatch.undo()
    monkeypatch.setattr(reach, "drivers_for_store", no_fit)
    rebuilt = build_strategy(db, YT)
    assert [p.name for p in folder.iterdir()] != [version]
    assert rebuilt.model_summary == first.model_summary


# ------------------------------------------------------- the page and the cards agree
def _plain(text: str) -> str:
    """Page text without the Markdown escapes."""
    return text.replace("\\", "")


def _members(report: DriversReport, reading: Reading) -> set[tuple[str, str]]:
    from analytics.models.drivers import reading_members

    rows = report.comparison.data.rows
    keys = zip(rows["channel_id"].astype(str), rows["video_id"].astype(str), strict=True)
    return {k for k, m in zip(keys, reading_members(report.comparison, reading), strict=True) if m}


def _pages_agree(path: str, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, AppTest, list[str]]:
    """Run the Drivers and Strategy pages on ``path``; the drivers are fitted at most once."""
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", path)
    st.cache_data.clear()
    st.cache_resource.clear()
    calls: list[object] = []
    real = reach.drivers_for_store

    def counting(*args: object, **kwargs: object) -> DriversReport:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reach, "drivers_for_store", counting)
    drivers = AppTest.from_file(DRIVERS_PAGE, default_timeout=300).run()
    assert not drivers.exception, drivers.exception
    assert len(calls) <= 1
    fitted_by_page = len(calls)
    strategy = AppTest.from_file(STRATEGY_PAGE, default_timeout=300).run()
    assert not strategy.exception, strategy.exception
    assert len(calls) == fitted_by_page  # the cards read the page's fit
    captions = [_plain(c.value) for c in strategy.caption]
    return drivers, strategy, captions


def test_drivers_page_and_strategy_cards_quote_the_same_readings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample_store(tmp_path_factory)
    drivers_page, strategy_page, captions = _pages_agree(path, monkeypatch)
    # "All channels" in the sidebar: both pages read the YouTube channel (most videos) alone
    channel = analysis_channel(path, None)
    assert channel == "UCkitchenLab0000000000001"
    assert drivers_page.selectbox(key="drivers_channel").value == channel
    assert strategy_page.selectbox(key="strategy_channel").value == channel
    report = fits.drivers_fit(path, channel)  # read: the pages have stored it
    shown = _plain(next(m.value for m in drivers_page.markdown if m.value.startswith("- ")))
    result = build_strategy(path, channel)
    headings = [_plain(m.value) for m in strategy_page.markdown if m.value.startswith("#### ")]
    matched = []
    for reading in report.readings:
        assert reading.text in shown  # the page lists the fit's readings
        members = _members(report, reading)
        for card in result.cards:
            ids = set(card.video_ids)
            if not ids or (ids != members and ids & members):
                continue
            same = ids == members
            ratio = reading.ratio if same else 1 / reading.ratio
            low, high = (reading.low, reading.high) if same else (1 / reading.high, 1 / reading.low)
            n_in, n_out = (reading.n_in, reading.n_out) if same else (reading.n_out, reading.n_in)
            ev = card.evidence
            if ev.n != n_in or ev.n_ref != n_out:
                continue  # another group of the same feature's videos
            assert ev.effect == pytest.approx(ratio, rel=1e-12)
            assert ev.interval == pytest.approx((low, high), rel=1e-12)
            assert card.confidence == reading.confidence
            text = (
                f"n = {n_in} vs {n_out} videos · {format_ratio(ratio)} the reach · "
                f"95% interval {format_ratio(low)}–{format_ratio(high)}"
            )
            assert any(text in c for c in captions), (text, captions)
            # the model's own figure on the card is the page's fit, on the card's videos
            assert any(
                f"the drivers model agrees on the same videos: "
                f"{format_ratio(model_ratio(report, card.video_ids))}" in c
                for c in captions
            )
            matched.append((reading.label, card.key, same))
    # the sample creator's YouTube channel: cooking does better (its one reading), and the
    # topic card quotes it
    assert matched == [("topic 'cooking'", "topic_up", True)]
    assert "Topic 'cooking': 1.8x the exposure of other topics (95% interval 1.3x-2.4x" in shown
    assert any(h.endswith("Make more cooking") for h in headings)
    assert any(
        "n = 19 vs 54 videos · 1.8× the reach · 95% interval 1.3×–2.4×" in c for c in captions
    )


def test_real_export_pages_cli_and_report_read_one_fit(
    realdata: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = realdata / "xiaohongshu-notes-2026" / "笔记列表明细表.xlsx"
    overview = realdata / "tiktok-studio-2025-2026" / "Overview_April-Des2025.csv"
    if not notes.is_file() or not overview.is_file():
        pytest.skip("the Xiaohongshu notes or the TikTok overview export is not present")
    db = str(tmp_path / "real.duckdb")
    [rep] = import_files(db, [notes], channel="xhs")
    assert rep.status == "loaded" and rep.rows_loaded == 41
    drivers_page, _, captions = _pages_agree(db, monkeypatch)
    report = fits.drivers_fit(db, None)
    assert report.comparison.data.n == 41
    # the page and the card say the same thing about the model: no content effect measurable
    assert not report.comparison.beats_baseline and report.readings == []
    # the plain first sentence leads; the model's own wording follows on the same page
    page_text = [m.value for m in drivers_page.markdown]
    assert page_text[0].startswith("Nothing measurable yet")
    assert "41 videos" in page_text[0]
    assert any(t.startswith("Content features add nothing measurable") for t in page_text[1:])
    model_lines = [c for c in captions if "drivers model" in c]
    assert model_lines and all("content features add nothing measurable" in c for c in model_lines)
    assert "drivers model agrees" not in " ".join(captions)
    # the CLI and the report read that fit; an import into another channel leaves it as it was
    xhs = fits.fit_folder("drivers-exposure", db, "xhs", "any").parent
    fits.drivers_fit(db, "xhs")
    before = files_of(xhs)
    [tt] = import_files(db, [overview], channel="tt")
    assert tt.status == "loaded"
    monkeypatch.setattr(reach, "drivers_for_store", no_fit)
    assert fits.drivers_fit(db, "xhs").to_json() == fits.drivers_fit(db, "xhs").to_json()
    assert files_of(xhs) == before
    from analytics.cli.report_writer import write_report

    info = write_report(db, tmp_path / "r.html", "xhs")
    assert info["cards"] >= 1 and files_of(xhs) == before
