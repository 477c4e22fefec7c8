"""The importer's notes in the UI language, through the catalogues (``import_note.*`` keys).

:mod:`analytics.ingest` attaches notes to an import ("the Total row is not a
video: kept out and used as a cross-check", "column 'Date' has no year: read
as ...") in English, because the CLI prints them and ``--json`` carries them.
Each kind is matched here by one pattern and rebuilt from its catalogue entry
with its values carried over; English stays as written. A test imports files
of every layout and checks that no note is left in English in 简体中文.

Examples
--------
>>> note_text("the row-cap footer line is not data: skipped", "zh")
'行数上限的页脚行不是数据：已跳过'
"""

from __future__ import annotations

import re

from analytics.i18n import TABLE, t
from analytics.present.messages import PATTERNS as MESSAGE_PATTERNS
from analytics.present.messages import Converter, Pattern, channel_text, localize

_Q = r"""(?P<c>'[^']*'|"[^"]*"|.+?)"""  # a header as the importer quotes it (repr or bare)


def _field(column: str, lang: str) -> str:
    """A store column (``views``) by its name for people (播放量)."""
    for key in (f"display.field.{column}", f"videos.col.{column}"):
        if key in TABLE:
            return t(key, lang)
    return column


def _unquote(text: str, lang: str) -> str:
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else text


def _channel(text: str, lang: str) -> str:
    return channel_text(_unquote(text, lang), lang)


def _p(regex: str, key: str, **convert: Converter) -> Pattern:
    return Pattern(re.compile(regex, re.S), key, dict(convert))


