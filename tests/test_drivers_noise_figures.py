"""When no content feature beats the channel's usual level, Drivers folds the model's figures away.

A Xiaohongshu account of 41 real notes: the drivers model does not beat the
trailing-median baseline, the lead says "Nothing measurable yet", and the
importance bars and partial-dependence curves sit in a labelled expander
instead of being drawn as findings under that sentence.
"""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.ingest import ImportOptions
from analytics.services.imports import import_files
from tests.conftest import REPO, SHARED

TIMEOUT = 600


@pytest.fixture(scope="module")
def notes_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = SHARED / "realdata" / "xiaohongshu-notes-2026" / "笔记列表明细表.xlsx"
    if not path.is_file():
        pytest.skip("real data folder ../shared/realdata is not present in this checkout")
    db = str(tmp_path_factory.mktemp("notes") / "notes.duckdb")
    [rep] = import_files(db, [(path.name, path.read_bytes())], options=ImportOptions())
    assert rep.status == "loaded", rep.error
    return db


@pytest.mark.parametrize(
    ("lang", "lead", "label"),
    [
        ("en", "Nothing measurable yet", "The model's figures (it does not beat"),
        ("zh", "暂时看不出规律", "模型的图表（它并不比账号的常规水平预测得更准）"),
    ],
)
def test_no_findings_are_drawn_under_nothing_measurable(
    notes_store: str, monkeypatch: pytest.MonkeyPatch, lang: str, lead: str, label: str
) -> None:
    monkeypatch.setenv("CREATOR_ANALYTICS_DB", notes_store)
    st.cache_data.clear()
    at = AppTest.from_file(str(REPO / "pages" / "3_Drivers.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    assert any(lead in str(m.value) for m in at.markdown)
    folded = [e for e in at.expander if str(e.label).startswith(label)]
    assert len(folded) == 1
    # the charts are inside the expander, none outside it
    inside = folded[0].get("plotly_chart")
    assert len(inside) >= 1
    assert len(at.get("plotly_chart")) == len(inside)
