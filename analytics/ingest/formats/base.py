"""What every export format provides, and the parsing context it works in.

A format recognises its header (normalised, see
:func:`analytics.ingest.reader.normalise_header`) and turns the raw text
table into staged canonical rows: one DuckDB temp table per target store
table, with the store's column names. Conversion happens in SQL over whole
columns; every value that is present but does not parse becomes a
:class:`~analytics.errors.Reject` with its line, column and value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb

import analytics.ingest.values as V
from analytics.errors import IngestError, Reject
from analytics.ingest.reader import RawTable
from analytics.sql_quote import quote_ident

MAX_REJECTS = 1000


@dataclass
class ImportOptions:
    """Choices the user makes for an import.

    Attributes
    ----------
    channel : str or None
        Channel the rows land in when the file has no channel column.
    time_zone : str or None
        Time zone of a new channel (IANA name); existing channels keep theirs.
    date_order : {"dmy", "mdy"} or None
        How to read ambiguous ``01/02/2025`` dates (case C09).
    export_date : datetime.date or None
        The day the export was downloaded; anchors yearless dates (TikTok).
    mapping : ColumnMapping or None
        Columns of a layout the importer does not know (``--mapping FILE``
        or the Import page's mapping step); it is saved as a profile and
        applied to the next file with the same header.
    save_profile : bool
        Save ``mapping`` as a profile after a clean import.
    """

    channel: str | None = None
    time_zone: str | None = None
    date_order: str | None = None
    export_date: dt.date | None = None
    mapping: Any = None  # a ColumnMapping (analytics.ingest.formats.mapping) for an unknown layout
    save_profile: bool = True  # remember a mapping that imported cleanly, for the next file


@dataclass
class Staged:
    """Canonical rows of one file, ready for the store writer.

    ``tables`` maps a store table to the temp table holding its rows.
    """

    format_name: str
    format_label: str
    platform: str
    rows_read: int
    tables: dict[str, str] = field(default_factory=dict)
    channels: list[dict[str, Any]] = field(default_factory=list)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    export_date: dt.date | None = None
    notes: list[str] = field(default_factory=list)
    needs_channel: bool = False
    skipped_rows: int = 0
    channel_hint: str | None = (
        None  # channel named by the download's name, used when the user names none
    )
    headers: list[str] = field(default_factory=list)  # the file's header row, as written
    mapping: Any = None  # the ColumnMapping given for this import (saved as a profile afterwards)


class UnknownLayoutError(IngestError):
    """No format knows the file's header: the user maps its columns.

    Attributes
    ----------
    headers : list of str
        The header row as written (what the mapping step shows).
    header_line : int
        Its 1-based line.
    """

    def __init__(self, file_name: str, message: str, headers: list[str], header_line: int):
        super().__init__(file_name, message)
        self.headers = headers
        self.header_line = header_line


class AmbiguousDateOrderError(IngestError):
    """Every date of a column fits both day/month and month/day (case C09): the user says which.

    Attributes
    ----------
    column : str
        The column's header as written.
    """

    def __init__(self, file_name: str, message: str, column: str):
        super().__init__(file_name, message)
        self.column = column


class ParseContext:
    """Helpers a format uses to convert its raw table.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Connection holding the raw temp table (and receiving staged tables).
    raw : RawTable
        The file's text table.
    options : ImportOptions
    prefix : str
        Unique prefix for this file's temp tables.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        raw: RawTable,
        options: ImportOptions,
        prefix: str,
        channel_time_zone: str | None = None,
        hints: Any = None,
    ):
        from analytics.ingest.names import NameHints

        self.con = con
        self.raw = raw
        self.options = options
        self.prefix = prefix
        self.rejects: list[Reject] = []
        self.rejected_values = 0  # every rejected value, also those past MAX_REJECTS
        self._rejected_cells: set[tuple[int, int | None]] = set()  # (row, column) rejected
        # A fan file's cells can name a fan (a column shifted or swapped puts fan ids
        # where a time belongs): its rejects never carry the cell's text.
        self.hide_values = False
        self.fan_secret: bytes | None = None  # the store's key for fan ids, given by the caller
        self.channel_time_zone = channel_time_zone
        self.hints = hints if hints is not None else NameHints()
        self._norm = raw.norm_headers
        # Lookup tables joined to the raw rows in convert(): (join clause, selected columns)
        self._lookups: list[tuple[str, list[str]]] = []

    # -- columns ------------------------------------------------------------
    def find(self, *aliases: str) -> int | None:
        """Index of the first header equal to one of ``aliases`` (normalised), or None."""
        for alias in aliases:
            a = alias.casefold()
            if a in self._norm:
                return self._norm.index(a)
        return None

    def col(self, index: int) -> str:
        """SQL of the raw text column ``index``."""
        return self.raw.column(index)

    def header(self, index: int) -> str:
        return self.raw.headers[index]

    # -- conversion -----------------------------------------------------------
    def add_lookup(self, frame: Any, on_sql: str, columns: dict[str, str]) -> None:
        """Join a small table of parsed values to the raw rows in :meth:`convert`.

        Parameters
        ----------
        frame : pandas.DataFrame
            The lookup rows; it becomes a temp table of this file.
        on_sql : str
            Join condition between the raw row ``r`` and the lookup ``l``
            (e.g. ``l.v = <cleaned r.c3>``); at most one lookup row per raw row.
        columns : dict
            Name visible to the converters -> column of the lookup.
        """
        name = f"{self.prefix}_lookup{len(self._lookups)}"
        self.con.register("_lookup_frame", frame)
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _lookup_frame")
        finally:
            self.con.unregister("_lookup_frame")
        alias = f"l{len(self._lookups)}"
        join = f"LEFT JOIN {name} {alias} ON {on_sql.replace('l.', alias + '.')}"
        self._lookups.append(
            (
                join,
                [f"{alias}.{quote_ident(c)} AS {quote_ident(out)}" for out, c in columns.items()],
            )
        )

    def source(self) -> str:
        """SQL of the raw rows with the lookup columns (a table name or a subquery)."""
        if not self._lookups:
            return self.raw.table
        cols = ", ".join(c for _, cs in self._lookups for c in cs)
        joins = " ".join(j for j, _ in self._lookups)
        return f"(SELECT r.*, {cols} FROM {self.raw.table} r {joins})"

    def convert(
        self,
        columns: dict[str, tuple[str, int | None, str]],
        where: str = "true",
        table: str | None = None,
    ) -> str:
        """Create a temp table of converted values and collect rejects.

        Parameters
        ----------
        columns : dict
            Output column -> ``(sql, source_index, reason)``: the SQL
            expression, the raw column it parses (None for derived values)
            and the reason reported when a present value gives NULL.
        where : str
            SQL filter on the raw rows (drops Total rows and footers).

        Returns
        -------
        str
            Name of the temp table; it has ``_row`` plus the output columns.
        """
        name = table or f"{self.prefix}_parsed"
        outs = ", ".join(f"{sql} AS {quote_ident(out)}" for out, (sql, _, _) in columns.items())
        select = f"SELECT _row, {outs} FROM {self.source()} WHERE {where}"
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {select}")
        checks = [
            (out, src, reason) for out, (_, src, reason) in columns.items() if src is not None
        ]
        if checks:
            flags = [
                f"(p.{quote_ident(out)} IS NULL AND {V.clean('r.' + self.col(src))} IS NOT NULL)"
                for out, src, _ in checks
            ]
            bad = self.con.execute(
                f"SELECT p._row, {', '.join(flags)}, {', '.join('r.' + self.col(s) for _, s, _ in checks)} "
                f"FROM {name} p JOIN {self.raw.table} r USING (_row) WHERE {' OR '.join(flags)} "
                f"ORDER BY p._row LIMIT {MAX_REJECTS + 1}"
            ).fetchall()
            if len(bad) > MAX_REJECTS:
                total = self.con.execute(
                    f"SELECT sum({' + '.join(f'{f}::INTEGER' for f in flags)}) "
                    f"FROM {name} p JOIN {self.raw.table} r USING (_row)"
                ).fetchall()[0][0]
                self.rejected_values += int(total)
            k = len(checks)
            for rec in bad[:MAX_REJECTS]:
                row = int(rec[0])
                for j, (_out, src, reason) in enumerate(checks):
                    if rec[1 + j]:
                        added = self._add(row, src, rec[1 + k + j], reason)
                        if added and len(bad) <= MAX_REJECTS:
                            self.rejected_values += 1
        return name

    def reject(self, row: int | None, src: int | None, value: Any, reason: str) -> None:
        """Record a rejected value (row is the 0-based data row)."""
        if self._add(row, src, value, reason):
            self.rejected_values += 1

    def _add(self, row: int | None, src: int | None, value: Any, reason: str) -> bool:
        """Record a reject; False when that cell was rejected already (one cell, one reject)."""
        if row is not None:
            if (row, src) in self._rejected_cells:
                return False
            self._rejected_cells.add((row, src))
        if len(self.rejects) >= MAX_REJECTS:
            return True
        line = self.raw.line_of(row) if row is not None else None
        column = self.raw.headers[src] if src is not None else None
        if self.hide_values and value is not None:
            value = None
            reason += " (the value is not shown: a fan file's cells can name a fan)"
        self.rejects.append(
            Reject(
                line=line, column=column, value=None if value is None else str(value), reason=reason
            )
        )
        return True

    def reject_blank_ids(self, index: int, what: str = "video id") -> None:
        """A row whose id cell is empty (other cells filled) is a reject: never dropped, never given an id."""
        others = [V.clean(self.col(i)) for i in range(len(self.raw.headers)) if i != index]
        filled = " OR ".join(f"{o} IS NOT NULL" for o in others) or "true"
        rows = self.con.execute(
            f"SELECT _row FROM {self.raw.table} WHERE {V.clean(self.col(index))} IS NULL "
            f"AND ({filled}) ORDER BY _row LIMIT {MAX_REJECTS + 1}"
        ).fetchall()
        for (row,) in rows:
            self.reject(int(row), index, "", f"the {what} is empty")

    def stage(self, target: str, select_sql: str) -> str:
        """Create the staged temp table for store table ``target`` from ``select_sql``."""
        name = f"{self.prefix}_stage_{target}"
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {select_sql}")
        return name

    def fail_if_rejects(self) -> None:
        """Raise :class:`IngestError` listing every reject so far (nothing is written)."""
        if self.rejects:
            total = max(self.rejected_values, len(self.rejects))
            listed = (
                ""
                if total <= len(self.rejects)
                else f" (the first {len(self.rejects):,} are listed)"
            )
            raise IngestError(
                self.raw.file_name,
                f"{total:,} value(s) cannot be read{listed}; nothing was imported",
                self.rejects,
            )

    def distinct_values(self, index: int, where: str = "true", limit: int = 100000) -> list[str]:
        """Non-missing raw values of a column, in row order (for small Python-side parsing)."""
        rows = self.con.execute(
            f"SELECT _row, {V.clean(self.col(index))} FROM {self.raw.table} WHERE {where} "
            f"ORDER BY _row LIMIT {limit}"
        ).fetchall()
        return [r[1] for r in rows]


class Format:
    """An export layout. Subclasses set the attributes and implement the methods."""

    name: str = ""
    label: str = ""
    platform: str = "generic"

    def detect(self, headers: list[str]) -> bool:
        """True when the normalised ``headers`` are this format's."""
        raise NotImplementedError

    def stage(self, ctx: ParseContext) -> Staged:
        """Convert the raw table into staged canonical rows."""
        raise NotImplementedError
