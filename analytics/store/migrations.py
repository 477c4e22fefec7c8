"""Numbered schema migrations of the store.

Each migration is a list of SQL statements. They run in order, each one in a
transaction together with the row that records it in ``schema_migrations``,
so a failed migration leaves the previous schema working.

The tables and columns created here are a public contract (see the README's
"Store schema" section): users query the file with DuckDB. Never rename a
column; add a new migration instead.
"""

from __future__ import annotations

from analytics.ingest.metrics import BOUNCE_3S_METRICS as _BOUNCE_3S_METRICS
from analytics.ingest.metrics import COUNT_METRICS as COUNT_METRICS  # re-exported
from analytics.ingest.metrics import COUNT_METRICS_V1 as _COUNT_METRICS_V1
from analytics.ingest.metrics import RATE_METRICS as RATE_METRICS
from analytics.ingest.metrics import RATE_METRICS_V1 as _RATE_METRICS_V1
from analytics.ingest.metrics import SECONDS_METRICS as SECONDS_METRICS
from analytics.ingest.metrics import VIEWER_KIND_METRICS as VIEWER_KIND_METRICS
from analytics.store.summaries import MIGRATION_STATEMENTS as _SUMMARY_STATEMENTS

_METRIC_COLUMNS = (
    ",\n".join(f"    {c} BIGINT" for c in _COUNT_METRICS_V1)
    + ",\n"
    + ",\n".join(f"    {c} DOUBLE" for c in _RATE_METRICS_V1)
    + ",\n"
    + ",\n".join(f"    {c} DOUBLE" for c in SECONDS_METRICS)
    + ",\n    revenue DOUBLE,\n    currency VARCHAR,\n"
    # names of the metric columns whose value is a lower bound ("10万+")
    + "    lower_bounds VARCHAR[],\n"
    + "    import_id BIGINT"
)

# Fact tables whose rows are also kept per import (migration 2).
HISTORY_TABLES = (
    "videos",
    "video_daily",
    "video_totals",
    "channel_daily",
    "channel_breakdown",
    "fan_interactions",
)

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "canonical tables",
        [
            """CREATE TABLE store_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
)""",
            """CREATE TABLE channels (
    channel_id VARCHAR PRIMARY KEY,
    platform VARCHAR NOT NULL,
    display_name VARCHAR,
    time_zone VARCHAR NOT NULL DEFAULT 'UTC',
    created_at TIMESTAMPTZ DEFAULT now()
)""",
            """CREATE TABLE videos (
    channel_id VARCHAR NOT NULL,
    video_id VARCHAR NOT NULL,
    title VARCHAR,
    caption VARCHAR,
    published_at TIMESTAMPTZ,
    published_date DATE,
    duration_s DOUBLE,
    content_type VARCHAR,
    tags VARCHAR[],
    category VARCHAR,
    url VARCHAR,
    id_derived BOOLEAN DEFAULT false,
    import_id BIGINT
)""",
            f"""CREATE TABLE video_daily (
    channel_id VARCHAR NOT NULL,
    video_id VARCHAR NOT NULL,
    date DATE NOT NULL,
{_METRIC_COLUMNS}
)""",
            f"""CREATE TABLE video_totals (
    channel_id VARCHAR NOT NULL,
    video_id VARCHAR NOT NULL,
    as_of DATE NOT NULL,
    period_start DATE,
    period_end DATE,
{_METRIC_COLUMNS}
)""",
            f"""CREATE TABLE channel_daily (
    channel_id VARCHAR NOT NULL,
    date DATE NOT NULL,
{_METRIC_COLUMNS}
)""",
            f"""CREATE TABLE channel_breakdown (
    channel_id VARCHAR NOT NULL,
    dimension VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    share DOUBLE,
{_METRIC_COLUMNS}
)""",
            """CREATE TABLE fan_interactions (
    channel_id VARCHAR NOT NULL,
    fan_key VARCHAR NOT NULL,
    video_id VARCHAR NOT NULL,
    event VARCHAR NOT NULL,
    ts TIMESTAMPTZ,
    event_key VARCHAR,
    weight DOUBLE NOT NULL DEFAULT 1.0,
    is_spam BOOLEAN NOT NULL DEFAULT false,
    import_id BIGINT
)""",
            """CREATE TABLE imports (
    import_id BIGINT PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    format VARCHAR,
    channel_id VARCHAR,
    status VARCHAR NOT NULL,
    rows_read BIGINT,
    rows_loaded BIGINT,
    rows_rejected BIGINT,
    error VARCHAR,
    period_start DATE,
    period_end DATE,
    export_date DATE,
    imported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    rank_key VARCHAR
)""",
            """CREATE TABLE import_rejects (
    import_id BIGINT NOT NULL,
    line BIGINT,
    column_name VARCHAR,
    raw_value VARCHAR,
    reason VARCHAR NOT NULL
)""",
            """CREATE TABLE column_profiles (
    name VARCHAR PRIMARY KEY,
    header_signature VARCHAR NOT NULL,
    mapping_json VARCHAR NOT NULL,
    created_at TIMESTAMPTZ DEFAULT now()
)""",
            "CREATE SEQUENCE import_id_seq START 1",
        ],
    ),
    (
        2,
        "rows per import (undo an import)",
        # import_rows_<table>: the rows each import brought, as in its file (see
        # analytics.store.import_history). Filled from today's rows, each attributed to
        # the import that last won it.
        [
            stmt
            for table in HISTORY_TABLES
            for stmt in (
                f"CREATE TABLE import_rows_{table} AS SELECT * FROM {table} WHERE false",
                f"INSERT INTO import_rows_{table} SELECT * FROM {table} WHERE import_id IS NOT NULL",
            )
        ],
    ),
    (
        3,
        "summary tables (video_daily per video and per channel and day)",
        # Derived from video_daily and kept equal to it by every write (see
        # analytics.store.summaries); filled here from today's rows.
        list(_SUMMARY_STATEMENTS),
    ),
]

# Fact tables with the shared metric columns (and their rows per import).
METRIC_TABLES = ("video_daily", "video_totals", "channel_daily", "channel_breakdown")
MIGRATIONS.append(
    (
        4,
        "casual and regular viewers",
        [
            f"ALTER TABLE {prefix}{table} ADD COLUMN {column} BIGINT"
            for table in METRIC_TABLES
            for prefix in ("", "import_rows_")
            for column in VIEWER_KIND_METRICS
        ],
    )
)

MIGRATIONS.append(
    (
        5,
        "3-second bounce rate (Bilibili)",
        [
            f"ALTER TABLE {prefix}{table} ADD COLUMN {column} DOUBLE"
            for table in METRIC_TABLES
            for prefix in ("", "import_rows_")
            for column in _BOUNCE_3S_METRICS
        ],
    )
)

# Natural keys per fact table (DESIGN.md).  The writer upserts on these.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "channels": ("channel_id",),
    "videos": ("channel_id", "video_id"),
    "video_daily": ("channel_id", "video_id", "date"),
    "video_totals": ("channel_id", "video_id", "as_of"),
    "channel_daily": ("channel_id", "date"),
    "channel_breakdown": ("channel_id", "dimension", "key", "period_start", "period_end"),
    "fan_interactions": ("channel_id", "fan_key", "video_id", "event", "ts", "event_key"),
}
