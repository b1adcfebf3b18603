"""The chronology of a meeting's record, as pure rules (a small table of cases, the answer beside each), and
as the use cases and the secretariat's form apply them."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from fastapi.testclient import TestClient

from icshub.auth.audit import recent_events
from icshub.auth.roles import Role
from icshub.auth.service import create_user
from icshub.db.engine import transaction
from icshub.governance import chronology
from icshub.governance.errors import GovernanceError
from icshub.governance.services import decisions, meetings, minutes, proceedings
from icshub.installation import sessions
from icshub.web.app import create_app
from tests.conftest import TEST_ACTOR
from tests.governance.helpers import CLOCK, ICP, NINE, attend_nine, noticed_meeting, part1, read, run
from tests.web.conftest import csrf_from

DAY = date(2027, 3, 10)
PASSWORD = "correct horse battery"


@pytest.mark.parametrize(
    ("today", "refused"),
    [(date(2027, 3, 9), True), (DAY, False), (date(2027, 3, 11), False)],
)
def test_nothing_is_recorded_of_a_meeting_before_its_day(today: date, refused: bool) -> None:
    check = lambda: chronology.require_day_reached(DAY, today, "record attendance", "the meeting")  # noqa: E731
    if refused:
        with pytest.raises(GovernanceError, match="Cannot record attendance yet: the meeting has not taken place"):
            check()
    else:
        check()


@pytest.mark.parametrize(
    ("approving", "refused"),
    [
        (datetime(2027, 3, 10, 9), True),  # earlier that day
        (datetime(2027, 3, 10, 10), True),  # the same meeting's time
        (datetime(2027, 3, 10, 14), False),
        (datetime(2027, 6, 9, 10), False),
    ],
)
def test_minutes_are_approved_only_at_a_later_meeting(approving: datetime, refused: bool) -> None:
    check = lambda: chronology.require_later_meeting(datetime(2027, 3, 10, 10), approving, "the first", "the second")  # noqa: E731
    if refused:
        with pytest.raises(GovernanceError, match="only at a later meeting, and the second is not later"):
            check()
    else:
        check()


@pytest.mark.parametrize(
    ("day", "reason", "kept"),
    [
        (date(2027, 3, 11), None, None),  # ahead: no reason needed
        (DAY, None, None),  # today
        (DAY, "  ", None),
        (date(2027, 3, 11), "Recorded late", None),  # a reason for a future meeting is not kept
        (date(2027, 3, 9), " Held before icshub was used ", "Held before icshub was used"),
    ],
)
def test_a_meeting_on_a_day_past_keeps_the_reason_it_is_recorded_afterwards(day, reason, kept) -> None:
    assert chronology.reason_for_past_day(day, DAY, reason) == kept


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_meeting_on_a_day_past_without_a_reason_is_refused(reason) -> None:
    with pytest.raises(GovernanceError, match=r"Tuesday 9 March 2027 is in the past.*give the reason"):
        chronology.reason_for_past_day(date(2027, 3, 9), DAY, reason)


def test_the_use_cases_refuse_what_could_not_yet_have_happened(registry) -> None:
    meeting, (item,) = noticed_meeting(registry, datetime(2027, 3, 10, 10), [part1("Better Care Fund plan")])
    CLOCK.set(date(2027, 3, 9))  # the day before
    entries = [proceedings.AttendanceEntry(name, seat, proceedings.Presence.IN_PERSON) for name, seat in NINE.items()]
    for use_case, args in (
        (proceedings.record_attendance, (meeting, entries)),
        (proceedings.declare_interest, (meeting, "ICB Chair", "Trustee")),
        (decisions.record_consensus, (item, "Agreed.")),
        (decisions.raise_action, (meeting, "Publish the plan", "ICB")),
        (meetings.mark_held, (meeting,)),
    ):
        with pytest.raises(GovernanceError, match="has not taken place"):
            run(registry, use_case, *args)
    attend_nine(registry, meeting)  # on the day
    run(registry, decisions.record_consensus, item, "Agreed.")
    run(registry, meetings.mark_held, meeting)
    run(registry, minutes.draft_minutes, meeting, "The plan was agreed.")
    later, _ = noticed_meeting(registry, datetime(2027, 6, 9, 10), [part1("Minutes")])
    with pytest.raises(GovernanceError, match="has not taken place"):
        run(registry, minutes.approve_minutes, meeting, later)


def test_a_meeting_recorded_afterwards_says_why_and_the_audit_keeps_it(registry) -> None:
    CLOCK.set(date(2027, 3, 10))
    with pytest.raises(GovernanceError, match="is in the past"):
        run(registry, meetings.schedule_meeting, ICP, datetime(2027, 1, 13, 10), "Maidstone")
    recorded = run(
        registry,
        meetings.schedule_meeting,
        ICP,
        datetime(2027, 1, 13, 10),
        "Maidstone",
        recorded_afterwards_reason="Held before icshub was used",
    )
    assert recorded.recorded_afterwards_reason == "Held before icshub was used"
    [scheduled] = [
        e
        for e in read(registry, recent_events, action_prefix="governance.meeting.schedule")
        if e.entity_key == str(recorded.id)
    ]
    assert scheduled.after["recorded_afterwards_reason"] == "Held before icshub was used"


def test_the_secretariat_gives_the_reason_on_the_form(registry, clock) -> None:

    with transaction(sessions(registry)) as session:
        create_user(session, TEST_ACTOR, "chronology.clerk", Role.OFFICER, password="correct horse battery")
    with TestClient(create_app(registry)) as client:
        token = csrf_from(client.get("/login").text)
        client.post(
            "/login", data={"username": "chronology.clerk", "password": "correct horse battery", "csrf_token": token}
        )
        token = csrf_from(client.get("/meetings/schedule").text)
        form = {"csrf_token": token, "committee": ICP, "venue": "Maidstone", "starts_at": "2020-03-04T10:00"}
        refused = client.post("/meetings/schedule", data=form)
        assert refused.status_code == 422 and "Wednesday 4 March 2020 is in the past" in refused.text
        page = client.post(
            "/meetings/schedule", data=form | {"recorded_afterwards_reason": "Minutes found in the archive"}
        )
        assert page.status_code == 200 and re.search(r"/meetings/\d+/manage", str(page.url))
        assert "Recorded after the meeting: Minutes found in the archive" in page.text
