"""Channels known only from lists of many channels (trending lists) come after the creator's own.

A trending list names hundreds of other people's channels with a video or two
each. They stay in the store (the Strategy page's market cards compare with
them), but every channel list shows the creator's own channels first and
labels the others "market list"; the Overview folds them into one expander.
The kind: a list of 10 or more channels is a list; a channel with daily data
or fan interactions, or one that also came from a file of its own, is the
creator's, even when a list names it too.
"""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.channel_names import channel_label_in
from analytics.ingest import ImportOptions
from analytics.services.channel_admin import channel_spans
from analytics.services.channels import analysis_channel, channels_by_video_count, list_channels
from analytics.services.imports import import_files
from tests.conftest import REPO

HEADER = (
    "video_id,title,publishedAt,channelId,channelTitle,categoryId,trending_date,tags,"
    "view_count,likes,dislikes,comment_count,thumbnail_link,comments_disabled,"
    "ratings_disabled,description\n"
)


def _list_file(channels: int, videos_each: int, first: int = 0, extra: str = "") -> bytes:
    lines = [HEADER]
    for c in range(first, first + channels):
        for v in range(videos_each):
            lines.append(
                f"v{c}_{v},Video {c}-{v},2018-10-3{v % 2}T1{v}:00:00.000Z,UCLIST{c:03d},"
                f"List channel {c},10,18.01.11,a|b,{1000 * (v + 1)},10,1,5,,False,False,d\n"
            )
    return ("".join(lines) + extra).encode()


def _own_file() -> bytes:
    # The creator's own channel: two videos, one channel in the file.
    return (
        HEADER
        + "own1,My first,2018-10-01T10:00:00.000Z,UCOWN,My channel,22,18.01.11,x,500,1,0,1,,False,False,d\n"
        + "own2,My second,2018-10-08T10:00:00.000Z,UCOWN,My channel,22,18.01.11,x,900,1,0,1,,False,False,d\n"
    ).encode()


@pytest.fixture()
def store(tmp_path) -> str:
    db = str(tmp_path / "lists.duckdb")
    files = [
        ("own.csv", _own_file()),
        # 12 channels of 3 videos each: a list (>= 10 channels)
        ("trending.csv", _list_file(12, 3)),
        # 3 channels in one file: a creator's own multi-channel list, not a market list
        ("agency.csv", _list_file(3, 1, first=100)),
    ]
    reports = import_files(db, files, options=ImportOptions())
    assert [r.status for r in reports] == ["loaded"] * 3, [r.error for r in reports]
    for k, name in enumerate(("Studio channel", "Second channel")):
        daily = "Date,Views\n" + "".join(f"2018-10-{d:02d},{100 * k + d}\n" for d in range(1, 29))
        reports = import_files(
            db, [("Totals.csv", daily.encode())], options=ImportOptions(channel=name)
        )
        assert reports[0].status == "loaded", reports[0].error
    return db


def test_list_channels_are_flagged_and_last(store: str) -> None:
    channels = list_channels(store)
    listed = set(channels.loc[channels["from_list"], "channel_id"])
    assert listed == {f"UCLIST{c:03d}" for c in range(12)}
    own = list(channels.loc[~channels["from_list"], "channel_id"])
    assert set(own) == {
        "UCOWN",
        "UCLIST100",
        "UCLIST101",
        "UCLIST102",
        "Studio channel",
        "Second channel",
    }
    # own channels first in the list, whatever their names
    assert list(channels["channel_id"][: len(own)]) == own
    # the analyses default to the creator's channel, though list channels have more videos
    ordered = channels_by_video_count(store)
    assert ordered[0] == "UCOWN" and set(ordered[:4]) == set(own) - {
        "Studio channel",
        "Second channel",
    }
    assert analysis_channel(store, None) == "UCOWN"
    spans = channel_spans(store)
    assert int(spans["from_list"].sum()) == 12 and len(spans) == 18
    assert channel_label_in(channels, "UCLIST003", "en") == "List channel 3 (YouTube · market list)"
    assert channel_label_in(channels, "UCLIST003", "zh") == "List channel 3 (YouTube · 榜单)"
    assert channel_label_in(channels, "UCOWN", "en") == "My channel (YouTube)"


def test_a_listed_channel_with_its_own_file_is_the_creators(store: str) -> None:
    # The creator's channel also appears in a trending list: still the creator's.
    again = _list_file(12, 1, first=200, extra="").decode() + (
        "own3,My third,2018-10-20T10:00:00.000Z,UCOWN,My channel,22,18.01.12,x,700,1,0,1,,False,False,d\n"
    )
    reports = import_files(store, [("trending2.csv", again.encode())], options=ImportOptions())
    assert reports[0].status == "loaded", reports[0].error
    channels = list_channels(store).set_index("channel_id")
    assert not channels.loc["UCOWN", "from_list"]
    assert channels.loc["UCLIST205", "from_list"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_overview_folds_list_channels(
    store: str, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", store)
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    sidebar = at.sidebar.selectbox[1] if len(at.sidebar.selectbox) > 1 else at.sidebar.selectbox[0]
    options = list(sidebar.options)
    # "All channels", then the six own channels, then the twelve list channels
    assert len(options) == 1 + 6 + 12
    labels = [sidebar.format_func(o) for o in options]
    market = "market list" if lang == "en" else "榜单"
    assert all(market not in o for o in labels[:7]) and all(market in o for o in labels[7:])
    expanders = [e.label for e in at.expander]
    wanted = (
        "12 channels from market lists (36 videos)"
        if lang == "en"
        else "来自榜单的 12 个账号（36 个作品）"
    )
    assert wanted in expanders, expanders


def test_cli_lists_own_channels_first(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from analytics.cli import main

    assert main(["channels", "--db", store, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["channels"]
    flags = [r["from_list"] for r in rows]
    assert flags == [False] * 6 + [True] * 12
    assert main(["channels", "--db", store]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[-1].endswith("(market list)") and not text[0].endswith("(market list)")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_strategy_page_names_its_channel(
    store: str, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", store)
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO / "pages" / "6_Strategy.py"), default_timeout=300)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    texts = [m.value for m in at.markdown]
    wanted = (
        "**My channel \\(YouTube\\)**: every card reads this channel's own videos and numbers."
        if lang == "en"
        else "**My channel \\(YouTube\\)**：每条建议都只读取这个账号自己的作品和数据。"
    )
    assert wanted in texts, texts[:5]
