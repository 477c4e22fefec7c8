"""Import: drop exports (or a zip), check the preview, import, read the report.

Case C17: each upload is read once per run with ``getvalue()`` (never
``read()``, whose stream is at its end after the first read), and the
(name, sha256) of every file imported in this session is kept in Session
State so that a rerun never imports it twice. The store itself also skips a
file whose sha256 was already loaded.
"""

from __future__ import annotations

import hashlib
import zoneinfo

import pandas as pd
import streamlit as st

from analytics import charts
from analytics.errors import AnalyticsError
from analytics.store import queries
from dashboard import common

try:
    from analytics.ingest import ImportOptions, import_files, preview_files
except ImportError:  # the importer is not part of this build
    ImportOptions = import_files = preview_files = None

IMPORTED_KEY = "import_done"  # set of (file name, sha256) imported in this session
REPORTS_KEY = "import_reports"  # reports of the last import
PREVIEW_KEY = "import_preview"  # (files key, channel) -> previews
NEW_CHANNEL = "\u0000new"
DATE_ORDERS = {None: "detect from the file", "dmy": "day first (31/01/2025)",
               "mdy": "month first (01/31/2025)"}

st.title("Import")
path = common.db_path()


def _rejects_frame(rejects: list) -> pd.DataFrame:
    return pd.DataFrame(
        [{"line": r.line, "column": r.column, "value": r.value, "reason": r.reason} for r in rejects],
        columns=["line", "column", "value", "reason"],
    )


def _previews(files: list[tuple[str, bytes]], shas: list[str], choices: tuple) -> list:
    """Preview once per (files, choices); reruns reuse it (nothing is re-read)."""
    key = (tuple(zip((n for n, _ in files), shas)), choices)
    cache = st.session_state.setdefault(PREVIEW_KEY, {})
    if key not in cache:
        cache.clear()  # keep only the current selection's previews
        cache[key] = preview_files(files, options=_options(choices))
    return cache[key]


def _options(choices: tuple):
    channel, time_zone, date_order, export_date = choices
    return ImportOptions(channel=channel, time_zone=time_zone, date_order=date_order,
                         export_date=export_date)


def _format_choices() -> tuple[str | None, object]:
    """Date order and export date for files that need them (closed by default)."""
    with st.expander("Options: date order, export date"):
        order = st.selectbox(
            "Order of day and month in dates like 01/02/2025",
            list(DATE_ORDERS),
            format_func=DATE_ORDERS.get,
            key="import_date_order",
        )
        export_date = st.date_input(
            "Day the export was downloaded (for exports whose dates have no year)",
            value=None,
            key="import_export_date",
        )
    return order, export_date


def _channel_choice() -> tuple[str | None, str | None]:
    """Channel (and, for a new channel, its time zone) for files without a channel column."""
    channels = common.cached(queries.list_channels, path)
    options = [str(c) for c in channels["channel_id"]] + [NEW_CHANNEL]
    picked = st.selectbox(
        "Channel for files without a channel column",
        options,
        index=None,
        format_func=lambda c: "New channel…" if c == NEW_CHANNEL else common.channel_label(channels, c),
        key="import_channel",
    )
    if picked != NEW_CHANNEL:
        return picked, None
    name = st.text_input("New channel name", key="import_new_channel").strip()
    zones = sorted(zoneinfo.available_timezones())
    browser = st.context.timezone
    default = browser if browser in zones else "UTC"
    time_zone = st.selectbox("Time zone of the new channel", zones, index=zones.index(default),
                             key="import_time_zone",
                             help="Platform dates and times are read in this time zone.")
    return (name or None), time_zone


def _show_preview(preview) -> None:
    span = ""
    if preview.period_start or preview.period_end:
        span = f", {preview.period_start} – {preview.period_end}"
    with st.container(border=True):
        st.markdown(f"**{common.md_escape(preview.file_name)}**")
        st.markdown(common.md_escape(
            f"Detected: {preview.format_label or 'unknown'} · {preview.rows_read} rows read{span}"))
        if preview.error:
            st.error(common.md_escape(preview.error))
        for note in preview.notes:
            st.caption(common.md_escape(note))
        for table, frame in preview.tables.items():
            st.caption(common.md_escape(f"→ {table} (first rows)"))
            st.dataframe(frame.head(20), hide_index=True)
        if preview.rejects:
            with st.expander(f"{len(preview.rejects)} value(s) would be rejected"):
                st.dataframe(_rejects_frame(preview.rejects), hide_index=True)


def _show_reports(reports: list) -> None:
    st.subheader("Import report")
    st.dataframe(
        pd.DataFrame(
            [{"file": r.file_name, "format": r.format_label, "status": r.status,
              "rows read": r.rows_read, "loaded": r.rows_loaded, "rejected": r.rows_rejected,
              "error": r.error} for r in reports]
        ),
        hide_index=True,
        key="import_report",
    )
    for r in reports:
        if r.status == "failed":
            st.error(common.md_escape(f"{r.file_name}: {r.error}"))
        elif r.status == "duplicate":
            st.info(common.md_escape(f"{r.file_name}: this exact file was imported before; "
                                     "nothing changed."))
        else:
            st.success(common.md_escape(f"{r.file_name}: {charts.format_count(r.rows_loaded)} rows "
                                        f"loaded, {charts.format_count(r.rows_rejected)} rejected."))
        if r.rejects:
            with st.expander(common.md_escape(f"{r.file_name}: {len(r.rejects)} rejected value(s)")):
                st.dataframe(_rejects_frame(r.rejects), hide_index=True)


