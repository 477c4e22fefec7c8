"""Staging one export file: read its text or workbook, detect its format, convert its values.

A saved column profile whose header signature matches wins over detection;
YouTube Studio file names (``Table data.csv``, ``Chart data.csv``, ``Totals.csv``)
help detection where the headers are shared. Re-exported by
:mod:`analytics.ingest.api`.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import posixpath
from pathlib import Path
from typing import Any

import duckdb

from analytics.errors import IngestError
from analytics.ingest.archive import SourceFile
from analytics.ingest.formats import detect_format
from analytics.ingest.formats.base import (
    ImportOptions,
    ParseContext,
    Staged,
    UnknownLayoutError,
)
from analytics.ingest.names import name_hints
from analytics.ingest.reader import (
    decode,
    file_is_utf8,
    is_xlsx,
    line_ends_of,
    read_csv_text,
    read_xlsx,
)
from analytics.ingest.results import (
    StoreFacts,
)
from analytics.tempspace import write_temp_text

_counter = itertools.count()
# Files larger than this are read by DuckDB from a path, never decoded into memory.
BY_PATH_BYTES = 32 * 1024 * 1024
# Names YouTube Studio gives the files of a download, in the UI languages EXPORT_FORMATS.md lists.
STUDIO_FILE_NAMES = {
    "table data.csv",
    "chart data.csv",
    "totals.csv",
    "tabellendaten.csv",
    "diagrammdaten.csv",
    "gesamtwerte.csv",
    "dados da tabela.csv",
    "dados do gráfico.csv",
    "total.csv",
    "datos de la tabla.csv",
    "datos del gráfico.csv",
    "totales.csv",
    "données du tableau.csv",
    "données du graphique.csv",
    "totaux.csv",
    "表データ.csv",
    "グラフデータ.csv",
    "合計.csv",
    "表格資料.csv",
    "圖表資料.csv",
    "總計.csv",
}


def _read(
    con: duckdb.DuckDBPyConnection,
    src: SourceFile,
    table: str,
    detect: Any,
    temp_dir: str | None,
) -> Any:
    if src.path is not None:
        return read_csv_text(
            con, src.path, None, src.name, "utf-8", table, detect=detect, temp_dir=temp_dir
        )
    if len(src.data) == 0:
        raise IngestError(src.name, "the file is empty")
    if is_xlsx(src.data):
        return read_xlsx(con, src.data, src.name, table, detect=detect)
    if temp_dir is not None and len(src.data) > BY_PATH_BYTES:
        raw = _read_large(con, src, table, detect, temp_dir)
        if raw is not None:
            return raw
    text, encoding = decode(src.data, src.name, detect=detect)
    return read_csv_text(
        con, None, text, src.name, encoding, table, detect=detect, temp_dir=temp_dir
    )


def _read_large(
    con: duckdb.DuckDBPyConnection,
    src: SourceFile,
    table: str,
    detect: Any,
    temp_dir: str,
) -> Any:
    """A large CSV held in memory (a zip member, an upload), read the way a large local file is.

    Decoding it into text would hold the file two or three times over in
    memory, outside DuckDB's limit (a 112 MB member of a zip peaked near
    twice the import's memory limit). Its bytes go once to a private copy
    beside the store that DuckDB reads from its path; the copy is removed
    right after the read, and by the next start after a kill; the source's
    bytes are released once they are on disk (its ``sha256`` is kept). Returns None
    (the caller decodes as usual) when the bytes are not UTF-8 with one kind
    of line end.
    """
    copy = write_temp_text(src.data, None, src.name, folder=Path(temp_dir).parent)
    try:
        small = 1 << 20  # read in small blocks: DuckDB already has the memory left
        if not (
            file_is_utf8(Path(copy), small) and line_ends_of(copy, small) in ("lf", "crlf", "none")
        ):
            return None
        # The bytes are on disk now: let them go while DuckDB reads (the digest is kept).
        # A source is staged once; nothing reads its bytes afterwards.
        src.sha256 = src.sha256 or hashlib.sha256(src.data).hexdigest()
        src.data = b""
        return read_csv_text(
            con, copy, None, src.name, "utf-8", table, detect=detect, temp_dir=temp_dir
        )
    finally:
        os.unlink(copy)


def _choose_format(raw: Any, options: ImportOptions, facts: StoreFacts) -> Any:
    """The given mapping, else a saved profile for this header, else a detected format, else None."""
    from analytics.ingest.formats.mapping import ColumnMapping, MappedFormat
    from analytics.ingest.profiles import header_signature

    if options.mapping is not None and options.mapping.matches(raw.norm_headers):
        return MappedFormat(options.mapping, "mapping")
    saved = facts.profiles.get(header_signature(raw.headers))
    if saved is not None:
        return MappedFormat(ColumnMapping.from_json(saved[1], default_name=saved[0]), "profile")
    return detect_format(raw.norm_headers)


def _detector(options: ImportOptions, facts: StoreFacts) -> Any:
    """Header-row test used while searching for the header: a format, the mapping, or a saved profile."""
    from analytics.ingest.profiles import header_signature

    def det(norm_headers: list[str]) -> Any:
        if options.mapping is not None and options.mapping.matches(norm_headers):
            return options.mapping
        if facts.profiles and header_signature(norm_headers) in facts.profiles:
            return True
        return detect_format(norm_headers)

    return det


def stage_file(
    con: duckdb.DuckDBPyConnection,
    src: SourceFile,
    options: ImportOptions,
    facts: StoreFacts,
    temp_dir: str | None = None,
) -> Staged:
    """Read and convert one file into staged temp tables of ``con``.

    Raises
    ------
    UnknownLayoutError, AmbiguousDateOrderError, IngestError
        Nothing of the file is kept.
    """
    prefix = f"t{os.getpid()}_{next(_counter)}"
    raw = _read(con, src, f"{prefix}_raw", _detector(options, facts), temp_dir)
    fmt = _choose_format(raw, options, facts)
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
    hints = name_hints(src.name)
    tz = facts.channel_time_zone if options.channel else None
    ctx = ParseContext(
        con, raw, options, prefix, channel_time_zone=tz or options.time_zone, hints=hints
    )
    ctx.fan_secret = facts.fan_secret
    staged = fmt.stage(ctx)
    ctx.fail_if_rejects()
    if not staged.tables and staged.rows_read > staged.skipped_rows:
        # Rows were read and none would be written: say so, never "loaded, 0 rejected".
        why = "; ".join(staged.notes) or "no column holds anything the store keeps"
        raise IngestError(
            src.name,
            f"nothing in this file can be stored ({why}): "
            f"{staged.rows_read - staged.skipped_rows:,} row(s) read, none written; nothing "
            "was imported",
        )
    con.execute(f"DROP TABLE IF EXISTS {raw.table}")  # the raw text is no longer needed
    staged.headers = list(raw.headers)
    staged.mapping = (
        getattr(fmt, "mapping", None) if getattr(fmt, "source", "") == "mapping" else None
    )
    if staged.period_end is None and hints.period_end is not None and hints.source != "tiktok":
        staged.period_start, staged.period_end = hints.period_start, hints.period_end
        staged.notes.append(
            f"period taken from the download's name: {hints.period_start} .. {hints.period_end}"
        )
    base = posixpath.basename(src.name.replace("\\", "/")).casefold()
    if staged.platform == "generic" and (hints.source == "youtube" or base in STUDIO_FILE_NAMES):
        staged.platform = "youtube"
    elif staged.platform == "generic" and hints.source == "tiktok":
        staged.platform = "tiktok"
    if staged.channel_hint is None and hints.channel_name and hints.source in ("youtube", "tiktok"):
        staged.channel_hint = hints.channel_name
    if staged.export_date is None:
        staged.export_date = options.export_date
    if staged.period_start is None and staged.period_end is None and staged.export_date is not None:
        staged.period_end = staged.export_date
    return staged
