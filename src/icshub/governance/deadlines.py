"""Deadlines a committee's terms of reference set, and checks that say in words whether a day meets them.

The Kent and Medway Integrated Care Partnership's terms of reference are typical: notice of a meeting at
least five clear working days ahead, except for a meeting on an urgent issue, which needs only as much
notice as is reasonably practicable (10.2.1); agenda and papers, excluding confidential material, sent no
less than five clear working days ahead (12.2); a member's request for an agenda item no later than twenty
clear working days ahead, or ten for an urgent item (12.3); meetings at least quarterly (10.1); an annual
self-assessment (11.5) and an annual review of the terms of reference (14.1). The numbers are the defaults
here and can be given from another committee's terms of reference.

A clear working day is a working day strictly between the day of the act (notice, request, publication)
and the day of the meeting: neither of those days counts, nor do weekends or England's bank holidays
(see ``icshub.governance.calendar``). Pure rules: no database and no framework.
"""

from __future__ import annotations

import calendar as months
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from icshub.governance.calendar import WorkingCalendar, describe_day

NOTICE_CLEAR_DAYS = 5
AGENDA_REQUEST_CLEAR_DAYS = 20
URGENT_AGENDA_REQUEST_CLEAR_DAYS = 10
PAPERS_CLEAR_DAYS = 5
MEETING_INTERVAL_MONTHS = 3


@dataclass(frozen=True)
class Check:
    """Whether a day met a deadline, how many clear working days it left, and the reason in words."""

    met: bool
    clear_days: int
    message: str


@dataclass(frozen=True)
class Deadline:
    """The last day on which something must be done to leave ``clear_days`` clear working days.

    ``act`` is how a message starts ('Notice given', 'Papers published'); ``calendar`` counts the days;
    ``unless`` is an exception the terms of reference allow for shorter notice (an urgent meeting), in words.
    """

    act: str
    meeting_day: date
    clear_days: int
    latest_day: date
    calendar: WorkingCalendar
    unless: str | None = None

    def check(self, day: date) -> Check:
        """Whether doing it on ``day`` leaves enough clear working days, and if not, by how many and why."""
        left = self.calendar.clear_working_days_between(day, self.meeting_day)
        words = "clear working day" if left == 1 else "clear working days"
        message = (
            f"{self.act} on {describe_day(day)} leaves {left} {words} before the meeting on "
            f"{describe_day(self.meeting_day, with_year=day.year != self.meeting_day.year)}; "
            f"the terms of reference need {self.clear_days}"
        )
        if left >= self.clear_days:
            return Check(True, left, message + ".")
        if self.unless is not None and day < self.meeting_day:
            return Check(True, left, f"{message}, but {self.unless}.")
        reasons = [f"the last day was {describe_day(self.latest_day)}"]
        skipped = self.calendar.bank_holidays_between(day, self.meeting_day)
        if skipped:
            named = ", ".join(f"{name} ({describe_day(d, with_year=False)})" for d, name in skipped)
            reasons.append(f"bank holidays do not count: {named}")
        return Check(False, left, f"{message} ({'; '.join(reasons)}).")


def deadline(
    act: str, meeting_day: date, clear_days: int, calendar: WorkingCalendar, unless: str | None = None
) -> Deadline:
    """The deadline for ``act`` that leaves ``clear_days`` clear working days before ``meeting_day``."""
    latest_day = calendar.latest_notice_day(meeting_day, clear_days)
    return Deadline(act, meeting_day, clear_days, latest_day, calendar, unless)


def notice_deadline(
    meeting_day: date, calendar: WorkingCalendar, *, urgent: bool = False, clear_days: int = NOTICE_CLEAR_DAYS
) -> Deadline:
    """The last day to give notice of a meeting (five clear working days by default).

    A meeting on an urgent issue has the same deadline, but notice after it still meets the rule, which
    asks then only for as much notice as is reasonably practicable.
    """
    unless = "a meeting on an urgent issue needs only as much notice as is reasonably practicable" if urgent else None
    return deadline("Notice given", meeting_day, clear_days, calendar, unless)


def agenda_request_deadline(
    meeting_day: date,
    calendar: WorkingCalendar,
    *,
    urgent: bool = False,
    clear_days: int = AGENDA_REQUEST_CLEAR_DAYS,
    urgent_clear_days: int = URGENT_AGENDA_REQUEST_CLEAR_DAYS,
) -> Deadline:
    """The last day a member can ask the chair for an item on the agenda (20 clear working days, 10 if urgent)."""
    if urgent:
        return deadline("An urgent agenda item requested", meeting_day, urgent_clear_days, calendar)
    return deadline("An agenda item requested", meeting_day, clear_days, calendar)


def papers_deadline(meeting_day: date, calendar: WorkingCalendar, clear_days: int = PAPERS_CLEAR_DAYS) -> Deadline:
    """The last day to send and publish the agenda and papers (confidential material is not published)."""
    return deadline("Agenda and papers published", meeting_day, clear_days, calendar)


def months_after(day: date, months_later: int) -> date:
    """The same day ``months_later`` months on, or the month's last day if it is shorter (30 November → 28 February)."""
    index = day.year * 12 + day.month - 1 + months_later
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, months.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Gap:
    """A stretch without a meeting longer than the terms of reference allow."""

    after: date
    next_meeting: date | None
    due_by: date
    message: str


def quarterly_gaps(
    meeting_days: Iterable[date], as_of: date | None = None, interval_months: int = MEETING_INTERVAL_MONTHS
) -> list[Gap]:
    """The gaps in which a committee that must meet at least quarterly did not.

    Each meeting must follow the one before within ``interval_months`` calendar months: after a meeting on
    15 January 2024 the next is due by 15 April 2024. With ``as_of``, a last meeting more than that long
    before it is a gap too. No gaps means the committee met at least quarterly.
    """
    days = sorted(set(meeting_days))
    stretches: list[tuple[date, date | None]] = list(pairwise(days))
    if days and as_of is not None:
        stretches.append((days[-1], None))
    gaps = []
    for before, after in stretches:
        due_by = months_after(before, interval_months)
        end = after or as_of
        if end is not None and end > due_by:
            where = (
                f"between {describe_day(before)} and {describe_day(after)}"
                if after
                else f"since {describe_day(before)}"
            )
            message = (
                f"No meeting {where}: the next was due by {describe_day(due_by)}, "
                f"as the committee must meet at least every {interval_months} months."
            )
            gaps.append(Gap(before, after, due_by, message))
    return gaps


@dataclass(frozen=True)
class AnnualReview:
    """A review done once a year (the self-assessment, the review of the terms of reference)."""

    what: str
    last_done: date

    @property
    def due_by(self) -> date:
        """A year after it was last done (28 February after a review on 29 February)."""
        return months_after(self.last_done, 12)

    def is_overdue(self, on: date) -> bool:
        """Whether the next review has not been done by ``on``: true from the day after it was due."""
        return on > self.due_by

    def describe(self, on: date) -> str:
        """'The review of the terms of reference was last done on …; the next is due by …', as on ``on``."""
        due = describe_day(self.due_by)
        state = f"was due by {due} and is overdue" if self.is_overdue(on) else f"is due by {due}"
        return f"The {self.what} was last done on {describe_day(self.last_done)}; the next {state}."
