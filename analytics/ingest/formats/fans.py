"""Fan interaction files: who did what on which video, when.

Two layouts:

* generic: ``fan_id,video_id,event,timestamp`` (optional ``weight``);
  ``viewer_id`` / ``user_id`` name the fan and ``watch_seconds`` or
  ``weight`` the strength of the event;
* comments exports (``comment_id,author,video_id,published_at,is_spam``):
  each row is a ``comment`` event, spam flagged.

Fan ids are never stored as given: ``fan_key`` is an HMAC-SHA256 of the id
with a secret created per store on first use (``store_meta``), so the same
fan gets the same key across imports and the raw id cannot be read back.
"""

from __future__ import annotations

import secrets

import duckdb
import pandas as pd

import analytics.ingest.values as V
from analytics.fan_keys import fan_key
from analytics.ingest.dates import DATE_FORMATS
from analytics.ingest.formats.base import Format, ParseContext, Staged

FAN_COLS = ["fan_id", "viewer_id", "user_id", "author", "fan", "viewer", "user", "author_id", "uid"]
VIDEO_COLS = ["video_id", "item_id", "content", "video"]
EVENT_COLS = ["event", "event_type", "action", "interaction"]
TIME_COLS = ["timestamp", "ts", "time", "published_at", "event_time", "date"]
WEIGHT_COLS = ["weight", "watch_seconds", "count", "value"]
EVENTS = {"view", "like", "comment", "share", "save", "follow", "danmaku", "watch"}


def fan_secret(con: duckdb.DuckDBPyConnection) -> bytes:
    """The store's HMAC key for fan ids, created on first use.

    In a connection without a store (a preview) a throwaway key is used.
    """
    try:
        rows = con.execute("SELECT value FROM store_meta WHERE key = 'fan_key_secret'").fetchall()
    except duckdb.CatalogException:
        return secrets.token_bytes(32)
    if rows:
        return bytes.fromhex(rows[0][0])
    key = secrets.token_hex(32)
    con.execute(
        "INSERT INTO store_meta (key, value) VALUES ('fan_key_secret', ?) ON CONFLICT DO NOTHING",
        [key],
    )
    return bytes.fromhex(
        con.execute("SELECT value FROM store_meta WHERE key = 'fan_key_secret'").fetchall()[0][0]
    )


