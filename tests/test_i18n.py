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

PAGE_PREFIXES = (
    "nav.",
    "overview.",
    "import.",
    "videos.",
    "drivers.",
    "planner.",
    "fans.",
    "strategy.",
)


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
    assert t("import.button", "en", count=3) == "Import 3 files"
    assert t("import.button", "zh", count=3) == "导入 3 个文件"
    assert t("import.button", "zh-CN", count=3) == "导入 3 个文件"
    assert t("import.button", "fr", count=3) == "Import 3 files"  # unsupported: English
    assert t("import.button", "en") == "Import {count} files"  # no values: left as is
    assert (
        t("import.loaded", "en", name="a.csv")
        == "a.csv: {loaded} rows loaded, {rejected} rejected."
    )
    assert t("no.such.key", "zh") == "no.such.key"


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("zh-CN", "zh"),
        ("zh_Hans", "zh"),
        ("ZH-TW", "zh"),
        ("en-US", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_normalize_lang(tag: str | None, lang: str) -> None:
    assert normalize_lang(tag) == lang


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
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
    ],
)
def test_format_count(value: float | None, en: str, zh: str) -> None:
    assert format_count(value, "en") == en
    assert format_count(value, "zh") == zh


def test_other_formats() -> None:
    assert [format_ratio(v) for v in (1.834, 0.6612, 12.3, 1.0)] == ["1.8×", "0.66×", "12×", "1.0×"]
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


def test_chart_labels_and_counts_in_chinese() -> None:
    import datetime as dt

    from analytics.present import charts
    from analytics.store.queries import KpiComparison, KpiTotals

    kpis = KpiComparison(
        KpiTotals(
            dt.date(2025, 1, 15),
            dt.date(2025, 1, 28),
            1_563_000,
            12_350,
            0.125,
            3,
            "daily",
            (("c", 14),),
            (("c", 14),),
        ),
        KpiTotals(
            dt.date(2025, 1, 1),
            dt.date(2025, 1, 14),
            781_500,
            10_000,
            0.1,
            2,
            "daily",
            (("c", 14),),
            (("c", 14),),
        ),
    )
    tiles = charts.kpi_tiles(kpis, "zh")
    assert [(x.label, x.value, x.delta) for x in tiles] == [
        ("播放量", "156.3万", "+100.0%"),
        ("净增粉丝", "1.2万", "+23.5%"),
        ("互动率", "12.5%", "+2.5 个百分点"),
        ("发布作品数", "3", "+50.0%"),
    ]
    assert "按此期间内有互动数据的每日记录计算" in tiles[2].help
    assert [x.value for x in charts.kpi_tiles(kpis)][:2] == ["1,563,000", "12,350"]
    assert charts.format_count(9_999, "zh") == "9,999"


@pytest.mark.parametrize(
    ("feature", "label", "zh"),
    [
        ("topic", "topic 'cooking'", "话题「cooking」"),
        ("publish_hour", "published 18:00-22:59", "在 18:00–22:59 发布"),
        ("publish_weekday", "published on Saturday", "在周六发布"),
        ("publish_weekday", "published Monday-Friday", "在周一至周五发布"),
        ("title_has_question", "without a question in the title", "标题含问句：否"),
        ("duration_s", "videos of 27-94 s", "时长为 27–94 秒"),
        ("followers_at_publish", "videos published at followers 12k", "发布时粉丝数为 12k"),
        ("platform", "something new", "something new"),  # an unknown shape stays as it is
    ],
)
def test_driver_readings_in_chinese(feature: str, label: str, zh: str) -> None:
    from analytics.models.drivers import Reading
    from analytics.present.reach_charts import reading_label

    reading = Reading(feature, label, 2.1, 1.4, 2.1, 48, 142, 2.0, "text")
    assert reading_label(reading, "zh") == zh
    assert reading_label(reading, "en") == label


def test_plural_forms_follow_babel_rules() -> None:
    from analytics.i18n import PLURALS, plural_form

    assert PLURALS, "counted texts give their singular form"
    for key, forms in PLURALS.items():
        var = forms["plural"]
        # the counted placeholder, or a bare noun counted by its caller ("unit.videos")
        assert var in placeholders(TABLE[key]["en"]) or not placeholders(TABLE[key]["en"]), key
        for name, text in forms.items():
            if name == "plural":
                continue
            lang, _, form = name.partition("_")
            assert lang in LANGUAGES and form in {"zero", "one", "two", "few", "many"}, key
            assert placeholders(text) <= placeholders(TABLE[key][lang]), key
    assert [plural_form(v) for v in (0, 1, "1", 2, "1,000")] == [
        "other",
        "one",
        "one",
        "other",
        "other",
    ]
    assert t("import.button", "en", count="1") == "Import 1 file"
    assert t("import.button", "en", count="2") == "Import 2 files"
    assert t("import.button", "zh", count="1") == "导入 1 个文件"
    assert t("fans.video_option", "en", title="Bread", fans="1") == "Bread (1 fan)"
    assert [t("unit.channels", "en", n=n) for n in ("1", "2")] == ["channel", "channels"]
    assert (
        t(
            "overview.period_caption",
            "en",
            start="a",
            end="b",
            days="1",
            prev_start="c",
            prev_end="d",
        )
        == "a – b, compared with the previous day (c – d)."
    )
