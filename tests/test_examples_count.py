"""The example counter of the property tests counts, and fails below the minimum."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from tests.examples import ran_at_least

QUIET = settings(
    max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


def test_counts_every_example_run() -> None:
    seen: list[int] = []

    @ran_at_least(30)
    @QUIET
    @given(st.integers())
    def body(x: int) -> None:
        seen.append(x)

    body()
    assert body.examples_run == len(seen) >= 30  # type: ignore[attr-defined]


def test_fails_when_the_search_space_runs_out_before_the_minimum() -> None:
    @ran_at_least(5)
    @QUIET
    @given(st.integers(0, 2))
    def body(x: int) -> None:
        pass

    with pytest.raises(AssertionError, match=r"ran 3 example\(s\); at least 5"):
        body()


def test_fails_when_every_example_is_filtered_out() -> None:
    @ran_at_least(10)
    @QUIET
    @given(st.integers())
    def body(x: int) -> None:
        assume(x == 123_456_789_123)

    with pytest.raises((Unsatisfiable, AssertionError)):
        body()
