"""The export formats the importer knows, in detection order.

Detection works on normalised headers (see ``reader.normalise_header``), never
on file names. More specific layouts come first: a TikTok ``Content.csv``
also looks like a dimension table, a Meta daily series like a date table.
"""

from __future__ import annotations

from analytics.ingest.formats.base import Format
from analytics.ingest.formats.fans import FanInteractionsFormat
from analytics.ingest.formats.meta import MetaContentFormat, MetaDailyFormat
from analytics.ingest.formats.reporting_api import ReportingApiFormat
from analytics.ingest.formats.tabular import TabularFormat
from analytics.ingest.formats.tiktok_content import TikTokContentFormat
from analytics.ingest.formats.works_cn import WorksListFormat
from analytics.ingest.formats.youtube_api import YouTubeApiVideoList

FORMATS: list[Format] = [
    YouTubeApiVideoList(),
    ReportingApiFormat(),
    MetaContentFormat(),
    MetaDailyFormat(),
    TikTokContentFormat(),
    FanInteractionsFormat(),
    WorksListFormat(),
    TabularFormat(),
]


def detect_format(headers: list[str]) -> Format | None:
    """The first format whose signature matches the normalised ``headers``, else None."""
    for fmt in FORMATS:
        if fmt.detect(headers):
            return fmt
    return None
