"""The canonical fields a column of an unknown layout can be mapped to, with their units.

Re-exported by :mod:`analytics.ingest.formats.mapping`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from analytics.ingest.metrics import COUNT_METRICS, RATE_METRICS, SECONDS_METRICS
from analytics.ingest.reader import normalise_header

IGNORE = "ignore"
RATE_UNITS = ("percent", "fraction")
DURATION_UNITS = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0}


@dataclass(frozen=True)
class FieldSpec:
    """A canonical field a column can map to."""

    name: str
    kind: str  # id | text | date | datetime | duration | dimension | count | rate | money
    label: str
    units: tuple[str, ...] = ()


def _fields() -> dict[str, FieldSpec]:
    out = {
        "video_id": FieldSpec("video_id", "id", "Video / post id (kept as written)"),
        "title": FieldSpec("title", "text", "Title"),
        "caption": FieldSpec("caption", "text", "Caption / description (#hashtags become tags)"),
        "url": FieldSpec("url", "text", "Link to the video"),
        "date": FieldSpec("date", "date", "Day of the row (daily files)"),
        "published_at": FieldSpec("published_at", "datetime", "Publish date or time"),
        "duration_s": FieldSpec("duration_s", "duration", "Video length", tuple(DURATION_UNITS)),
        "key": FieldSpec("key", "dimension", "Breakdown value (country, traffic source, age, ...)"),
    }
    for c in COUNT_METRICS:
        out[c] = FieldSpec(c, "count", c.replace("_", " ").capitalize() + " (count)")
    for c in RATE_METRICS:
        out[c] = FieldSpec(c, "rate", c.replace("_", " ").capitalize() + " (rate)", RATE_UNITS)
    for c in SECONDS_METRICS:
        out[c] = FieldSpec(
            c,
            "duration",
            c.replace("_s", "").replace("_", " ").capitalize() + " (time)",
            tuple(DURATION_UNITS),
        )
    out["revenue"] = FieldSpec("revenue", "money", "Revenue (amount in a currency)")
    return out


FIELDS: dict[str, FieldSpec] = _fields()


def mapping_fields() -> list[dict[str, Any]]:
    """The fields a column can map to, for a picker: name, kind, label, units (first = default)."""
    return [
        {"name": f.name, "kind": f.kind, "label": f.label, "units": list(f.units)}
        for f in FIELDS.values()
    ] + [{"name": IGNORE, "kind": "ignore", "label": "Not imported", "units": []}]


def default_unit(header: str, field_name: str) -> str | None:
    """The unit a column header suggests for ``field_name`` (``(%)`` -> percent, ``(hours)`` -> hours, ...)."""
    spec = FIELDS.get(field_name)
    if spec is None:
        return None
    h = normalise_header(header)
    if spec.kind == "rate":
        return "percent" if "%" in h or "percent" in h or "百分比" in h else "fraction"
    if spec.kind == "duration":
        if re.search(r"\bhours?\b|\bhrs?\b|\(h\)|小时|時間|stunden|horas|heures", h):
            return "hours"
        if re.search(r"\bmin(ute)?s?\b|\(min\)|分钟|分鐘|minuten|minutos", h):
            return "minutes"
        return "seconds"
    if spec.kind == "money":
        m = re.search(r"\(([a-z]{3})\)", h)
        return m.group(1).upper() if m else None
    return None
