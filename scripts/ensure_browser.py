"""Install Debian's headless Chromium for the browser test when it is missing.

Prints what it did; never fails the build (the browser test skips with a
reason when no Chromium can be found).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CANDIDATES = ("chromium", "chromium-browser")


def find_chromium() -> str | None:
    """Path of a Chromium executable, or None."""
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def main() -> int:
    if find_chromium():
        print(f"chromium: {find_chromium()}")
        return 0
    if not shutil.which("apt-get"):
        print("chromium: not found and apt-get is not available; the browser test will skip")
        return 0
    sudo = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if sudo is None:
        print("chromium: not found and no root rights to install it; the browser test will skip")
        return 0
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (
        sudo + ["apt-get", "update", "-q"],
        sudo + ["apt-get", "install", "-y", "-q", "chromium"],
    ):
        res = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if res.returncode != 0:
            print(f"chromium: '{' '.join(cmd)}' failed; the browser test will skip")
            print(res.stderr[-2000:], file=sys.stderr)
            return 0
    print(f"chromium: installed at {find_chromium()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
