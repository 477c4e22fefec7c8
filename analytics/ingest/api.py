"""Importing files into the store, and previewing them without writing.

``preview_files`` and ``import_files`` take ``(name, bytes)`` pairs (the
Import page's uploads) or paths (the CLI). Each file is one transaction: it
lands whole or not at all, and ``imports`` records what happened.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analytics.errors import AnalyticsError, IngestError, Reject
from analytics.ingest.archive import SourceFile, expand
from analytics.ingest.formats import detect_format
from analytics.ingest.formats.base import (
    AmbiguousDateOrderError,
    ImportOptions,
    ParseContext,
    Staged,
    UnknownLayoutError,
)
from analytics.ingest.names import name_hints
from analytics.ingest.reader import decode, is_xlsx, quote_ident, read_csv_text, read_xlsx
from analytics.store.connection import connect
from analytics.store.schema import scalar
from analytics.store.writer import (
    ImportLog,
    commit_import,
    find_loaded,
    log_import,
    next_import_id,
    rank_key,
)

DEFAULT_TIME_ZONES = {
    "douyin": "Asia/Shanghai",
    "kuaishou": "Asia/Shanghai",
    "bilibili": "Asia/Shanghai",
    "xiaohongshu": "Asia/Shanghai",
    "wechat_channels": "Asia/Shanghai",
}
_counter = itertools.count()


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


def _sources(files: Iterable[FileInput]) -> list[SourceFile | IngestError]:
    out: list[SourceFile | IngestError] = []
    for f in files:
        if isinstance(f, tuple):
            name, data = f
        else:
            p = Path(f)
            name = str(p)
            try:
                from analytics.ingest.archive import max_upload_bytes, too_large_message

                if p.stat().st_size > max_upload_bytes():
                    out.append(IngestError(name, too_large_message(p.stat().st_size)))
                    continue
                data = p.read_bytes()
            except OSError as exc:
                out.append(IngestError(name, f"cannot read the file ({exc.strerror})"))
                continue
        try:
            out.extend(expand(name, data))
        except IngestError as exc:
            out.append(exc)
    return out


def _read(con: duckdb.DuckDBPyConnection, src: SourceFile, table: str, detect: Any = None) -> Any:
    from analytics.ingest.formats import detect_format as det

    det = detect or det
    if len(src.data) == 0:
        raise IngestError(src.name, "the file is empty")
    if is_xlsx(src.data):
        return read_xlsx(con, src.data, src.name, table, detect=det)
    text, encoding = decode(src.data, src.name, detect=det)
    return read_csv_text(con, None, text, src.name, encoding, table, detect=det)


def _choose_format(
    raw: Any, options: ImportOptions, store_con: duckdb.DuckDBPyConnection | None
) -> Any:
    """The given mapping, else a saved profile for this header, else a detected format, else None."""
    from analytics.ingest.formats.mapping import MappedFormat
    from analytics.ingest.profiles import profile_for_headers

    if options.mapping is not None and options.mapping.matches(raw.norm_headers):
        return MappedFormat(options.mapping, "mapping")
    if store_con is not None:
        saved = profile_for_headers(store_con, raw.headers)
        if saved is not None:
            return MappedFormat(saved, "profile")
    return detect_format(raw.norm_headers)


def _detector(options: ImportOptions, store_con: duckdb.DuckDBPyConnection | None) -> Any:
    """Header-row test used while searching for the header: a format, the mapping, or a saved profile."""
    from analytics.ingest.profiles import header_signature

    signatures: set[str] = set()
    if store_con is not None:
        try:
            signatures = {
                r[0]
                for r in store_con.execute(
                    "SELECT header_signature FROM column_profiles"
                ).fetchall()
            }
        except duckdb.Error:
            signatures = set()

    def det(norm_headers: list[str]) -> Any:
        if options.mapping is not None and options.mapping.matches(norm_headers):
            return options.mapping
        if signatures and header_signature(norm_headers) in signatures:
            return True
        return detect_format(norm_headers)

    return det


def _channel_info(
    con: duckdb.DuckDBPyConnection | None, channel: str | None
) -> tuple[str | None, str | None]:
    if con is None or channel is None:
        return None, None
    try:
        rows = con.execute(
            "SELECT platform, time_zone FROM channels WHERE channel_id = ?", [channel]
        ).fetchall()
    except duckdb.CatalogException:  # a preview's scratch connection has no store tables
        return None, None
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def _stage(
    con: duckdb.DuckDBPyConnection,
    src: SourceFile,
    options: ImportOptions,
    store_con: duckdb.DuckDBPyConnection | None,
) -> tuple[Staged, ParseContext]:
    prefix = f"t{os.getpid()}_{next(_counter)}"
    raw = _read(con, src, f"{prefix}_raw", _detector(options, store_con))
    fmt = _choose_format(raw, options, store_con)
    if fmt is None:
        shown = ", ".join(raw.headers[:8])
        hint = ""
        if options.mapping is not None:
            missing = options.mapping.missing_in(raw.headers)
            hint = f"; the mapping {options.mapping.name!r} names columns this file lacks: {', '.join(missing)}"
        raise UnknownLayoutError(
            src.name,
            f"unknown layout (header on line {raw.header_line}: {shown}){hint}; "
            "give a column mapping (--mapping FILE) or pick the columns on the Import page",
            headers=list(raw.headers),
            header_line=raw.header_line,
        )
    _, tz = _channel_info(store_con, options.channel)
    hints = name_hints(src.name)
    ctx = ParseContext(
        con, raw, options, prefix, channel_time_zone=tz or options.time_zone, hints=hints
    )
    staged = fmt.stage(ctx)
    ctx.fail_if_rejects()
    staged.headers = list(raw.headers)
    staged.mapping = (
        getattr(fmt, "mapping", None) if getattr(fmt, "source", "") == "mapping" else None
    )
    if staged.period_end is None and hints.period_end is not None and hints.source != "tiktok":
        staged.period_start, staged.period_end = hints.period_start, hints.period_end
        staged.notes.append(
            f"period taken from the download's name: {hints.period_start} .. {hints.period_end}"
        )
    if staged.platform == "generic" and hints.source in ("youtube", "tiktok"):
        staged.platform = hints.source
    if staged.channel_hint is None and hints.channel_name and hints.source in ("youtube", "tiktok"):
        staged.channel_hint = hints.channel_name
    if staged.export_date is None:
        staged.export_date = options.export_date
    if staged.period_start is None and staged.period_end is None and staged.export_date is not None:
        staged.period_end = staged.export_date
    return staged, ctx


def _resolve_channel(
    staged: Staged, options: ImportOptions, existing_platform: str | None, time_zone: str | None
) -> tuple[str | None, list[dict[str, Any]]]:
    channels = list(staged.channels)
    if not staged.needs_channel:
        return None, channels
    if options.channel:
        channel_id = options.channel.strip()
        staged.notes.append(f"rows land in channel {channel_id!r}")
    elif staged.channel_hint:
        channel_id = staged.channel_hint.strip()
        staged.notes.append(
            f"rows land in channel {channel_id!r}, named by the export (name one with --channel)"
        )
    else:
        channel_id = f"{staged.platform}:default"
        staged.notes.append(
            f"the file has no channel column: rows land in {channel_id!r} (name one with --channel)"
        )
    if existing_platform is None:
        channels.append(
            {
                "channel_id": channel_id,
                "platform": staged.platform,
                "display_name": channel_id,
                "time_zone": time_zone
                or options.time_zone
                or DEFAULT_TIME_ZONES.get(staged.platform, "UTC"),
            }
        )
    return channel_id, channels


def _fill_periods(staged_list: list[tuple[SourceFile, Staged]]) -> None:
    """Give per-video / breakdown totals the period of their sibling daily files (same zip/folder)."""
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for src, st in staged_list:
        if st.period_start and st.period_end:
            lo, hi = spans.get(src.group, (st.period_start, st.period_end))
            spans[src.group] = (min(lo, st.period_start), max(hi, st.period_end))
    for src, st in staged_list:
        if st.period_end is None and src.group in spans:
            st.period_start, st.period_end = spans[src.group]
            st.notes.append(
                f"period taken from the files beside it: {st.period_start} .. {st.period_end}"
            )


def _finalise_totals(con: duckdb.DuckDBPyConnection, staged: Staged, today: dt.date) -> None:
    as_of = staged.export_date or staged.period_end or today
    if (
        staged.export_date is None
        and staged.period_end is None
        and ("video_totals" in staged.tables or "channel_breakdown" in staged.tables)
    ):
        staged.notes.append(
            f"the export does not say which day or period it covers: its totals are dated {as_of} "
            "(give the download day with --export-date or on the Import page, or import the file "
            "together with the daily files of the same download)"
        )
    for table in ("video_totals", "channel_breakdown"):
        name = staged.tables.get(table)
        if name is None:
            continue
        if table == "video_totals":
            con.execute(
                f"UPDATE {name} SET as_of = coalesce(as_of, ?), period_start = coalesce(period_start, ?), "
                "period_end = coalesce(period_end, ?)",
                [as_of, staged.period_start, staged.period_end],
            )
        else:
            con.execute(
                f"UPDATE {name} SET period_start = coalesce(period_start, ?, ?), "
                "period_end = coalesce(period_end, ?, ?)",
                [staged.period_start, as_of, staged.period_end, as_of],
            )


def preview_files(
    files: Sequence[FileInput],
    *,
    channel: str | None = None,
    options: ImportOptions | None = None,
    db_path: str | os.PathLike[str] | None = None,
    head: int = 20,
) -> list[FilePreview]:
    """Parse files and show what an import would write, without writing.

    Parameters
    ----------
    files : sequence of (name, bytes) or paths
        Zip archives are expanded.
    channel : str, optional
        Channel for files without a channel column.
    head : int
        Rows shown per target table.

    Returns
    -------
    list of FilePreview
        One per file; a file that cannot be imported has ``error`` and
        ``rejects`` set.
    """
    opts = options or ImportOptions()
    if channel is not None:
        opts.channel = channel
    previews: list[FilePreview] = []
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    if db_path is not None:
        _copy_profiles(db_path, con)
    try:
        staged_list: list[tuple[SourceFile, Staged, FilePreview]] = []
        for src in _sources(files):
            if isinstance(src, IngestError):
                previews.append(
                    FilePreview(file_name=src.file_name, error=src.message, rejects=src.rejects)
                )
                continue
            pv = FilePreview(file_name=src.name)
            previews.append(pv)
            try:
                staged, _ = _stage(con, src, opts, con if db_path is not None else None)
            except UnknownLayoutError as exc:
                pv.error, pv.rejects = exc.message, exc.rejects
                pv.headers, pv.unknown_layout = exc.headers, True
                continue
            except AmbiguousDateOrderError as exc:
                pv.error, pv.ambiguous_date_column = exc.message, exc.column
                continue
            except IngestError as exc:
                pv.error, pv.rejects = exc.message, exc.rejects
                continue
            pv.headers = staged.headers
            staged_list.append((src, staged, pv))
        _fill_periods([(s, st) for s, st, _ in staged_list])
        for _src, staged, pv in staged_list:
            _finalise_totals(con, staged, dt.date.today())
            pv.format_label, pv.rows_read = staged.format_label, staged.rows_read
            pv.period_start, pv.period_end = staged.period_start, staged.period_end
            pv.needs_channel, pv.notes = staged.needs_channel, staged.notes
            for target, tmp in staged.tables.items():
                pv.row_counts[target] = int(scalar(con, f"SELECT count(*) FROM {tmp}"))
                pv.tables[target] = con.execute(f"SELECT * FROM {tmp} LIMIT {int(head)}").df()
    finally:
        con.close()
    return previews


def _copy_profiles(db_path: str | os.PathLike[str], con: duckdb.DuckDBPyConnection) -> None:
    """Copy the store's saved column profiles into the preview's scratch connection."""
    from analytics.store.profile_queries import list_profiles

    con.execute(
        "CREATE TEMP TABLE IF NOT EXISTS column_profiles (name VARCHAR PRIMARY KEY, "
        "header_signature VARCHAR NOT NULL, mapping_json VARCHAR NOT NULL, created_at TIMESTAMPTZ)"
    )
    if not Path(db_path).exists():
        return
    with connect(db_path) as store:
        rows = list_profiles(store)
    for r in rows:
        con.execute(
            "INSERT OR REPLACE INTO column_profiles VALUES (?, ?, ?, ?)",
            [r["name"], r["header_signature"], r["mapping_json"], r["created_at"]],
        )


def sha256_of(data: bytes) -> str:
    """Hex sha256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


