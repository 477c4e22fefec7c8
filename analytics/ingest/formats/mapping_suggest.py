"""A first column mapping suggested from the header cells of an unknown layout.

Header cells are matched to canonical fields by their normalised names and
a short list of fuzzy words per field; the user confirms or changes the
suggestion. Re-exported by :mod:`analytics.ingest.formats.mapping`.
"""

from __future__ import annotations

import re

import analytics.ingest.formats.aliases as A
from analytics.ingest.formats.mapping_fields import DURATION_UNITS as DURATION_UNITS  # re-exported
from analytics.ingest.formats.mapping_fields import FIELDS as FIELDS
from analytics.ingest.formats.mapping_fields import IGNORE as IGNORE
from analytics.ingest.formats.mapping_fields import RATE_UNITS as RATE_UNITS
from analytics.ingest.formats.mapping_fields import FieldSpec as FieldSpec
from analytics.ingest.formats.mapping_fields import _fields as _fields
from analytics.ingest.formats.mapping_fields import default_unit as default_unit
from analytics.ingest.formats.mapping_fields import mapping_fields as mapping_fields
from analytics.ingest.reader import normalise_header

_AVERAGE = r"average|avg|mean|per view|durchschnitt|média|medio|media|moyen|平均|人均"
_FUZZY: list[tuple[str, str]] = [
    (
        r"(average|avg|mean|durchschnitt|média|medio|moyen|平均|人均).*"
        r"(duration|length|time|dauer|duración|durée|时长|時間)",
        "avg_view_duration_s",
    ),
    (
        r"(^|[^a-z])(video ?id|post ?id|item ?id|clip ?id|content ?id)($|[^a-z])|视频id|作品id|笔记id",
        "video_id",
    ),
    (r"^(id|video|clip|post)$", "video_id"),
    (r"title|headline|标题|名称|タイトル|標題|titel|título|titre", "title"),
    (r"caption|description|描述|文案|beschreibung|descrição|descripción", "caption"),
    (r"url|link|permalink|链接", "url"),
    (r"publish|posted|upload|发布|投稿|公開|veröffentlich|publica", "published_at"),
    (r"^(date|day|datum|fecha|data|日期|日付|dia|jour)$|(^| )date($| )", "date"),
    (r"impression|曝光|展现|インプレッション", "impressions"),
    (r"ctr|click[- ]?through|点击率|クリック率|klickrate", "impressions_ctr"),
    (r"watch ?time|^watch\b|total play|观看时长|播放时长|再生時間|wiedergabezeit", "watch_time_s"),
    (r"average (view|watch)|avg\.? (view|watch)|平均播放|人均观看|平均視聴", "avg_view_duration_s"),
    (r"duration|length|时长|長さ|dauer|duración|durée", "duration_s"),
    (r"complet|完播", "completion_rate"),
    (r"unique (viewer|visitor)|reach|触达|非重複", "unique_viewers"),
    (r"profile|主页", "profile_views"),
    (r"dislike|踩", "dislikes"),
    (r"like|赞|喜欢|いいね|gefällt", "likes"),
    (r"comment|评论|コメント|kommentar|comentario", "comments"),
    (r"share|分享|转发|共有|geteilt|compartid", "shares"),
    (r"save|favou?rite|bookmark|收藏|保存", "saves"),
    (r"danmaku|弹幕", "danmaku"),
    (r"(new|gained) (follower|subscriber)|涨粉|新增粉丝|follows?$", "followers_gained"),
    (r"(lost) (follower|subscriber)|unfollow|取关", "followers_lost"),
    (r"follower|subscriber|粉丝|abonnent|inscrit|suscriptor", "followers_net"),
    (r"revenue|earning|收益|收入|umsatz|receita|ingreso", "revenue"),
    (r"views?|plays?|播放|观看|aufrufe|visualiza|vues|再生|視聴", "views"),
    (r"country|region|geograph|territor|地区|国家", "key"),
]


def suggest_mapping(headers: list[str]) -> dict[str, str | None]:
    """Guess a field for each header of an unknown layout (for the mapping step to show first).

    Known header names (every platform's, in every UI language the
    importer knows) come first, then keyword matches; each field is given
    to one column at most. The user confirms or corrects every guess; a
    guess is never imported without that.

    Parameters
    ----------
    headers : list of str
        The header row as written.

    Returns
    -------
    dict
        Header -> field name, or None when nothing fits.
    """
    from analytics.ingest.formats.works_cn import PUBLISH_COLS, TITLE_COLS

    out: dict[str, str | None] = {}
    taken: set[str] = set()

    def known(norm: str) -> str | None:
        if norm in A.VIDEO_ID or norm in ("视频id", "post id", "作品id"):
            return "video_id"
        if norm in A.DATE:
            return "date"
        if norm in A.TITLE or norm in TITLE_COLS:
            return "title"
        if norm in A.PUBLISHED or norm in PUBLISH_COLS:
            return "published_at"
        if norm in A.LENGTH:
            return "duration_s"
        if norm in A.DIMENSIONS:
            return "key"
        spec = A.METRICS.get(norm)
        if spec is not None and spec[0] in FIELDS:
            return spec[0]
        return None

    for h in headers:
        guess = known(normalise_header(h))
        if guess is not None and guess not in taken:
            out[h] = guess
            taken.add(guess)
        else:
            out[h] = None
    for h in headers:
        if out[h] is not None:
            continue
        norm = normalise_header(h)
        averaged = re.search(_AVERAGE, norm) is not None
        for pattern, target in _FUZZY:
            if target == "duration_s" and averaged:
                continue  # an average watch duration is not the video's length
            if target not in taken and re.search(pattern, norm):
                out[h] = target
                taken.add(target)
                break
    return out


def starter_mapping(headers: list[str]) -> dict[str, str | None]:
    """:func:`suggest_mapping`, completed so that it imports as it is.

    Rows need something to hang on: without a guessed video id, date, key
    or title, the first column not guessed names the rows (``key``).
    """
    out = suggest_mapping(headers)
    if not {g for g in out.values() if g} & {"video_id", "date", "key", "title"}:
        first = next((h for h in headers if out[h] is None), None)
        if first is not None:
            out[first] = "key"
    return out
