"""Import: drop exports (or a zip), check the preview, import, read the report.

A file whose layout no format knows gets a column-mapping step: the user
says which column is what (first guesses from
:func:`analytics.ingest.suggest_mapping`), checks the mapping against the
preview and imports; the importer then saves the mapping as a named profile
and applies it by itself to the next file with the same header. Saved
profiles are listed at the bottom of the page, each with a delete button.

Case C17: each upload is read once per run with ``getvalue()`` (never
``read()``, whose stream is at its end after the first read), and the
(name, sha256) of every file imported in this session is kept in Session
State so that a rerun never imports it twice. The store itself also skips a
file whose sha256 was already loaded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import zoneinfo
from pathlib import PurePath
from typing import Any

import pandas as pd
import streamlit as st

from analytics import charts
from analytics.errors import AnalyticsError, IngestError
from analytics.i18n import TABLE, t
from analytics.store import queries
from dashboard import common
from dashboard.i18n_ui import tr

try:
    from analytics.ingest import (ColumnMapping, ImportOptions, default_unit, delete_profile,
                                  import_files, list_profiles, mapping_fields, preview_files,
                                  suggest_mapping)
except ImportError:  # the importer is not part of this build
    ImportOptions = import_files = preview_files = list_profiles = None

IMPORTED_KEY = "import_done"  # set of (file name, sha256) imported in this session
REPORTS_KEY = "import_reports"  # reports of the last import
PREVIEW_KEY = "import_preview"  # (files key, choices, mapping) -> previews
MAPPINGS_KEY = "import_mappings"  # header signature -> ColumnMapping checked by the user
MAPPING_ERRORS_KEY = "import_mapping_errors"  # header signature -> problems of the last check
SAVED_KEY = "import_profile_saved"  # name of the profile the last import saved
NOTICE_KEY = "import_profile_notice"  # name of the profile deleted by the last click
IGNORE = "ignore"  # the mapping field of a column that is not imported
NEW_CHANNEL = "\u0000new"
DATE_ORDERS = {None: "import.date_order.detect", "dmy": "import.date_order.dmy",
               "mdy": "import.date_order.mdy"}

lang = common.page_setup()
st.title(tr("import.title"))
path = common.db_path()


def _rejects_frame(rejects: list) -> pd.DataFrame:
    return pd.DataFrame(
        [{"line": r.line, "column": r.column, "value": r.value, "reason": r.reason} for r in rejects],
        columns=["line", "column", "value", "reason"],
    )


def _previews(files: list[tuple[str, bytes]], shas: list[str], choices: tuple,
              mapping: Any = None) -> list:
    """Preview once per (files, choices, mapping); reruns reuse it (nothing is re-read).

    Saved column profiles of the store apply (``db_path``), so a layout
    mapped before is previewed like a known format.
    """
    files_key = tuple(zip((n for n, _ in files), shas))
    key = (files_key, choices, None if mapping is None else mapping.to_json())
    cache = st.session_state.setdefault(PREVIEW_KEY, {})
    if key not in cache:
        if len(cache) >= 8 or any(k[0] != files_key for k in cache):
            cache.clear()  # keep only the current selection's previews
        cache[key] = preview_files(files, options=_options(choices, mapping), db_path=path)
    return cache[key]


def _options(choices: tuple, mapping: Any = None):
    channel, time_zone, date_order, export_date = choices
    return ImportOptions(channel=channel, time_zone=time_zone, date_order=date_order,
                         export_date=export_date, mapping=mapping)


def _format_choices() -> tuple[str | None, object]:
    """Date order and export date for files that need them (closed by default)."""
    with st.expander(tr("import.options")):
        order = st.selectbox(
            tr("import.date_order"),
            list(DATE_ORDERS),
            format_func=lambda o: t(DATE_ORDERS[o], lang),
            key="import_date_order",
        )
        export_date = st.date_input(
            tr("import.export_date"),
            value=None,
            key="import_export_date",
        )
    return order, export_date


def _channel_choice() -> tuple[str | None, str | None]:
    """Channel (and, for a new channel, its time zone) for files without a channel column."""
    channels = common.cached(queries.list_channels, path)
    options = [str(c) for c in channels["channel_id"]] + [NEW_CHANNEL]
    picked = st.selectbox(
        tr("import.channel_for_files"),
        options,
        index=None,
        format_func=lambda c: (t("import.new_channel", lang) if c == NEW_CHANNEL
                               else common.channel_label(channels, c, lang)),
        key="import_channel",
    )
    if picked != NEW_CHANNEL:
        return picked, None
    name = st.text_input(tr("import.new_channel_name"), key="import_new_channel").strip()
    zones = sorted(zoneinfo.available_timezones())
    browser = st.context.timezone
    default = browser if browser in zones else "UTC"
    time_zone = st.selectbox(tr("import.time_zone"), zones, index=zones.index(default),
                             key="import_time_zone", help=tr("import.time_zone_help"))
    return (name or None), time_zone


def _show_preview(preview) -> None:
    span = ""
    if preview.period_start or preview.period_end:
        span = tr("import.detected_span", start=preview.period_start, end=preview.period_end)
    with st.container(border=True):
        st.markdown(f"**{common.md_escape(preview.file_name)}**")
        st.markdown(common.md_escape(tr(
            "import.detected", format=preview.format_label or tr("import.unknown_format"),
            rows=charts.format_count(preview.rows_read, lang), span=span)))
        if preview.error:
            st.error(common.md_escape(preview.error))
        for note in preview.notes:
            st.caption(common.md_escape(note))
        for table, frame in preview.tables.items():
            st.caption(common.md_escape(tr("import.first_rows", table=table)))
            st.dataframe(frame.head(20), hide_index=True)
        if preview.rejects:
            with st.expander(tr("import.would_reject",
                                count=charts.format_count(len(preview.rejects), lang))):
                st.dataframe(_rejects_frame(preview.rejects), hide_index=True,
                             column_config=common.rejects_columns())


def _status(status: object) -> str:
    """An import's status (``loaded``, ``duplicate``, ``failed``) in the page's language."""
    key = f"import.status.{status}"
    return t(key, lang) if key in TABLE else ("" if status is None else str(status))


def _show_reports(reports: list) -> None:
    st.subheader(tr("import.report"))
    st.dataframe(
        pd.DataFrame(
            [{"file": r.file_name, "format": r.format_label, "status": _status(r.status),
              "rows read": r.rows_read, "loaded": r.rows_loaded, "rejected": r.rows_rejected,
              "error": r.error} for r in reports]
        ),
        hide_index=True,
        column_config={
            "file": st.column_config.TextColumn(tr("import.col.file")),
            "format": st.column_config.TextColumn(tr("import.col.format")),
            "status": st.column_config.TextColumn(tr("import.col.status")),
            "rows read": st.column_config.NumberColumn(tr("import.col.rows_read"),
                                                       format="localized"),
            "loaded": st.column_config.NumberColumn(tr("import.col.loaded"), format="localized"),
            "rejected": st.column_config.NumberColumn(tr("import.col.rejected"),
                                                      format="localized"),
            "error": st.column_config.TextColumn(tr("import.col.error")),
        },
        key="import_report",
    )
    for r in reports:
        if r.status == "failed":
            st.error(common.md_escape(f"{r.file_name}: {r.error}"))
        elif r.status == "duplicate":
            st.info(common.md_escape(tr("import.duplicate", name=r.file_name)))
        else:
            st.success(common.md_escape(tr(
                "import.loaded", name=r.file_name, loaded=charts.format_count(r.rows_loaded, lang),
                rejected=charts.format_count(r.rows_rejected, lang))))
        if r.rejects:
            with st.expander(common.md_escape(tr(
                    "import.rejected_of_file", name=r.file_name,
                    count=charts.format_count(len(r.rejects), lang)))):
                st.dataframe(_rejects_frame(r.rejects), hide_index=True,
                             column_config=common.rejects_columns())


# ----------------------------------------------------------------------------- column mapping


def _signature(headers: list[str]) -> str:
    """A short, stable id of a header row (widget keys of its mapping step)."""
    return hashlib.sha256("\x1f".join(headers).encode("utf-8")).hexdigest()[:12]


def _fields() -> dict[str, dict[str, Any]]:
    """Mapping fields by name, "not imported" first (see ``mapping_fields``)."""
    fields = {f["name"]: f for f in mapping_fields()}
    return {IGNORE: fields.pop(IGNORE, {"name": IGNORE, "kind": "ignore", "label": IGNORE,
                                        "units": []}), **fields}


def _field_label(name: str, fields: dict[str, dict[str, Any]]) -> str:
    key = f"import.mapping.field.{name}"
    return t(key, lang) if key in TABLE else str(fields.get(name, {}).get("label") or name)


def _unit_label(unit: str) -> str:
    key = f"import.mapping.unit.{unit}"
    return t(key, lang) if key in TABLE else unit


def _mapping_target(previews: list) -> tuple[list[str], list[str], list[str]] | None:
    """The first unknown layout: (its header row, files with it, files of other unknown layouts)."""
    unknown = [p for p in previews if p.unknown_layout and p.headers]
    if not unknown:
        return None
    headers = list(unknown[0].headers)
    same = [p.file_name for p in unknown if list(p.headers) == headers]
    others = [p.file_name for p in unknown if list(p.headers) != headers]
    return headers, same, others


def _default_profile_name(file_name: str) -> str:
    return PurePath(file_name.replace("\\", "/")).stem or file_name


def _mapping_answers(sig: str, headers: list[str], default_name: str, date_order: str | None
                     ) -> tuple[str, dict[str, str], dict[str, str], str | None, str]:
    """The mapping step's answers, read from its widgets' state (defaults where not drawn yet).

    Returns (profile name, header -> field, header -> unit, date order, dimension).
    """
    state = st.session_state
    guesses = suggest_mapping(headers)
    fields = _fields()
    name = str(state.get(f"import_map_name:{sig}", default_name)).strip()
    choices: dict[str, str] = {}
    units: dict[str, str] = {}
    for i, header in enumerate(headers):
        field = state.get(f"import_map_field:{sig}:{i}", guesses.get(header) or IGNORE)
        choices[header] = field
        spec = fields.get(field, {})
        if spec.get("units"):
            default = default_unit(header, field)
            unit = state.get(f"import_map_unit:{sig}:{i}:{field}",
                             default if default in spec["units"] else spec["units"][0])
            units[header] = unit
        elif spec.get("kind") == "money":
            currency = str(state.get(f"import_map_unit:{sig}:{i}:{field}",
                                     default_unit(header, field) or "")).strip().upper()
            if currency:
                units[header] = currency
    order = state.get(f"import_map_order:{sig}", date_order)
    dimension = str(state.get(f"import_map_dimension:{sig}", "segment")).strip() or "segment"
    return name, choices, units, order, dimension


def _forget_mapping(sig: str) -> None:
    """A mapping widget changed: the checked mapping no longer holds."""
    st.session_state.setdefault(MAPPINGS_KEY, {}).pop(sig, None)
    st.session_state.setdefault(MAPPING_ERRORS_KEY, {}).pop(sig, None)


def _check_mapping(sig: str, headers: list[str], default_name: str, date_order: str | None
                   ) -> None:
    """Build the mapping from the step's answers; keep it, or keep its problems."""
    name, choices, units, order, dimension = _mapping_answers(sig, headers, default_name,
                                                              date_order)
    _forget_mapping(sig)
    try:
        mapping = ColumnMapping.from_choices(name, choices, units=units, date_order=order,
                                             dimension=dimension)
    except IngestError as exc:  # every problem of the mapping, one message
        st.session_state[MAPPING_ERRORS_KEY][sig] = [p for p in exc.message.split("; ") if p]
        return
    st.session_state[MAPPINGS_KEY][sig] = mapping


