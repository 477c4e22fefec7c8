"""Every setting of the product in one declared table (name, default, help).

Settings are environment variables read when used (never at import time), so
a bad value is reported where it matters, as one line that names the
variable, the value and what to set instead; it is never a traceback and
never silently replaced by the default. The README's "Settings" section
documents each one (a test checks that every name here appears there, and
that the code reads no ``CREATOR_ANALYTICS_*`` variable missing here).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from analytics.errors import AnalyticsError


class SettingError(AnalyticsError):
    """A setting holds a value the product cannot use."""


@dataclass(frozen=True)
class Setting:
    """One environment variable the product reads.

    Attributes
    ----------
    name : str
        The environment variable.
    default : str
        Its value when unset or empty (``""``: none).
    kind : str
        ``"path"``, ``"text"``, ``"int"`` (a whole number above 0) or
        ``"float"`` (a number of seconds, 0 or more).
    help : str
        What it changes, in the README's words.
    """

    name: str
    default: str
    kind: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "CREATOR_ANALYTICS_DB",
        "data/creator.duckdb",
        "path",
        "The store file (one DuckDB file); temporary files are written beside it.",
    ),
    Setting(
        "CREATOR_ANALYTICS_DEMO_DB",
        "data/demo.duckdb",
        "path",
        "The demo store built from the bundled sample data (never mixed with your own store).",
    ),
    Setting(
        "CREATOR_ANALYTICS_LOCK_WAIT_S",
        "15",
        "float",
        "Seconds a command or page waits for another process to release the store.",
    ),
    Setting(
        "CREATOR_ANALYTICS_IMPORT_MEMORY_MB",
        "1024",
        "int",
        "The memory an import may use, in MB, the importing process included; DuckDB's "
        "work beyond it spills to a private folder beside the store.",
    ),
    Setting(
        "CREATOR_ANALYTICS_MAX_UPLOAD_MB",
        "200",
        "int",
        "The largest file or zip the Import page accepts, in MB "
        "(keep server.maxUploadSize in .streamlit/config.toml in step).",
    ),
    Setting(
        "CREATOR_ANALYTICS_MAX_ZIP_ENTRIES",
        "1000",
        "int",
        "The most files one zip may hold, nested zips counted.",
    ),
    Setting(
        "CREATOR_ANALYTICS_MAX_ZIP_EXPANDED_MB",
        "2048",
        "int",
        "The largest total size of a zip's files once expanded, in MB.",
    ),
    Setting(
        "CREATOR_ANALYTICS_MAX_ZIP_RATIO",
        "200",
        "int",
        "The largest expansion ratio of a zip entry above 1 MB.",
    ),
    Setting(
        "CREATOR_ANALYTICS_PASSWORD_HASH",
        "",
        "text",
        "The dashboard's password hash (from `python -m analytics hash-password`); unset: no sign-in.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The declared setting called ``name`` (KeyError for an undeclared one)."""
    return _BY_NAME[name]


def raw(name: str) -> str:
    """The setting's text: the environment's value, else its default (never undeclared)."""
    decl = setting(name)
    value = os.environ.get(name, "").strip()
    return value or decl.default


def get_int(name: str) -> int:
    """A whole-number setting (above 0).

    Raises
    ------
    SettingError
        The value is not a whole number above 0; the message names the
        variable, its value and its default.
    """
    decl = setting(name)
    text = raw(name)
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise SettingError(
            f"the setting {name}={text!r} is not a whole number above 0; set it to a number "
            f"such as {decl.default}, or unset it to use {decl.default}"
        )
    return value


def get_float(name: str) -> float:
    """A number-of-seconds setting (0 or more).

    Raises
    ------
    SettingError
        The value is not a number of 0 or more.
    """
    decl = setting(name)
    text = raw(name)
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise SettingError(
            f"the setting {name}={text!r} is not a number of seconds; set it to a number "
            f"such as {decl.default}, or unset it to use {decl.default}"
        )
    return value


def check_all() -> list[str]:
    """One message per setting whose current value cannot be used (empty: all fine)."""
    problems = []
    for decl in SETTINGS:
        try:
            if decl.kind == "int":
                get_int(decl.name)
            elif decl.kind == "float":
                get_float(decl.name)
        except SettingError as exc:
            problems.append(str(exc))
    return problems


__all__ = ["SETTINGS", "Setting", "SettingError", "check_all", "get_float", "get_int", "raw"]
