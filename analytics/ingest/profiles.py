"""The header signature that keys saved column mappings ("profiles").

A profile remembers the header row it was made for as a signature: the
normalised header cells (NFKC, no soft hyphens, trimmed, case-folded), in
order. The importer looks a file's signature up before format detection
(among the profiles the store layer hands it), so a layout mapped once
imports by itself the next time. Saving, listing and deleting profiles is
:mod:`analytics.services.profiles`.
"""

from __future__ import annotations

import json

from analytics.ingest.reader import normalise_header


def header_signature(headers: list[str]) -> str:
    """The signature of a header row: its normalised cells as a JSON list (trailing empties dropped)."""
    cells = [normalise_header(h) for h in headers]
    while cells and not cells[-1]:
        cells.pop()
    return json.dumps(cells, ensure_ascii=False)
