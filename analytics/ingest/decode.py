"""Bytes of an export to text: BOMs, UTF-16 without a BOM, and the legacy encodings.

A file is decoded strictly (a wrong guess is an error, never mojibake): UTF-8
first, then the encoding charset-normalizer finds, then a short list of
fallbacks, each accepted only when it yields a known header. Re-exported by
:mod:`analytics.ingest.reader`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analytics.errors import IngestError
from analytics.ingest.raw_table import _SEP_LINE as _SEP_LINE
from analytics.ingest.raw_table import HEADER_SEARCH_ROWS as HEADER_SEARCH_ROWS  # re-exported
from analytics.ingest.raw_table import MAX_COLUMNS as MAX_COLUMNS
from analytics.ingest.raw_table import RawTable as RawTable
from analytics.ingest.raw_table import _find_header as _find_header
from analytics.ingest.raw_table import _sniff_delimiter as _sniff_delimiter
from analytics.ingest.raw_table import decide_decimal_comma as decide_decimal_comma
from analytics.ingest.raw_table import normalise_header as normalise_header
from analytics.ingest.raw_table import normalise_line_ends as normalise_line_ends

_FAMILIES = (
    # charset-normalizer's guess -> the codec we decode with (the superset of its family)
    (("gb2312", "gbk", "gb18030", "hz"), "gb18030"),
    (("big5", "big5hkscs", "cp950"), "big5hkscs"),
    (
        (
            "shift_jis",
            "shift_jis_2004",
            "shift_jisx0213",
            "cp932",
            "euc_jp",
            "euc_jis_2004",
            "euc_jisx0213",
            "iso2022_jp",
        ),
        "cp932",
    ),
    (("euc_kr", "cp949", "johab", "iso2022_kr"), "cp949"),
    (
        (
            "cp1251",
            "koi8_r",
            "koi8_u",
            "iso8859_5",
            "mac_cyrillic",
            "cp866",
            "cp855",
            "kz1048",
            "ptcp154",
        ),
        "cp1251",
    ),
    (("cp1253", "iso8859_7", "mac_greek"), "cp1253"),
    (("cp1254", "iso8859_9", "mac_turkish"), "cp1254"),
)
_FALLBACKS = ("gb18030", "cp1252", "big5hkscs", "cp932", "cp1251", "cp949")


def _family(encoding: str) -> str:
    """The codec used for charset-normalizer's guess ``encoding`` (Latin guesses read as cp1252)."""
    enc = encoding.lower().replace("-", "_")
    for names, codec in _FAMILIES:
        if enc in names:
            return codec
    if enc in ("utf_8", "ascii", "utf_16", "utf_32"):
        return enc
    # cp1250/1252/1257/1258, iso8859_x, hp_roman8, mac_roman, cp437... : Western single-byte text.
    return "cp1252"


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def decode(
    data: bytes, file_name: str, detect: Callable[[list[str]], Any] | None = None
) -> tuple[str, str]:
    """Decode file bytes to text.

    UTF-8 (with or without BOM) and UTF-16 (LE/BE, with or without BOM)
    are recognised from the bytes. Other encodings (GB18030/GBK from
    Chinese Excel, case C04; Big5, Shift-JIS, cp1252, ...) are detected
    with ``charset-normalizer``; when ``detect`` is given, a candidate
    encoding is only taken if it yields a header row a format recognises,
    so a wrong guess never puts mojibake in the store.

    Returns
    -------
    (text, encoding)
        ``encoding`` is the name used (``utf-8``, ``utf-8-sig``, ``utf-16``,
        ``gb18030``, ...).

    Raises
    ------
    IngestError
        Empty file, or bytes that no encoding explains without loss.
    """
    if not data.strip(b"\x00 \r\n\t\xef\xbb\xbf\xff\xfe"):
        raise IngestError(file_name, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", file_name), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", file_name), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _strict(data, utf16, file_name), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    if _mostly_utf8(data):
        raise IngestError(
            file_name,
            f"the file is UTF-8 text except byte {utf8_error.start} (mixed encodings); "
            "save it again as 'CSV UTF-8' and import it again",
        )
    guesses = [_family(m.encoding) for m in from_bytes(data[: 1 << 20])]
    if guesses and guesses[0] in ("utf_8", "ascii"):
        raise IngestError(
            file_name,
            f"the file is UTF-8 text except byte {utf8_error.start} (mixed encodings); "
            "save it again as 'CSV UTF-8' and import it again",
        )
    order = list(
        dict.fromkeys(g for g in guesses if g not in ("utf_8", "ascii", "utf_16", "utf_32"))
    )
    candidates = order + [f for f in _FALLBACKS if f not in order]
    decoded: list[tuple[str, str]] = []
    for enc in candidates:
        try:
            decoded.append((data.decode(enc), enc))
        except (UnicodeDecodeError, LookupError):
            continue
    if detect is not None:
        for text, enc in decoded:
            if _has_known_header(text, detect):
                return text, enc
    for text, enc in decoded:
        if enc in order[:1]:
            return text, enc
    raise IngestError(
        file_name,
        "cannot tell the text encoding; save the file as 'CSV UTF-8' and import it again",
    )


def _mostly_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 sequences (a UTF-8 file with a few foreign bytes).

    Text in a legacy multi-byte encoding (GBK, Big5, Shift-JIS) forms valid
    UTF-8 sequences only by chance, for a small share of its bytes.
    """
    non_ascii = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    if non_ascii == 0:
        return False
    invalid = len(re.findall("[\udc80-\udcff]", data.decode("utf-8", errors="surrogateescape")))
    return (non_ascii - invalid) / non_ascii > 0.5


def _has_known_header(text: str, detect: Callable[[list[str]], Any]) -> bool:
    lines = text[:65536].splitlines()[: HEADER_SEARCH_ROWS + 5]
    delim = _sniff_delimiter(lines)
    try:
        rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delim))
    except csv.Error:
        return False
    return any(detect([normalise_header(c) for c in row]) is not None for row in rows if row)


def _strict(data: bytes, encoding: str, file_name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            file_name,
            f"the file says it is {encoding} but byte {exc.start} is not valid {encoding}",
        ) from None


def file_is_utf8(path: Path, chunk: int = 1 << 24) -> bool:
    """Stream ``path`` and report whether it is valid UTF-8 (BOM allowed), without loading it."""
    dec = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        while True:
            block = fh.read(chunk)
            try:
                dec.decode(block, final=not block)
            except UnicodeDecodeError:
                return False
            if not block:
                return True