def _checked_mapping(headers: list[str], date_order: str | None) -> Any:
    """The mapping the user checked for this header row (None: not yet), with the page's date order.

    A date order picked under "Options" fills in a mapping that has none, so
    the saved profile reads the next file's dates the same way.
    """
    mapping = st.session_state.get(MAPPINGS_KEY, {}).get(_signature(headers))
    if mapping is not None and mapping.date_order is None and date_order is not None:
        mapping = dataclasses.replace(mapping, date_order=date_order)
    return mapping


def _mapping_step(headers: list[str], names: list[str], previews: list,
                  date_order: str | None, profiles: list) -> None:
    """Column pickers for an unknown layout, its checks, and the button that checks it."""
    sig = _signature(headers)
    default_name = _default_profile_name(names[0])
    guesses = suggest_mapping(headers)
    fields = _fields()
    options = list(fields)
    forget = {"on_change": _forget_mapping, "args": (sig,)}
    st.subheader(common.md_escape(tr("import.mapping.title", name=names[0])))
    st.caption(tr("import.mapping.caption"))
    if len(names) > 1:
        st.caption(common.md_escape(tr("import.mapping.also_for",
                                       names=tr("app.list_sep").join(names[1:]))))
    with st.container(border=True):
        name = st.text_input(tr("import.mapping.profile_name"), value=default_name,
                             key=f"import_map_name:{sig}",
                             help=tr("import.mapping.profile_name_help"), **forget).strip()
        if name and name in {p.name for p in profiles}:
            st.caption(common.md_escape(tr("import.mapping.name_taken", name=name)))
        for i, header in enumerate(headers):
            left, right = st.columns([3, 2])
            guess = guesses.get(header) or IGNORE
            field = left.selectbox(
                common.md_escape(header) or f"#{i + 1}", options,
                index=options.index(guess) if guess in options else 0,
                format_func=lambda f, fields=fields: _field_label(f, fields),
                key=f"import_map_field:{sig}:{i}", **forget)
            spec = fields.get(field, {})
            unit_key = f"import_map_unit:{sig}:{i}:{field}"
            if spec.get("units"):
                units = list(spec["units"])
                default = default_unit(header, field)
                right.selectbox(tr("import.mapping.unit"), units,
                                index=units.index(default) if default in units else 0,
                                format_func=_unit_label, key=unit_key, **forget)
            elif spec.get("kind") == "money":
                right.text_input(tr("import.mapping.currency"),
                                 value=default_unit(header, field) or "", key=unit_key, **forget)
        orders = list(DATE_ORDERS)
        st.selectbox(tr("import.mapping.date_order"), orders,
                     index=orders.index(date_order) if date_order in orders else 0,
                     format_func=lambda o: t(DATE_ORDERS[o], lang),
                     key=f"import_map_order:{sig}", **forget)
        if "key" in {st.session_state.get(f"import_map_field:{sig}:{i}")
                     for i in range(len(headers))}:
            st.text_input(tr("import.mapping.dimension"), value="segment",
                          key=f"import_map_dimension:{sig}", **forget)
        st.button(tr("import.mapping.apply"), key="import_map_apply", on_click=_check_mapping,
                  args=(sig, headers, default_name, date_order))
    for problem in st.session_state.get(MAPPING_ERRORS_KEY, {}).get(sig, []):
        st.error(common.md_escape(problem))
    mapping = _checked_mapping(headers, date_order)
    if mapping is None:
        return
    st.success(common.md_escape(tr("import.mapping.applied", name=mapping.name)))
    for pv in previews:
        if pv.file_name in names and pv.ambiguous_date_column:
            st.warning(common.md_escape(tr("import.mapping.ambiguous",
                                           column=pv.ambiguous_date_column)))


