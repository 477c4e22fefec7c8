"""The channel an analysis page reads: one at a time, never a pool of channels.

The Drivers, Planner and Strategy pages fit their models on one channel's
videos. With "All channels" in the sidebar they offer the channels here, the
one with the most videos first, and say on screen that channels are analysed
one at a time (a trending list's channels are never counted as the creator's
videos).
"""

from __future__ import annotations

import streamlit as st

from analytics.i18n import format_count
from analytics.services import channels
from dashboard import common
from dashboard.i18n_ui import current_language, tr


def pick(
    path: str,
    sidebar_channel: str | None,
    key: str,
    label_key: str,
    *,
    with_videoless: bool = False,
) -> str | None:
    """The sidebar's channel, or, with all channels, one picked here (most videos first).

    Parameters
    ----------
    path : str
        The store file.
    sidebar_channel : str or None
        The sidebar's choice (None: all channels).
    key : str
        Widget key of this page's picker.
    label_key : str
        Catalogue key of the picker's label.
    with_videoless : bool
        Also offer the channels without videos, after the others (the Strategy
        page's growth cards read daily channel data).

    Returns
    -------
    str or None
        A ``channel_id``; None when no channel has a video (the caller says so).
    """
    if sidebar_channel is not None:
        return sidebar_channel
    ordered = common.cached(channels.channels_by_video_count, path)
    if with_videoless:
        every = common.cached(channels.list_channels, path)
        ordered = ordered + [str(c) for c in every["channel_id"] if str(c) not in set(ordered)]
    if not ordered:
        return None
    lang = current_language()
    listed = common.cached(channels.list_channels, path)
    chosen = st.selectbox(
        tr(label_key),
        ordered,
        key=key,
        format_func=lambda c: common.channel_label(listed, str(c), lang),
    )
    st.caption(tr("analysis.one_channel", channels=format_count(len(ordered), lang)))
    from_list = set(listed.loc[listed["from_list"].astype(bool), "channel_id"].astype(str))
    in_lists = sum(1 for c in ordered if str(c) in from_list)
    if in_lists:
        st.caption(
            tr(
                "analysis.list_channels_last",
                own=format_count(len(ordered) - in_lists, lang),
                listed=format_count(in_lists, lang),
            )
        )
    return str(chosen)