_C: dict[str, Converter] = {"c": _unquote}
PATTERNS: tuple[Pattern, ...] = (
    # why nothing of a file could be stored (analytics.ingest.stage_one)
    _p(r"no column holds anything the store keeps", "import_note.nothing_kept"),
    # where the rows land (analytics.ingest.api)
    _p(
        r"the file has no channel column: rows land in (?P<channel>'[^']*') \(name one with "
        r"--channel\)",
        "import_note.no_channel_column",
        channel=_channel,
    ),
    _p(
        r"rows land in channel (?P<channel>'[^']*'|\"[^\"]*\"), named by the export \(name one "
        r"with --channel\)",
        "import_note.channel_from_export",
        channel=_channel,
    ),
    _p(
        r"rows land in channel (?P<channel>'[^']*'|\"[^\"]*\")",
        "import_note.channel_named",
        channel=_channel,
    ),
    _p(
        r"period taken from the download's name: (?P<a>\S+) \.\. (?P<b>\S+)",
        "import_note.period_from_name",
    ),
    _p(
        r"period taken from the files beside it: (?P<a>\S+) \.\. (?P<b>\S+)",
        "import_note.period_from_files",
    ),
    _p(
        r"the export does not say which day or period it covers: its totals are dated (?P<d>\S+) "
        r"\(.*\)",
        "import_note.no_export_day",
    ),
    _p(
        r"the same file is given twice in this import \((?P<f>.*)\); it is loaded once",
        "import_note.given_twice",
    ),
    _p(
        r"the same file was imported before \(import (?P<id>\d+) into channel "
        r"(?P<channel>'[^']*'|\"[^\"]*\")\); nothing changed",
        "import_note.imported_before_into",
        channel=_channel,
    ),
    _p(
        r"the same file was imported before \(import (?P<id>\d+)\); nothing changed",
        "import_note.imported_before",
    ),
    _p(
        r"to read it again with the export day or date order given now, undo import "
        r"(?P<id>\d+) first, then import the file again",
        "import_note.undo_to_reread",
    ),
    _p(
        r"the same file was imported meanwhile \(import (?P<id>\d+)\); nothing changed",
        "import_note.imported_meanwhile",
    ),
    # column mapping profiles (analytics.store.staging, analytics.ingest.formats.mapping)
    _p(
        r"column mapping saved as profile (?P<name>.+): files with this header will import by "
        r"themselves",
        "import_note.profile_saved",
        name=_unquote,
    ),
    _p(
        r"the column mapping (?P<name>.+) could not be saved as a profile",
        "import_note.profile_not_saved",
        name=_unquote,
    ),
    _p(
        r"columns not in the mapping, not imported: (?P<cols>.*)",
        "import_note.unmapped_columns",
    ),
    _p(
        r"no video id mapped: ids derived from platform, publish date and title \(a later export "
        r"with ids lands on the same videos\)",
        "import_note.no_id_mapped",
    ),
    # ids, totals, footers (analytics.ingest.formats.*)
    _p(
        r"no video id in this export: ids derived from platform, publish time and title",
        "import_note.no_id_export",
    ),
    _p(
        r"no video id in this table: ids derived from platform, publish date and title \(a later "
        r"export with ids lands on the same videos\)",
        "import_note.no_id_table",
    ),
    _p(
        r"the Total row is not a video: kept out and used as a cross-check",
        "import_note.total_row",
    ),
    _p(r"the row-cap footer line is not data: skipped", "import_note.footer"),
    _p(
        r"cross-check: the rows sum to the Total row's (?P<n>[\d,]+) views",
        "import_note.cross_check_ok",
    ),
    _p(
        r"cross-check: the rows sum to (?P<n>[\d,]+) views, the Total row says (?P<total>[\d,]+) "
        r"\(rows the export left out, or views of unknown location\)",
        "import_note.cross_check_gap",
    ),
    _p(
        r"no column of this file is a metric the store keeps",
        "import_note.no_kept_metric",
    ),
    _p(r"no metric column in this file", "import_note.no_metric"),
    # columns
    _p(
        rf"column {_Q} is not stored \(the table has no video id\)",
        "import_note.not_stored_no_id",
        **_C,
    ),
    _p(rf"column {_Q} is not known; not stored", "import_note.not_known", **_C),
    _p(rf"column {_Q} is not stored", "import_note.not_stored", **_C),
    _p(
        rf"column {_Q} repeats (?P<col>\w+); first one kept",
        "import_note.repeats",
        col=_field,
        **_C,
    ),
    _p(
        rf"column {_Q} is a star rating \(e\.g\. 3\.5星\), not a click-through rate: checked, "
        r"not stored",
        "import_note.star_rating",
        **_C,
    ),
    _p(
        rf"column {_Q} read month/day/year \(Meta's layout\)",
        "import_note.meta_mdy",
        **_C,
    ),
    _p(rf"dates in column {_Q} read as day/month/year", "import_note.dmy", **_C),
    _p(rf"dates in column {_Q} read as month/day/year", "import_note.mdy", **_C),
    _p(
        rf"column {_Q} has no year: read as (?P<a>\S+) \.\. (?P<b>\S+) \(the download's name "
        r"says the period starts (?P<anchor>\S+)\)",
        "import_note.yearless_from_name",
        **_C,
    ),
    _p(
        rf"column {_Q} has no year: read as (?P<a>\S+) \.\. (?P<b>\S+) \(the last row taken as "
        r"the latest such day not after (?P<anchor>\S+)\); if that is wrong, give the export day "
        r"\(--export-date\)",
        "import_note.yearless",
        **_C,
    ),
    _p(
        rf"snapshot day \(column {_Q}\) read as (?P<a>\S+) \.\. (?P<b>\S+) \(no year in the file; "
        r"taken from (?P<anchor>\S+)\)",
        "import_note.snapshot_days",
        **_C,
    ),
    _p(
        rf"snapshot day \(column {_Q}\) read as (?P<a>\S+) \(no year in the file; taken from "
        r"(?P<anchor>\S+)\)",
        "import_note.snapshot_day",
        **_C,
    ),
    # what a file holds
    _p(
        r"(?P<n>[\d,]+) works published (?P<a>\S+) \.\. (?P<b>\S+)",
        "import_note.works_published",
    ),
    _p(
        r"(?P<n>[\d,]+) fans \(stored as keyed hashes, never as given\) on (?P<v>[\d,]+) videos; "
        r"(?P<s>[\d,]+) spam-flagged",
        "import_note.fans",
    ),
    _p(
        r"(?P<n>[\d,]+) row\(s\) repeat an earlier row's event \(same (?P<c>.+)\): stored once",
        "import_note.repeated_events",
    ),
    _p(
        r"(?P<n>[\d,]+) channels; lifetime totals as of (?P<d>\S+)",
        "import_note.api_channels",
    ),
    _p(
        r"lifetime totals of the top posts as of the snapshot day",
        "import_note.top_posts",
    ),
    _p(r"posts of (?P<accounts>.+)", "import_note.posts_of"),
    _p(r"(?P<n>[\d,]+) post\(s\) with lifetime totals", "import_note.lifetime_posts"),
    _p(
        r"(?P<title>.+?) has no column in the store: checked, not stored",
        "import_note.meta_no_column",
        title=_unquote,
    ),
    _p(r"(?P<title>.+?) stored as (?P<col>\w+)", "import_note.meta_stored_as", col=_field),
    _p(
        r"the report has no rows \(no activity in its period\): nothing to store",
        "import_note.report_empty",
    ),
    _p(
        r"(?P<n>[\d,]+) channel-level row\(s\) \(empty video_id\) count in the channel's daily "
        r"totals only",
        "import_note.channel_rows",
    ),
    _p(
        r"(?P<n>[\d,]+) report rows summed per video, per day and per dimension value",
        "import_note.report_rows",
    ),
)


def note_text(note: object, lang: str) -> str:
    """One importer note in ``lang`` (English: as written; a note of no known kind: as written).

    Parameters
    ----------
    note : object
        The note as :mod:`analytics.ingest` wrote it.
    lang : str
        ``"en"`` or ``"zh"``.
    """
    return localize(note, lang, PATTERNS, rebuild_english=False)


__all__ = ["PATTERNS", "note_text"]


def _why_not_stored(text: str, lang: str) -> str:
    """The importer's notes of why nothing was stored, each in ``lang`` where it is known."""
    if lang == "en":
        return text
    return t("app.list_sep", lang).join(note_text(part.strip(), lang) for part in text.split(";"))


# Import refusals that quote the importer's notes (their reasons), before the other messages.
ERROR_PATTERNS: tuple[Pattern, ...] = (
    _p(
        r"nothing in this file can be stored \((?P<why>.*)\): (?P<n>[\d,]+) row\(s\) read, "
        r"none written; nothing was imported",
        "msg.import.nothing_storable",
        why=_why_not_stored,
    ),
    _p(
        r"no space left on the disk of the store to write the rows; nothing was written: "
        r"free some space on that disk and import again",
        "msg.import.disk_full",
    ),
    *MESSAGE_PATTERNS,
)


def import_error_text(error: object, lang: str) -> str:
    """An import's error in ``lang``: its refusals (quoting notes) and every other message."""
    return localize(error, lang, ERROR_PATTERNS)
