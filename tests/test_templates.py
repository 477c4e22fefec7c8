"""The report's Jinja2 templates: autoescaped, strict, and shipped inside the package."""

from __future__ import annotations

import datetime as dt
import fnmatch
import tomllib
from importlib import resources

import jinja2
import pytest

from analytics.present.templating import Markup, render
from tests.conftest import REPO


def test_templates_and_catalogues_are_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]
    for package, folder in (("analytics.present", "templates"), ("analytics.i18n", "catalogues")):
        files = [p.name for p in resources.files(package).joinpath(folder).iterdir()]
        assert files, folder
        for name in files:
            assert any(fnmatch.fnmatch(f"{folder}/{name}", pat) for pat in data[package]), name
    assert "report.html.j2" in {
        p.name for p in resources.files("analytics.present").joinpath("templates").iterdir()
    }


def test_every_value_is_escaped_but_markup() -> None:
    # The share section's table macro shows its cells as given: text escaped, Markup kept.
    out = render(
        "share_section.html.j2",
        title="<b>T</b>",
        epsilon="ε = 1 & 'k'",
        caps='"caps"',
        no_membership="none",
        segments=None,
        no_segments="<i>no</i>",
        segments_heading="",
        segment_headers=[],
        topics_heading="Topics",
        topic_headers=["<th>", Markup("<em>Count</em>")],
        topics=[("<script>alert(1)</script>", "3")],
        interactions_heading="I",
        interaction_headers=["a", "b"],
        interactions=[],
    )
    assert "<h2>&lt;b&gt;T&lt;/b&gt;</h2>" in out
    assert "<p>ε = 1 &amp; &#39;k&#39;</p>" in out and "<p>&#34;caps&#34;</p>" in out
    assert "<p>&lt;i&gt;no&lt;/i&gt;</p>" in out
    assert "<th>&lt;th&gt;</th><th><em>Count</em></th>" in out
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>3</td>" in out
    assert "<script>" not in out


def test_a_missing_value_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("share_section.html.j2", title="only a title")


def test_channel_name_in_the_report_is_escaped() -> None:
    from analytics.present.report import render_report
    from tests.test_report import _tiny_result

    text = render_report(
        _tiny_result(),
        "en",
        channel="<img src=x onerror=alert(1)> & 'co'",
        generated=dt.date(2026, 1, 1),
    )
    assert "Channel: &lt;img src=x onerror=alert(1)&gt; &amp; &#39;co&#39;" in text
    assert "<img" not in text
    assert text.endswith("</body></html>\n")
