"""Write the made-up sample exports of the demo creator "Kitchen Lab".

The files reproduce the real layouts of a YouTube Studio "Advanced mode"
export (English UI, Content dimension), a YouTube Studio subscriber series,
the YouTube Data API video list, a Douyin 作品列表 xlsx and a generic fan
interaction log. Every number is invented; the effects planted in it are
documented in ``sample_data/README.md`` and written to ``truth.json``.

Only the standard library, numpy and openpyxl are used; the parts live in
``sample_data/kitchen_lab/`` (parameters, text material, the planned videos
per platform, fans, writers, truth and the self-check). A fixed seed makes the
output deterministic: running the script twice writes byte-identical files
(the xlsx, written by openpyxl, gets fixed document and zip-entry times).

Usage::

    python sample_data/generate.py            # writes next to this file
    python sample_data/generate.py --out DIR  # writes somewhere else

The run ends with a self-check that re-reads the written files and prints the
measured reach ratios next to the planted ones.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``sample_data.kitchen_lab`` importable
    _ROOT = str(Path(__file__).resolve().parents[1])
    if _ROOT not in sys.path:
        sys.path.insert(0, _ROOT)

from sample_data.kitchen_lab.check import measure, self_check
from sample_data.kitchen_lab.douyin import build_douyin_videos, douyin_metrics
from sample_data.kitchen_lab.fans import build_fans
from sample_data.kitchen_lab.truth import manifest, truth, write_json
from sample_data.kitchen_lab.writers import (
    write_douyin,
    write_fans,
    write_subscribers,
    write_youtube_api,
    write_youtube_studio,
)
from sample_data.kitchen_lab.youtube import (
    build_youtube_videos,
    youtube_daily_views,
    youtube_metrics,
    youtube_subscriber_series,
)

__all__ = ["generate", "main", "measure", "self_check"]


def generate(out: Path) -> None:
    """Write every sample file into ``out``."""
    yt = build_youtube_videos()
    daily = youtube_daily_views(yt)
    youtube_metrics(yt, daily)
    dy = build_douyin_videos()
    douyin_metrics(dy)
    segs, events = build_fans(yt)
    totals = write_youtube_studio(out, yt, daily)
    write_subscribers(out, youtube_subscriber_series(totals))
    write_youtube_api(out, yt)
    write_douyin(out, dy)
    write_fans(out, events)
    write_json(out / "manifest.json", manifest())
    write_json(out / "truth.json", truth(yt, dy, segs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--no-check", action="store_true", help="skip the self-check")
    args = parser.parse_args(argv)
    generate(args.out)
    if not args.no_check:
        self_check(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
