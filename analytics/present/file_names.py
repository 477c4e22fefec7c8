"""File names as a creator knows them: never the folder a file was read from.

The store records the name an import was given: an upload's own name, a
path on the command line (``exports/Totals.csv``) or a zip member
(``exports/Content.zip/Table data.csv``). A screen shows the file
name only, and for a zip member the archive's name and the member's.
"""

from __future__ import annotations

ZIP_SEPARATOR = " › "


def file_label(name: str) -> str:
    r"""The file name to show for a stored import name: no folders, any separator.

    >>> file_label("exports/2026/Totals.csv")
    'Totals.csv'
    >>> file_label(r"D:\exports\Table data.csv")
    'Table data.csv'
    >>> file_label("exports/Content 2024.zip/Content 2024/Table data.csv")
    'Content 2024.zip › Table data.csv'
    >>> file_label("Overview.csv")
    'Overview.csv'
    """
    parts = [p for p in str(name).replace("\\", "/").split("/") if p]
    if not parts:
        return str(name)
    for part in parts[:-1]:
        if part.lower().endswith(".zip"):
            return f"{part}{ZIP_SEPARATOR}{parts[-1]}"
    return parts[-1]
