"""When repeated failed logins lock an account or a client out for a while: a pure rule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_CLIENT = 20


def locked_until(
    failures_for_username: Sequence[datetime], failures_for_client: Sequence[datetime], now: datetime
) -> datetime | None:
    """The time until which logins are refused, given the failures since the last success, or ``None``.

    Five failures for one username, or twenty from one client, within fifteen minutes lock further
    attempts until fifteen minutes after the latest failure.
    """
    for failures, limit in (
        (failures_for_username, MAX_FAILURES_PER_USERNAME),
        (failures_for_client, MAX_FAILURES_PER_CLIENT),
    ):
        recent = sorted(t for t in failures if now - t < WINDOW)
        if len(recent) >= limit:
            return recent[-1] + WINDOW
    return None
