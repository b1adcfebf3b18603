"""The login throttle: when failures lock a username or a client out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from icshub.auth.throttle import MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_USERNAME, WINDOW, locked_until

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
ages = st.lists(st.integers(min_value=0, max_value=3600), max_size=30)


def times(seconds: list[int]) -> list[datetime]:
    return [NOW - timedelta(seconds=s) for s in seconds]


def test_four_failures_do_not_lock_five_do() -> None:
    assert locked_until(times([10, 20, 30, 40]), [], NOW) is None
    assert locked_until(times([10, 20, 30, 40, 50]), [], NOW) == NOW - timedelta(seconds=10) + WINDOW


def test_old_failures_do_not_count() -> None:
    assert locked_until(times([10, 20, 30, 40, 16 * 60]), [], NOW) is None


def test_many_failures_from_one_client_lock_it() -> None:
    assert locked_until([], times(list(range(1, MAX_FAILURES_PER_CLIENT + 1))), NOW) is not None


@given(ages, ages)
def test_a_lock_is_in_the_future_and_needs_enough_recent_failures(user: list[int], client: list[int]) -> None:
    lock = locked_until(times(user), times(client), NOW)
    recent_user = sum(1 for s in user if timedelta(seconds=s) < WINDOW)
    recent_client = sum(1 for s in client if timedelta(seconds=s) < WINDOW)
    should_lock = recent_user >= MAX_FAILURES_PER_USERNAME or recent_client >= MAX_FAILURES_PER_CLIENT
    assert (lock is not None) is should_lock
    if lock is not None:
        assert NOW < lock <= NOW + WINDOW


@given(ages)
def test_more_failures_never_unlock(user: list[int]) -> None:
    if locked_until(times(user), [], NOW) is not None:
        assert locked_until(times([*user, 1]), [], NOW) is not None