def import_files(
    db_path: str | os.PathLike[str] | None,
    files: Sequence[FileInput],
    *,
    channel: str | None = None,
    options: ImportOptions | None = None,
) -> list[ImportReport]:
    """Import files into the store, each in its own transaction.

    Parameters
    ----------
    db_path : path or None
        The store (None: the default path).
    files : sequence of (name, bytes) or paths
        Zip archives are expanded; their members share a period.
    channel : str, optional
        Channel for files without a channel column.

    Returns
    -------
    list of ImportReport
        ``status`` is ``loaded``, ``duplicate`` (the same bytes were loaded
        before: nothing changes) or ``failed`` (nothing written; ``error``
        and ``rejects`` say why).
    """
    opts = options or ImportOptions()
    if channel is not None:
        opts.channel = channel
    reports: list[ImportReport] = []
    sources = _sources(files)
    with connect(db_path) as con:
        pending: list[tuple[SourceFile, Staged, ImportReport, str]] = []
        for src in sources:
            if isinstance(src, IngestError):
                rep = ImportReport(
                    file_name=src.file_name,
                    error=src.message,
                    rejects=src.rejects,
                    rows_rejected=len(src.rejects),
                )
                reports.append(rep)
                continue
            rep = ImportReport(file_name=src.name)
            reports.append(rep)
            digest = sha256_of(src.data)
            if len(src.data) == 0:
                rep.error = "the file is empty"
                continue
            prior = find_loaded(con, digest)
            if prior is not None:
                rep.status, rep.import_id = "duplicate", prior
                where = scalar(con, "SELECT channel_id FROM imports WHERE import_id = ?", [prior])
                into = f" into channel {where!r}" if where else ""
                rep.notes.append(
                    f"the same file was imported before (import {prior}{into}); nothing changed"
                )
                continue
            try:
                staged, _ctx = _stage(con, src, opts, con)
            except UnknownLayoutError as exc:
                rep.error, rep.headers = exc.message, exc.headers
                _log_failure(con, src, digest, rep)
                continue
            except IngestError as exc:
                rep.error, rep.rejects, rep.rows_rejected = (
                    exc.message,
                    exc.rejects,
                    len(exc.rejects),
                )
                _log_failure(con, src, digest, rep)
                continue
            except duckdb.Error as exc:
                rep.error = f"cannot read the file ({str(exc).splitlines()[0]})"
                _log_failure(con, src, digest, rep)
                continue
            pending.append((src, staged, rep, digest))
        _fill_periods([(s, st) for s, st, _, _ in pending])
        for src, staged, rep, digest in pending:
            rep.format_label, rep.rows_read = staged.format_label, staged.rows_read
            rep.notes, rep.period_start, rep.period_end = (
                staged.notes,
                staged.period_start,
                staged.period_end,
            )
            platform, tz = _channel_info(con, opts.channel)
            channel_id, channels = _resolve_channel(staged, opts, platform, tz)
            rep.channel_id = channel_id
            now = dt.datetime.now(dt.UTC)
            _finalise_totals(con, staged, now.date())
            log = ImportLog(
                import_id=next_import_id(con),
                file_name=src.name,
                sha256=digest,
                format=staged.format_name,
                channel_id=channel_id,
                status="loaded",
                rows_read=staged.rows_read,
                rows_loaded=0,
                rows_rejected=0,
                period_start=staged.period_start,
                period_end=staged.period_end,
                export_date=staged.export_date,
                rank=rank_key(staged.period_end, staged.export_date, now),
            )
            try:
                rep.rows_loaded = commit_import(con, log, staged.tables, channels, channel_id)
            except duckdb.Error as exc:
                rep.error = (
                    f"the store refused the rows ({str(exc).splitlines()[0]}); nothing was written"
                )
                _log_failure(con, src, digest, rep)
                continue
            rep.status, rep.import_id = "loaded", log.import_id
            if staged.mapping is not None and opts.save_profile:
                _remember_mapping(con, staged, rep)
        for _, st, _, _ in pending:
            for tmp in st.tables.values():
                con.execute(f"DROP TABLE IF EXISTS {tmp}")
    return reports


