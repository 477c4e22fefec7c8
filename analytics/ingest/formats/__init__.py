"""The export formats the importer knows, in detection order."""

from __future__ import annotations

from analytics.ingest.formats.base import Format
from analytics.ingest.formats.fans import FanInteractionsFormat
from analytics.ingest.formats.tabular import TabularFormat
from analytics.ingest.formats.works_cn import WorksListFormat
from analytics.ingest.formats.youtube_api import YouTubeApiVideoList

FORMATS: list[Format] = [YouTubeApiVideoList(), FanInteractionsFormat(), WorksListFormat(), TabularFormat()]


def detect_format(headers: list[str]) -> Format | None:
    """The first format whose signature matches the normalised ``headers``, else None."""
    for fmt in FORMATS:
        if fmt.detect(headers):
            return fmt
    return None
