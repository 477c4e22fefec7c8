"""Importing export files: the one door pages and the CLI use.

Steps of :func:`import_files`: expand the inputs (zips, uploads capped,
local files not), ask the store for what it knows in one short look,
parse every file in a staging connection the store layer provides (the
store file is not open meanwhile), and hand the staged tables to the store
writer, which writes each file in one transaction while it holds the lock.
The caller's :class:`ImportOptions` are never changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from analytics.ingest.api import (
    FileInput,
    FilePreview,
    ImportReport,
    StagedFile,
    StoreFacts,
    gather_sources,
    preview_batch,
    stage_batch,
    with_channel,
)
from analytics.ingest.formats.base import ImportOptions
from analytics.store.staging import (
    WriteRequest,
    read_import_facts,
    staging_connection,
    write_batch,
)

Progress = Callable[[str, str], None]


def _facts(
    db_path: str | os.PathLike[str] | None, digests: list[str], channel: str | None
) -> StoreFacts:
    raw = read_import_facts(db_path, digests, channel)
    return StoreFacts(
        loaded=raw["loaded"],
        channel_platform=raw["platform"],
        channel_time_zone=raw["time_zone"],
        profiles=raw["profiles"],
        fan_secret=raw["fan_secret"],
    )


def _digests(sources: list[Any]) -> list[str]:
    from analytics.ingest.api import sha256_of

    out = []
    for src in sources:
        if hasattr(src, "data"):
            src.sha256 = src.sha256 or sha256_of(src.data)
            out.append(src.sha256)
    return out


def import_files(
    db_path: str | os.PathLike[str] | None,
    files: Sequence[FileInput],
    *,
    channel: str | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> list[ImportReport]:
    """Import files into the store, each file in its own transaction.

    Parameters
    ----------
    db_path : path or None
        The store (None: the default path).
    files : sequence of (name, bytes) or paths
        Uploads (capped by ``CREATOR_ANALYTICS_MAX_UPLOAD_MB``) or local
        files (not capped); zips are expanded. The files of one zip or
        folder, or uploads given together, are one download: one channel,
        one period, whatever their order.
    channel : str, optional
        Channel for files without a channel column.
    options : ImportOptions, optional
        Not modified.
    progress : callable, optional
        Called with ``(step, file name)`` for each file read and written.

    Returns
    -------
    list of ImportReport
        ``status`` is ``loaded``, ``duplicate`` (loaded before, or given
        twice: nothing changes) or ``failed`` (nothing written; ``error``
        and ``rejects`` say why).
    """
    opts = with_channel(options, channel)
    sources = gather_sources(files)
    facts = _facts(db_path, _digests(sources), opts.channel)
    with staging_connection(db_path) as (con, temp_dir):
        batch = stage_batch(con, sources, opts, facts, temp_dir=temp_dir, progress=progress)
        requests = [_request(item, opts) for item in batch]
        write_batch(db_path, con, [r for r in requests if r is not None], progress=progress)
    for item, req in zip(batch, requests, strict=True):
        if req is not None:
            _report(item, req)
    return [item.report for item in batch]


def _request(item: StagedFile, opts: ImportOptions) -> WriteRequest | None:
    rep, st = item.report, item.staged
    if rep.status == "duplicate" or not item.sha256:
        return None
    if st is None:
        return WriteRequest(
            file_name=item.src_name,
            sha256=item.sha256,
            status="failed",
            error=rep.error,
            rejects=rep.rejects,
        )
    profile = None
    if st.mapping is not None and opts.save_profile:
        from analytics.ingest.profiles import header_signature

        profile = (st.mapping.name, header_signature(st.headers), st.mapping.to_json())
    return WriteRequest(
        file_name=item.src_name,
        sha256=item.sha256,
        status="loaded",
        format=st.format_name,
        channel_id=rep.channel_id,
        channels=item.channels,
        tables=dict(st.tables),
        rows_read=st.rows_read,
        period_start=st.period_start,
        period_end=st.period_end,
        export_date=st.export_date,
        profile=profile,
    )


def _report(item: StagedFile, req: WriteRequest) -> None:
    rep = item.report
    rep.import_id = req.import_id
    rep.notes = list(rep.notes) + req.notes
    if req.status == "duplicate":
        rep.status = "duplicate"
        rep.notes.append(
            f"the same file was imported meanwhile (import {req.duplicate_of}); nothing changed"
        )
    elif req.status == "loaded":
        rep.status, rep.rows_loaded = "loaded", req.rows_loaded
    else:
        rep.status, rep.error = "failed", req.error


def import_path(
    db_path: str | os.PathLike[str] | None,
    path: str | os.PathLike[str],
    *,
    channel: str | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one local file (a large UTF-8 CSV is read by DuckDB from its path)."""
    return import_files(db_path, [Path(path)], channel=channel, options=options, progress=progress)[
        0
    ]


def preview_files(
    files: Sequence[FileInput],
    *,
    channel: str | None = None,
    options: ImportOptions | None = None,
    db_path: str | os.PathLike[str] | None = None,
    head: int = 20,
) -> list[FilePreview]:
    """Parse files and show what an import would write, without writing.

    With ``db_path``, saved column profiles and the named channel's time
    zone apply as they would on import (the store is read, never written).
    """
    opts = with_channel(options, channel)
    sources = gather_sources(files)
    facts = StoreFacts()
    if db_path is not None and Path(db_path).exists():
        facts = _facts(db_path, [], opts.channel)
    with staging_connection(db_path) as (con, temp_dir):
        return preview_batch(con, sources, opts, facts, head=head, temp_dir=temp_dir)


__all__ = [
    "ImportOptions",
    "ImportReport",
    "FilePreview",
    "import_files",
    "import_path",
    "preview_files",
]
