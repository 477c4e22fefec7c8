"""Options and output helpers shared by the CLI commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from analytics.errors import AnalyticsError
from analytics.services.channels import store_path as default_db_path
from analytics.services.health import error_line


def run_guarded(func: Callable[[], int], db: str | None = None, as_json: bool = False) -> int:
    """Run a command; turn every failure a user can meet into one line on stderr.

    * :class:`AnalyticsError` (bad file, busy or damaged store, bad setting):
      ``error: <message>``, status 1.
    * A damaged store noticed as a raw DuckDB error: the damaged-store line.
    * Any other DuckDB error or an operating-system error (disk full,
      permission): one line naming it, status 1.
    * The reader of the output went away (``... | head``): stop quietly,
      status 0, no BrokenPipe traceback.
    * Ctrl-C: one line, status 130.

    With ``as_json`` (the command's ``--json``) the failure is also written on
    stdout as ``{"error": {"kind": ..., "message": ...}}``, so a script reading
    the JSON gets JSON either way (``kind`` is the error's class, such as
    ``NotEnoughDataError``).
    """
    try:
        return func()
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except AnalyticsError as exc:
        return _fail(str(exc), as_json=as_json, kind=type(exc).__name__)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing was half-written", 130, as_json, "Interrupted")
    except Exception as exc:  # only the kinds error_line knows (DuckDB, OS); others re-raised
        line = error_line(exc, db or str(default_db_path()))
        if line is None:
            raise
        return _fail(line, as_json=as_json, kind=type(exc).__name__)


def _fail(message: str, status: int = 1, as_json: bool = False, kind: str = "Error") -> int:
    try:
        if as_json:
            print_json({"error": {"kind": kind, "message": message}})
            sys.stdout.flush()
        print(f"error: {message}", file=sys.stderr)
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass
    return status


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--db PATH`` (default: ``$CREATOR_ANALYTICS_DB`` or ``data/creator.duckdb``)."""
    parser.add_argument(
        "--db",
        default=None,
        metavar="PATH",
        help=f"DuckDB store file (default: $CREATOR_ANALYTICS_DB or {default_db_path()})",
    )


def print_json(payload: Any) -> None:
    """Print ``payload`` as JSON on stdout (UTF-8, non-ASCII kept, NaN written as null)."""
    text = json.dumps(_clean(payload), ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(text + "\n")


def _clean(value: Any) -> Any:
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return _clean(value.item())
    return value


def resolve_channel(db: str | None, channel: str | None) -> str | None:
    """The store's id of ``channel``, given as its id or its display name (case-insensitive).

    Raises
    ------
    AnalyticsError
        No channel has that id or name, or the name is shared by several channels.
    """
    if channel is None:
        return None
    from analytics.services.channels import list_channels

    channels = list_channels(db or str(default_db_path()))
    if channel in set(channels["channel_id"]):
        return channel
    by_name = channels[channels["display_name"].fillna("").str.casefold() == channel.casefold()]
    if len(by_name) == 1:
        return str(by_name["channel_id"].iloc[0])
    if len(by_name) > 1:
        raise AnalyticsError(
            f"several channels are named {channel!r}; give one of their ids: "
            + ", ".join(by_name["channel_id"])
        )
    raise AnalyticsError(
        f"unknown channel {channel!r}; `python -m analytics channels` lists the store's channels"
    )


def one_channel(db: str | None, channel: str | None, *, quiet: bool = False) -> str | None:
    """The channel an analysis command reads: ``--channel``, or the one with the most videos.

    Analyses never pool channels (a trending list's videos are never counted
    as the creator's). Without ``--channel``, the channel with the most stored
    videos is read and, unless ``quiet``, named on stderr.
    """
    if channel is not None:
        return channel
    from analytics.channel_names import channel_label_in
    from analytics.i18n import t
    from analytics.services.channels import analysis_channel, list_channels

    path = db or str(default_db_path())
    chosen = analysis_channel(path, None)
    if chosen is not None and not quiet:
        label = channel_label_in(list_channels(path), chosen, "en")
        print(t("analysis.cli_channel", "en", channel=label), file=sys.stderr)
    return chosen