def _remember_mapping(con: duckdb.DuckDBPyConnection, staged: Staged, rep: ImportReport) -> None:
    """Save the mapping that imported this file as a profile for its header."""
    from analytics.ingest.profiles import save_profile_con

    con.execute("BEGIN TRANSACTION")
    try:
        save_profile_con(con, staged.mapping, staged.headers)
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        rep.notes.append(
            f"the column mapping {staged.mapping.name!r} could not be saved as a profile"
        )
        return
    rep.notes.append(
        f"column mapping saved as profile {staged.mapping.name!r}: files with this header "
        "will import by themselves"
    )


def _log_failure(
    con: duckdb.DuckDBPyConnection, src: SourceFile, digest: str, rep: ImportReport
) -> None:
    log = ImportLog(
        import_id=next_import_id(con),
        file_name=src.name,
        sha256=digest,
        format=None,
        channel_id=None,
        status="failed",
        rows_read=rep.rows_read,
        rows_loaded=0,
        rows_rejected=len(rep.rejects),
        error=rep.error,
    )
    con.execute("BEGIN TRANSACTION")
    try:
        log_import(con, log, rep.rejects)
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
    rep.import_id = log.import_id


# Working memory of DuckDB during an import by path; temp tables beyond it spill to
# the store's ``.tmp`` folder, so a 1 GB export imports in under 1 GB of memory.
# A file whose widest step needs more is imported again without the limit.
IMPORT_MEMORY_MB = 768


