"""Notice, agenda-request and papers deadlines, meeting at least quarterly, and annual reviews, with their words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icshub.governance.calendar import WorkingCalendar
from icshub.governance.deadlines import (
    AnnualReview,
    Check,
    Deadline,
    agenda_request_deadline,
    months_after,
    notice_deadline,
    papers_deadline,
    quarterly_gaps,
)

ENGLAND = WorkingCalendar()


@pytest.mark.parametrize(
    ("deadline", "latest_day", "day", "clear_days", "message"),
    [
        (
            notice_deadline(date(2024, 12, 6), ENGLAND),
            date(2024, 11, 28),
            date(2024, 12, 3),
            2,
            "Notice given on Tuesday 3 December 2024 leaves 2 clear working days before the meeting on "
            "Friday 6 December; the terms of reference need 5 (the last day was Thursday 28 November 2024).",
        ),
        (
            papers_deadline(date(2025, 1, 3), ENGLAND),
            date(2024, 12, 23),
            date(2024, 12, 24),
            4,
            "Agenda and papers published on Tuesday 24 December 2024 leaves 4 clear working days before the "
            "meeting on Friday 3 January 2025; the terms of reference need 5 (the last day was Monday 23 December "
            "2024; bank holidays do not count: Christmas Day (Wednesday 25 December), Boxing Day (Thursday "
            "26 December), New Year's Day (Wednesday 1 January)).",
        ),
    ],
    ids=["short notice", "papers over Christmas name the bank holidays"],
)
def test_a_missed_deadline_says_how_many_days_were_left_and_the_last_day(
    deadline: Deadline, latest_day: date, day: date, clear_days: int, message: str
) -> None:
    assert deadline.latest_day == latest_day
    assert deadline.check(day) == Check(False, clear_days, message)


def test_notice_on_the_last_day_is_enough() -> None:
    check = notice_deadline(date(2024, 12, 6), ENGLAND).check(date(2024, 11, 28))
    assert check.met
    assert check.message == (
        "Notice given on Thursday 28 November 2024 leaves 5 clear working days before the meeting on "
        "Friday 6 December; the terms of reference need 5."
    )


def test_an_urgent_meeting_may_have_shorter_notice_but_not_after_it() -> None:
    deadline = notice_deadline(date(2024, 12, 6), ENGLAND, urgent=True)
    check = deadline.check(date(2024, 12, 5))
    assert (check.met, check.clear_days) == (True, 0)
    assert check.message.endswith(
        "the terms of reference need 5, but a meeting on an urgent issue needs only as much notice as is "
        "reasonably practicable."
    )
    assert not deadline.check(date(2024, 12, 6)).met


def test_agenda_requests_need_twenty_clear_days_or_ten_for_an_urgent_item() -> None:
    meeting_day = date(2022, 6, 10)
    assert agenda_request_deadline(meeting_day, ENGLAND).latest_day == date(2022, 5, 10)
    assert agenda_request_deadline(meeting_day, ENGLAND, urgent=True).latest_day == date(2022, 5, 24)
    check = agenda_request_deadline(meeting_day, ENGLAND).check(date(2022, 5, 20))
    assert not check.met
    assert check.message == (
        "An agenda item requested on Friday 20 May 2022 leaves 12 clear working days before the meeting on "
        "Friday 10 June; the terms of reference need 20 (the last day was Tuesday 10 May 2022; bank holidays "
        "do not count: Spring Bank Holiday (Thursday 2 June), Platinum Jubilee of Elizabeth II (Friday 3 June))."
    )
    assert agenda_request_deadline(meeting_day, ENGLAND, urgent=True).check(date(2022, 5, 20)).met


def test_another_committees_numbers_can_be_given() -> None:
    assert notice_deadline(date(2024, 12, 6), ENGLAND, clear_days=3).latest_day == date(2024, 12, 2)
    assert papers_deadline(date(2024, 12, 6), ENGLAND, clear_days=7).latest_day == date(2024, 11, 26)


@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)), st.integers(min_value=1, max_value=25))
def test_a_deadline_is_met_on_its_last_day_and_not_the_day_after(meeting_day: date, clear_days: int) -> None:
    deadline = papers_deadline(meeting_day, ENGLAND, clear_days=clear_days)
    assert deadline.check(deadline.latest_day).met
    assert deadline.check(deadline.latest_day - timedelta(days=10)).met
    assert not deadline.check(deadline.latest_day + timedelta(days=1)).met


def test_quarterly_gaps_between_meetings_and_since_the_last() -> None:
    assert quarterly_gaps([date(2024, 1, 15), date(2024, 4, 15), date(2024, 7, 15)], as_of=date(2024, 10, 15)) == []
    meetings = [date(2024, 7, 19), date(2024, 1, 15), date(2024, 4, 15), date(2024, 4, 15)]
    [between, since] = quarterly_gaps(meetings, as_of=date(2024, 11, 1))
    assert (between.after, between.next_meeting, between.due_by) == (
        date(2024, 4, 15),
        date(2024, 7, 19),
        date(2024, 7, 15),
    )
    assert between.message == (
        "No meeting between Monday 15 April 2024 and Friday 19 July 2024: the next was due by Monday 15 July "
        "2024, as the committee must meet at least every 3 months."
    )
    assert (since.after, since.next_meeting, since.due_by) == (date(2024, 7, 19), None, date(2024, 10, 19))
    assert since.message.startswith("No meeting since Friday 19 July 2024: the next was due by Saturday 19 October")
    assert quarterly_gaps([]) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 10, 31), 3, date(2025, 1, 31)),
    ],
)
def test_months_after_keeps_the_day_or_the_months_last(day: date, months: int, expected: date) -> None:
    assert months_after(day, months) == expected


def test_annual_reviews_fall_due_a_year_on() -> None:
    review = AnnualReview("review of the terms of reference", date(2024, 2, 29))
    assert review.due_by == date(2025, 2, 28)
    assert not review.is_overdue(date(2025, 2, 28))
    assert review.is_overdue(date(2025, 3, 1))
    assert review.describe(date(2025, 1, 6)) == (
        "The review of the terms of reference was last done on Thursday 29 February 2024; "
        "the next is due by Friday 28 February 2025."
    )
    assert AnnualReview("self-assessment of effectiveness", date(2023, 9, 14)).describe(date(2024, 10, 1)) == (
        "The self-assessment of effectiveness was last done on Thursday 14 September 2023; "
        "the next was due by Saturday 14 September 2024 and is overdue."
    )
