"""Due dates as plans write them (a day, a month, a quarter, a financial or calendar year), and when they pass.

A due date keeps the precision it was given: "March 2025" is due by the end of March, and a milestone due
then is overdue from 1 April 2025, not on 31 March. The NHS financial year "2024/25" runs from 1 April 2024
to 31 March 2025, and its quarters start in April, July, October and January. Pure rules, no database.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial_year"
    YEAR = "year"


@dataclass(frozen=True, order=True)
class Due:
    """A due date: the first and last day of the period it names, and the text it was written as."""

    end: date
    start: date
    precision: Precision
    text: str

    def describe(self) -> str:
        """How a reader says it: 'March 2025', '2024/25', 'Q3 2024/25 (October to December 2024)'."""
        if self.precision is Precision.DAY:
            return f"{self.end.day} {self.end:%B %Y}"
        if self.precision is Precision.MONTH:
            return f"{self.end:%B %Y}"
        if self.precision is Precision.QUARTER:
            return f"{self.text} ({self.start:%B} to {self.end:%B %Y})"
        if self.precision is Precision.FINANCIAL_YEAR:
            return f"{self.text} (April {self.start.year} to March {self.end.year})"
        return self.text


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_QUARTER = re.compile(r"^Q([1-4]) (\d{4})/(\d{2})$")
FORMS = "YYYY-MM-DD, YYYY-MM, YYYY, a financial year YYYY/YY or a financial quarter QN YYYY/YY"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _financial_year_start(text: str, first: str, second: str) -> int:
    start = int(first)
    if (start + 1) % 100 != int(second):
        raise ValueError(f"'{text}' is not a financial year: the second part should be {(start + 1) % 100:02d}")
    return start


def parse_due(text: str) -> Due:
    """The due date written as ``text``, or ``ValueError`` saying which forms are understood."""
    text = text.strip()
    if match := _DAY.match(text):
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError as error:
            raise ValueError(f"'{text}' is not a date: {error}") from error
        return Due(day, day, Precision.DAY, text)
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}")
        return Due(_month_end(year, month), date(year, month, 1), Precision.MONTH, text)
    if match := _YEAR.match(text):
        year = int(match[1])
        return Due(date(year, 12, 31), date(year, 1, 1), Precision.YEAR, text)
    if match := _FINANCIAL_YEAR.match(text):
        start = _financial_year_start(text, match[1], match[2])
        return Due(date(start + 1, 3, 31), date(start, 4, 1), Precision.FINANCIAL_YEAR, text)
    if match := _QUARTER.match(text):
        start_year = _financial_year_start(text, match[2], match[3])
        quarter = int(match[1])
        first_month = 4 + 3 * (quarter - 1)
        year = start_year if first_month <= 12 else start_year + 1
        first_month = (first_month - 1) % 12 + 1
        return Due(_month_end(year, first_month + 2), date(year, first_month, 1), Precision.QUARTER, text)
    raise ValueError(f"'{text}' is not a due date icshub understands: use {FORMS}")


def is_overdue(due: Due | None, finished: bool, on: date) -> bool:
    """Whether something due by ``due`` and not finished is overdue on the day ``on``."""
    return due is not None and not finished and on > due.end


def within(due: Due | None, first: date, last: date) -> bool:
    """Whether the due date falls in the window from ``first`` to ``last`` (by its last day)."""
    return due is not None and first <= due.end <= last
