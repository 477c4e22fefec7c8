"""The one HTML escaper and the one Markdown escaper of text that came from a file.

Titles, topics, channel names, file names and raw cells are the creator's
data, not markup. Every place that puts such text into HTML (Plotly hover
labels and axis ticks, the report) or into Markdown (Streamlit's
``st.markdown``, ``st.error`` and friends) escapes it through these two
functions. The report's Jinja2 templates autoescape with the same rule as
:func:`html_escape` (MarkupSafe), so a value reads the same in a chart and in
the report.

>>> html_escape('<b>"Tom" & Jerry\\'s</b>')
'&lt;b&gt;&#34;Tom&#34; &amp; Jerry&#39;s&lt;/b&gt;'
>>> markdown_escape("**[win](http://x)** 1. #tag")
'\\\\*\\\\*\\\\[win\\\\]\\\\(http\\\\://x\\\\)\\\\*\\\\* 1\\\\. \\\\#tag'
"""

from __future__ import annotations

import re

import markupsafe

__all__ = ["html_escape", "markdown_escape"]

# Every ASCII punctuation character that Markdown (CommonMark and GitHub
# tables), Streamlit (``:emoji:`` shortcodes, ``:red[...]`` colours,
# ``$...$`` formulas) or an HTML tag could act on, and an ``&`` that starts a
# character reference (``&lt;``, ``&#60;``). CommonMark lets any ASCII
# punctuation be backslash-escaped, so the escaped text renders as written.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:]|&(?=#?[0-9A-Za-z]+;))")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def html_escape(text: object) -> str:
    """Escape text for HTML: ``& < > " '`` become entities; None becomes ``""``.

    Parameters
    ----------
    text : object
        Any value; it is turned into ``str`` first.

    Returns
    -------
    str
        Text safe inside an HTML element or a quoted attribute, and inside a
        Plotly label (Plotly decodes the numeric entities ``&#34;`` and ``&#39;``).
    """
    return str(markupsafe.escape(_text(text)))


def markdown_escape(text: object) -> str:
    """Escape text for Markdown: a backslash before every special ASCII character.

    Parameters
    ----------
    text : object
        Any value; it is turned into ``str`` first (None becomes ``""``).

    Returns
    -------
    str
        Markdown that renders as the literal text: a title such as
        ``**[win](http://x)**`` stays those characters, not a bold link.
    """
    return _MD_SPECIAL.sub(r"\\\1", _text(text))
