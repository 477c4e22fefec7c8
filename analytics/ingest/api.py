"""Staging a batch of export files: read, detect, convert, in a connection the store layer gives.

This module never opens or writes the store. :mod:`analytics.services.imports`
asks the store layer for the facts an import needs (files loaded before, the
channel's platform and time zone, saved column profiles) and for a staging
DuckDB connection, calls :func:`stage_batch` to parse every file in it, and
hands the staged tables to the store writer, which writes each file in one
transaction. The files of one download (a zip, a folder, or uploads given
together) land in one channel and one period, whatever their order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import posixpath
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from analytics.errors import AnalyticsError, IngestError, Reject
from analytics.ingest.archive import SourceFile, expand, is_zip
from analytics.ingest.downloads import unify_downloads
from analytics.ingest.formats.base import (
    AmbiguousDateOrderError,
    ImportOptions,
    Staged,
    UnknownLayoutError,
)
from analytics.ingest.platform_check import platform_clash as platform_clash
from analytics.ingest.platform_check import same_platform as same_platform
from analytics.ingest.reader import (
    file_is_utf8,
    line_ends_of,
)
from analytics.ingest.results import (
    FileInput,
    FilePreview,
    ImportReport,
    Progress,
    StagedFile,
    StoreFacts,
)
from analytics.ingest.stage_one import BY_PATH_BYTES as _BY_PATH_BYTES
from analytics.ingest.stage_one import stage_file

DEFAULT_TIME_ZONES = {
    "douyin": "Asia/Shanghai",
    "kuaishou": "Asia/Shanghai",
    "bilibili": "Asia/Shanghai",
    "xiaohongshu": "Asia/Shanghai",
    "wechat_channels": "Asia/Shanghai",
}


# A local UTF-8 file larger than this is read by DuckDB from its path (no copy in memory).
BY_PATH_BYTES = _BY_PATH_BYTES  # a large local file is read from its path (test hook)


def sha256_of(data: bytes) -> str:
    """Hex sha256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


