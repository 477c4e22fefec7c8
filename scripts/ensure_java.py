"""Install Debian's Java 17+ runtime for the Spark engine of the fans model when missing.

Prints what it did; never fails the build (the Spark test skips with a
reason when no Java 17+ can be found or installed).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

MIN_VERSION = 17
#: Debian packages tried in order (headless: no GUI libraries).
PACKAGES = ("openjdk-17-jre-headless", "default-jre-headless")


def java_version(java: str | None = None) -> int | None:
    """Major version of ``java`` on PATH (or the given binary), None when absent."""
    exe = java or shutil.which("java")
    if not exe:
        return None
    try:
        res = subprocess.run([exe, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', res.stderr + res.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def main() -> int:
    found = java_version()
    if found is not None and found >= MIN_VERSION:
        print(f"java: {shutil.which('java')} (version {found})")
        return 0
    if not shutil.which("apt-get"):
        print("java: no Java 17+ and apt-get is not available; the Spark test will skip")
        return 0
    sudo = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if sudo is None:
        print("java: no Java 17+ and no root rights to install it; the Spark test will skip")
        return 0
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    res = subprocess.run(
        sudo + ["apt-get", "update", "-q"], env=env, capture_output=True, text=True
    )
    if res.returncode != 0:
        print("java: 'apt-get update' failed; the Spark test will skip")
        print(res.stderr[-2000:], file=sys.stderr)
        return 0
    for package in PACKAGES:
        res = subprocess.run(
            sudo + ["apt-get", "install", "-y", "-q", "--no-install-recommends", package],
            env=env,
            capture_output=True,
            text=True,
        )
        version = java_version()
        if res.returncode == 0 and version is not None and version >= MIN_VERSION:
            print(f"java: installed {package} (version {version})")
            return 0
    print("java: could not install a Java 17+ runtime; the Spark test will skip")
    print(res.stderr[-2000:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
