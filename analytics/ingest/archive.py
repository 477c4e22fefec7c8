"""Expanding uploads: size limits, and zip archives checked before anything is extracted.

Limits (environment variables, read at each call):

* ``CREATOR_ANALYTICS_MAX_UPLOAD_MB`` (default 200): the largest file or
  zip accepted. The Import page's uploader has the same limit in
  ``.streamlit/config.toml`` (``server.maxUploadSize``); keep them in step.
* ``CREATOR_ANALYTICS_MAX_ZIP_ENTRIES`` (default 1000): files in one archive.
* ``CREATOR_ANALYTICS_MAX_ZIP_EXPANDED_MB`` (default 2048): total size of
  an archive's files once expanded.
* ``CREATOR_ANALYTICS_MAX_ZIP_RATIO`` (default 200): the largest expansion
  ratio of an entry above 1 MB (a zip bomb expands thousands of times).

Workbooks (``.xlsx`` files are zips) pass the same entry, size and ratio
checks before a sheet is parsed, also when they sit inside an archive
(their entries and sizes then count against the archive's limits). Every entry's name is checked for path traversal (``../``, absolute paths,
drive letters) and links, and the sizes and ratios are checked, from the
archive's directory alone, before any member is read. Members are then
read into memory one by one, never past their declared size; nothing is
written to disk. A zip inside the zip (TikTok's per-section downloads
zipped together) is expanded once more under the same limits; deeper
nesting is refused.
"""

from __future__ import annotations

import io
import posixpath
import stat
import zipfile
from dataclasses import dataclass

from analytics.errors import IngestError

DEFAULT_MAX_UPLOAD_MB = 200
MAX_UPLOAD_BYTES = (
    DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
)  # the default; max_upload_bytes() reads the setting
MAX_ZIP_ENTRIES = 1000
MAX_ZIP_EXPANDED = 2048 * 1024 * 1024
MAX_ZIP_RATIO = 200
IMPORTABLE = (".csv", ".xlsx", ".tsv", ".txt")


def _env_int(name: str, default: int) -> int:
    """The setting ``name`` (:mod:`analytics.settings`; a bad value raises ``SettingError``)."""
    from analytics.settings import get_int

    return get_int(name)


