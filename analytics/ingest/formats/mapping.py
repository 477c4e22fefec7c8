"""Column mappings for export layouts the importer does not know.

When no format recognises a file's header, the user says which column is
what (``--mapping FILE`` on the CLI, the mapping step on the Import page).
The mapping is saved as a named profile (table ``column_profiles``) and
applied automatically to the next file with the same header.

A mapping file is JSON::

    {
      "name": "agency weekly sheet",
      "platform": "generic",
      "date_order": "dmy",
      "columns": {
        "Clip": "video_id",
        "Headline": "title",
        "Day": "date",
        "Plays": "views",
        "CTR": {"field": "impressions_ctr", "unit": "percent"},
        "Watch (min)": {"field": "watch_time_s", "unit": "minutes"},
        "Notes": "ignore"
      }
    }

Fields are the store's column names (:data:`FIELDS`). Units: rates
``percent`` or ``fraction`` (a value with ``%`` is always a percent),
durations ``seconds``, ``minutes`` or ``hours``, revenue a currency code.
Where the rows go follows from the fields, as for every format: video id
and date -> ``video_daily``; video id alone -> ``videos`` and
``video_totals``; date alone -> ``channel_daily``; ``key`` (with
``"dimension"``) -> ``channel_breakdown``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analytics.errors import IngestError
from analytics.ingest.formats.base import Format, ParseContext, Staged
from analytics.ingest.formats.mapping_fields import DURATION_UNITS, FIELDS, IGNORE
from analytics.ingest.formats.mapping_fields import default_unit as default_unit  # re-exported
from analytics.ingest.formats.mapping_fields import mapping_fields as mapping_fields
from analytics.ingest.formats.mapping_suggest import starter_mapping as starter_mapping
from analytics.ingest.formats.mapping_suggest import suggest_mapping as suggest_mapping
from analytics.ingest.formats.tabular_plan import Metric, Plan
from analytics.ingest.formats.tabular_stage import stage_plan
from analytics.ingest.reader import normalise_header


@dataclass
class ColumnMapping:
    """Which column of a file is which canonical field.

    Attributes
    ----------
    name : str
        Profile name (saved under it).
    columns : dict
        Header as written in the file -> field name (see :data:`FIELDS`)
        or ``"ignore"``.
    units : dict
        Header -> unit, for rates (``percent``/``fraction``), durations
        (``seconds``/``minutes``/``hours``) and revenue (currency code).
        Missing units take :func:`default_unit`.
    date_order : {"dmy", "mdy"} or None
        How to read ``01/02/2025`` dates in this layout.
    dimension : str
        Name of the breakdown when a column maps to ``key``.
    platform : str
        Platform of a new channel the rows create.
    """

    name: str
    columns: dict[str, str]
    units: dict[str, str] = field(default_factory=dict)
    date_order: str | None = None
    dimension: str = "segment"
    platform: str = "generic"

    def __post_init__(self) -> None:
        problems = []
        if not self.name or not str(self.name).strip():
            problems.append("the mapping needs a name")
        for header, target in self.columns.items():
            if target != IGNORE and target not in FIELDS:
                problems.append(f"column {header!r}: unknown field {target!r}")
        used = [t for t in self.columns.values() if t != IGNORE]
        dup = sorted({t for t in used if used.count(t) > 1})
        if dup:
            problems.append(f"more than one column maps to {', '.join(dup)}")
        for header, unit in self.units.items():
            spec = FIELDS.get(self.columns.get(header) or "")
            if spec is None:
                continue
            if spec.kind in ("rate", "duration") and unit not in spec.units:
                problems.append(
                    f"column {header!r}: unit {unit!r} is not one of {', '.join(spec.units)}"
                )
        if self.date_order not in (None, "dmy", "mdy"):
            problems.append(f"date_order must be 'dmy' or 'mdy', not {self.date_order!r}")
        if not any(t in ("video_id", "date", "key", "title") for t in used):
            problems.append(
                "map at least one of video_id, date, key or title: rows need something to hang on"
            )
        if problems:
            raise IngestError(f"mapping {self.name!r}", "; ".join(problems))

    # -- (de)serialisation -------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        cols: dict[str, Any] = {}
        for header, target in self.columns.items():
            unit = self.units.get(header)
            cols[header] = {"field": target, "unit": unit} if unit else target
        return {
            "name": self.name,
            "platform": self.platform,
            "date_order": self.date_order,
            "dimension": self.dimension,
            "columns": cols,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any], default_name: str = "mapping") -> ColumnMapping:
        """Build from the JSON form (see module docstring).

        Raises
        ------
        IngestError
            Unknown fields or units, or a malformed document.
        """
        if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
            raise IngestError(default_name, 'a mapping is a JSON object with a "columns" object')
        columns: dict[str, str] = {}
        units: dict[str, str] = {}
        for header, spec in data["columns"].items():
            if isinstance(spec, str):
                columns[str(header)] = spec
            elif isinstance(spec, dict) and isinstance(spec.get("field"), str):
                columns[str(header)] = spec["field"]
                if spec.get("unit"):
                    units[str(header)] = str(spec["unit"])
            else:
                raise IngestError(
                    default_name,
                    f'column {header!r}: give a field name or {{"field": ..., "unit": ...}}',
                )
        return cls(
            name=str(data.get("name") or default_name),
            columns=columns,
            units=units,
            date_order=data.get("date_order"),
            dimension=str(data.get("dimension") or "segment"),
            platform=str(data.get("platform") or "generic"),
        )

    @classmethod
    def from_json(cls, text: str, default_name: str = "mapping") -> ColumnMapping:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(
                default_name, f"the mapping is not valid JSON ({exc.msg}, line {exc.lineno})"
            ) from None
        return cls.from_dict(data, default_name)

    @classmethod
    def from_choices(
        cls,
        name: str,
        choices: dict[str, str | None],
        units: dict[str, str] | None = None,
        date_order: str | None = None,
        dimension: str = "segment",
        platform: str = "generic",
    ) -> ColumnMapping:
        """Build from a picker's answers: header -> field (None or ``"ignore"``: not imported)."""
        columns = {h: (f or IGNORE) for h, f in choices.items()}
        return cls(
            name=name,
            columns=columns,
            units=dict(units or {}),
            date_order=date_order,
            dimension=dimension,
            platform=platform,
        )

    # -- use ----------------------------------------------------------------
    def unit_of(self, header: str) -> str | None:
        return self.units.get(header) or default_unit(header, self.columns.get(header, ""))

    def missing_in(self, headers: list[str]) -> list[str]:
        """Mapped (not ignored) headers that ``headers`` (as written) lack."""
        have = {normalise_header(h) for h in headers}
        return [
            h for h, t in self.columns.items() if t != IGNORE and normalise_header(h) not in have
        ]

    def matches(self, norm_headers: list[str]) -> bool:
        """True when every mapped column is in the (normalised) header row."""
        have = set(norm_headers)
        return all(normalise_header(h) in have for h, t in self.columns.items() if t != IGNORE)


