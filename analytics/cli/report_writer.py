"""The offline HTML report of a store: build the strategy, render, write the files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from analytics.channel_names import channel_label_in
from analytics.dp_share import ShareConfig
from analytics.export_csv import safe_csv
from analytics.i18n import normalize_lang
from analytics.present.report import cards_csv, render_report
from analytics.present.share_section import share_section_html
from analytics.services.channels import list_channels
from analytics.services.share import build_share_release, from_fans, video_titles
from analytics.services.strategy import build_strategy

StorePath = str | os.PathLike[str]


def write_report(
    db_path: StorePath,
    out: str | os.PathLike[str],
    channel_id: str | None = None,
    *,
    lang: str = "en",
    use_models: bool = True,
    csv_out: str | os.PathLike[str] | None = None,
    share: ShareConfig | None = None,
) -> dict[str, Any]:
    """Build the strategy of a store and write the HTML report (and optionally the CSV).

    Parameters
    ----------
    db_path : str or path
        The DuckDB store file.
    out : path
        The HTML file to write (its folder is created).
    channel_id : str, optional
        One channel, or every channel.
    lang : {"en", "zh"}
    use_models : bool
        Run the drivers and fans models (see :func:`analytics.services.strategy.build_strategy`).
    csv_out : path, optional
        Also write the cards as CSV there.
    share : ShareConfig, optional
        Share mode (:mod:`analytics.dp_share`): the cards built on fans are
        left out, and the fan counts are released with differential privacy
        in a section of the report and in ``<out>.fans-dp.csv``.

    Returns
    -------
    dict
        ``report`` (path), ``bytes`` (size of the HTML), ``cards`` (count),
        ``csv`` (path or None).

    Raises
    ------
    StoreError, StoreBusyError
        The store cannot be opened.
    """
    lang = normalize_lang(lang)
    result = build_strategy(db_path, channel_id, use_models=use_models)
    release = None
    if share is not None:
        result.cards = [c for c in result.cards if not from_fans(c)]
    section = None
    if share is not None:
        release = build_share_release(db_path, channel_id, config=share, with_segments=use_models)
        section = share_section_html(release, lang, video_titles(db_path, channel_id))
    label = channel_label_in(list_channels(db_path), channel_id, lang)
    text = render_report(result, lang, channel=label, share_section=section)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    csv_path = None
    if csv_out is not None:
        csv_path = Path(csv_out)
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        csv_path.write_bytes(cards_csv(result, lang))
    info: dict[str, Any] = {
        "report": str(path),
        "bytes": path.stat().st_size,
        "cards": len(result.cards),
        "csv": None if csv_path is None else str(csv_path),
    }
    if release is not None:
        share_path = path.with_name(path.stem + ".fans-dp.csv")
        share_path.write_bytes(safe_csv(release.long_frame()))
        info["share"] = {**release.as_dict(), "csv": str(share_path)}
    return info


__all__ = ["write_report"]