def _delete_profile(name: str) -> None:
    delete_profile(path, name)
    st.session_state.pop(PREVIEW_KEY, None)  # previews read with that profile are stale
    st.session_state[NOTICE_KEY] = name


def _saved_profiles(profiles: list) -> None:
    """Saved column mappings, each with a delete button."""
    st.subheader(tr("import.mapping.profiles"))
    deleted = st.session_state.pop(NOTICE_KEY, None)
    if deleted is not None:
        st.info(common.md_escape(tr("import.mapping.deleted", name=deleted)))
    if not profiles:
        st.caption(tr("import.mapping.no_profiles"))
        return
    fields = _fields()
    for profile in profiles:
        with st.container(border=True):
            left, right = st.columns([5, 1])
            left.markdown(f"**{common.md_escape(profile.name)}**")
            mapped = [f"{h} → {_field_label(f, fields)}"
                      for h, f in profile.mapping.columns.items() if f != IGNORE]
            left.caption(common.md_escape(tr("import.mapping.profile_columns",
                                             columns=tr("app.list_sep").join(mapped))))
            right.button(tr("import.mapping.delete"), key=f"import_profile_delete:{profile.name}",
                         on_click=_delete_profile, args=(profile.name,))


# ----------------------------------------------------------------------------- upload


def _upload_section() -> None:
    uploads = st.file_uploader(
        tr("import.drop"),
        type=["csv", "tsv", "txt", "xlsx", "xls", "zip"],
        accept_multiple_files=True,
        key="uploads",
    )
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

    date_order, export_date = _format_choices()
    base = (None, None, date_order, export_date)
    previews = _previews(files, shas, base)
    target = _mapping_target(previews)  # an unknown layout: the user maps its columns
    mapping = None
    if target is not None:
        mapping = _checked_mapping(target[0], date_order)
        if mapping is not None:
            previews = _previews(files, shas, base, mapping)
    channel = time_zone = None
    if any(p.needs_channel for p in previews):
        channel, time_zone = _channel_choice()
        if channel is not None:
            previews = _previews(files, shas, (channel, time_zone, date_order, export_date),
                                 mapping)
    st.subheader(tr("import.preview"))
    st.caption(tr("import.preview_caption"))
    for (name, _), sha in zip(files, shas):
        if (name, sha) in done:
            st.info(common.md_escape(tr("import.already_imported", name=name)))
    for preview in previews:  # one per file, or per member of a zip
        _show_preview(preview)
    mapped_files = target[1] if target is not None else []
    for preview in previews:
        if preview.ambiguous_date_column and preview.file_name not in mapped_files:
            st.warning(common.md_escape(tr("import.pick_date_order",
                                           column=preview.ambiguous_date_column)))
    profiles = list_profiles(path)
    if target is not None:
        _mapping_step(target[0], target[1], previews, date_order, profiles)
        for other in target[2]:
            st.warning(common.md_escape(tr("import.mapping.other_layout", name=other)))

    todo = [(f, sha) for f, sha in zip(files, shas) if (f[0], sha) not in done]
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
        tr("import.button", count=len(todo)), type="primary",
        disabled=not todo or needs_channel or unreadable or bool(unmapped), key="import_button",
    )
    if clicked and todo:
        with st.spinner(tr("import.importing")):
            reports = import_files(path, [f for f, _ in todo],
                                   options=_options((channel, time_zone, date_order, export_date),
                                                    mapping))
        # Remember every attempted file so that no rerun imports it again.
        done.update((f[0], sha) for f, sha in todo)
        st.session_state[REPORTS_KEY] = reports
        st.session_state.pop(SAVED_KEY, None)
        if mapping is not None and target is not None:
            _forget_mapping(_signature(target[0]))
            if any(r.status == "loaded" for r in reports) and \
                    mapping.name in {p.name for p in list_profiles(path)}:
                st.session_state[SAVED_KEY] = mapping.name
        st.session_state.pop(PREVIEW_KEY, None)  # a saved profile changes what a preview reads
        common.refresh_data_version()


