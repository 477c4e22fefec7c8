"""Import page: archive care (undo an import, coverage calendar, "download before it is gone").

Thin: every number comes from :mod:`analytics.services.archive`; this module
only draws it, in the page's language.
"""

from __future__ import annotations

from pathlib import PurePath

import streamlit as st

from analytics.channel_names import platform_name
from analytics.i18n import format_count
from analytics.services import archive
from analytics.services.channels import list_channels
from dashboard import common, tables
from dashboard.i18n_ui import tr
from dashboard.import_display import column_name, format_name

UNDO_PICK = "undo_import_pick"
UNDO_BUTTON = "undo_import_button"
UNDO_DONE = "undo_import_done"
COVERAGE_PICK = "coverage_channel"


def archive_care(path: str, lang: str) -> None:
    """Draw the three archive-care sections below the past imports (notes, two expanders)."""
    _gone_notes(path, lang)
    _coverage(path, lang)
    _undo(path, lang)


def _gone_notes(path: str, lang: str) -> None:
    notes = archive.gone_notes(path)
    names = common.channel_names(path, lang)
    for rec in notes.to_dict("records"):
        if rec["window_days"] is None or rec["window_days"] != rec["window_days"]:
            continue
        if rec["last_export_end"] is None:
            continue
        args = {
            "channel": names.get(str(rec["channel_id"]), str(rec["channel_id"])),
            "platform": platform_name(rec["platform"], lang),
            "days": format_count(int(rec["window_days"]), lang),
            "last": str(rec["last_export_end"]),
            "by": str(rec["download_by"]),
        }
        if rec["lost_from"] is not None:
            st.warning(
                common.md_escape(
                    tr(
                        "archive.gone_lost",
                        **args,
                        start=str(rec["lost_from"]),
                        end=str(rec["lost_to"]),
                    )
                )
            )
        else:
            st.info(common.md_escape(tr("archive.gone_note", **args)))


def _coverage(path: str, lang: str) -> None:
    channels = list_channels(path)
    if channels.empty:
        return
    ids = list(channels["channel_id"])
    with st.expander(tr("archive.coverage")):
        channel = st.selectbox(
            tr("archive.coverage_channel"),
            ids,
            key=COVERAGE_PICK,
            format_func=lambda c: common.channel_label(channels, str(c), lang),
        )
        cov = archive.coverage(path, channel)
        if cov.exports.empty:
            st.info(tr("archive.coverage_none"))
            return
        sep = tr("app.list_sep")
        shown = cov.exports.assign(
            file_name=cov.exports["file_name"].map(lambda f: PurePath(str(f)).name),
            format=cov.exports["format"].map(lambda f: format_name(f, lang)),
            first_day=cov.exports["first_day"].map(lambda d: tables.KINDS["date"](d, lang)),
            last_day=cov.exports["last_day"].map(lambda d: tables.KINDS["date"](d, lang)),
            metrics=cov.exports["metrics"].map(
                lambda ms: sep.join(column_name(str(m), lang) for m in ms)
            ),
        )
        st.dataframe(
            shown,
            hide_index=True,
            column_config={
                "import_id": st.column_config.NumberColumn(tr("archive.col.import"), format="%d"),
                "file_name": st.column_config.TextColumn(tr("archive.col.file")),
                "format": st.column_config.TextColumn(tr("archive.col.format")),
                "first_day": st.column_config.TextColumn(tr("archive.col.first")),
                "last_day": st.column_config.TextColumn(tr("archive.col.last")),
                "days": st.column_config.NumberColumn(tr("archive.col.days"), format="%d"),
                "metrics": st.column_config.TextColumn(tr("archive.col.metrics")),
            },
        )
        if not cov.days.empty:
            st.bar_chart(cov.days.set_index("date")["exports"], height=160)
        if cov.gaps:
            gaps = "; ".join(f"{a} – {b}" if a != b else str(a) for a, b in cov.gaps)
            st.warning(common.md_escape(tr("archive.gaps", gaps=gaps, n=len(cov.gaps))))
        else:
            st.caption(tr("archive.no_gaps"))


def _undo(path: str, lang: str) -> None:
    done = st.session_state.pop(UNDO_DONE, None)
    if done:
        st.success(common.md_escape(done))
    rows = archive.list_imports(path)
    if not rows:
        return
    names = common.channel_names(path, lang)
    with st.expander(tr("archive.undo")):
        st.caption(tr("archive.undo_help"))
        by_id = {r["import_id"]: r for r in rows}
        pick = st.selectbox(
            tr("archive.undo_pick"),
            list(by_id),
            format_func=lambda i: " · ".join(
                [
                    str(i),
                    PurePath(str(by_id[i]["file_name"])).name,
                    names.get(str(by_id[i]["channel_id"] or ""), ""),
                ]
            ),
            key=UNDO_PICK,
        )
        if st.button(tr("archive.undo_button"), key=UNDO_BUTTON, type="secondary"):
            result = archive.undo_import(path, int(pick))
            st.session_state[UNDO_DONE] = tr(
                "archive.undone",
                file=result.file_name,
                removed=format_count(sum(result.keys_removed.values()), lang),
                rebuilt=format_count(sum(result.keys_rebuilt.values()), lang),
            )
            st.rerun()
