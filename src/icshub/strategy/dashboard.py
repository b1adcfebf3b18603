"""The delivery dashboard: filtering and ordering item rows, and counting statuses. Pure rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from icshub.auth.policy import Body
from icshub.strategy.due import within
from icshub.strategy.queries import ItemRow
from icshub.strategy.vocabulary import ProgressStatus

_CONCERN = {ProgressStatus.OFF_TRACK: 0, ProgressStatus.AT_RISK: 1}


@dataclass(frozen=True)
class Filters:
    outcome: str | None = None
    lead: Body | None = None
    place_bodies: frozenset[Body] | None = None
    place_key: str | None = None
    status: ProgressStatus | None = None
    due_from: date | None = None
    due_to: date | None = None
    overdue_only: bool = False


def apply(rows: Iterable[ItemRow], filters: Filters) -> list[ItemRow]:
    """The rows that pass every filter given."""
    kept = []
    for row in rows:
        if filters.outcome and row.outcome_key != filters.outcome:
            continue
        if filters.lead and filters.lead not in row.lead_bodies:
            continue
        if filters.place_bodies is not None and not (
            row.lead_bodies & filters.place_bodies or (filters.place_key and row.place_key == filters.place_key)
        ):
            continue
        if filters.status and row.status is not filters.status:
            continue
        if (filters.due_from or filters.due_to) and not within(
            row.due, filters.due_from or date.min, filters.due_to or date.max
        ):
            continue
        if filters.overdue_only and not row.overdue:
            continue
        kept.append(row)
    return kept


def concern_first(rows: Iterable[ItemRow]) -> list[ItemRow]:
    """Overdue first, then off track, then at risk, then by due date, so that attention goes where it is needed."""
    return sorted(
        rows,
        key=lambda r: (
            0 if r.overdue else 1,
            _CONCERN.get(r.status, 2),
            r.due.end if r.due else date.max,
            r.outcome_number,
            r.key,
        ),
    )


def status_counts(rows: Iterable[ItemRow]) -> dict[str, Counter[str]]:
    """Per outcome key, how many items have each status, and how many are overdue."""
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        tally = counts.setdefault(row.outcome_key, Counter())
        tally[row.status.value] += 1
        tally["overdue"] += row.overdue
        tally["total"] += 1
    return counts
