"""Tables by two dimensions: Studio's secondary dimension (age x gender, traffic per video).

YouTube Studio's Advanced mode can split a table by a second dimension
(Viewer age, then Viewer gender; Content, then Traffic source). The store
keeps such a table as one combined breakdown whose key joins the parts with
``|`` (``age25-34|female``, ``<video id>|Browse features``), so a
combination is one row of ``channel_breakdown`` and its natural key stays
``(channel, dimension, key, period)``.
"""

from __future__ import annotations

import analytics.ingest.formats.aliases as A

#: The separator of a combined key's parts.
KEY_SEPARATOR = "|"

# Two dimensions whose combination has a name of its own, with the order of the key's parts.
_COMBINED = {
    frozenset({"viewer_age", "viewer_gender"}): (
        "viewer_age_gender",
        ("viewer_age", "viewer_gender"),
    )
}


def combined_dimension(
    headers: list[str], i_video: int | None, i_dim: int | None, i_date: int | None
) -> tuple[str | None, tuple[int, ...], int | None]:
    """The breakdown of a table by two dimensions (Studio's secondary dimension).

    Returns ``(dimension, key_parts, second)``: ``viewer_age_gender`` with
    parts (age, gender) for Viewer age x Viewer gender in either order;
    ``video_<dimension>`` with parts (video id, group) for a table by
    Content and another dimension (traffic source per video ...); otherwise
    the first dimension's own name and no parts (a further dimension column,
    such as the Cities table's City name and Geography, describes the first). ``second`` is the index of the second dimension column.
    """
    if i_dim is None:
        return None, (), None
    first = A.dimension_name(headers[i_dim])
    if first == "city" and i_video is None:
        # Studio's Cities table keys rows by an opaque place id; the key is the city's
        # name with its country ("New York|US"), which a person can read.
        names = [
            i
            for i, h in enumerate(headers)
            if i != i_dim and A.DIMENSIONS.get(h) in {"city", "geography"}
        ]
        i_name = next((i for i in names if A.DIMENSIONS.get(headers[i]) == "city"), None)
        i_geo = next((i for i in names if A.DIMENSIONS.get(headers[i]) == "geography"), None)
        if i_name is not None:
            parts = (i_name, i_geo) if i_geo is not None else (i_name,)
            return "city", parts, None
    if i_video is not None:
        return f"video_{first}", (i_video, i_dim), None
    second = next(
        (
            i
            for i, h in enumerate(headers)
            if i not in (i_dim, i_date) and h in A.DIMENSIONS and h not in A.METRICS
        ),
        None,
    )
    if second is None:
        return first, (), None
    other = A.dimension_name(headers[second])
    pair = _COMBINED.get(frozenset({first, other}))
    if pair is None:
        # a column that describes the first dimension (Cities: City name, Geography)
        return first, (), None
    name, order = pair
    index = {first: i_dim, other: second}
    return name, tuple(index[d] for d in order), second


__all__ = ["KEY_SEPARATOR", "combined_dimension"]