def import_path_fast(
    db_path: str | os.PathLike[str] | None,
    path: str | os.PathLike[str],
    *,
    channel: str | None = None,
    options: ImportOptions | None = None,
) -> ImportReport:
    """Import one large UTF-8 CSV by path: DuckDB reads the file itself (no copy in memory).

    Stores the same rows as :func:`import_files`; falls back to it for
    other encodings and for xlsx. DuckDB works within
    :data:`IMPORT_MEMORY_MB` megabytes and spills the rest to disk.

    Parameters
    ----------
    db_path : path or None
        The store (None: the default path).
    path : path
        The export file.
    channel : str, optional
        Channel for files without a channel column.
    options : ImportOptions, optional

    Returns
    -------
    ImportReport
        ``status`` is ``loaded``, ``duplicate`` or ``failed`` (with
        ``error`` and ``rejects``).
    """
    p = Path(path)
    opts = options or ImportOptions()
    if channel is not None:
        opts.channel = channel
    with p.open("rb") as fh:
        head = fh.read(8)
    if head[:4] == b"PK\x03\x04":
        return import_files(db_path, [p], options=opts)[0]
    digest, utf8 = _sha256_and_utf8(p)  # one pass over the file for both
    if not utf8:
        return import_files(db_path, [p], options=opts)[0]
    with connect(db_path) as con:
        prior = find_loaded(con, digest)
        if prior is not None:
            return ImportReport(file_name=str(p), status="duplicate", import_id=prior)
        try:
            with _memory_budget(con, IMPORT_MEMORY_MB):
                return _import_by_path(con, p, digest, opts)
        except duckdb.OutOfMemoryException:
            # Nothing was written (one transaction): once more with DuckDB's own limit.
            return _import_by_path(con, p, digest, opts)


