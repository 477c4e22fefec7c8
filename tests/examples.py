"""Property and fuzz tests count the examples they ran and fail below a minimum.

A Hypothesis test can pass having checked almost nothing: every example
filtered out, or a time budget spent before the first one. :func:`ran_at_least`
wraps a ``@given`` test so that it counts the examples its body really ran
(through ``test.hypothesis.inner_test``, the hook Hypothesis documents for
wrapping the inner test) and fails when fewer than ``minimum`` ran.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

Counter = Callable[[], int]


def ran_at_least(minimum: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a ``@given`` test (put it above ``@given`` and ``@settings``).

    Parameters
    ----------
    minimum : int
        Fewest examples the body must have run for the test to pass.
    """

    def deco(test: Callable[..., Any]) -> Callable[..., Any]:
        hyp = test.hypothesis  # type: ignore[attr-defined]
        inner = hyp.inner_test
        calls = {"n": 0}

        @functools.wraps(inner)
        def counting(*args: Any, **kwargs: Any) -> Any:
            calls["n"] += 1
            return inner(*args, **kwargs)

        hyp.inner_test = counting

        @functools.wraps(test)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            calls["n"] = 0
            test(*args, **kwargs)
            assert calls["n"] >= minimum, (
                f"{test.__name__} ran {calls['n']} example(s); at least {minimum} are needed"
            )
            wrapper.examples_run = calls["n"]  # type: ignore[attr-defined]

        return wrapper

    return deco
