"""The Import page's "Your channels" section: rename, set the time zone, merge.

The same changes as ``python -m analytics channels rename / time-zone /
merge`` (:mod:`analytics.store.channel_admin`), on the user's own store.
"""

from __future__ import annotations

import zoneinfo

import streamlit as st

from analytics.i18n import t
from analytics.services import channel_admin
from analytics.services import channels as store_facts
from dashboard import common, tables
from dashboard.i18n_ui import tr


def _done() -> None:
    common.refresh_data_version()
    common.forget_store_choice()


def channels_section(path: str, lang: str) -> None:
    """Draw the channel list and the rename / time zone / merge forms."""
    channels = common.cached(store_facts.list_channels, path)
    if channels.empty:
        return
    st.subheader(tr("display.channels_title"))
    names = common.channel_names(path, lang)
    tables.show(
        channels.assign(
            platform=channels["platform"].map(lambda p: common.names.platform_name(p, lang))
        ),
        [
            ("channel_id", "channel", "videos.col.channel"),
            ("platform", "text", "display.col.platform"),
            ("time_zone", "text", "display.col.time_zone"),
        ],
        lang,
        names,
        key="channels_table",
    )
    ids = [str(c) for c in channels["channel_id"]]
    label = lambda c: common.channel_label(channels, c, lang)  # noqa: E731
    rename, zone, merge = st.tabs(
        [tr("display.rename_tab"), tr("display.zone_tab"), tr("display.merge_tab")]
    )
    with rename, st.form("rename_channel"):
        picked = st.selectbox(tr("app.channel"), ids, format_func=label, key="rename_which")
        new_name = st.text_input(tr("display.new_name"), key="rename_to")
        if st.form_submit_button(tr("display.rename_button")):
            try:
                channel_admin.rename_channel(path, picked, new_name)
            except channel_admin.ChannelError as exc:
                st.error(common.md_escape(str(exc)))
            else:
                _done()
                st.success(tr("display.renamed", name=new_name.strip()))
    with zone, st.form("channel_zone"):
        picked = st.selectbox(tr("app.channel"), ids, format_func=label, key="zone_which")
        zones = sorted(zoneinfo.available_timezones())
        current = str(channels.set_index("channel_id").loc[picked, "time_zone"])
        new_zone = st.selectbox(
            tr("import.time_zone"),
            zones,
            index=zones.index(current) if current in zones else zones.index("UTC"),
            key="zone_to",
            help=tr("display.time_zone_help"),
        )
        st.caption(tr("display.zone_note"))
        if st.form_submit_button(tr("display.zone_button")):
            change = channel_admin.set_time_zone(path, picked, new_zone)
            _done()
            st.success(
                t(
                    "display.zone_changed",
                    lang,
                    old=change.old_zone,
                    new=change.new_zone,
                    n=change.publish_times_moved,
                )
            )
    with merge, st.form("merge_channels"):
        source = st.selectbox(tr("display.merge_source"), ids, format_func=label, key="merge_from")
        target = st.selectbox(
            tr("display.merge_target"),
            ids,
            index=min(1, len(ids) - 1),
            format_func=label,
            key="merge_into",
        )
        st.caption(tr("display.merge_note"))
        if st.form_submit_button(tr("display.merge_button")):
            try:
                result = channel_admin.merge_channels(path, source, target)
            except channel_admin.ChannelError as exc:
                st.error(common.md_escape(str(exc)))
            else:
                _done()
                st.success(
                    tr(
                        "display.merged",
                        source=names.get(source, source),
                        target=names.get(target, target),
                        moved=sum(result.rows_moved.values()),
                        kept=result.rows_kept_from_target,
                    )
                )