def _import_by_path(
    con: duckdb.DuckDBPyConnection, p: Path, digest: str, opts: ImportOptions
) -> ImportReport:
    """One attempt of :func:`import_path_fast` on an open store; its temp tables are dropped afterwards."""
    rep = ImportReport(file_name=str(p))
    prefix = f"t{os.getpid()}_{next(_counter)}"
    try:
        try:
            from analytics.ingest.formats import detect_format as det

            raw = read_csv_text(con, str(p), None, str(p), "utf-8", f"{prefix}_raw", detect=det)
            fmt = det(raw.norm_headers)
            if fmt is None:
                raise IngestError(str(p), "unknown layout; give a column mapping")
            platform, tz = _channel_info(con, opts.channel)
            ctx = ParseContext(con, raw, opts, prefix, channel_time_zone=tz or opts.time_zone)
            staged = fmt.stage(ctx)
            ctx.fail_if_rejects()
        except IngestError as exc:
            rep.error, rep.rejects, rep.rows_rejected = exc.message, exc.rejects, len(exc.rejects)
            _log_failure(con, SourceFile(str(p), b""), digest, rep)
            return rep
        _drop_temp_tables(
            con, prefix, keep=set(staged.tables.values())
        )  # the raw text is no longer needed
        now = dt.datetime.now(dt.UTC)
        channel_id, channels = _resolve_channel(staged, opts, platform, tz)
        _finalise_totals(con, staged, now.date())
        log = ImportLog(
            import_id=next_import_id(con),
            file_name=str(p),
            sha256=digest,
            format=staged.format_name,
            channel_id=channel_id,
            status="loaded",
            rows_read=staged.rows_read,
            rows_loaded=0,
            rows_rejected=0,
            period_start=staged.period_start,
            period_end=staged.period_end,
            export_date=staged.export_date,
            rank=rank_key(staged.period_end, staged.export_date, now),
        )
        rep.rows_loaded = commit_import(con, log, staged.tables, channels, channel_id)
        rep.status, rep.import_id, rep.rows_read = "loaded", log.import_id, staged.rows_read
        rep.format_label, rep.channel_id, rep.notes = staged.format_label, channel_id, staged.notes
    finally:
        _drop_temp_tables(con, prefix, keep=set())
    return rep


