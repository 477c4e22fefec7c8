"""One fans fit per channel and data version, persisted beside the store and shared."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.services import fits
from analytics.store.connection import connect
from tests.test_fans_report import CHANNEL, fill_store

REPO = Path(__file__).resolve().parents[1]
FANS_PAGE = str(REPO / "pages" / "4_Fans.py")
STRATEGY_PAGE = str(REPO / "pages" / "6_Strategy.py")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_store(tmp_path_factory.mktemp("fits") / "s.duckdb")


@pytest.fixture(scope="module")
def fitted(store: Path) -> fits.FansReport:
    return fits.fans_fit(store, CHANNEL)


def test_the_fit_is_written_beside_the_store_with_its_checksum(
    store: Path, fitted: fits.FansReport
) -> None:
    version = fits.channel_version(store, CHANNEL)
    folder = fits.fans_fit_folder(store, CHANNEL, version)
    assert folder.parent.parent.parent == store.with_name("s.duckdb.fits")
    assert sorted(p.name for p in folder.iterdir()) == ["fit.pkl", "meta.json"]
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["format"] == fits.FORMAT
    assert meta["sha256"] == hashlib.sha256((folder / "fit.pkl").read_bytes()).hexdigest()
    assert meta["channel_id"] == CHANNEL


def test_a_second_call_reads_the_fit_instead_of_fitting(
    store: Path, fitted: fits.FansReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_refit(*args: object, **kwargs: object) -> None:
        raise AssertionError("refitted although the fit is stored")

    monkeypatch.setattr(fits, "build_fans_report", no_refit)
    again = fits.fans_fit(store, CHANNEL)
    assert again.to_json() == fitted.to_json()
    assert again.evaluation.params == fitted.evaluation.params
    assert again.evaluation.params["chosen_by"] == "validation"
    np.testing.assert_array_equal(again.segmentation.labels, fitted.segmentation.labels)
    np.testing.assert_array_equal(again.model.item_factors_, fitted.model.item_factors_)
    pd.testing.assert_frame_equal(again.topics_wanted, fitted.topics_wanted)
    pd.testing.assert_frame_equal(again.back_catalogue, fitted.back_catalogue)
    assert again.catalogue["tags"].tolist() == fitted.catalogue["tags"].tolist()
    assert isinstance(again.catalogue["tags"].iloc[0], list)
    assert again.similar_videos("vid_new", 3).method == fitted.similar_videos("vid_new", 3).method


def test_importing_another_channel_keeps_this_channels_version(tmp_path: Path) -> None:
    db = fill_store(tmp_path / "two.duckdb")
    mine, everything = fits.channel_version(db, CHANNEL), fits.channel_version(db, None)
    with connect(db) as con:
        con.execute(
            "INSERT INTO channels (channel_id, platform, display_name, time_zone) "
            "VALUES ('other', 'tiktok', 'Other', 'UTC')"
        )
        con.execute(
            "INSERT INTO videos (channel_id, video_id, title) VALUES ('other', 'o1', 'Other video')"
        )
    assert fits.channel_version(db, CHANNEL) == mine
    assert fits.channel_version(db, None) != everything
    with connect(db) as con:
        con.execute(
            "UPDATE videos SET title = 'Renamed' WHERE channel_id = ? AND video_id = 'vid_new'",
            [CHANNEL],
        )
    assert fits.channel_version(db, CHANNEL) != mine


def test_a_damaged_fit_is_fitted_again(tmp_path: Path) -> None:
    db = fill_store(tmp_path / "damaged.duckdb")
    first = fits.fans_fit(db, CHANNEL)
    folder = fits.fans_fit_folder(db, CHANNEL, fits.channel_version(db, CHANNEL))
    (folder / "fit.pkl").write_bytes(b"not a model")
    again = fits.fans_fit(db, CHANNEL)
    assert again.to_json() == first.to_json()
    assert (folder / "meta.json").is_file()


def test_strategy_and_fans_pages_show_the_same_segments_and_als_settings(
    store: Path, fitted: fits.FansReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", str(store))
    fans = AppTest.from_file(FANS_PAGE, default_timeout=180).run()
    assert not fans.exception
    strategy = AppTest.from_file(STRATEGY_PAGE, default_timeout=300).run()
    assert not strategy.exception

    def segments(at: AppTest) -> pd.DataFrame:
        tables = [df.value for df in at.dataframe if "Top topics" in df.value.columns]
        assert len(tables) == 1
        return tables[0]

    def als(at: AppTest) -> list[str]:
        return [c.value for c in at.caption if "iterations" in c.value]

    pd.testing.assert_frame_equal(segments(fans), segments(strategy))
    assert segments(fans)["Fans"].tolist() == [s.size for s in fitted.segmentation.segments]
    assert als(fans) == als(strategy)
    p = fitted.evaluation.params
    assert len(als(fans)) == 1 and f"{p['factors']} factors" in als(fans)[0]