def _sha256_file(p: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with p.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def gather_sources(files: Iterable[FileInput]) -> list[SourceFile | IngestError]:
    """The importable files of a batch: uploads (capped) and local paths (not capped).

    Zips are expanded (their members share a group: one download); a local
    file shares the group of its folder; uploads given together share one
    group. A large local UTF-8 CSV with one kind of line end is left on disk
    for DuckDB to read from its path.
    """
    out: list[SourceFile | IngestError] = []
    for f in files:
        if isinstance(f, tuple):
            name, data = f
            try:
                found = expand(name, data, capped=True)
            except IngestError as exc:
                out.append(exc)
                continue
            if len(found) == 1 and found[0].name == name:
                found[0].group = "<uploads>"  # uploads given together are one download
            out.extend(found)
            continue
        p = Path(f)
        name = str(p)
        try:
            size = p.stat().st_size
            with p.open("rb") as fh:
                head = fh.read(4)
            if (
                size > BY_PATH_BYTES
                and head != b"PK\x03\x04"
                and p.suffix.lower() in (".csv", ".tsv", ".txt")
                and file_is_utf8(p)
                and line_ends_of(p) in ("lf", "crlf", "none")
            ):
                group = posixpath.dirname(name.replace("\\", "/"))
                out.append(
                    SourceFile(name=name, data=b"", group=group, path=name, sha256=_sha256_file(p))
                )
                continue
            data = p.read_bytes()
        except OSError as exc:
            out.append(IngestError(name, f"cannot read the file ({exc.strerror})"))
            continue
        try:
            out.extend(expand(name, data, capped=False))
        except IngestError as exc:
            out.append(exc)
    return out


def _resolve_channel(
    staged: Staged, options: ImportOptions, facts: StoreFacts
) -> tuple[str | None, list[dict[str, Any]]]:
    channels = list(staged.channels)
    if not staged.needs_channel:
        return None, channels
    existing = facts.channel_platform if options.channel else None
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
    if existing is None:
        channels.append(
            {
                "channel_id": channel_id,
                "platform": staged.platform,
                "display_name": channel_id,
                "time_zone": (facts.channel_time_zone if options.channel else None)
                or options.time_zone
                or DEFAULT_TIME_ZONES.get(staged.platform, "UTC"),
            }
        )
    return channel_id, channels


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


def _fail(rep: ImportReport, exc: IngestError) -> None:
    rep.error, rep.rejects, rep.rows_rejected = exc.message, exc.rejects, len(exc.rejects)
    if isinstance(exc, UnknownLayoutError):
        rep.headers = exc.headers


def stage_batch(
    con: duckdb.DuckDBPyConnection,
    sources: Sequence[SourceFile | IngestError],
    options: ImportOptions,
    facts: StoreFacts,
    *,
    temp_dir: str | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> list[StagedFile]:
    """Stage every file of a batch in ``con``; nothing is written to the store.

    Files loaded before (same sha256) and files given twice in the batch are
    reported as duplicates and not parsed again. Files of one download are
    unified (:func:`analytics.ingest.downloads.unify_downloads`), then each gets its channel and its
    totals their date.

    Returns
    -------
    list of StagedFile
        In the order of the sources; ``staged`` is None for a failed or
        duplicate file (its report says why).
    """
    out: list[StagedFile] = []
    seen: dict[str, str] = {}
    for src in sources:
        if isinstance(src, IngestError):
            rep = ImportReport(file_name=src.file_name)
            _fail(rep, src)
            out.append(StagedFile(src.file_name, "", rep))
            continue
        digest = src.sha256 or sha256_of(src.data)
        rep = ImportReport(file_name=src.name)
        item = StagedFile(src.name, digest, rep, group=src.group)
        out.append(item)
        if digest in seen:
            rep.status = "duplicate"
            rep.notes.append(
                f"the same file is given twice in this import ({seen[digest]}); it is loaded once"
            )
            continue
        seen[digest] = src.name
        prior = facts.loaded.get(digest)
        wanted = (options.channel or "").strip()
        if prior is not None and wanted and prior[1] and wanted != prior[1]:
            # Same bytes asked into another channel: never "skipped" as if it landed there.
            rep.status = "failed"
            rep.error = (
                f"this file is already in channel {prior[1]!r} (import {prior[0]}), not in "
                f"{wanted!r}; to move it, undo import {prior[0]} and import the file again, "
                f"or merge the two channels"
            )
            continue
        if prior is not None:
            rep.status, rep.import_id = "duplicate", prior[0]
            into = f" into channel {prior[1]!r}" if prior[1] else ""
            rep.notes.append(
                f"the same file was imported before (import {prior[0]}{into}); nothing changed"
            )
            if options.export_date is not None or options.date_order is not None:
                # The export day or date order given now was not applied: say how to apply it.
                rep.notes.append(
                    f"to read it again with the export day or date order given now, undo "
                    f"import {prior[0]} first, then import the file again"
                )
            continue
        if progress is not None:
            progress("read", src.name)
        try:
            item.staged = stage_file(con, src, options, facts, temp_dir)
        except AmbiguousDateOrderError as exc:
            _fail(rep, exc)
        except IngestError as exc:
            _fail(rep, exc)
        except duckdb.OutOfMemoryException:
            rep.error = (
                "the file needs more working memory than the import limit allows; raise "
                "CREATOR_ANALYTICS_IMPORT_MEMORY_MB and import it again"
            )
        except duckdb.Error as exc:
            rep.error = f"cannot read the file ({_one_line(exc)})"
    unify_downloads([(it.group, it.staged) for it in out if it.staged is not None])
    day = today or dt.datetime.now(dt.UTC).date()
    # A channel this batch creates takes the platform of its first file: a second
    # file of another platform in the same batch is refused as for an existing channel.
    batch_facts = facts
    for it in out:
        st = it.staged
        if st is None:
            continue
        it.report.format_label, it.report.rows_read = st.format_label, st.rows_read
        if (clash := platform_clash(it.report.file_name, st, options, batch_facts)) is not None:
            it.report.error, it.staged = clash, None  # refused: nothing of it is written
            continue
        if (
            options.channel
            and st.needs_channel
            and batch_facts.channel_platform in (None, "", "generic", "meta")
            and st.platform not in (None, "", "generic", batch_facts.channel_platform)
        ):
            # the first file names the platform ("Meta" narrows to Facebook or Instagram)
            batch_facts = dataclasses.replace(batch_facts, channel_platform=st.platform)
        channel_id, it.channels = _resolve_channel(st, options, facts)
        it.report.channel_id = channel_id
        _finalise_totals(con, st, day)
        it.report.notes = st.notes
        it.report.period_start, it.report.period_end = st.period_start, st.period_end
    return out


def _one_line(exc: BaseException) -> str:
    """An engine error's first line, without any text of the file."""
    from analytics.ingest.reader import _no_raw

    text = str(exc).strip().splitlines()
    return _no_raw(text[0]) if text else type(exc).__name__


def preview_batch(
    con: duckdb.DuckDBPyConnection,
    sources: Sequence[SourceFile | IngestError],
    options: ImportOptions,
    facts: StoreFacts,
    *,
    head: int = 20,
    temp_dir: str | None = None,
) -> list[FilePreview]:
    """What an import of the sources would write (parsed in ``con``; nothing is written)."""
    previews: list[FilePreview] = []
    staged_list: list[tuple[SourceFile, Staged, FilePreview]] = []
    for src in sources:
        if isinstance(src, IngestError):
            previews.append(
                FilePreview(file_name=src.file_name, error=src.message, rejects=src.rejects)
            )
            continue
        pv = FilePreview(file_name=src.name)
        previews.append(pv)
        try:
            staged = stage_file(con, src, options, facts, temp_dir)
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
        except duckdb.Error as exc:
            pv.error = f"cannot read the file ({_one_line(exc)})"
            continue
        pv.headers = staged.headers
        staged_list.append((src, staged, pv))
    unify_downloads([(s.group, st) for s, st, _ in staged_list])
    for _src, staged, pv in staged_list:
        _finalise_totals(con, staged, dt.date.today())
        pv.format_label, pv.rows_read = staged.format_label, staged.rows_read
        pv.period_start, pv.period_end = staged.period_start, staged.period_end
        pv.needs_channel, pv.notes = staged.needs_channel, staged.notes
        for target, tmp in staged.tables.items():
            pv.row_counts[target] = int(con.execute(f"SELECT count(*) FROM {tmp}").fetchall()[0][0])
            pv.tables[target] = con.execute(f"SELECT * FROM {tmp} LIMIT {int(head)}").df()
    return previews


def with_channel(options: ImportOptions | None, channel: str | None) -> ImportOptions:
    """A copy of ``options`` with ``channel`` set when given (the caller's object is not changed)."""
    opts = options or ImportOptions()
    if channel is not None:
        return dataclasses.replace(opts, channel=channel)
    return dataclasses.replace(opts)


__all__ = [
    "stage_file",
    "FileInput",
    "FilePreview",
    "ImportReport",
    "Progress",
    "StagedFile",
    "StoreFacts",
    "ImportOptions",
    "gather_sources",
    "preview_batch",
    "stage_batch",
    "with_channel",
    "AnalyticsError",
    "Reject",
    "is_zip",
]
