"""The one HTML escaper, Markdown escaper, count formatter and channel label, for every special case."""

from __future__ import annotations

import html
import re
import string

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.channel_names import channel_label, channel_label_in
from analytics.i18n import format_count
from analytics.present import charts
from analytics.present.escape import html_escape, markdown_escape
from tests.conftest import REPO
from tests.examples import ran_at_least

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    'say "hi"',
    "it's",
    "Tom & Jerry",
    "&lt;already&gt; &amp; &#60;",
    "**[win](http://x)**",
    "1. not a list",
    "- not a list",
    "+ not a list",
    "# not a heading",
    "> not a quote",
    "`code` and ```fence```",
    "_under_ and __bold__",
    "~~struck~~",
    "| a | b |",
    "$x^2$ and $$y$$",
    ":fire: :red[colour] :material/home:",
    "back\\slash\\",
    "{braces} (parens) [brackets]",
    "a!b#c+d-e.f",
    "万 播放量 🎬",
    "",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_html_escape_round_trips_and_leaves_no_markup(text: str) -> None:
    out = html_escape(text)
    assert html.unescape(out) == text
    assert not set(out) & set("<>\"'")
    assert "&" not in re.sub(r"&(amp|lt|gt|#34|#39);", "", out)


def test_html_escape_exact_entities_and_none() -> None:
    assert html_escape('<a href="x">Tom & Jerry\'s</a>') == (
        "&lt;a href=&#34;x&#34;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
    )
    assert html_escape(None) == ""
    assert html_escape(12.5) == "12.5"


def _rendered_text(markdown: str) -> str:
    """The text a CommonMark renderer shows for ``markdown`` (tags stripped, entities decoded)."""
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = md.render(markdown)
    assert "<a " not in rendered and "<strong>" not in rendered and "<em>" not in rendered
    assert "<h1>" not in rendered and "<li>" not in rendered and "<code>" not in rendered
    assert "<blockquote>" not in rendered and "<table>" not in rendered and "<s>" not in rendered
    text = re.sub(r"</?p>\n?", "", rendered).rstrip("\n")
    return html.unescape(text)


@pytest.mark.parametrize("text", [t for t in HOSTILE if t])
def test_markdown_escape_renders_as_the_literal_text(text: str) -> None:
    out = markdown_escape(text)
    assert _rendered_text(out) == text
    # Streamlit's own marks: shortcodes, colours and formulas need an unescaped ':' or '$'.
    assert not re.search(r"(?<!\\)[:$]", out)


def test_markdown_escape_exact_text() -> None:
    assert markdown_escape("input.csv: 3 rows (0 rejected).") == (
        "input\\.csv\\: 3 rows \\(0 rejected\\)\\."
    )
    assert markdown_escape("AT&T &lt;") == "AT&T \\&lt;"
    assert markdown_escape(None) == ""
    for ch in "\\`*_{}[]()<>#+-.!|~$:":
        assert markdown_escape(ch) == "\\" + ch
    for ch in string.ascii_letters + string.digits + " '\"%,;/?@^=":
        assert markdown_escape(ch) == ch


@ran_at_least(150)
@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=40))
def test_any_ascii_line_renders_as_written(text: str) -> None:
    if not text.strip():
        return
    shown = _rendered_text(markdown_escape(text))
    assert shown == text.strip(" ")


@pytest.mark.parametrize(
    ("value", "en_exact", "en", "zh"),
    [
        (0, "0", "0", "0"),
        (999, "999", "999", "999"),
        (12_345, "12,345", "12,345", "1.2万"),
        (1_563_000, "1,563,000", "1.6M", "156.3万"),
        (3_200_000_000, "3,200,000,000", "3.2B", "32亿"),
        (-12_345, "-12,345", "-12,345", "-1.2万"),
        (2.5, "2", "2", "2"),
        (None, "–", "–", "–"),
        (float("nan"), "–", "–", "–"),
    ],
)
def test_format_count_is_one_function(value: float | None, en_exact: str, en: str, zh: str) -> None:
    assert format_count(value, "en", exact=True) == charts.format_count(value) == en_exact
    assert format_count(value, "en") == en
    assert format_count(value, "zh") == format_count(value, "zh", exact=True) == zh
    assert charts.format_count(value, "zh") == zh


CHANNELS = pd.DataFrame(
    {
        "channel_id": ["UC1", "douyin:default", "x"],
        "display_name": ["Kitchen Lab", None, None],
        "platform": ["youtube", "douyin", "xiaohongshu"],
    }
)


@pytest.mark.parametrize(
    ("channel_id", "lang", "label"),
    [
        ("UC1", "en", "Kitchen Lab (YouTube)"),
        ("douyin:default", "en", "Douyin channel (unnamed)"),
        ("douyin:default", "zh", "抖音频道（未命名）"),
        ("x", "zh", "x (小红书)"),
        ("gone", "en", "gone"),
        (None, "en", "All channels"),
        ("", "zh", "全部账号"),
    ],
)
def test_channel_label_in_a_channel_list(channel_id: str | None, lang: str, label: str) -> None:
    assert channel_label_in(CHANNELS, channel_id, lang) == label
    if channel_id in set(CHANNELS["channel_id"]):
        row = CHANNELS[CHANNELS["channel_id"] == channel_id].iloc[0]
        assert channel_label(row["channel_id"], row["display_name"], row["platform"], lang) == label


def test_one_definition_of_each_helper() -> None:
    kinds = {
        r"def (\w*_)?(html_)?escape\b|html\.escape\b": "analytics/present/escape.py",
        r"def (\w*_)?(md|markdown)_escape\b": "analytics/present/escape.py",
        r"def format_count\b": None,
        r"def channel_label\b": "analytics/channel_names.py",
    }
    for pattern, home in kinds.items():
        found = sorted(
            str(p.relative_to(REPO))
            for folder in ("analytics", "dashboard", "pages")
            for p in (REPO / folder).rglob("*.py")
            if re.search(pattern, p.read_text(encoding="utf-8"))
        )
        if home is None:  # the implementation and the tables' exact wrapper
            assert found == ["analytics/i18n/__init__.py", "analytics/present/kpis.py"]
        else:
            assert found == [home], pattern
