"""The files of one download (a zip, a folder, one upload) read as one export.

Files imported together share what only some of them say: the platform (a
Studio ``Totals.csv`` is just ``Date,Views``), the channel named by a
download's name, and the period, but only between files of one platform.
"""

from __future__ import annotations

from analytics.ingest.formats.base import Staged


def unify_downloads(items: list[tuple[str, Staged]]) -> None:
    """Give the files of one download (same group) one platform, one channel and one period.

    A file that cannot tell its platform alone (a Studio ``Totals.csv`` is
    just ``Date,Views``) takes its siblings'; the channel named by one
    file's download name is every sibling's; a file without a period takes
    the span of its siblings' of the same platform, whatever the order the
    files were given in.
    """
    groups: dict[str, list[Staged]] = {}
    for group, st in items:
        groups.setdefault(group, []).append(st)
    for members in groups.values():
        platforms = {st.platform for st in members if st.platform != "generic"}
        if len(platforms) == 1:
            platform = platforms.pop()
            for st in members:
                if st.platform == "generic":
                    st.platform = platform
        # a channel name or a period is lent only between files of one platform: a Douyin
        # list dropped beside a Studio download is not of that download
        by_platform: dict[str, list[Staged]] = {}
        for st in members:
            by_platform.setdefault(st.platform, []).append(st)
        for same in by_platform.values():
            hints = {st.channel_hint for st in same if st.channel_hint}
            if len(hints) == 1:
                hint = hints.pop()
                for st in same:
                    if st.needs_channel and st.channel_hint is None:
                        st.channel_hint = hint
            spans = [
                (st.period_start, st.period_end) for st in same if st.period_start and st.period_end
            ]
            if not spans:
                continue
            lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
            for st in same:
                if st.period_end is None:
                    st.period_start, st.period_end = lo, hi
                    st.notes.append(f"period taken from the files beside it: {lo} .. {hi}")


__all__ = ["unify_downloads"]
