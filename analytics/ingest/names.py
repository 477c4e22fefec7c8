"""What a download's file (or zip) name says: the period it covers, the channel.

Platforms put facts in the names of their downloads that the files
themselves lack:

* TikTok Studio: ``Overview_2025-03-01_1741996800_handle.zip`` (first day,
  epoch seconds of the last day, handle) — the only place a year appears
  for the yearless dates inside — and ``Followers_handle.zip``;
* YouTube Studio: ``Content 2024-07-14_2026-04-30 Channel name`` (dimension,
  date range, channel);
* Meta Business Suite: ``Aug-01-2025_Aug-31-2025_100000000000001.csv``.

Names are hints: detection never depends on them, and a value in the file
always wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_TIKTOK = re.compile(r"(?:^|[/_ ])(\d{4}-\d{2}-\d{2})_(\d{9,10})_([^/]+?)(?:\.zip)?(?:/|$)")
_YOUTUBE = re.compile(
    r"(?:^|/)[^/]*?(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2}) ([^/]+?)(?:\.zip)?(?:/|$)"
)
_TIKTOK_SECTION = re.compile(
    r"(?:^|/)(?:Overview|Followers|Content|Viewers)_([A-Za-z0-9._]+?)\.zip(?:/|$)"
)
_META = re.compile(
    r"(?:^|[/_ ])([A-Za-z]{3})-(\d{2})-(\d{4})_([A-Za-z]{3})-(\d{2})-(\d{4})(?:_(\d+))?"
)
_MON = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}


@dataclass
class NameHints:
    """Facts read from a download's name (all optional)."""

    period_start: dt.date | None = None
    period_end: dt.date | None = None
    channel_name: str | None = None
    source: str = ""  # which naming scheme matched


def name_hints(name: str) -> NameHints:
    """Read the period (and channel) from a file or zip member name.

    Parameters
    ----------
    name : str
        ``zip name/member name`` or a plain path.

    Returns
    -------
    NameHints
        Empty when the name follows no known scheme.
    """
    path = name.replace("\\", "/")
    try:
        m = _TIKTOK.search(path)
        if m:
            start = dt.date.fromisoformat(m.group(1))
            end = dt.datetime.fromtimestamp(int(m.group(2)), tz=dt.UTC).date()
            if end < start:
                end = None  # type: ignore[assignment]
            return NameHints(start, end, m.group(3).lstrip("@") or None, "tiktok")
        m = _TIKTOK_SECTION.search(path)
        if m:
            return NameHints(None, None, m.group(1), "tiktok")
        m = _YOUTUBE.search(path)
        if m:
            start, end = dt.date.fromisoformat(m.group(1)), dt.date.fromisoformat(m.group(2))
            if start <= end:
                return NameHints(start, end, m.group(3).strip() or None, "youtube")
        m = _META.search(path)
        if m and m.group(1).lower() in _MON and m.group(4).lower() in _MON:
            start = dt.date(int(m.group(3)), _MON[m.group(1).lower()], int(m.group(2)))
            end = dt.date(int(m.group(6)), _MON[m.group(4).lower()], int(m.group(5)))
            if start <= end:
                return NameHints(start, end, None, "meta")
    except ValueError:
        return NameHints()
    return NameHints()