class FanInteractionsFormat(Format):
    """Fan x video events (see module docstring)."""

    name = "fan_interactions"
    label = "Fan interactions"

    def detect(self, headers: list[str]) -> bool:
        return (
            any(h in FAN_COLS for h in headers)
            and any(h in VIDEO_COLS[:2] for h in headers)
            and "view_count" not in headers
        )

    def stage(self, ctx: ParseContext) -> Staged:
        ctx.hide_values = True  # rejects name line and column, never a cell (a fan id)
        f, c = ctx.find, ctx.col
        i_fan, i_vid = f(*FAN_COLS), f(*VIDEO_COLS)
        assert i_fan is not None and i_vid is not None
        i_event, i_time, i_weight = f(*EVENT_COLS), f(*TIME_COLS), f(*WEIGHT_COLS)
        i_spam, i_cid = f("is_spam", "spam"), f("comment_id", "event_id", "id")
        staged = Staged(
            format_name=self.name,
            format_label=self.label,
            platform="generic",
            rows_read=ctx.raw.n_rows,
            needs_channel=True,
        )
        default_event = (
            "comment"
            if i_cid is not None and ctx.raw.norm_headers[i_cid] == "comment_id"
            else "view"
        )
        cols: dict[str, tuple[str, int | None, str]] = {
            "fan_raw": (V.identifier(c(i_fan)), None, ""),
            "video_id": (V.identifier(c(i_vid)), None, ""),
        }
        if i_event is not None:
            e = f"lower({V.text(c(i_event))})"
            allowed = ", ".join(f"'{x}'" for x in sorted(EVENTS))
            cols["event"] = (
                f"CASE WHEN {e} = 'watch' THEN 'view' WHEN {e} IN ({allowed}) THEN {e} END",
                i_event,
                f"unknown event (expected one of {', '.join(sorted(EVENTS))})",
            )
        else:
            cols["event"] = (f"'{default_event}'", None, "")
        if i_time is not None:
            ts = V.timestamp(
                c(i_time),
                [
                    "%Y-%m-%dT%H:%M:%SZ",
                    "%Y-%m-%dT%H:%M:%S.%gZ",
                    "%Y-%m-%dT%H:%M:%S.%f",
                    "%Y-%m-%dT%H:%M:%S.%fZ",
                ]
                + DATE_FORMATS,
            )
            cols["ts"] = (f"timezone('UTC', {ts})", i_time, "not an ISO 8601 time")
        else:
            cols["ts"] = ("CAST(NULL AS TIMESTAMPTZ)", None, "")
        if i_weight is not None:
            cols["weight"] = (V.number(c(i_weight)), i_weight, "not a number")
        else:
            cols["weight"] = ("1.0", None, "")
        if i_spam is not None:
            s = f"lower({V.text(c(i_spam))})"
            cols["is_spam"] = (
                f"CASE WHEN {s} IN ('1', 'true', 'yes') THEN true "
                f"WHEN {s} IN ('0', 'false', 'no') THEN false END",
                i_spam,
                "not 0/1",
            )
        else:
            cols["is_spam"] = ("false", None, "")
        if i_cid is not None:
            cols["event_raw"] = (V.identifier(c(i_cid)), None, "")
        missing = f"{V.clean(c(i_fan))} IS NULL OR {V.clean(c(i_vid))} IS NULL"
        n_missing = int(
            ctx.con.execute(f"SELECT count(*) FROM {ctx.raw.table} WHERE {missing}").fetchall()[0][
                0
            ]
        )
        if n_missing:
            rows = ctx.con.execute(
                f"SELECT _row FROM {ctx.raw.table} WHERE {missing} ORDER BY _row LIMIT 20"
            ).fetchall()
            for (r,) in rows:
                ctx.reject(int(r), i_fan, None, "a fan id and a video id are required")
        parsed = ctx.convert(cols)
        ctx.fail_if_rejects()
        secret = ctx.fan_secret or fan_secret(ctx.con)
        raw_ids = [
            r[0] for r in ctx.con.execute(f"SELECT DISTINCT fan_raw FROM {parsed}").fetchall()
        ]
        mapping = pd.DataFrame(
            {"fan_raw": raw_ids, "fan_key": [fan_key(secret, x) for x in raw_ids]}
        )
        ev_keys = None
        if i_cid is not None:
            eids = [
                r[0]
                for r in ctx.con.execute(
                    f"SELECT DISTINCT event_raw FROM {parsed} WHERE event_raw IS NOT NULL"
                ).fetchall()
            ]
            ev_keys = pd.DataFrame(
                {"event_raw": eids, "event_key": [fan_key(secret, "event:" + x) for x in eids]}
            )
        ctx.con.register("_fan_map", mapping)
        if ev_keys is not None:
            ctx.con.register("_event_map", ev_keys)
        try:
            ev_join = "LEFT JOIN _event_map e USING (event_raw)" if ev_keys is not None else ""
            ev_col = "e.event_key" if ev_keys is not None else "CAST(NULL AS VARCHAR)"
            staged.tables["fan_interactions"] = ctx.stage(
                "fan_interactions",
                f"SELECT CAST(NULL AS VARCHAR) AS channel_id, m.fan_key, p.video_id, p.event, p.ts, "
                f"{ev_col} AS event_key, coalesce(p.weight, 1.0) AS weight, coalesce(p.is_spam, false) AS is_spam, "
                f"p._row FROM {parsed} p JOIN _fan_map m USING (fan_raw) {ev_join}",
            )
        finally:
            ctx.con.unregister("_fan_map")
            if ev_keys is not None:
                ctx.con.unregister("_event_map")
        ctx.con.execute(f"DROP TABLE {parsed}")
        ctx.con.execute(f"DROP TABLE {ctx.raw.table}")
        stats = ctx.con.execute(
            f"SELECT count(DISTINCT fan_key), count(DISTINCT video_id), count(*) FILTER (WHERE is_spam), "
            f"min(ts), max(ts) FROM {staged.tables['fan_interactions']}"
        ).fetchall()[0]
        staged.notes.append(
            f"{stats[0]} fans (stored as keyed hashes, never as given) on {stats[1]} videos; "
            f"{stats[2]} spam-flagged"
        )
        if ev_keys is not None:
            dups = int(
                ctx.con.execute(
                    f"SELECT count(*) - count(DISTINCT (event_key, video_id)) FROM {staged.tables['fan_interactions']} "
                    "WHERE event_key IS NOT NULL"
                ).fetchall()[0][0]
            )
            if dups and i_cid is not None:
                staged.notes.append(
                    f"{dups} row(s) repeat an earlier row's event (same {ctx.header(i_cid)}): "
                    "stored once"
                )
        if stats[4] is not None:
            staged.period_start, staged.period_end = stats[3].date(), stats[4].date()
        return staged