def _past_imports() -> None:
    st.subheader(tr("import.past"))
    imports = common.cached(queries.list_imports, path)
    if imports.empty:
        st.info(tr("import.none_yet"))
        return
    st.dataframe(
        imports.assign(status=imports["status"].map(_status)),
        hide_index=True,
        column_order=["import_id", "imported_at", "file_name", "format", "channel_id", "status",
                      "rows_read", "rows_loaded", "rows_rejected", "period_start", "period_end",
                      "error"],
        column_config={
            "import_id": st.column_config.NumberColumn("#", format="%d"),
            "imported_at": st.column_config.DatetimeColumn(tr("import.col.imported"),
                                                           format="YYYY-MM-DD HH:mm"),
            "file_name": st.column_config.TextColumn(tr("import.col.file")),
            "format": st.column_config.TextColumn(tr("import.col.format")),
            "channel_id": st.column_config.TextColumn(tr("app.channel")),
            "status": st.column_config.TextColumn(tr("import.col.status")),
            "rows_read": st.column_config.NumberColumn(tr("import.col.rows_read"),
                                                       format="localized"),
            "rows_loaded": st.column_config.NumberColumn(tr("import.col.loaded"),
                                                         format="localized"),
            "rows_rejected": st.column_config.NumberColumn(tr("import.col.rejected"),
                                                           format="localized"),
            "period_start": st.column_config.DateColumn(tr("import.col.from")),
            "period_end": st.column_config.DateColumn(tr("import.col.to")),
            "error": st.column_config.TextColumn(tr("import.col.error")),
        },
        key="past_imports",
    )
    with_rejects = imports[imports["rows_rejected"].fillna(0) > 0]
    if with_rejects.empty:
        return
    ids = [int(i) for i in with_rejects["import_id"]]
    names = dict(zip(ids, with_rejects["file_name"]))
    picked = st.selectbox(tr("import.rejects_of"), ids,
                          format_func=lambda i: f"#{i} {names[i]}", key="rejects_of")
    if picked is not None:
        st.dataframe(common.cached(queries.import_rejects, path, int(picked)), hide_index=True,
                     column_config=common.rejects_columns(), key="rejects_table")


try:
    _upload_section()
    if st.session_state.get(REPORTS_KEY):
        _show_reports(st.session_state[REPORTS_KEY])
        if st.session_state.get(SAVED_KEY):
            st.success(common.md_escape(tr("import.mapping.saved",
                                           name=st.session_state[SAVED_KEY])))
    _past_imports()
    if list_profiles is not None:
        _saved_profiles(list_profiles(path))
except AnalyticsError as exc:
    common.show_error(exc)
