"""Ordering the periods indicator values are published for: "2023", "2023/24", "2021 - 23", "2024 Q2",
"2024-03". Pure: a period's order is the number of months from year 0 to where it starts, so that a
series sorts and spaces as time does."""

from __future__ import annotations

import re
from datetime import date, timedelta

_QUARTER_FINANCIAL = re.compile(r"^(\d{4})/(\d{2})\s*Q([1-4])$")
_QUARTER = re.compile(r"^(\d{4})\s*Q([1-4])$")
_FINANCIAL = re.compile(r"^(\d{4})/(\d{2})$")
_RANGE = re.compile(r"^(\d{4}) - (\d{2,4})$")  # Fingertips writes "2021 - 23"; "2024-03" is a month
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
FORMS = "YYYY, YYYY/YY, YYYY/YY QN, YYYY QN, YYYY - YY or YYYY-MM"


def period_order(period: str) -> int:
    """The months from year 0 to the start of ``period``; ``ValueError`` naming the forms understood."""
    text = period.strip()
    if match := _QUARTER_FINANCIAL.match(text):
        return int(match[1]) * 12 + 3 + (int(match[3]) - 1) * 3
    if match := _QUARTER.match(text):
        return int(match[1]) * 12 + (int(match[2]) - 1) * 3
    if match := _FINANCIAL.match(text):
        return int(match[1]) * 12 + 3
    if match := _RANGE.match(text):
        return int(match[1]) * 12
    if match := _MONTH.match(text):
        month = int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"'{period}' has no month {month}")
        return int(match[1]) * 12 + month - 1
    if match := _YEAR.match(text):
        return int(match[1]) * 12
    raise ValueError(f"'{period}' is not a period icshub understands: use {FORMS}")


def order_or_none(period: str | None) -> int | None:
    """The period's order, or None when there is no period or it is not one icshub understands."""
    try:
        return period_order(period) if period else None
    except ValueError:
        return None


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of ``period`` (a calendar or financial year, a quarter, a month, or a span of
    calendar years such as "2021 - 23"); ``ValueError`` naming the forms understood."""
    text = period.strip()
    if match := _QUARTER_FINANCIAL.match(text):
        start = _month_start(int(match[1]) * 12 + 3 + (int(match[3]) - 1) * 3)
        return start, _month_start(_months(start) + 3) - timedelta(days=1)
    if match := _QUARTER.match(text):
        start = _month_start(int(match[1]) * 12 + (int(match[2]) - 1) * 3)
        return start, _month_start(_months(start) + 3) - timedelta(days=1)
    if match := _FINANCIAL.match(text):
        year = int(match[1])
        return date(year, 4, 1), date(year + 1, 3, 31)
    if match := _RANGE.match(text):
        first, last = int(match[1]), int(match[2])
        last = last if last >= 1000 else first // 100 * 100 + last
        return date(first, 1, 1), date(last, 12, 31)
    order = period_order(text)  # a month or a year, or a refusal naming the forms
    start = _month_start(order)
    length = 1 if _MONTH.match(text) else 12
    return start, _month_start(order + length) - timedelta(days=1)


def _month_start(order: int) -> date:
    return date(order // 12, order % 12 + 1, 1)


def _months(day: date) -> int:
    return day.year * 12 + day.month - 1
