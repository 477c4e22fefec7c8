"""Translations and number formats: complete table, placeholders, formats, language switch."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.i18n import (
    LANGUAGES,
    TABLE,
    format_count,
    format_percent,
    format_ratio,
    hour_label,
    missing_translations,
    normalize_lang,
    placeholders,
    t,
    weekday_name,
)
from analytics.strategy import CARD_KEYS

PAGE_PREFIXES = ("nav.", "overview.", "import.", "videos.", "drivers.", "planner.", "fans.",
                 "strategy.")


def test_every_key_has_both_languages() -> None:
    assert missing_translations() == []
    assert set(LANGUAGES) == {"en", "zh"}
    for key, entry in TABLE.items():
        assert set(entry) == {"en", "zh"}, key


def test_placeholders_match_between_languages() -> None:
    for key, entry in TABLE.items():
        assert placeholders(entry["en"]) == placeholders(entry["zh"]), key


def test_every_card_has_title_claim_and_action() -> None:
    for key in CARD_KEYS:
        for part in ("title", "claim", "action"):
            assert f"card.{key}.{part}" in TABLE


def test_every_page_has_labels() -> None:
    for prefix in PAGE_PREFIXES:
        assert sum(k.startswith(prefix) for k in TABLE) >= 5, prefix
    for page in ("overview", "import", "videos", "drivers", "fans", "planner", "strategy"):
        assert f"nav.{page}" in TABLE


def test_t_fills_placeholders_and_falls_back() -> None:
    assert t("import.button", "en", count=3) == "Import 3 file(s)"
    assert t("import.button", "zh", count=3) == "导入 3 个文件"
    assert t("import.button", "zh-CN", count=3) == "导入 3 个文件"
    assert t("import.button", "fr", count=3) == "Import 3 file(s)"  # unsupported: English
    assert t("import.button", "en") == "Import {count} file(s)"  # no values: left as is
    assert t("import.loaded", "en", name="a.csv") == \
        "a.csv: {loaded} rows loaded, {rejected} rejected."
    assert t("no.such.key", "zh") == "no.such.key"


@pytest.mark.parametrize(("tag", "lang"), [
    ("zh-CN", "zh"), ("zh_Hans", "zh"), ("ZH-TW", "zh"), ("en-US", "en"), ("de", "en"),
    ("", "en"), (None, "en"),
])
def test_normalize_lang(tag: str | None, lang: str) -> None:
    assert normalize_lang(tag) == lang


@pytest.mark.parametrize(("value", "en", "zh"), [
    (0, "0", "0"),
    (999, "999", "999"),
    (9_999, "9,999", "9,999"),
    (12_345, "12,345", "1.2万"),
    (100_000, "100,000", "10万"),
    (1_563_000, "1.6M", "156.3万"),
    (99_990_000, "100M", "9999万"),
    (250_000_000, "250M", "2.5亿"),
    (3_200_000_000, "3.2B", "32亿"),
    (-12_345, "-12,345", "-1.2万"),
    (None, "–", "–"),
    (float("nan"), "–", "–"),
])
def test_format_count(value: float | None, en: str, zh: str) -> None:
    assert format_count(value, "en") == en
    assert format_count(value, "zh") == zh


def test_other_formats() -> None:
    assert [format_ratio(v) for v in (1.834, 0.6612, 12.3, 1.0)] == ["1.8×", "0.66×", "12×",
                                                                      "1.0×"]
    assert format_ratio(float("inf")) == "–"
    assert format_percent(0.243) == "24%" and format_percent(None) == "–"
    assert hour_label(18) == "18:00" and hour_label(24) == "00:00"
    assert [weekday_name(d, "zh") for d in (0, 6)] == ["周一", "周日"]
    assert weekday_name(2, "en", short=True) == "Wed"


LANG_PAGE = """
import streamlit as st
from dashboard.i18n_ui import language_picker, tr
lang = language_picker()
st.title(tr("nav.strategy"))
st.write(lang)
"""


def test_language_switch_defaults_to_english_and_sticks() -> None:
    at = AppTest.from_string(LANG_PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Strategy"
    assert at.selectbox(key="lang").value == "en"
    assert at.selectbox(key="lang").options == ["English", "简体中文"]
    at.selectbox(key="lang").set_value("zh").run()
    assert at.title[0].value == "策略建议"
    at.run()  # a rerun (or another page) keeps the choice
    assert at.title[0].value == "策略建议"
    assert at.session_state["keep:lang"] == "zh"


def test_language_default_follows_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    import dashboard.i18n_ui as ui

    monkeypatch.setattr(ui, "browser_language", lambda: "zh")
    at = AppTest.from_string(LANG_PAGE).run()
    assert not at.exception
    assert at.title[0].value == "策略建议"
