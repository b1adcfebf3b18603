"""Ordering the periods indicator values are published for: "2023", "2023/24", "2021 - 23", "2024 Q2",
"2024-03". Pure: a period's order is the number of months from year 0 to where it starts, so that a
series sorts and spaces as time does."""

from __future__ import annotations

import re

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
