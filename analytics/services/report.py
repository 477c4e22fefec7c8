"""The offline HTML report of a store: build the strategy, render, write the files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from analytics.i18n import normalize_lang
from analytics.report import cards_csv, render_report
from analytics.services.channels import channel_label
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
    text = render_report(result, lang, channel=channel_label(db_path, channel_id, lang))
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    csv_path = None
    if csv_out is not None:
        csv_path = Path(csv_out)
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        csv_path.write_bytes(cards_csv(result, lang))
    return {
        "report": str(path),
        "bytes": path.stat().st_size,
        "cards": len(result.cards),
        "csv": None if csv_path is None else str(csv_path),
    }


__all__ = ["write_report"]
