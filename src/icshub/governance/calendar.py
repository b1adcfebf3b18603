"""Working days and clear working days, as committees in England count them for notice, agendas and papers.

A *clear working day* is a working day strictly between two events: the day notice is given (or a request
made, or papers published) does not count, the day of the meeting does not count, and neither do Saturdays,
Sundays or England's bank holidays. Notice given on Tuesday 3 December 2024 for a meeting on Friday
6 December 2024 leaves two clear working days (Wednesday 4 and Thursday 5 December); over Christmas 2024,
Wednesday 25 and Thursday 26 December are bank holidays and do not count either.

Bank holidays come from the ``holidays`` package (country GB, subdivision ENG), which knows the substitute
days (Christmas 2022 fell on a Sunday, so Tuesday 27 December 2022 was a bank holiday) and the one-off days
(the Platinum Jubilee on 3 June 2022, the State Funeral of Queen Elizabeth II on 19 September 2022, the
Coronation on 8 May 2023). A day announced after the installed release of ``holidays`` is added from a local
file (see ``icshub.governance.local_holidays``), and a day that stopped being a bank holiday can be removed.
Pure rules: no database and no framework.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import holidays

ONE_DAY = timedelta(days=1)
# The committee calendar runs on London time: meeting days, notice days and today.
LONDON = ZoneInfo("Europe/London")


def describe_day(day: date, *, with_year: bool = True) -> str:
    """How a secretariat officer writes the day: 'Tuesday 3 December 2024' (or 'Tuesday 3 December')."""
    text = f"{day:%A} {day.day} {day:%B}"
    return f"{text} {day.year}" if with_year else text


class WorkingCalendar:
    """England's working days: Monday to Friday, except bank holidays.

    ``added`` names bank holidays the ``holidays`` package does not know yet (the day and its name);
    ``removed`` lists days it names that are not bank holidays after all (a day moved by proclamation).
    """

    def __init__(self, added: Mapping[date, str] | None = None, removed: Iterable[date] = ()) -> None:
        self._bank_holidays = holidays.country_holidays("GB", subdiv="ENG")
        self._added = dict(added or {})
        self._removed = frozenset(removed)

    def bank_holiday(self, day: date) -> str | None:
        """The name of the bank holiday on ``day`` ('Christmas Day (observed)'), or None if it is not one."""
        if day in self._added:
            return self._added[day]
        if day in self._removed:
            return None
        return self._bank_holidays.get(day)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day: a weekday that is not a bank holiday."""
        return day.weekday() < 5 and self.bank_holiday(day) is None

    def clear_working_days_between(self, notice_day: date, meeting_day: date) -> int:
        """How many working days fall strictly after ``notice_day`` and strictly before ``meeting_day``.

        Zero when the meeting is on the day of notice, the day after it, or earlier.
        """
        count = 0
        day = notice_day + ONE_DAY
        while day < meeting_day:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count

    def bank_holidays_between(self, notice_day: date, meeting_day: date) -> list[tuple[date, str]]:
        """The bank holidays on weekdays strictly between the two days, which a reader may count by mistake."""
        found = []
        day = notice_day + ONE_DAY
        while day < meeting_day:
            name = self.bank_holiday(day)
            if name is not None and day.weekday() < 5:
                found.append((day, name))
            day += ONE_DAY
        return found

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (before it when ``count`` is negative); ``day`` for 0."""
        step = ONE_DAY if count >= 0 else -ONE_DAY
        remaining = abs(count)
        while remaining:
            day += step
            remaining -= self.is_working_day(day)
        return day

    def latest_notice_day(self, meeting_day: date, clear_days: int) -> date:
        """The last day on which notice leaves at least ``clear_days`` clear working days before the meeting.

        It is the day before the ``clear_days``-th working day before the meeting, so it may be a weekend
        or a bank holiday: notice sent on Sunday 1 December 2024 leaves Monday 2 to Thursday 5 December,
        four clear working days before a meeting on Friday 6 December.
        """
        if clear_days < 1:
            raise ValueError(f"a rule needs at least one clear working day, not {clear_days}")
        return self.add_working_days(meeting_day, -clear_days) - ONE_DAY
