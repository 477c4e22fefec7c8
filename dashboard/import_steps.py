"""The Import page's steps: upload and preview, import, the report, past imports.

Case C17: each upload is read once per run with ``getvalue()`` (never
``read()``, whose stream is at its end after the first read), and the
(name, sha256) of every file imported in this session is kept in Session
State so that a rerun never imports it twice. The store itself also skips a
file whose sha256 was already loaded.

A file of an unknown layout goes through the column-mapping step of
:mod:`dashboard.import_mapping`; the options, channel and time zone asked
before an import, and the preview, are :mod:`dashboard.import_choices`.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analytics.day_format import format_day
from analytics.i18n import TABLE, t
from analytics.present import charts
from analytics.present.file_names import file_label
from analytics.present.import_notes import import_error_text
from analytics.services import metrics
from dashboard import common, import_mapping, tables
from dashboard.i18n_ui import tr
from dashboard.import_choices import (
    channel_choice,
    files_platform,
    format_choices,
    import_options,
    preview_once,
    rejects_frame,
    show_preview,
)
from dashboard.import_display import format_name, note_text
from dashboard.import_keys import (
    IMPORTED_KEY,
    PREVIEW_KEY,
    REPORTS_KEY,
    SAVED_KEY,
)

try:
    from analytics.services.imports import ImportOptions, import_files, preview_files
    from analytics.services.profiles import list_profiles
except ImportError:  # the importer is not part of this build
    ImportOptions = import_files = preview_files = list_profiles = None


def _status(status: object, lang: str) -> str:
    """An import's status (``loaded``, ``duplicate``, ``failed``) in the page's language."""
    key = f"import.status.{status}"
    return t(key, lang) if key in TABLE else ("" if status is None else str(status))


def show_reports(reports: list, lang: str) -> None:
    st.subheader(tr("import.report"))
    tables.show(
        pd.DataFrame(
            [
                {
                    "file": r.file_name,
                    "format": format_name(r.format_label, lang),
                    "status": _status(r.status, lang),
                    "rows_read": r.rows_read,
                    "loaded": r.rows_loaded,
                    "rejected": r.rows_rejected,
                    "error": import_error_text(r.error, lang) if r.error else r.error,
                }
                for r in reports
            ]
        ),
        [
            ("file", "file", "import.col.file"),
            ("format", "text", "import.col.format"),
            ("status", "text", "import.col.status"),
            ("rows_read", "count", "import.col.rows_read"),
            ("loaded", "count", "import.col.loaded"),
            ("rejected", "count", "import.col.rejected"),
            ("error", "text", "import.col.error"),
        ],
        lang,
        key="import_report",
    )
    for r in reports:
        for note in r.notes:
            st.caption(common.md_escape(f"{r.file_name}: {note_text(note, lang)}"))
    for r in reports:
        if r.status == "failed":
            st.error(common.md_escape(f"{r.file_name}: {import_error_text(r.error, lang)}"))
        elif r.status == "duplicate":
            st.info(common.md_escape(tr("import.duplicate", name=r.file_name)))
        else:
            st.success(
                common.md_escape(
                    tr(
                        "import.loaded",
                        name=r.file_name,
                        loaded=charts.format_count(r.rows_loaded, lang),
                        rejected=charts.format_count(r.rows_rejected, lang),
                    )
                )
            )
        if r.rejects:
            with st.expander(
                common.md_escape(
                    tr(
                        "import.rejected_of_file",
                        name=r.file_name,
                        count=charts.format_count(len(r.rejects), lang),
                    )
                )
            ):
                st.dataframe(
                    rejects_frame(r.rejects),
                    hide_index=True,
                    column_config=common.rejects_columns(),
                )


def upload_section(path: str, lang: str) -> None:
    uploads = st.file_uploader(
        tr("import.drop"),
        type=["csv", "tsv", "txt", "xlsx", "xls", "zip"],
        accept_multiple_files=True,
        key="uploads",
        help=tr("import.drop_help"),
    )
    if lang == "zh":  # the drop zone's own words are Streamlit's and cannot be set
        st.caption(tr("import.drop_zone_words"))
    if preview_files is None or import_files is None:
        st.info(tr("import.unavailable"))
        return
    # Read each upload exactly once per run; getvalue() returns the whole
    # buffer whatever an earlier read did to the stream position (C17).
    files: list[tuple[str, bytes]] = []
    for up in uploads or []:
        data = up.getvalue()
        if not data:
            st.warning(common.md_escape(tr("import.empty_file", name=up.name)))
            continue
        files.append((up.name, data))
    if not files:
        return
    shas = [hashlib.sha256(data).hexdigest() for _, data in files]
    done: set[tuple[str, str]] = st.session_state.setdefault(IMPORTED_KEY, set())

    date_order, export_date = format_choices(lang)
    base = (None, None, date_order, export_date)
    previews = preview_once(path, files, shas, base)
    target = import_mapping.mapping_target(previews)  # an unknown layout: the user maps its columns
    mapping = None
    if target is not None:
        mapping = import_mapping.checked_mapping(target[0], date_order)
        if mapping is not None:
            previews = preview_once(path, files, shas, base, mapping)
    channel = time_zone = None
    if any(p.needs_channel for p in previews):
        channel, time_zone = channel_choice(path, lang, files_platform(previews))
        if channel is not None:
            previews = preview_once(
                path, files, shas, (channel, time_zone, date_order, export_date), mapping
            )
    st.subheader(tr("import.preview"))
    st.caption(tr("import.preview_caption"))
    for (name, _), sha in zip(files, shas, strict=False):
        if (name, sha) in done:
            st.info(common.md_escape(tr("import.already_imported", name=name)))
    for preview in previews:  # one per file, or per member of a zip
        show_preview(preview, lang)
    mapped_files = target[1] if target is not None else []
    for preview in previews:
        if preview.ambiguous_date_column and preview.file_name not in mapped_files:
            st.warning(
                common.md_escape(tr("import.pick_date_order", column=preview.ambiguous_date_column))
            )
    profiles = list_profiles(path)
    if target is not None:
        import_mapping.mapping_step(target[0], target[1], previews, date_order, profiles, lang)
        for other in target[2]:
            st.warning(common.md_escape(tr("import.mapping.other_layout", name=other)))

    todo = [(f, sha) for f, sha in zip(files, shas, strict=False) if (f[0], sha) not in done]
    unmapped = [p.file_name for p in previews if p.unknown_layout]
    needs_channel = any(p.needs_channel for p in previews) and channel is None
    unreadable = all(p.error for p in previews)
    if unmapped:
        st.warning(common.md_escape(tr("import.mapping.pending", name=unmapped[0])))
    elif unreadable:
        st.warning(tr("import.nothing_importable"))
    elif needs_channel:
        st.warning(tr("import.pick_channel"))
    clicked = st.button(
        tr("import.button", count=len(todo)),
        type="primary",
        disabled=not todo or needs_channel or unreadable or bool(unmapped),
        key="import_button",
    )
    if clicked and todo:
        with st.spinner(tr("import.importing")):
            reports = import_files(
                path,
                [f for f, _ in todo],
                options=import_options((channel, time_zone, date_order, export_date), mapping),
            )
        # Remember every attempted file so that no rerun imports it again.
        done.update((f[0], sha) for f, sha in todo)
        st.session_state[REPORTS_KEY] = reports
        st.session_state.pop(SAVED_KEY, None)
        if mapping is not None and target is not None:
            import_mapping.forget_mapping(import_mapping.signature(target[0]))
            if any(r.status == "loaded" for r in reports) and mapping.name in {
                p.name for p in list_profiles(path)
            }:
                st.session_state[SAVED_KEY] = mapping.name
        st.session_state.pop(PREVIEW_KEY, None)  # a saved profile changes what a preview reads
        common.refresh_data_version()
        common.forget_store_choice()  # the first own import replaces the demo


def past_imports(path: str, lang: str) -> None:
    st.subheader(tr("import.past"))
    imports = common.cached(metrics.list_imports, path)
    if imports.empty:
        st.info(tr("import.none_yet"))
        return
    tables.show(
        imports.assign(
            status=imports["status"].map(lambda s: _status(s, lang)),
            format=imports["format"].map(lambda f: format_name(f, lang)),
            period_start=imports["period_start"].map(lambda d: format_day(d, lang)),
            period_end=imports["period_end"].map(lambda d: format_day(d, lang)),
        ),
        [
            ("import_id", "int", "display.col.import_no"),
            ("imported_at", "datetime", "import.col.imported"),
            ("file_name", "file", "import.col.file"),
            ("format", "text", "import.col.format"),
            ("channel_id", "channel", "app.channel"),
            ("status", "text", "import.col.status"),
            ("rows_read", "count", "import.col.rows_read"),
            ("rows_loaded", "count", "import.col.loaded"),
            ("rows_rejected", "count", "import.col.rejected"),
            ("period_start", "text", "import.col.from"),
            ("period_end", "text", "import.col.to"),
            ("error", "text", "import.col.error"),
        ],
        lang,
        common.channel_names(path, lang),
        key="past_imports",
    )
    with_rejects = imports[imports["rows_rejected"].fillna(0) > 0]
    if with_rejects.empty:
        return
    ids = [int(i) for i in with_rejects["import_id"]]
    names = dict(zip(ids, with_rejects["file_name"], strict=False))
    picked = st.selectbox(
        tr("import.rejects_of"),
        ids,
        format_func=lambda i: f"#{i} {file_label(str(names[i]))}",
        key="rejects_of",
    )
    if picked is not None:
        st.dataframe(
            common.cached(metrics.import_rejects, path, int(picked)),
            hide_index=True,
            column_config=common.rejects_columns(),
            key="rejects_table",
        )