def load_mapping_file(path: str | Path) -> ColumnMapping:
    """Read a mapping JSON file (``--mapping FILE``); the profile name defaults to the file's stem.

    Raises
    ------
    IngestError
        Unreadable file, invalid JSON, unknown fields or units.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise IngestError(str(p), f"cannot read the mapping file ({exc.strerror})") from None
    return ColumnMapping.from_json(text, default_name=p.stem)


class MappedFormat(Format):
    """A layout described by a :class:`ColumnMapping` (see module docstring)."""

    name = "column_mapping"

    def __init__(self, mapping: ColumnMapping, source: str = "mapping"):
        self.mapping = mapping
        self.source = source  # "mapping" (given now) or "profile" (saved before)
        self.platform = mapping.platform
        self.label = f"Column mapping {mapping.name!r}"

    def detect(self, headers: list[str]) -> bool:
        return self.mapping.matches(headers)

    def plan(self, ctx: ParseContext) -> Plan:
        norm = ctx.raw.norm_headers
        m = self.mapping
        by_field: dict[str, tuple[int, str]] = {}
        for header, target in m.columns.items():
            if target == IGNORE:
                continue
            pos = norm.index(normalise_header(header))
            by_field[target] = (pos, header)
        idx = {f: i for f, (i, _) in by_field.items()}
        plan = Plan(
            platform=m.platform,
            format_name=f"mapping:{m.name}",
            label=self.label,
            video_id=idx.get("video_id"),
            date=idx.get("date"),
            dimension=(idx["key"], m.dimension) if "key" in idx else None,
            title=idx.get("title"),
            caption=idx.get("caption"),
            url=idx.get("url"),
            published=idx.get("published_at"),
            published_has_time=True,
            length=idx.get("duration_s"),
            date_order=m.date_order,
        )
        plan.first = next((idx[f] for f in ("video_id", "key", "date", "title") if f in idx), None)
        if (
            plan.video_id is None
            and plan.title is not None
            and plan.date is None
            and plan.dimension is None
        ):
            # videos named by title (and publish date): ids derived as DESIGN.md says
            plan.derive_id = True
            plan.notes.append(
                "no video id mapped: ids derived from platform, publish date and title "
                "(a later export with ids lands on the same videos)"
            )
        if plan.length is not None:
            plan.length_unit = DURATION_UNITS.get(
                m.unit_of(by_field["duration_s"][1]) or "seconds", 1.0
            )
        for target, (i, header) in by_field.items():
            spec = FIELDS[target]
            if spec.kind not in ("count", "rate", "duration", "money") or target == "duration_s":
                continue
            unit = m.unit_of(header)
            if spec.kind == "rate":
                plan.metrics.append(Metric(i, target, "rate", unit or "fraction"))
            elif spec.kind == "duration":
                plan.metrics.append(
                    Metric(i, target, "duration", DURATION_UNITS.get(unit or "seconds", 1.0))
                )
            elif spec.kind == "money":
                plan.metrics.append(Metric(i, target, "money", unit))
            else:
                plan.metrics.append(Metric(i, target, "count"))
        skipped = [h for h, t in m.columns.items() if t == IGNORE]
        unmapped = [
            ctx.header(i)
            for i in range(len(norm))
            if i not in {v for v, _ in by_field.values()} and ctx.header(i) not in skipped
        ]
        if unmapped:
            plan.notes.append(f"columns not in the mapping, not imported: {', '.join(unmapped)}")
        return plan

    def stage(self, ctx: ParseContext) -> Staged:
        staged = stage_plan(ctx, self.plan(ctx))
        how = "the saved profile" if self.source == "profile" else "the column mapping"
        staged.notes.insert(0, f"columns read with {how} {self.mapping.name!r}")
        return staged
