"""Minutes: drafted after a meeting is held, then approved at a later meeting of the same committee.

The minutes of Part 1 and of Part 2 business are written apart, so that the published minutes are the Part 1
text as approved, never a redaction of the whole. Once approved, minutes are not redrafted. Writes need
``governance.manage``; refusals raise ``GovernanceError``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.audit import record_event
from icshub.auth.policy import Principal
from icshub.governance.access import authorised
from icshub.governance.chronology import require_later_meeting
from icshub.governance.errors import GovernanceError
from icshub.governance.meeting_times import describe_meeting, london_time, meeting_day
from icshub.governance.models import Minutes
from icshub.governance.queries import get_meeting
from icshub.governance.services.meetings import require_in_session, require_status
from icshub.governance.vocabulary import MeetingStatus


def _minutes_of(session: Session, meeting_id: int) -> Minutes | None:
    return session.scalars(select(Minutes).where(Minutes.meeting_id == meeting_id)).one_or_none()


def draft_minutes(
    session: Session, principal: Principal, meeting_id: int, text: str, *, private_text: str | None = None
) -> Minutes:
    """Write or rewrite the draft minutes of a held meeting: ``text`` for Part 1, ``private_text`` for Part 2."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_status(meeting, (MeetingStatus.HELD,), "draft minutes")
    if not text.strip():
        raise GovernanceError("The minutes need the record of the meeting's Part 1 business.")
    minutes = _minutes_of(session, meeting.id)
    if minutes is not None and minutes.approved_on is not None:
        raise GovernanceError(
            f"The minutes of {describe_meeting(meeting)} were approved on {minutes.approved_on:%-d %B %Y} and "
            "cannot be redrafted; a correction is minuted at a later meeting."
        )
    before = None if minutes is None else {"text": minutes.text, "private_text": minutes.private_text}
    if minutes is None:
        minutes = Minutes(meeting_id=meeting.id, text=text, private_text=private_text)
        session.add(minutes)
    else:
        minutes.text, minutes.private_text = text, private_text
    session.flush()
    after = {"text": text, "private_text": private_text}
    record_event(session, actor, "governance.minutes.draft", "minutes", str(meeting.id), before, after)
    return minutes


def approve_minutes(
    session: Session, principal: Principal, meeting_id: int, at_meeting_id: int, *, today: date | None = None
) -> Minutes:
    """Record that the minutes of one meeting were approved at a later meeting of the same committee, once
    that meeting has begun (``chronology``)."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    approving = get_meeting(session, at_meeting_id)
    minutes = _minutes_of(session, meeting.id)
    if minutes is None:
        raise GovernanceError(f"There are no draft minutes of {describe_meeting(meeting)} to approve.")
    if minutes.approved_on is not None:
        raise GovernanceError(f"The minutes of {describe_meeting(meeting)} were already approved.")
    if approving.committee_id != meeting.committee_id:
        raise GovernanceError("Minutes are approved by the committee whose meeting they record, at its own meeting.")
    require_later_meeting(
        london_time(meeting.starts_at),
        london_time(approving.starts_at),
        describe_meeting(meeting),
        describe_meeting(approving),
    )
    require_in_session(approving, "approve minutes at this meeting", today)
    minutes.approved_at_meeting_id, minutes.approved_on = approving.id, meeting_day(approving)
    record_event(
        session, actor, "governance.minutes.approve", "minutes", str(meeting.id), None, {"at_meeting": approving.id}
    )
    return minutes