def _upload_section() -> None:
    uploads = st.file_uploader(
        "Drop exports here (CSV, TSV, XLSX or a ZIP of them)",
        type=["csv", "tsv", "txt", "xlsx", "xls", "zip"],
        accept_multiple_files=True,
        key="uploads",
    )
    if preview_files is None or import_files is None:
        st.info("The importer is not available in this build; use `python -m analytics import`.")
        return
    # Read each upload exactly once per run; getvalue() returns the whole
    # buffer whatever an earlier read did to the stream position (C17).
    files: list[tuple[str, bytes]] = []
    for up in uploads or []:
        data = up.getvalue()
        if not data:
            st.warning(common.md_escape(f"{up.name}: empty file (0 bytes); nothing to import."))
            continue
        files.append((up.name, data))
    if not files:
        return
    shas = [hashlib.sha256(data).hexdigest() for _, data in files]
    done: set[tuple[str, str]] = st.session_state.setdefault(IMPORTED_KEY, set())

    date_order, export_date = _format_choices()
    previews = _previews(files, shas, (None, None, date_order, export_date))
    channel = time_zone = None
    if any(p.needs_channel for p in previews):
        channel, time_zone = _channel_choice()
        if channel is not None:
            previews = _previews(files, shas, (channel, time_zone, date_order, export_date))
    st.subheader("Preview")
    st.caption("Nothing is written until you press Import.")
    for (name, _), sha in zip(files, shas):
        if (name, sha) in done:
            st.info(common.md_escape(
                f"{name}: already imported in this session; it will not be imported again."))
    for preview in previews:  # one per file, or per member of a zip
        _show_preview(preview)

    todo = [(f, sha) for f, sha in zip(files, shas) if (f[0], sha) not in done]
    needs_channel = any(p.needs_channel for p in previews) and channel is None
    unreadable = all(p.error for p in previews)
    if unreadable:
        st.warning("Nothing here can be imported yet: see the problems above.")
    elif needs_channel:
        st.warning("Pick the channel these files belong to before importing.")
    clicked = st.button(
        f"Import {len(todo)} file(s)", type="primary",
        disabled=not todo or needs_channel or unreadable, key="import_button",
    )
    if clicked and todo:
        with st.spinner("Importing…"):
            reports = import_files(path, [f for f, _ in todo],
                                   options=_options((channel, time_zone, date_order, export_date)))
        # Remember every attempted file so that no rerun imports it again.
        done.update((f[0], sha) for f, sha in todo)
        st.session_state[REPORTS_KEY] = reports
        common.refresh_data_version()


def _past_imports() -> None:
    st.subheader("Past imports")
    imports = common.cached(queries.list_imports, path)
    if imports.empty:
        st.info("No import yet.")
        return
    st.dataframe(
        imports,
        hide_index=True,
        column_order=["import_id", "imported_at", "file_name", "format", "channel_id", "status",
                      "rows_read", "rows_loaded", "rows_rejected", "period_start", "period_end",
                      "error"],
        column_config={
            "import_id": st.column_config.NumberColumn("#", format="%d"),
            "imported_at": st.column_config.DatetimeColumn("Imported", format="YYYY-MM-DD HH:mm"),
            "file_name": st.column_config.TextColumn("File"),
            "format": st.column_config.TextColumn("Format"),
            "channel_id": st.column_config.TextColumn("Channel"),
            "status": st.column_config.TextColumn("Status"),
            "rows_read": st.column_config.NumberColumn("Read", format="localized"),
            "rows_loaded": st.column_config.NumberColumn("Loaded", format="localized"),
            "rows_rejected": st.column_config.NumberColumn("Rejected", format="localized"),
            "period_start": st.column_config.DateColumn("From"),
            "period_end": st.column_config.DateColumn("To"),
            "error": st.column_config.TextColumn("Error"),
        },
        key="past_imports",
    )
    with_rejects = imports[imports["rows_rejected"].fillna(0) > 0]
    if with_rejects.empty:
        return
    ids = [int(i) for i in with_rejects["import_id"]]
    names = dict(zip(ids, with_rejects["file_name"]))
    picked = st.selectbox("Rejected rows of import", ids,
                          format_func=lambda i: f"#{i} {names[i]}", key="rejects_of")
    if picked is not None:
        st.dataframe(common.cached(queries.import_rejects, path, int(picked)), hide_index=True,
                     key="rejects_table")


try:
    _upload_section()
    if st.session_state.get(REPORTS_KEY):
        _show_reports(st.session_state[REPORTS_KEY])
    _past_imports()
except AnalyticsError as exc:
    common.show_error(exc)
