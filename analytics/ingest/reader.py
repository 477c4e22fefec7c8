"""Reading a file's bytes into a raw text table.

Steps: detect the encoding (BOM, strict UTF-8, else charset detection with
``charset-normalizer``), find the delimiter, find the header row (it is not
always line 1: Meta's ``sep=,`` and title lines, Xiaohongshu's banner row),
then load every cell as text into a DuckDB temp table with DuckDB's own CSV
reader (or openpyxl for ``.xlsx``). Nothing is typed here: the value parsers
in :mod:`analytics.ingest.values` convert whole columns afterwards, so a type
change at row 20,601 cannot drop a row (case C07).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from analytics.errors import IngestError, Reject
from analytics.sql_quote import quote_ident, quote_literal
from analytics.tempspace import write_temp_text

HEADER_SEARCH_ROWS = 20
_SEP_LINE = re.compile(r"^\ufeff?sep=(.)\s*$")


def normalise_header(name: str) -> str:
    """Header text as compared by detection: NFKC, no soft hyphens, trimmed, case-folded."""
    s = unicodedata.normalize("NFKC", name.replace("\u00ad", "").replace("\ufeff", ""))
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return s


@dataclass
class RawTable:
    """A file loaded as text into the DuckDB temp table ``table``.

    Columns are ``c0 .. c{n-1}`` (VARCHAR) plus ``_row`` (0-based data row).
    ``headers`` are the header cells as written (BOM removed),
    ``header_line`` the 1-based line (or sheet row) of the header.
    """

    file_name: str
    table: str
    headers: list[str]
    header_line: int
    n_rows: int
    encoding: str
    delimiter: str | None
    decimal_comma: bool
    kind: str  # "csv" or "xlsx"
    preamble: list[list[str]] = field(default_factory=list)
    _line_of: Callable[[int], int] | None = None

    @property
    def norm_headers(self) -> list[str]:
        return [normalise_header(h) for h in self.headers]

    def column(self, index: int) -> str:
        """SQL identifier of the raw text column ``index``."""
        return quote_ident(f"c{index}")

    def line_of(self, row: int) -> int:
        """1-based physical line (or sheet row) where data row ``row`` starts."""
        if self._line_of is None:
            return self.header_line + 1 + row
        return self._line_of(row)


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


def _sniff_delimiter(lines: list[str]) -> str:
    best, best_score = ",", -1.0
    sample = "\n".join(lines[:30])
    for delim in (",", ";", "\t", "|"):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delim) if r]
        except csv.Error:
            continue
        counts = [len(r) for r in rows]
        if not counts or max(counts) < 2:
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) * 10 + mode
        if mode >= 2 and score > best_score:
            best, best_score = delim, score
    return best


def decide_decimal_comma(
    con: duckdb.DuckDBPyConnection, table: str, ncols: int, default: bool
) -> bool:
    """Whether the file writes ``12,5`` for 12.5, decided from every cell of the file.

    Cells that can only be read one way vote (``12,5`` or ``1.234,5`` for a
    decimal comma; ``12.5`` or ``1,234.5`` for a decimal point); ``1,234``
    fits both and does not vote. With no vote, ``;``-separated files (the
    Excel export of comma-decimal locales) take the decimal comma. Values
    that then do not fit the file's convention become row errors.
    """
    import analytics.ingest.values as V

    if ncols == 0:
        return default
    dec_parts, pt_parts = [], []
    for i in range(ncols):
        c = quote_ident(f"c{i}")
        cell = f"trim(replace(replace({c}, chr(160), ' '), chr(8239), ' '))"
        # only cells with a comma or a point can vote; the regex runs on those alone
        dec_parts.append(
            f"count(*) FILTER (WHERE contains({c}, ',') AND regexp_full_match({cell}, "
            f"{quote_literal(V.DECIMAL_COMMA_ONLY)}))"
        )
        pt_parts.append(
            f"count(*) FILTER (WHERE contains({c}, '.') AND regexp_full_match({cell}, "
            f"{quote_literal(V.DECIMAL_POINT_ONLY)}))"
        )
    comma_votes = int(con.execute(f"SELECT {' + '.join(dec_parts)} FROM {table}").fetchall()[0][0])
    if comma_votes == 0 and not default:
        return False
    point_votes = int(con.execute(f"SELECT {' + '.join(pt_parts)} FROM {table}").fetchall()[0][0])
    if comma_votes == point_votes:
        return default
    return comma_votes > point_votes


def _find_header(
    rows: list[list[str]], file_name: str, detect: Callable[[list[str]], Any] | None
) -> int:
    """Index of the header row among the first rows."""
    if detect is not None:
        for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if detect([normalise_header(c) for c in row]) is not None:
                return i
    widths = [sum(1 for c in r if c.strip()) for r in rows[:HEADER_SEARCH_ROWS]]
    if not widths or max(widths) == 0:
        raise IngestError(file_name, "no header row found in the first lines")
    top = max(widths)
    return next(i for i, w in enumerate(widths) if w == top)


MAX_COLUMNS = 512  # real exports have at most a few dozen columns


def normalise_line_ends(text: str) -> str:
    """Text with every CR LF and lone CR turned into LF (old Mac and some Excel exports)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_ends_of(path: str | os.PathLike[str], chunk: int = 1 << 24) -> str:
    """How the lines of a file end: ``"lf"``, ``"crlf"``, ``"cr"``, ``"mixed"`` or ``"none"``."""
    crlf = cr = lf = 0
    last = b""
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            data = last + block
            # a CR at the end of a block may be the first half of a CR LF
            last = b"\r" if data.endswith(b"\r") else b""
            body = data[:-1] if last else data
            pairs = body.count(b"\r\n")
            crlf += pairs
            cr += body.count(b"\r") - pairs
            lf += body.count(b"\n") - pairs
    cr += len(last)
    kinds = [k for k, n in (("crlf", crlf), ("cr", cr), ("lf", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def read_csv_text(
    con: duckdb.DuckDBPyConnection,
    path: str | None,
    text: str | None,
    file_name: str,
    encoding: str,
    table: str,
    detect: Callable[[list[str]], Any] | None = None,
    temp_dir: str | os.PathLike[str] | None = None,
) -> RawTable:
    """Load a delimited text file into ``table`` (all cells text), losing no row silently.

    Exactly one of ``path`` (a UTF-8 file with LF or CR LF line ends that
    DuckDB reads directly) and ``text`` (decoded content; its line ends are
    normalised here) is given. Every record must have the header's number
    of fields (a row-cap footer such as ``Showing top 500 results`` at the
    end excepted); a record that does not, a quote that is never closed or
    text after a closing quote refuses the whole file with the line and
    the reason (never the line's text). A quote that swallows the next
    lines into one field (the parser's record count then disagrees with
    the lines that read as records of their own) is refused too, naming
    the line of the opening quote.

    Raises
    ------
    IngestError
        No rows, too many columns, or a malformed record.
    """
    if text is None:
        assert path is not None
        with open(path, encoding="utf-8-sig", newline="") as fh:
            head_text = normalise_line_ends(fh.read(262144))
    else:
        text = normalise_line_ends(text)
        head_text = text[:262144]
    head_lines = head_text.split("\n")[: HEADER_SEARCH_ROWS + 5]
    sep_line = 0
    delim: str | None = None
    if head_lines and (m := _SEP_LINE.match(head_lines[0])):
        delim, sep_line = m.group(1), 1
    if delim is None:
        delim = _sniff_delimiter(head_lines)
    # Parse the head with the csv module to find the header (quoted newlines respected).
    head_rows: list[list[str]] = []
    head_ends: list[int] = []
    reader = csv.reader(io.StringIO(head_text), delimiter=delim)
    try:
        for row in reader:
            if len(head_rows) >= HEADER_SEARCH_ROWS + 5:
                break
            if reader.line_num <= sep_line:
                continue
            if not row or not any(c.strip() for c in row):
                continue
            head_rows.append(row)
            head_ends.append(reader.line_num)
    except csv.Error:
        pass
    if not head_rows:
        raise IngestError(file_name, "the file has no rows")
    h = _find_header(head_rows, file_name, detect)
    headers = [c.replace("\ufeff", "") for c in head_rows[h]]
    header_line = head_ends[h]
    ncols = len(headers)
    if ncols > MAX_COLUMNS:
        raise IngestError(
            file_name,
            f"the header on line {header_line} has {ncols:,} columns; the importer reads at most "
            f"{MAX_COLUMNS} (an export has a few dozen): check the delimiter, or remove the "
            "columns you do not need",
        )
    footers = _load_csv(con, path, text, file_name, delim, header_line, ncols, table, temp_dir)
    con.execute(f"ALTER TABLE {table} ADD COLUMN _row BIGINT")
    con.execute(f"UPDATE {table} SET _row = rowid")
    for cell in footers:  # kept as rows so the formats see (and skip) them
        con.execute(
            f"INSERT INTO {table} (c0, _row) VALUES (?, (SELECT count(*) FROM {table}))", [cell]
        )
    n = int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    _check_swallowed(con, table, file_name, delim, ncols, header_line, path, text)
    decimal_comma = decide_decimal_comma(con, table, ncols, default=delim == ";")
    cache: dict[str, list[int]] = {}

    def line_of(row: int) -> int:
        starts = cache.get("starts")
        if starts is None:
            starts = _record_starts(path, text, delim, header_line)
            cache["starts"] = starts
        return starts[row] if row < len(starts) else header_line + 1 + row

    return RawTable(
        file_name=file_name,
        table=table,
        headers=headers,
        header_line=header_line,
        n_rows=n,
        encoding=encoding,
        delimiter=delim,
        decimal_comma=decimal_comma,
        kind="csv",
        preamble=head_rows[:h],
        _line_of=line_of,
    )


def _open_text(path: str | None, text: str | None) -> Any:
    if text is not None:
        return io.StringIO(text)
    assert path is not None
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115


def _record_starts(path: str | None, text: str | None, delim: str, header_line: int) -> list[int]:
    """1-based line where each data record after the header starts (blank lines skipped)."""
    starts: list[int] = []
    with _open_text(path, text) as stream:
        rdr = csv.reader(_lf_lines(stream), delimiter=delim)
        prev_end = 0
        try:
            for rec in rdr:
                begin = prev_end + 1
                prev_end = rdr.line_num
                if begin <= header_line or not rec:
                    continue
                starts.append(begin)
        except csv.Error:
            pass
    return starts


def _lf_lines(stream: Any) -> Any:
    """Lines of ``stream`` with CR LF and CR line ends read as LF."""
    for line in stream:
        yield normalise_line_ends(line) if "\r" in line else line


def _load_csv(
    con: duckdb.DuckDBPyConnection,
    path: str | None,
    text: str | None,
    file_name: str,
    delim: str,
    header_line: int,
    ncols: int,
    table: str,
    temp_dir: str | os.PathLike[str] | None,
) -> list[str]:
    """Read the records after the header into ``table``; return the footer lines kept out.

    DuckDB reads with the header's column count and no padding. When it
    refuses, the file is read once more with Python's strict CSV reader to
    say which line is wrong and why; a footer after the last record (one
    filled cell, within the last three records) is the only short record
    accepted: the records before it are read and the footer returned.
    """
    try:
        _duck_read(con, path, text, delim, header_line, ncols, table, temp_dir, file_name)
        return []
    except duckdb.OutOfMemoryException:
        raise  # not the file's fault
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        reason = first.split("Original Line")[0].strip()
    problems, footers, footer_line = _diagnose(path, text, delim, header_line, ncols)
    if problems:
        raise IngestError(
            file_name,
            f"{len(problems):,} line(s) cannot be read as records of the header's {ncols} "
            "columns; nothing was imported",
            problems[:1000],
        )
    if footer_line < 0:  # every record is short by the same columns
        width = -footer_line
        _duck_read(con, path, text, delim, header_line, width, table, temp_dir, file_name)
        for i in range(width, ncols):
            con.execute(f"ALTER TABLE {table} ADD COLUMN {quote_ident(f'c{i}')} VARCHAR")
        return []
    if not footers:
        raise IngestError(file_name, f"cannot read the file as CSV ({_no_raw(reason)})")
    full = text if text is not None else _read_text(path)
    cut = _offset_of_line(full, footer_line)
    _duck_read(con, None, full[:cut], delim, header_line, ncols, table, temp_dir, file_name)
    return footers


def _no_raw(message: str) -> str:
    """A DuckDB error line without the file's text (which may hold a fan's id)."""
    message = re.sub(r"Original Line:.*", "", message)
    return re.sub(r"\s+", " ", message).strip().rstrip(":") or "malformed CSV"


def _read_text(path: str | None) -> str:
    assert path is not None
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return normalise_line_ends(fh.read())


def _offset_of_line(text: str, line: int) -> int:
    """Offset of the start of 1-based ``line`` in LF text."""
    pos = 0
    for _ in range(line - 1):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _duck_read(
    con: duckdb.DuckDBPyConnection,
    path: str | None,
    text: str | None,
    delim: str,
    header_line: int,
    ncols: int,
    table: str,
    temp_dir: str | os.PathLike[str] | None,
    file_name: str,
) -> None:
    tmp_path = None
    if text is not None:
        # DuckDB reads files: the decoded text goes to a private file beside the store
        # (the staging folder when the store layer gives one), removed right after the read.
        folder = Path(temp_dir).parent if temp_dir else None  # the private folder beside the store
        tmp_path = write_temp_text(text, con, file_name, folder=folder)
        src = tmp_path
    else:
        src = path  # type: ignore[assignment]
    cols = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(ncols)) + "}"
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_csv({quote_literal(src)}, "
            f"delim={quote_literal(delim)}, quote='\"', escape='\"', header=false, "
            f"skip={header_line}, columns={cols}, auto_detect=false, max_line_size=10000000, "
            "strict_mode=true)"
        )
    finally:
        if tmp_path:
            os.unlink(tmp_path)


def _diagnose(
    path: str | None, text: str | None, delim: str, header_line: int, ncols: int
) -> tuple[list[Reject], list[str], int]:
    """Malformed records after the header, footers at the end, and the footer's first line.

    Every record of the wrong width is a reject with the line it starts on;
    a quote never closed, or text after a closing quote, stops the reading
    (the rest of the file cannot be told apart) and is a reject naming the
    line of the opening quote.
    """
    problems: list[Reject] = []
    short: list[tuple[int, list[str]]] = []
    n_records = 0
    with _open_text(path, text) as stream:
        rdr = csv.reader(_lf_lines(stream), delimiter=delim, strict=True)
        prev_end = 0
        while True:
            begin = prev_end + 1
            try:
                rec = next(rdr)
            except StopIteration:
                break
            except csv.Error:
                if begin > header_line:
                    line = _opening_quote_line(path, text, begin, delim)
                    reason = (
                        "a quote opened here is never closed where its value ends, so the "
                        'lines after it cannot be told apart (a quote inside a value is written "")'
                    )
                    problems.append(Reject(line=line, column=None, value=None, reason=reason))
                break
            prev_end = rdr.line_num
            if begin <= header_line or not rec:
                continue
            n_records += 1
            if len(rec) == 1 and not rec[0].strip():
                continue  # a line of spaces: DuckDB reads it as an empty record as well
            if len(rec) != ncols:
                if len(rec) > ncols and not any(c.strip() for c in rec[ncols:]):
                    continue  # trailing empty fields
                short.append((begin, rec))
    # footers: the wrong-width records are exactly the last records and each has one filled cell
    tail_ok = bool(short) and all(
        len(rec) < ncols and rec[0].strip() and not any(c.strip() for c in rec[1:])
        for _, rec in short
    )
    widths = {len(rec) for _, rec in short}
    if (
        not problems
        and len(short) == n_records
        and len(widths) == 1
        and min(widths) < ncols
        and min(widths) >= 2
    ):
        # every record has the same fewer fields (WeChat Channels writes 15 values under
        # 19 names): the last columns are empty in every row, not a damaged line
        return [], [], -min(widths)
    if tail_ok and len(short) <= 3 and not problems:
        lines_after = _records_from(path, text, delim, short[0][0])
        if lines_after == len(short):
            return [], [rec[0] for _, rec in short], short[0][0]
    for begin, rec in short:
        problems.append(
            Reject(
                line=begin,
                column=None,
                value=None,
                reason=f"{len(rec)} field(s) where the header has {ncols}",
            )
        )
    problems.sort(key=lambda r: r.line or 0)
    return problems, [], 0


def _records_from(path: str | None, text: str | None, delim: str, line: int) -> int:
    """Number of non-blank records starting at or after 1-based ``line``."""
    n = 0
    with _open_text(path, text) as stream:
        rdr = csv.reader(_lf_lines(stream), delimiter=delim)
        prev_end = 0
        for rec in rdr:
            begin = prev_end + 1
            prev_end = rdr.line_num
            if begin >= line and rec and any(c.strip() for c in rec):
                n += 1
    return n


def _opening_quote_line(path: str | None, text: str | None, begin: int, delim: str) -> int:
    """Line of the quote that opens the unclosed (or badly closed) field of the record at ``begin``."""
    full = text if text is not None else _read_text(path)
    pos = _offset_of_line(full, begin)
    line = begin
    in_quote = False
    field_start = True
    open_line = begin
    n = len(full)
    while pos < n:
        ch = full[pos]
        if in_quote:
            nxt = full.find('"', pos)
            if nxt < 0:
                return open_line
            line += full.count("\n", pos, nxt)
            if nxt + 1 < n and full[nxt + 1] == '"':
                pos = nxt + 2
                continue
            in_quote = False
            pos = nxt + 1
            if pos < n and full[pos] not in (delim, "\n"):
                return open_line  # text after the closing quote
            field_start = False
            continue
        if ch == '"' and field_start:
            in_quote, open_line = True, line
        elif ch == delim:
            field_start = True
            pos += 1
            continue
        elif ch == "\n":
            return line  # the record ended without a quote problem on this line
        field_start = False
        pos += 1
    return open_line


def _check_swallowed(
    con: duckdb.DuckDBPyConnection,
    table: str,
    file_name: str,
    delim: str,
    ncols: int,
    header_line: int,
    path: str | None,
    text: str | None,
) -> None:
    """Refuse a file where a quoted value holds lines that read as records of their own.

    The independent record count: a line inside a quoted value that splits
    into the header's number of fields is a record the quote swallowed
    (a title written over two lines does not split into a whole record).
    Only values holding a line break are looked at.
    """
    if ncols < 2:
        return
    parts = []
    for i in range(ncols):
        c = quote_ident(f"c{i}")
        parts.append(
            f"SELECT _row, {i} AS col FROM {table} WHERE contains({c}, chr(10)) AND "
            f"len(list_filter(string_split({c}, chr(10))[2:], lambda s: "
            f"len(string_split(s, {quote_literal(delim)})) >= {ncols})) > 0"
        )
    bad = con.execute(" UNION ALL ".join(parts) + " ORDER BY _row, col LIMIT 1").fetchall()
    if not bad:
        return
    row, col = int(bad[0][0]), int(bad[0][1])
    starts = _record_starts(path, text, delim, header_line)
    begin = starts[row] if row < len(starts) else header_line + 1 + row
    before = 0
    if col:
        counts = con.execute(
            "SELECT "
            + " + ".join(
                f"coalesce(length({quote_ident(f'c{j}')}) - length(replace({quote_ident(f'c{j}')}, chr(10), '')), 0)"
                for j in range(col)
            )
            + f" FROM {table} WHERE _row = ?",
            [row],
        ).fetchall()
        before = int(counts[0][0]) if counts else 0
    swallowed = con.execute(
        f"SELECT length({quote_ident(f'c{col}')}) - length(replace({quote_ident(f'c{col}')}, "
        f"chr(10), '')) FROM {table} WHERE _row = ?",
        [row],
    ).fetchall()[0][0]
    line = begin + before
    raise IngestError(
        file_name,
        f"the quote opened on line {line} runs over {int(swallowed)} more line(s) that read as "
        "records of their own (a quote never closed, or closed too late); nothing was imported",
        [
            Reject(
                line=line,
                column=None,
                value=None,
                reason="a quote opened here swallows the following lines into one value",
            )
        ],
    )


def _cell_text(value: Any) -> str | None:
    """A typed workbook cell as the text the value parsers read."""
    import datetime as dt

    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer():
            return repr(value)
        import numpy as np

        return np.format_float_positional(value, trim="-")
    if isinstance(value, dt.timedelta):
        total = value.total_seconds()
        sign = "-" if total < 0 else ""
        total = abs(total)
        h, rest = divmod(total, 3600)
        m, sec = divmod(rest, 60)
        sec_text = f"{sec:06.3f}".rstrip("0").rstrip(".") if sec % 1 else f"{int(sec):02d}"
        return f"{sign}{int(h)}:{int(m):02d}:{sec_text}"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _sheet_rows(ws: Any, limit: int | None = None) -> tuple[list[list[str | None]], list[int]]:
    rows: list[list[str | None]] = []
    row_numbers: list[int] = []
    for idx, row in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [_cell_text(v) for v in row]
        if not any(c is not None and c.strip() for c in cells):
            continue
        rows.append(cells)
        row_numbers.append(idx)
        if limit is not None and len(rows) >= limit:
            break
    return rows, row_numbers


def read_xlsx(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    table: str,
    detect: Callable[[list[str]], Any] | None = None,
) -> RawTable:
    """Load one sheet of an ``.xlsx`` workbook into ``table`` (cells as text).

    The sheet is the first whose header a format recognises (TikTok and
    Douyin workbooks hold one sheet; others may add a cover sheet), else the
    first sheet. Typed cells are written as text the value parsers read
    (``296.0``, ``2026-03-14 00:00:00``, ``0:04:23``); shared and inline
    strings (Excel, SheetJS, Apache POI writers) are kept as written.
    """
    import openpyxl
    import pandas as pd

    try:
        with warnings.catch_warnings():
            # Browser-written workbooks often have no style sheet; openpyxl warns and copes.
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise IngestError(
            file_name, f"cannot open the workbook ({type(exc).__name__}: {exc})"
        ) from None
    try:
        sheets = list(wb.worksheets)
        if not sheets:
            raise IngestError(file_name, "the workbook has no sheet")
        ws = sheets[0]
        if detect is not None and len(sheets) > 1:
            for cand in sheets:
                head_rows, _ = _sheet_rows(cand, HEADER_SEARCH_ROWS)
                if any(
                    detect([normalise_header(c or "") for c in r]) is not None for r in head_rows
                ):
                    ws = cand
                    break
        rows, row_numbers = _sheet_rows(ws)
        sheet_title = ws.title
    finally:
        wb.close()
    if not rows:
        raise IngestError(file_name, f"the sheet {sheet_title!r} is empty")
    head = [[c or "" for c in r] for r in rows[:HEADER_SEARCH_ROWS]]
    h = _find_header(head, file_name, detect)
    headers = [(c or "").strip() for c in rows[h]]
    while headers and not headers[-1]:
        headers.pop()
    ncols = len(headers)
    if ncols > MAX_COLUMNS:
        raise IngestError(
            file_name,
            f"the header on row {row_numbers[h]} has {ncols:,} columns; the importer reads at "
            f"most {MAX_COLUMNS} (an export has a few dozen): remove the columns you do not need",
        )
    beyond = [
        Reject(
            line=n,
            column=None,
            value=None,
            reason=f"a value right of the header's {ncols} columns (a column without a name)",
        )
        for r, n in zip(rows[h + 1 :], row_numbers[h + 1 :], strict=True)
        if any(c is not None and c.strip() for c in r[ncols:])
    ]
    if beyond:
        raise IngestError(
            file_name,
            f"{len(beyond):,} row(s) hold values in columns without a header; nothing was imported",
            beyond[:1000],
        )
    # rows empty in the header's columns (formatted but empty rows) are not records
    kept = [
        (r, n)
        for r, n in zip(rows[h + 1 :], row_numbers[h + 1 :], strict=True)
        if any(c is not None and c.strip() for c in r[:ncols])
    ]
    body = [(r + [None] * ncols)[:ncols] for r, _ in kept]
    lines = [n for _, n in kept]
    frame = pd.DataFrame(body, columns=[f"c{i}" for i in range(ncols)], dtype=object)
    for col in frame.columns:
        frame[col] = frame[col].astype("string")
    frame["_row"] = range(len(frame))
    con.register("_xlsx_frame", frame)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM _xlsx_frame")
    finally:
        con.unregister("_xlsx_frame")
    decimal_comma = decide_decimal_comma(con, table, ncols, default=False)
    return RawTable(
        file_name=file_name,
        table=table,
        headers=headers,
        header_line=row_numbers[h],
        n_rows=len(frame),
        encoding="xlsx",
        delimiter=None,
        decimal_comma=decimal_comma,
        kind="xlsx",
        preamble=head[:h],
        _line_of=lambda r: lines[r] if r < len(lines) else row_numbers[h] + 1 + r,
    )


def is_xlsx(data: bytes) -> bool:
    """True for a zip container holding an Excel workbook."""
    return data[:4] == b"PK\x03\x04" and b"xl/" in data[:65536]


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
