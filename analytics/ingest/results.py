"""What staging a file gives back: previews, import reports, staged files, and the store facts it needs.

Plain records passed between :mod:`analytics.ingest.api` and the services
layer. Re-exported by :mod:`analytics.ingest.api`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analytics.errors import Reject
from analytics.ingest.formats.base import (
    Staged,
)


@dataclass
class FilePreview:
    """What an import of one file would write (nothing is written)."""

    file_name: str
    format_label: str = ""
    rows_read: int = 0
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    needs_channel: bool = False
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    rejects: list[Reject] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)  # the header row as found in the file
    unknown_layout: bool = False  # no format knows the header: the user maps the columns
    ambiguous_date_column: str | None = (
        None  # dates fit day/month and month/day: the user picks the order
    )


@dataclass
class ImportReport:
    """The outcome of importing one file."""

    file_name: str
    format_label: str = ""
    status: str = "failed"  # loaded | duplicate | failed
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rejects: list[Reject] = field(default_factory=list)
    error: str | None = None
    import_id: int | None = None
    channel_id: str | None = None
    notes: list[str] = field(default_factory=list)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    headers: list[str] = field(
        default_factory=list
    )  # header row of a file of unknown layout (to map)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's ``--json`` output)."""
        return {
            "file": self.file_name,
            "format": self.format_label,
            "status": self.status,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "channel_id": self.channel_id,
            "import_id": self.import_id,
            "error": self.error,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "notes": self.notes,
            "rejects": [
                {"line": r.line, "column": r.column, "value": r.value, "reason": r.reason}
                for r in self.rejects
            ],
        }


FileInput = tuple[str, bytes] | str | os.PathLike[str]
Progress = Callable[[str, str], None]  # (step, file name)


@dataclass
class StoreFacts:
    """What the store says before an import (read by the store layer, in one short look).

    Attributes
    ----------
    loaded : dict
        sha256 -> (import_id, channel_id) of files loaded before.
    channel_platform, channel_time_zone : str or None
        Of the channel the user named, when it exists.
    profiles : dict
        Header signature -> (profile name, mapping JSON) of saved column mappings.
    """

    loaded: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    channel_platform: str | None = None
    channel_time_zone: str | None = None
    profiles: dict[str, tuple[str, str]] = field(default_factory=dict)
    fan_secret: bytes | None = None  # the store's key for fan ids (None: a throwaway key)


@dataclass
class StagedFile:
    """One file of a batch after staging: its report, and its staged rows when it parsed."""

    src_name: str
    sha256: str
    report: ImportReport
    staged: Staged | None = None
    channels: list[dict[str, Any]] = field(default_factory=list)
    group: str = ""
