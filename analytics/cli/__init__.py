"""Command-line interface: a thin layer over the ``analytics`` package.

Each module in :mod:`analytics.cli.commands` defines ``register(subparsers)``
that adds one command; commands are discovered, not listed here.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="python -m analytics",
        description="Creator analytics: import platform exports into one store and analyse them.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from analytics.cli import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"analytics.cli.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (0 on success).

    Errors the user can act on (:class:`AnalyticsError`, a damaged store, a
    full disk, a closed pipe) are one line on stderr, never a traceback
    (:func:`analytics.cli.common.run_guarded`).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from analytics.cli.common import resolve_channel, run_guarded

    def run() -> int:
        from analytics.tempspace import sweep_store

        sweep_store(getattr(args, "db", None))  # temp copies left by a killed import
        if args.command != "import" and getattr(args, "channel", None) is not None:
            args.channel = resolve_channel(getattr(args, "db", None), args.channel)
        result = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the guard
        return result

    return run_guarded(run, getattr(args, "db", None), bool(getattr(args, "json", False)))