def max_upload_bytes() -> int:
    """The largest upload accepted, in bytes (``CREATOR_ANALYTICS_MAX_UPLOAD_MB``, default 200 MB)."""
    return _env_int("CREATOR_ANALYTICS_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB) * 1024 * 1024


def zip_limits() -> tuple[int, int, int]:
    """(max entries, max expanded bytes, max ratio) for archives, from the environment."""
    return (
        _env_int("CREATOR_ANALYTICS_MAX_ZIP_ENTRIES", MAX_ZIP_ENTRIES),
        _env_int("CREATOR_ANALYTICS_MAX_ZIP_EXPANDED_MB", MAX_ZIP_EXPANDED // (1024 * 1024))
        * 1024
        * 1024,
        _env_int("CREATOR_ANALYTICS_MAX_ZIP_RATIO", MAX_ZIP_RATIO),
    )


def too_large_message(size: int) -> str:
    """The message for a file over the upload limit."""
    limit = max_upload_bytes()
    return (
        f"the file is {size / 1024 / 1024:.0f} MB; the limit is {limit / 1024 / 1024:.0f} MB "
        "(set CREATOR_ANALYTICS_MAX_UPLOAD_MB, and server.maxUploadSize for the app, to change it)"
    )


@dataclass
class SourceFile:
    """One file to import: its name as the user knows it and its bytes."""

    name: str
    data: bytes
    group: str = ""  # files of the same zip or folder share a group
    path: str | None = None  # a local UTF-8 file DuckDB reads itself (``data`` is then empty)
    sha256: str | None = None


def is_zip(data: bytes) -> bool:
    """True for a zip archive that is not an Office workbook."""
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        return b"xl/workbook" not in data[:200000] and b"[Content_Types].xml" not in data[:2000]
    return not ("[Content_Types].xml" in names and any(n.startswith("xl/") for n in names))


def _unsafe_name(member: str) -> bool:
    norm = member.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return True
    parts = [p for p in norm.split("/") if p not in ("", ".")]
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else 1
        if depth < 0:
            return True
    return posixpath.normpath(norm).startswith("..")


def _check_directory(name: str, zf: zipfile.ZipFile, budget: list[int]) -> list[zipfile.ZipInfo]:
    """Check every entry of ``zf`` before reading any; return the file entries.

    ``budget`` is ``[bytes left, entries left]``, shared by a zip and the zips inside it.
    """
    max_entries, _, max_ratio = zip_limits()
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(budget) < 2:
        budget.append(max_entries)
    budget[1] -= len(infos)
    if budget[1] < 0:
        inner = "" if len(infos) > max_entries else " counting the files of the zips inside it"
        total = max(len(infos), max_entries - budget[1])
        raise IngestError(
            name, f"the archive has {total} entries{inner}; the limit is {max_entries}"
        )
    for info in infos:
        member = info.filename
        if _unsafe_name(member):
            raise IngestError(
                name, f"the archive entry {member!r} points outside the archive; refused"
            )
        mode = (info.external_attr >> 16) & 0o170000
        if mode == stat.S_IFLNK:
            raise IngestError(name, f"the archive entry {member!r} is a link; refused")
        if info.flag_bits & 0x1:
            raise IngestError(
                name,
                f"the archive entry {member!r} is encrypted; unzip it yourself and "
                "import the files",
            )
        if info.file_size > (1 << 20) and info.file_size > max_ratio * max(info.compress_size, 1):
            raise IngestError(
                name,
                f"the archive entry {member!r} expands "
                f"{info.file_size / max(info.compress_size, 1):.0f}x; refused as a possible "
                "zip bomb",
            )
    total = sum(i.file_size for i in infos)
    budget[0] -= total
    if budget[0] < 0:
        _, max_expanded, _ = zip_limits()
        raise IngestError(
            name,
            f"the archive expands to {total / 1024 / 1024:.0f} MB or more; the limit is "
            f"{max_expanded / 1024 / 1024:.0f} MB (CREATOR_ANALYTICS_MAX_ZIP_EXPANDED_MB)",
        )
    return infos


def _check_workbook(name: str, data: bytes, budget: list[int] | None = None) -> None:
    """An .xlsx is a zip too: its directory passes the same limits before a sheet is parsed.

    ``budget`` is the archive's shared ``[bytes left, entries left]`` when the
    workbook is a member of a zip: its sheets count against the archive's limits.
    """
    if budget is None:
        _, max_expanded, _ = zip_limits()
        budget = [max_expanded]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_directory(name, zf, budget)
    except zipfile.BadZipFile as exc:
        raise IngestError(name, f"not a readable workbook ({exc})") from None


def _read_member(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with zf.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise IngestError(
            name, f"the archive entry {info.filename!r} is larger than its directory says; refused"
        )
    return data


def _expand_zip(
    name: str, data: bytes, group: str, budget: list[int], depth: int
) -> list[SourceFile]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise IngestError(name, f"not a readable zip archive ({exc})") from None
    out: list[SourceFile] = []
    with zf:
        infos = _check_directory(name, zf, budget)
        for info in infos:
            base = posixpath.basename(info.filename.replace("\\", "/"))
            if base.startswith(".") or info.filename.startswith("__MACOSX/"):
                continue
            member_name = f"{name}/{info.filename}"
            lower = base.lower()
            if lower.endswith(".zip"):
                if depth >= 1:
                    raise IngestError(
                        name,
                        f"the archive entry {info.filename!r} is a zip inside a zip inside a "
                        "zip; unzip it yourself and import the files",
                    )
                try:
                    content = _read_member(name, zf, info)
                except (zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
                    raise IngestError(
                        name, f"cannot read the archive entry {info.filename!r} ({exc})"
                    ) from None
                out += _expand_zip(member_name, content, member_name, budget, depth + 1)
                continue
            if not lower.endswith(IMPORTABLE):
                continue
            try:
                content = _read_member(name, zf, info)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
                raise IngestError(
                    name, f"cannot read the archive entry {info.filename!r} ({exc})"
                ) from None
            if (
                content[:4] == b"PK\x03\x04"
            ):  # a workbook in the archive: its sheets are checked too
                _check_workbook(member_name, content, budget)
            out.append(SourceFile(name=member_name, data=content, group=group))
    return out


def expand(name: str, data: bytes, *, capped: bool = True) -> list[SourceFile]:
    """Return the importable files of an upload (a zip's CSV/XLSX members, or the file itself).

    Parameters
    ----------
    name : str
        The upload's name (a zip's members are named ``name/member``).
    data : bytes
        Its content.
    capped : bool
        Apply the upload limit (uploads through the app); a local file the
        user names on the command line is not capped. Archive limits apply
        to both.

    Returns
    -------
    list of SourceFile
        Members of one zip share a ``group`` (their period is shared).

    Raises
    ------
    IngestError
        Too large, too many entries, suspicious compression ratio, a path
        that escapes the archive, a link or encrypted entry, a broken zip,
        or an archive without CSV/XLSX files.
    """
    if capped and len(data) > max_upload_bytes():
        raise IngestError(name, too_large_message(len(data)))
    if not is_zip(data):
        if data[:4] == b"PK\x03\x04":
            _check_workbook(name, data)
        return [SourceFile(name=name, data=data, group=posixpath.dirname(name.replace("\\", "/")))]
    _, max_expanded, _ = zip_limits()
    out = _expand_zip(name, data, name, [max_expanded], 0)
    if not out:
        raise IngestError(name, "the archive holds no CSV or XLSX file")
    return out
