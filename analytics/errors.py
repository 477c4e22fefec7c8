"""Typed errors with messages a creator understands.

The UI and the CLI catch only these (never a bare ``Exception``) and show the
message; a traceback is never shown to a user.
"""

from __future__ import annotations

from dataclasses import dataclass


class AnalyticsError(Exception):
    """Base class of every error the product reports to a user."""


class StoreError(AnalyticsError):
    """The store cannot be opened or written."""


class StoreBusyError(StoreError):
    """Another process holds the store's file lock for longer than we wait."""


@dataclass
class Reject:
    """One rejected value: where it is and why.

    ``line`` is the 1-based physical line of the file (the header is line 1
    unless a banner precedes it); ``column`` is the column name as written in
    the file.
    """

    line: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        val = "" if self.value is None else f" value {self.value!r}:"
        return f"{', '.join(where)}:{val} {self.reason}".strip()


class IngestError(AnalyticsError):
    """A file cannot be imported; nothing of it was written.

    Attributes
    ----------
    file_name : str
        The file as the user named it.
    rejects : list of Reject
        Every rejected value found (may be empty for file-level errors).
    """

    def __init__(self, file_name: str, message: str, rejects: list[Reject] | None = None):
        self.file_name = file_name
        self.message = message
        self.rejects = list(rejects or [])
        first = f" ({self.rejects[0]})" if self.rejects else ""
        more = f" and {len(self.rejects) - 1} more" if len(self.rejects) > 1 else ""
        super().__init__(f"{file_name}: {message}{first}{more}")


class NotEnoughDataError(AnalyticsError):
    """Too little data for an honest answer; the message says what to export."""
