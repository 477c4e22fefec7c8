"""``python -m analytics hash-password``: make the hash that turns on the dashboard's sign-in."""

from __future__ import annotations

import argparse
import getpass
import sys

from analytics.cli.common import add_db_option, print_json
from analytics.errors import AnalyticsError
from analytics.passwords import hash_password

MIN_LENGTH = 8


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "hash-password",
        help="hash a dashboard password (for CREATOR_ANALYTICS_PASSWORD_HASH)",
        description="Ask for a password twice and print its salted scrypt hash. Set it as "
        "CREATOR_ANALYTICS_PASSWORD_HASH (or password_hash in .streamlit/secrets.toml) "
        "before serving the dashboard on an address other people can reach.",
    )
    add_db_option(p)  # accepted like every command; the hash does not depend on a store
    p.add_argument(
        "--stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )
    p.add_argument("--json", action="store_true", help="print the hash as JSON")
    p.set_defaults(func=run)


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Dashboard password: ")
    second = getpass.getpass("Same password again: ")
    if first != second:
        raise AnalyticsError("the two passwords differ; nothing was hashed")
    return first


def run(args: argparse.Namespace) -> int:
    password = _read_password(args.stdin)
    if len(password) < MIN_LENGTH:
        raise AnalyticsError(
            f"the password is shorter than {MIN_LENGTH} characters; choose a longer one"
        )
    stored = hash_password(password)
    if args.json:
        print_json({"password_hash": stored, "env": "CREATOR_ANALYTICS_PASSWORD_HASH"})
    else:
        print(stored)
        print(
            f"\nSet it before starting the dashboard, e.g.\n  export CREATOR_ANALYTICS_PASSWORD_HASH='{stored}'\n"
            f'or in .streamlit/secrets.toml:\n  password_hash = "{stored}"',
            file=sys.stderr,
        )
    return 0