@contextmanager
def _memory_budget(con: duckdb.DuckDBPyConnection, megabytes: int) -> Iterator[None]:
    """Limit DuckDB's memory for the duration of the block (the setting is per database instance)."""
    setting = "SELECT current_setting('memory_limit')"
    before = str(scalar(con, setting))
    con.execute("RESET memory_limit")
    was_default = str(scalar(con, setting)) == before
    con.execute(f"SET memory_limit = '{int(megabytes)}MB'")
    try:
        yield
    finally:
        if was_default:
            con.execute("RESET memory_limit")
        else:  # a limit someone chose (shown rounded to 0.1 GiB)
            con.execute("SET memory_limit = ?", [before])


def _sha256_and_utf8(p: Path, chunk: int = 1 << 20) -> tuple[str, bool]:
    """Hex sha256 of the file and whether it is valid UTF-8 (BOM allowed), in one read."""
    h = hashlib.sha256()
    dec = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    with p.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
            if utf8:
                try:
                    dec.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
    if utf8:
        try:
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return h.hexdigest(), utf8


def _drop_temp_tables(con: duckdb.DuckDBPyConnection, prefix: str, keep: set[str]) -> None:
    """Drop this import's temp tables other than ``keep`` (frees their memory before the write)."""
    names = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ?)",
            [prefix + "_"],
        ).fetchall()
    ]
    for name in names:
        if name not in keep:
            con.execute(f"DROP TABLE IF EXISTS {quote_ident(name)}")


__all__ = [
    "FilePreview",
    "ImportReport",
    "ImportOptions",
    "preview_files",
    "import_files",
    "import_path_fast",
    "AnalyticsError",
]
