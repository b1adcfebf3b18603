"""Clear working days in England, on real dates: substitute days, Easter, and the one-off days of 2022 and 2023.

The bank holidays below were checked against the ``holidays`` package (GB, subdivision ENG) and against the
dates the UK government announced (GOV.UK bank holidays; the announcements of the Platinum Jubilee, the State
Funeral of Queen Elizabeth II and the Coronation bank holidays).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icshub.governance.calendar import WorkingCalendar, describe_day

ENGLAND = WorkingCalendar()


@pytest.mark.parametrize(
    ("day", "name"),
    [
        # Christmas 2021 fell on a Saturday and Boxing Day on a Sunday: Monday 27 and Tuesday 28 instead.
        (date(2021, 12, 27), "Christmas Day (observed)"),
        (date(2021, 12, 28), "Boxing Day (observed)"),
        # Christmas 2022 fell on a Sunday: Boxing Day on Monday 26, Christmas substituted on Tuesday 27.
        (date(2022, 12, 26), "Boxing Day"),
        (date(2022, 12, 27), "Christmas Day (observed)"),
        (date(2024, 12, 25), "Christmas Day"),
        (date(2024, 12, 26), "Boxing Day"),
        (date(2024, 3, 29), "Good Friday"),
        (date(2024, 4, 1), "Easter Monday"),
        (date(2025, 4, 18), "Good Friday"),
        (date(2025, 4, 21), "Easter Monday"),
        # 2022: the spring bank holiday moved from Monday 30 May to Thursday 2 June, then the Platinum Jubilee.
        (date(2022, 6, 2), "Spring Bank Holiday"),
        (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of Charles III"),
    ],
)
def test_englands_bank_holidays_are_not_working_days(day: date, name: str) -> None:
    assert ENGLAND.bank_holiday(day) == name
    assert not ENGLAND.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2022, 5, 30),  # the last Monday of May 2022, not a bank holiday that year
        date(2021, 12, 29),
        date(2024, 12, 24),  # Christmas Eve is a working day
        date(2024, 4, 2),
        date(2023, 5, 9),
    ],
)
def test_ordinary_weekdays_are_working_days(day: date) -> None:
    assert ENGLAND.bank_holiday(day) is None
    assert ENGLAND.is_working_day(day)


@pytest.mark.parametrize(
    ("notice_day", "meeting_day", "clear_days"),
    [
        # Wednesday 4 and Thursday 5 December: neither end counts.
        (date(2024, 12, 3), date(2024, 12, 6), 2),
        (date(2024, 11, 28), date(2024, 12, 6), 5),
        # Christmas 2024: 24, 27, 30, 31 December and 2 January; 25, 26 December and 1 January do not count.
        (date(2024, 12, 23), date(2025, 1, 3), 5),
        # Christmas 2021: the substitute days 27 and 28 December leave 29, 30 and 31 December.
        (date(2021, 12, 24), date(2022, 1, 4), 3),
        # Christmas 2022: 26 and 27 December, and Monday 2 January 2023 for New Year's Day.
        (date(2022, 12, 23), date(2023, 1, 4), 4),
        # Easter 2024: Good Friday 29 March and Easter Monday 1 April.
        (date(2024, 3, 27), date(2024, 4, 4), 3),
        # Easter 2025: Good Friday 18 April and Easter Monday 21 April.
        (date(2025, 4, 16), date(2025, 4, 24), 3),
        # The Platinum Jubilee weekend: Tuesday 31 May, Wednesday 1 June and Monday 6 June count.
        (date(2022, 5, 27), date(2022, 6, 7), 4),
        # The State Funeral: Tuesday 20 September counts, Monday 19 does not.
        (date(2022, 9, 15), date(2022, 9, 21), 2),
        # The Coronation: Monday 8 May 2023, a week after the early May bank holiday on 1 May; 2 to 5 and 9 count.
        (date(2023, 4, 28), date(2023, 5, 10), 5),
        (date(2024, 12, 3), date(2024, 12, 4), 0),
        (date(2024, 12, 6), date(2024, 12, 3), 0),
    ],
)
def test_clear_working_days_between(notice_day: date, meeting_day: date, clear_days: int) -> None:
    assert ENGLAND.clear_working_days_between(notice_day, meeting_day) == clear_days


@pytest.mark.parametrize(
    ("meeting_day", "clear_days", "latest"),
    [
        (date(2024, 12, 6), 5, date(2024, 11, 28)),
        # Monday 2 December is the fourth working day back, so Sunday 1 December still leaves four.
        (date(2024, 12, 6), 4, date(2024, 12, 1)),
        (date(2025, 1, 3), 5, date(2024, 12, 23)),
        (date(2025, 4, 24), 5, date(2025, 4, 14)),
        (date(2022, 6, 7), 5, date(2022, 5, 26)),
        # Twenty back from 10 May 2023 steps over the Coronation, 1 May and Easter (7 and 10 April) to 6 April.
        (date(2023, 5, 10), 20, date(2023, 4, 5)),
    ],
)
def test_latest_notice_day(meeting_day: date, clear_days: int, latest: date) -> None:
    assert ENGLAND.latest_notice_day(meeting_day, clear_days) == latest
    assert ENGLAND.clear_working_days_between(latest, meeting_day) == clear_days


def test_a_rule_needs_at_least_one_clear_day() -> None:
    with pytest.raises(ValueError, match="at least one clear working day"):
        ENGLAND.latest_notice_day(date(2024, 12, 6), 0)


def test_add_working_days_steps_over_weekends_and_bank_holidays() -> None:
    assert ENGLAND.add_working_days(date(2024, 12, 24), 1) == date(2024, 12, 27)
    assert ENGLAND.add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)
    assert ENGLAND.add_working_days(date(2023, 5, 9), -1) == date(2023, 5, 5)
    assert ENGLAND.add_working_days(date(2024, 12, 25), 0) == date(2024, 12, 25)


def test_bank_holidays_between_lists_weekdays_only() -> None:
    assert ENGLAND.bank_holidays_between(date(2021, 12, 23), date(2021, 12, 30)) == [
        (date(2021, 12, 27), "Christmas Day (observed)"),
        (date(2021, 12, 28), "Boxing Day (observed)"),
    ]


def test_added_and_removed_days_override_the_package() -> None:
    calendar = WorkingCalendar(added={date(2030, 6, 7): "A new one-off bank holiday"}, removed=[date(2024, 12, 26)])
    assert calendar.bank_holiday(date(2030, 6, 7)) == "A new one-off bank holiday"
    assert not calendar.is_working_day(date(2030, 6, 7))
    assert calendar.is_working_day(date(2024, 12, 26))
    assert calendar.clear_working_days_between(date(2030, 6, 3), date(2030, 6, 10)) == 3


def test_describe_day() -> None:
    assert describe_day(date(2024, 12, 3)) == "Tuesday 3 December 2024"
    assert describe_day(date(2024, 12, 6), with_year=False) == "Friday 6 December"


days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
spans = st.integers(min_value=0, max_value=120)


@given(days)
def test_no_clear_days_between_a_day_and_the_next(day: date) -> None:
    assert ENGLAND.clear_working_days_between(day, day) == 0
    assert ENGLAND.clear_working_days_between(day, day + timedelta(days=1)) == 0


@given(days, spans, spans)
def test_clear_days_grow_with_the_meeting_day_and_shrink_with_the_notice_day(
    notice_day: date, first: int, more: int
) -> None:
    meeting_day = notice_day + timedelta(days=first)
    later = timedelta(days=more)
    count = ENGLAND.clear_working_days_between(notice_day, meeting_day)
    assert count <= ENGLAND.clear_working_days_between(notice_day, meeting_day + later)
    assert count >= ENGLAND.clear_working_days_between(notice_day + later, meeting_day)


@given(days, spans, spans)
def test_clear_days_add_up_across_a_day_between(notice_day: date, first: int, second: int) -> None:
    middle = notice_day + timedelta(days=first + 1)
    meeting_day = middle + timedelta(days=second + 1)
    assert ENGLAND.clear_working_days_between(notice_day, meeting_day) == (
        ENGLAND.clear_working_days_between(notice_day, middle)
        + ENGLAND.is_working_day(middle)
        + ENGLAND.clear_working_days_between(middle, meeting_day)
    )


@settings(max_examples=200)
@given(days, st.integers(min_value=1, max_value=30))
def test_latest_notice_day_leaves_exactly_enough(meeting_day: date, clear_days: int) -> None:
    latest = ENGLAND.latest_notice_day(meeting_day, clear_days)
    assert ENGLAND.clear_working_days_between(latest, meeting_day) == clear_days
    assert ENGLAND.clear_working_days_between(latest + timedelta(days=1), meeting_day) == clear_days - 1


@given(days, spans)
def test_weekends_never_count(notice_day: date, span: int) -> None:
    meeting_day = notice_day + timedelta(days=span)
    weekdays = sum((notice_day + timedelta(days=offset)).weekday() < 5 for offset in range(1, max(span, 1)))
    assert ENGLAND.clear_working_days_between(notice_day, meeting_day) <= weekdays
    saturday = notice_day + timedelta(days=(5 - notice_day.weekday()) % 7)
    assert not ENGLAND.is_working_day(saturday)
    assert not ENGLAND.is_working_day(saturday + timedelta(days=1))


@given(days, st.integers(min_value=-60, max_value=60))
def test_add_working_days_lands_on_a_working_day_with_the_right_count(day: date, count: int) -> None:
    landed = ENGLAND.add_working_days(day, count)
    if count > 0:
        assert ENGLAND.is_working_day(landed)
        assert ENGLAND.clear_working_days_between(day, landed) == count - 1
    elif count < 0:
        assert ENGLAND.is_working_day(landed)
        assert ENGLAND.clear_working_days_between(landed, day) == -count - 1
