"""Shared fixtures: paths to the shared real data and cases, fresh stores."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def realdata() -> Path:
    """The folder of real, openly licensed exports; skip when it is absent."""
    path = SHARED / "realdata"
    if not path.is_dir():
        pytest.skip("real data folder ../shared/realdata is not present in this checkout")
    return path


@pytest.fixture
def cases_dir() -> Path:
    """Inputs of the bug-report cases, copied into tests/data/cases."""
    return TEST_DATA / "cases"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh store file (created on first connect)."""
    return tmp_path / "store.duckdb"
