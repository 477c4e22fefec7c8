"""Strategy cards on a store: read what the cards need, then :mod:`analytics.strategy`."""

from __future__ import annotations

import os

from analytics import growth
from analytics.errors import AnalyticsError, NotEnoughDataError
from analytics.services.channels import data_version
from analytics.services.fits import channel_version, drivers_fit, fans_fit, persisted
from analytics.services.growth import analyse_growth
from analytics.store.fan_queries import load_channel_topics
from analytics.strategy import Card, ModelInputs, Progress, StrategyResult, render_card, to_json
from analytics.strategy import build_strategy as build_from_inputs

StorePath = str | os.PathLike[str]


def model_inputs(db_path: StorePath, channel_id: str | None) -> ModelInputs:
    """Read what the model-based cards need: the persisted drivers and fans fits, topics.

    Both fits are the ones the Drivers and Fans pages show
    (:mod:`analytics.services.fits`), so a card quotes the page's numbers.
    """
    inputs = ModelInputs()
    try:
        inputs.drivers = drivers_fit(db_path, channel_id, "exposure")
    except AnalyticsError as exc:
        inputs.drivers_error = str(exc)
    try:
        # The persisted fans fit (tuned ALS, seed 0) that the Fans page and the CLI read.
        inputs.fans_result = fans_fit(db_path, channel_id).result
    except NotEnoughDataError:
        inputs.fans_result = None
    except AnalyticsError as exc:
        inputs.fans_error = str(exc)
    if channel_id is not None:
        try:
            inputs.channel_topics = load_channel_topics(db_path)
        except AnalyticsError as exc:
            inputs.market_error = str(exc)
    return inputs


def build_strategy(
    db_path: StorePath,
    channel_id: str | None = None,
    *,
    use_models: bool = True,
    n_boot: int = growth.N_BOOT,
    seed: int = 0,
    progress: Progress | None = None,
) -> StrategyResult:
    """The ranked strategy cards of a store: read from beside the store, or built once.

    With the default ``n_boot`` and ``seed`` the result is kept beside the
    store (:func:`analytics.services.fits.persisted`, kind ``strategy``) per
    store version, so the Strategy page, the CLI and the report give the same
    cards, built once; the drivers and fans fits it quotes are the persisted
    ones the Drivers and Fans pages show.

    Parameters
    ----------
    db_path : str or path
        The DuckDB store file.
    channel_id : str, optional
        One channel; None pools every channel (each video against its own
        channel's typical reach).
    use_models : bool
        Also read the persisted drivers and fans fits (fitted once per channel
        and data version when missing); False gives the growth-based cards only.
    n_boot : int
        Bootstrap resamples per interval.
    seed : int
    progress : callable(fraction, message), optional

    Returns
    -------
    StrategyResult

    Raises
    ------
    StoreError, StoreBusyError
        The store cannot be opened.
    """

    def compute() -> StrategyResult:
        if progress is not None:
            progress(0.0, "growth analytics")
        a = analyse_growth(db_path, channel_id, n_boot=n_boot, seed=seed)
        inputs = model_inputs(db_path, channel_id) if use_models else None
        return build_from_inputs(a, inputs, n_boot=n_boot, seed=seed, progress=progress)

    if n_boot != growth.N_BOOT or seed != 0:
        return compute()  # other settings than the pages': computed, not kept
    # Built once per store version (every channel's rows and the import counter: the
    # market cards compare the channel with the others) and kept beside the store.
    version = f"{channel_version(db_path, None)}-{data_version(db_path)}"
    return persisted(
        "strategy" if use_models else "strategy-growth",
        db_path,
        channel_id,
        compute,
        StrategyResult,
        lambda r: {"cards": [c.key for c in r.cards]},
        version=version,
    )


__all__ = [
    "Card",
    "StrategyResult",
    "build_strategy",
    "model_inputs",
    "render_card",
    "to_json",
]
