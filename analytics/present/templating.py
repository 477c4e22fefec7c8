"""Jinja2 templates of the HTML report, autoescaped.

The templates live in ``analytics/present/templates/`` and ship inside the
package (``[tool.setuptools.package-data]`` in ``pyproject.toml``); they are
loaded through the package, not a path on disk. Every value a template shows
is escaped with MarkupSafe (the rule of :func:`analytics.present.escape.html_escape`)
unless it is :class:`markupsafe.Markup` made here: a Plotly figure's own HTML
or a section rendered by another template. An undefined name is an error, not
an empty string.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

__all__ = ["Markup", "render"]


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("analytics.present", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` with ``context``, every value autoescaped.

    Parameters
    ----------
    template : str
        File name under ``analytics/present/templates/`` (``report.html.j2``).
    **context
        The template's names; text is escaped, :class:`Markup` is kept as is.

    Returns
    -------
    str
        The rendered text.

    Raises
    ------
    jinja2.UndefinedError
        The template uses a name that ``context`` does not give.
    """
    return _environment().get_template(template).render(**context)
