"""The choices asked before an import (date order, export day, channel, time zone) and the preview.

Part of the Import page (:mod:`dashboard.import_steps`). A preview is read
once per (files, choices, column mapping): reruns reuse it, nothing is read
twice.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

import pandas as pd
import streamlit as st

import analytics.channel_names as names
from analytics.i18n import t
from analytics.present import charts
from analytics.services import channels as store_facts
from dashboard import common
from dashboard.i18n_ui import tr
from dashboard.import_display import format_name, note_text, preview_frame, table_name
from dashboard.import_keys import DATE_ORDERS, NEW_CHANNEL, PREVIEW_KEY

try:
    from analytics.services.imports import ImportOptions, preview_files
except ImportError:  # the importer is not part of this build
    ImportOptions = preview_files = None


def rejects_frame(rejects: list) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"line": r.line, "column": r.column, "value": r.value, "reason": r.reason}
            for r in rejects
        ],
        columns=["line", "column", "value", "reason"],
    )


def preview_once(
    path: str, files: list[tuple[str, bytes]], shas: list[str], choices: tuple, mapping: Any = None
) -> list:
    """Preview once per (files, choices, mapping); reruns reuse it (nothing is re-read).

    Saved column profiles of the store apply (``db_path``), so a layout
    mapped before is previewed like a known format.
    """
    files_key = tuple(zip((n for n, _ in files), shas, strict=False))
    key = (files_key, choices, None if mapping is None else mapping.to_json())
    cache = st.session_state.setdefault(PREVIEW_KEY, {})
    if key not in cache:
        if len(cache) >= 8 or any(k[0] != files_key for k in cache):
            cache.clear()  # keep only the current selection's previews
        cache[key] = preview_files(files, options=import_options(choices, mapping), db_path=path)
    return cache[key]


def import_options(choices: tuple, mapping: Any = None):
    channel, time_zone, date_order, export_date = choices
    return ImportOptions(
        channel=channel,
        time_zone=time_zone,
        date_order=date_order,
        export_date=export_date,
        mapping=mapping,
    )


def format_choices(lang: str) -> tuple[str | None, object]:
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


def files_platform(previews: list) -> str | None:
    """The platform of the files that need a channel (from the default channel they would get)."""
    for preview in previews:
        if not preview.needs_channel:
            continue
        for frame in preview.tables.values():
            if "channel_id" in frame.columns and not frame.empty:
                value = str(frame["channel_id"].iloc[0])
                if value.endswith(":default"):
                    return value.split(":", 1)[0]
    return None


def channel_choice(path: str, lang: str, platform: str | None) -> tuple[str | None, str | None]:
    """Channel for files without a channel column: an existing one, or a new name typed in.

    A new channel also gets its time zone, suggested from the platform
    (Asia/Shanghai for the Chinese platforms) or else the browser's zone.
    """
    channels = common.cached(store_facts.list_channels, path)
    ids = [str(c) for c in channels["channel_id"]]
    picked = st.selectbox(
        tr("import.channel_for_files"),
        [NEW_CHANNEL, *ids],  # "new channel" first: never at the end of a long list
        index=None,
        format_func=lambda c: (
            t("import.new_channel", lang)
            if c == NEW_CHANNEL
            else common.channel_label(channels, c, lang)
            if c in ids
            else c
        ),
        accept_new_options=True,  # or type a new channel's name straight into the box
        placeholder=tr("display.channel_placeholder"),
        help=tr("display.channel_help"),
        key="import_channel",
    )
    if picked is None or not str(picked).strip():
        return None, None
    if picked in ids:
        return picked, None
    if picked == NEW_CHANNEL:
        name = st.text_input(tr("import.new_channel_name"), key="import_new_channel").strip()
        if not name:
            return None, None
    else:
        name = str(picked).strip()
    for row in channels.itertuples():  # a typed name that is an existing channel's name
        if str(row.display_name or "").casefold() == name.casefold():
            return str(row.channel_id), None
    return name, _zone_choice(platform)


def _zone_choice(platform: str | None) -> str:
    """Time zone of a new channel: the platform's usual zone, else the browser's, else UTC."""
    zones = sorted(zoneinfo.available_timezones())
    browser = st.context.timezone if st.context.timezone in zones else "UTC"
    suggested = names.suggested_zone(platform, browser)
    first = list(dict.fromkeys([suggested, browser, "UTC"]))
    options = first + [z for z in zones if z not in first]
    return str(
        st.selectbox(
            tr("import.time_zone"),
            options,
            index=0,
            key="import_time_zone",
            help=tr("display.time_zone_help"),
        )
    )


def show_preview(preview, lang: str) -> None:
    span = ""
    if preview.period_start or preview.period_end:
        span = tr("import.detected_span", start=preview.period_start, end=preview.period_end)
    with st.container(border=True):
        st.markdown(f"**{common.md_escape(preview.file_name)}**")
        st.markdown(
            common.md_escape(
                tr(
                    "import.detected",
                    format=format_name(preview.format_label, lang)
                    if preview.format_label
                    else tr("import.unknown_format"),
                    rows=charts.format_count(preview.rows_read, lang),
                    span=span,
                )
            )
        )
        if preview.error:
            st.error(common.say(preview.error))
        for note in preview.notes:
            st.caption(common.md_escape(note_text(note, lang)))
        if preview.headers:
            st.caption(
                common.md_escape(
                    tr("display.file_columns", columns=", ".join(str(h) for h in preview.headers))
                )
            )
        for table, frame in preview.tables.items():
            st.caption(common.md_escape(tr("import.first_rows", table=table_name(table, lang))))
            st.dataframe(preview_frame(frame, lang), hide_index=True)
        if preview.rejects:
            with st.expander(
                tr("import.would_reject", count=charts.format_count(len(preview.rejects), lang))
            ):
                st.dataframe(
                    rejects_frame(preview.rejects),
                    hide_index=True,
                    column_config=common.rejects_columns(),
                )
