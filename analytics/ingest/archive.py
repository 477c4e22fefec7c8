"""Expanding uploads: zip archives are checked before anything is extracted.

Limits (entry count, total expanded size, compression ratio, path traversal)
are enforced from the archive's directory alone; members are then read into
memory one by one. Nothing is written to disk.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from dataclasses import dataclass

from analytics.errors import IngestError

MAX_UPLOAD_BYTES = int(os.environ.get("CREATOR_ANALYTICS_MAX_UPLOAD_MB", "200")) * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_EXPANDED = 2 * 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200


@dataclass
class SourceFile:
    """One file to import: its name as the user knows it and its bytes."""

    name: str
    data: bytes
    group: str = ""  # files of the same zip or folder share a group


def is_zip(data: bytes) -> bool:
    """True for a zip archive that is not an Office workbook."""
    return data[:4] == b"PK\x03\x04" and b"xl/workbook" not in data[:200000] and b"[Content_Types].xml" not in data[:2000]


def expand(name: str, data: bytes) -> list[SourceFile]:
    """Return the importable files of an upload (a zip's CSV/XLSX members, or the file itself).

    Raises
    ------
    IngestError
        Too large, too many entries, suspicious compression ratio, a path
        that escapes the archive, or a broken zip.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise IngestError(name, f"the file is {len(data) / 1e6:.0f} MB; the limit is "
                                f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB (CREATOR_ANALYTICS_MAX_UPLOAD_MB)")
    if not is_zip(data):
        return [SourceFile(name=name, data=data, group=posixpath.dirname(name))]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise IngestError(name, f"not a readable zip archive ({exc})") from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_ZIP_ENTRIES:
            raise IngestError(name, f"the archive has {len(infos)} entries; the limit is {MAX_ZIP_ENTRIES}")
        total = sum(i.file_size for i in infos)
        if total > MAX_ZIP_EXPANDED:
            raise IngestError(name, f"the archive expands to {total / 1e9:.1f} GB; the limit is "
                                    f"{MAX_ZIP_EXPANDED / 1e9:.0f} GB")
        for info in infos:
            member = info.filename
            norm = posixpath.normpath(member.replace("\\", "/"))
            if member.startswith(("/", "\\")) or norm.startswith("..") or ":" in norm.split("/")[0]:
                raise IngestError(name, f"the archive entry {member!r} points outside the archive")
            if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 1 << 20:
                raise IngestError(name, f"the archive entry {member!r} expands {info.file_size / info.compress_size:.0f}"
                                        f"x; refused as a possible zip bomb")
        out = []
        for info in infos:
            base = posixpath.basename(info.filename)
            if base.startswith(".") or info.filename.startswith("__MACOSX/"):
                continue
            if not base.lower().endswith((".csv", ".xlsx", ".tsv", ".txt")):
                continue
            content = zf.read(info)
            out.append(SourceFile(name=f"{name}/{info.filename}", data=content, group=name))
    if not out:
        raise IngestError(name, "the archive holds no CSV or XLSX file")
    return out
