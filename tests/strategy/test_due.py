"""Due dates keep their precision, and a milestone is overdue only after the whole period has passed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icshub.strategy.due import Precision, is_overdue, parse_due, within


def test_a_month_is_due_by_its_last_day() -> None:
    due = parse_due("2025-03")
    assert (due.start, due.end, due.precision) == (date(2025, 3, 1), date(2025, 3, 31), Precision.MONTH)
    assert not is_overdue(due, finished=False, on=date(2025, 3, 31))
    assert is_overdue(due, finished=False, on=date(2025, 4, 1))
    assert due.describe() == "March 2025"


def test_a_financial_year_ends_on_31_march() -> None:
    due = parse_due("2024/25")
    assert (due.start, due.end) == (date(2024, 4, 1), date(2025, 3, 31))
    assert not is_overdue(due, False, date(2025, 3, 31)) and is_overdue(due, False, date(2025, 4, 1))
    assert due.describe() == "2024/25 (April 2024 to March 2025)"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Q1 2024/25", date(2024, 4, 1), date(2024, 6, 30)),
        ("Q3 2024/25", date(2024, 10, 1), date(2024, 12, 31)),
        ("Q4 2024/25", date(2025, 1, 1), date(2025, 3, 31)),
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-09-30", date(2024, 9, 30), date(2024, 9, 30)),
        ("1999/00", date(1999, 4, 1), date(2000, 3, 31)),
    ],
)
def test_forms(text: str, start: date, end: date) -> None:
    due = parse_due(text)
    assert (due.start, due.end, due.text) == (start, end, text)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2024/26", "second part should be 25"),
        ("2024-13", "no month 13"),
        ("2024-02-30", "not a date"),
        ("Spring 2024", "not a due date icshub understands"),
        ("Q5 2024/25", "not a due date icshub understands"),
    ],
)
def test_bad_due_dates_are_refused_with_a_reason(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_due(text)


def test_finished_work_is_never_overdue() -> None:
    assert not is_overdue(parse_due("2020-01"), finished=True, on=date(2026, 1, 1))
    assert not is_overdue(None, finished=False, on=date(2026, 1, 1))


months = st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2000, 2100), st.integers(1, 12))
financial_years = st.integers(2000, 2098).map(lambda y: f"{y}/{(y + 1) % 100:02d}")
quarters = st.builds(lambda q, y: f"Q{q} {y}/{(y + 1) % 100:02d}", st.integers(1, 4), st.integers(2000, 2098))


@given(st.one_of(months, financial_years, quarters), st.integers(-400, 400))
def test_overdue_exactly_after_the_last_day(text: str, offset: int) -> None:
    due = parse_due(text)
    assert due.start <= due.end
    day = due.end + timedelta(days=offset)
    assert is_overdue(due, False, day) is (offset > 0)
    assert within(due, due.start, due.end)


@given(quarters)
def test_quarters_fall_inside_their_financial_year(text: str) -> None:
    quarter = parse_due(text)
    year = parse_due(text.split(" ")[1])
    assert year.start <= quarter.start and quarter.end <= year.end
    assert (quarter.end - quarter.start).days in range(89, 92)
