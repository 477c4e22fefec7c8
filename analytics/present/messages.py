"""The models' and services' English messages in the UI language, through the catalogues.

Warnings and errors (:class:`~analytics.errors.NotEnoughDataError`, the fans
evaluation's reliability warnings, ...) are written in English where they are
raised, because the CLI, the logs and the persisted fits carry them as text.
Here each known kind of message is matched by one pattern and rebuilt from a
``msg.*`` key of the catalogues, its numbers and names carried over; a message
of an unknown kind stays as written (a test runs every kind through both
languages).

Examples
--------
>>> localize("3 segment(s) with fewer than 10 fans were merged into the nearest segment.", "zh")
'3 个不足 10 位粉丝的分群已并入最相近的分群。'
>>> localize("anything else", "zh")
'anything else'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from analytics.channel_names import PLATFORM_NAMES, channel_name
from analytics.i18n import t

#: ``(matched text, lang) -> text`` for a placeholder that needs more than copying.
Converter = Callable[[str, str], str]


@dataclass(frozen=True)
class Pattern:
    """One kind of message: the regular expression of its English text and its key.

    ``convert`` maps a named group to a function ``(text, lang) -> text`` applied
    before the group is filled into the translation (a target name, a channel id).
    """

    regex: re.Pattern[str]
    key: str
    convert: dict[str, Converter] = field(default_factory=dict)


def channel_text(text: str, lang: str) -> str:
    """A channel id (``youtube:default``, ``youtube:UC...``) as its display name."""
    platform, _, _ = text.partition(":")
    return channel_name(text, None, platform, lang)


_TARGETS = {
    "views in the first 7 days (or at 28 days)": "msg.target.exposure",
    "engagement rate": "msg.target.engagement",
    "completion rate": "msg.target.completion",
}
_WHAT_TO_EXPORT = {
    "export per-video daily views": "msg.export.exposure",
    "export a video list with views and likes": "msg.export.engagement",
    "export a video list that includes completion rate": "msg.export.completion",
}


def _target(text: str, lang: str) -> str:
    key = _TARGETS.get(text.strip())
    return t(key, lang) if key else text


def _what(text: str, lang: str) -> str:
    for start, key in _WHAT_TO_EXPORT.items():
        if text.strip().startswith(start):
            return t(key, lang)
    return text


def _platform(text: str, lang: str) -> str:
    """An English platform name (``Douyin``) in ``lang`` (``抖音``)."""
    for names in PLATFORM_NAMES.values():
        if names["en"] == text:
            return names.get(lang, text)
    return text


def _p(regex: str, key: str, **convert: Converter) -> Pattern:
    return Pattern(re.compile(regex, re.S), key, dict(convert))


PATTERNS: tuple[Pattern, ...] = (
    # Import (analytics.ingest.dates).
    _p(
        r"ambiguous date order in column (?P<column>.+?): every date fits both day/month and "
        r"month/day; .*",
        "msg.import.ambiguous_dates",
    ),
    # Fans evaluation (analytics.models.fans.evaluate / tune / segments).
    _p(
        r"Only (?P<test>[\d,]+) of (?P<fans>[\d,]+) fans interacted (?:both before and after "
        r"the test cutoff|with two or more videos), so only they can be tested; with fewer than "
        r"(?P<min>[\d,]+) such fans these figures are too thin to trust\.",
        "msg.fans.few_test_fans",
    ),
    _p(
        r"Only (?P<videos>[\d,]+) videos have fan interactions: a top-(?P<k>\d+) list holds "
        r"most of the catalogue, so the ranking metrics say little\.",
        "msg.fans.few_videos",
    ),
    _p(
        r"Hyperparameters not tuned: only (?P<n>[\d,]+) fans? could be used for validation "
        r"\(need (?P<need>[\d,]+)\); default hyperparameters kept\.",
        "msg.fans.not_tuned",
    ),
    _p(
        r"(?P<n>[\d,]+) segment\(s\) with fewer than (?P<min>[\d,]+) fans were merged into "
        r"the nearest segment\.",
        "msg.fans.segments_merged",
    ),
    _p(
        r"Only (?P<n>[\d,]+) fans: segments need at least (?P<min>[\d,]+) fans each, so none "
        r"are shown\.",
        "msg.fans.too_few_for_segments",
    ),
    _p(
        r"the fans model needs at least 2 fans and 2 videos with interactions; the data has "
        r"(?P<fans>[\d,]+) fan\(s\) and (?P<videos>[\d,]+) video\(s\)",
        "msg.fans.too_small",
    ),
    _p(r"there are no fan interactions to learn from", "msg.fans.none"),
    _p(
        r"the store has no fan interactions yet: import a comments or fan activity export "
        r"\(who watched, liked or commented on which video\) first",
        "msg.fans.store_has_none",
    ),
    _p(
        r"channel (?P<channel>\S+) has no fan interactions yet: import a comments or fan "
        r"activity export \(who watched, liked or commented on which video\) first",
        "msg.fans.channel_has_none",
        channel=lambda s, lang: channel_text(s.strip("'\""), lang),
    ),
    _p(
        r"too little market data: topics from similar channels need at least 2 channels "
        r"sharing at least 2 topics used by (?P<n>\d+)\+ channels",
        "msg.market.too_little",
    ),
    _p(
        r"channel (?P<channel>'[^']*'|\S+) has no tagged videos among the market data \(or only "
        r"tags no other channel uses\), so there are no similar channels to learn from",
        "msg.market.unknown_channel",
        channel=lambda s, lang: channel_text(s.strip("'\""), lang),
    ),
    _p(
        r"the video has no tags, so nothing links it to videos with fans yet",
        "msg.fans.video_no_tags",
    ),
    _p(r"video (?P<video>'[^']*') is not in the store", "msg.fans.video_unknown"),
    _p(
        r"none of the tags \((?P<tags>.*)\) is on a video with fans yet, so there is nothing to "
        r"compare with",
        "msg.fans.tags_unmatched",
    ),
    _p(
        r"matched through tags: (?P<used>.*?); not on any video with fans: (?P<missing>.*)",
        "msg.fans.matched_tags_some",
    ),
    _p(r"matched through tags: (?P<used>.*)", "msg.fans.matched_tags"),
    # Import: a file of one platform picked for another platform's channel.
    _p(
        r"(?P<file>.+) is a (?P<mine>.+?) export, but channel (?P<channel>'[^']*'|\"[^\"]*\") "
        r"is a (?P<theirs>.+?) channel; pick a (?P=mine) channel or type a new channel name for it",
        "msg.import.platform_clash",
        mine=lambda s, lang: _platform(s, lang),
        theirs=lambda s, lang: _platform(s, lang),
        channel=lambda s, lang: s.strip("'\""),
    ),
    # Drivers and planner (analytics.models.reach / planner).
    _p(
        r"not enough data(?: for channel (?P<channel>.+?))?: (?P<n>[\d,]+) video\(s\) have a "
        r"(?P<target>.+?) figure and at least (?P<min>[\d,]+) are needed for honest drivers; "
        r"(?P<what>.+)",
        "msg.drivers.not_enough",
        target=_target,
        what=_what,
    ),
    _p(
        r"not enough data(?: for channel (?P<channel>.+?))?: (?P<n>[\d,]+) video\(s\) have a "
        r"(?P<target>.+?) figure and at least (?P<min>[\d,]+) are needed for an honest range; "
        r"(?P<what>.+)",
        "msg.planner.not_enough",
        target=_target,
        what=_what,
    ),
)


def localize(
    text: object,
    lang: str,
    patterns: Sequence[Pattern] = PATTERNS,
    *,
    rebuild_english: bool = True,
) -> str:
    """``text`` (a message the models or services wrote in English) in ``lang``.

    Parameters
    ----------
    text : object
        The message (an exception is read with ``str``).
    lang : str
        ``"en"`` or ``"zh"``.
    patterns : sequence of Pattern
        The known kinds of message; the first whose regular expression matches
        the whole text is used.
    rebuild_english : bool
        False: English is the text as written (the importer's notes, which the
        CLI prints as they are).

    Returns
    -------
    str
        The message rebuilt from its catalogue key in ``lang`` (in English too:
        the catalogue's wording names no raw channel id, the page names the
        channel); a message of no known kind as written.
    """
    message = str(text).strip()
    if lang == "en" and not rebuild_english:
        return message
    for pattern in patterns:
        match = pattern.regex.fullmatch(message)
        if match is None:
            continue
        fields = {k: (v or "") for k, v in match.groupdict().items()}
        for name, convert in pattern.convert.items():
            if fields.get(name):
                fields[name] = convert(fields[name], lang)
        return t(pattern.key, lang, **fields)
    return message


__all__ = ["PATTERNS", "Pattern", "channel_text", "localize"]
