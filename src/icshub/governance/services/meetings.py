"""Meetings of a committee, as the secretariat runs them: schedule, issue notice, hold or cancel.

The use cases that write take the session of one transaction, the principal (who must hold
``governance.manage``) and plain values; every refusal raises ``GovernanceError`` with the reason for the
officer, and every write is audited. Times are Europe/London wall-clock times: a meeting at 10:00 on
2 July 2025 is stored as 09:00 UTC and read back as 10:00 BST. A time that the clocks skip (01:30 on the
last Sunday in March) is refused; one they pass twice is taken at its first, summer-time occurrence.

Notice is refused when it leaves fewer clear working days than the committee's terms require (§10.2.1 for
the ICP: five), unless the meeting is marked urgent with the reason, which then needs only as much notice as
is reasonably practicable (§7.3, §10.2.1).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from icshub.auth.audit import record_event, snapshot
from icshub.auth.policy import Principal
from icshub.governance import chronology
from icshub.governance.access import authorised
from icshub.governance.committee_terms import terms_for
from icshub.governance.deadlines import notice_deadline
from icshub.governance.errors import GovernanceError
from icshub.governance.local_holidays import england_calendar
from icshub.governance.meeting_times import describe_meeting, london_time, meeting_day, to_utc
from icshub.governance.models import Meeting
from icshub.governance.queries import committee_by_key, get_meeting, terms_of
from icshub.governance.vocabulary import MeetingStatus

MEETING_FIELDS = (
    "committee_id",
    "starts_at",
    "venue",
    "status",
    "urgent",
    "urgent_reason",
    "notice_issued_on",
    "recorded_afterwards_reason",
)
# A meeting business is recorded of: notice given, and on or after its day.
IN_SESSION = (MeetingStatus.NOTICED, MeetingStatus.HELD)


def require_status(meeting: Meeting, allowed: tuple[MeetingStatus, ...], doing: str) -> None:
    """Refuse ``doing`` unless the meeting's status is one of ``allowed``, saying what its status is."""
    if meeting.status not in allowed:
        states = " or ".join(status.value for status in allowed)
        raise GovernanceError(
            f"Cannot {doing}: {describe_meeting(meeting)} is {meeting.status}, and this needs it {states}."
        )


def require_in_session(
    meeting: Meeting, doing: str, today: date | None = None, allowed: tuple[MeetingStatus, ...] = IN_SESSION
) -> None:
    """Refuse ``doing`` unless notice of the meeting was given and its day has come (``chronology``)."""
    require_status(meeting, allowed, doing)
    chronology.require_day_reached(
        meeting_day(meeting), today or chronology.london_today(), doing, describe_meeting(meeting)
    )


def _urgent_reason(reason: str | None) -> str | None:
    if reason is not None and not reason.strip():
        raise GovernanceError("An urgent meeting needs its reason: say what the urgent issue is (§7.3, §10.2.1).")
    return reason.strip() if reason else None


def schedule_meeting(
    session: Session,
    principal: Principal,
    committee_key: str,
    starts_at: datetime,
    venue: str,
    *,
    urgent_reason: str | None = None,
    chair_allows_remote: bool = False,
    recorded_afterwards_reason: str | None = None,
    today: date | None = None,
) -> Meeting:
    """Schedule a meeting of a registry committee; with ``urgent_reason`` it is an urgent meeting.

    ``chair_allows_remote`` is the Chair's ruling under §8.3 that members attending remotely count as present.
    A meeting on a day already past is a record made afterwards, refused without
    ``recorded_afterwards_reason`` (``chronology.reason_for_past_day``).
    """
    actor = authorised(principal)
    committee = committee_by_key(session, committee_key)
    terms_for(committee)
    if not venue.strip():
        raise GovernanceError("Give the venue: the notice must say where the meeting is to take place (§10.2).")
    reason = _urgent_reason(urgent_reason)
    utc = to_utc(starts_at)
    afterwards = chronology.reason_for_past_day(
        london_time(utc).date(), today or chronology.london_today(), recorded_afterwards_reason
    )
    meeting = Meeting(
        committee_id=committee.id,
        starts_at=utc,
        venue=venue.strip(),
        status=MeetingStatus.SCHEDULED,
        urgent=reason is not None,
        urgent_reason=reason,
        chair_allows_remote=chair_allows_remote,
        recorded_afterwards_reason=afterwards,
    )
    session.add(meeting)
    session.flush()
    record_event(
        session,
        actor,
        "governance.meeting.schedule",
        "meeting",
        str(meeting.id),
        None,
        snapshot(meeting, MEETING_FIELDS),
    )
    return meeting


def issue_notice(
    session: Session, principal: Principal, meeting_id: int, on: date, *, urgent_reason: str | None = None
) -> Meeting:
    """Record that notice of the meeting was given on ``on``; refused if too late for the terms.

    ``urgent_reason`` marks the meeting urgent now, so that shorter notice is allowed (§7.3, §10.2.1).
    """
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_status(meeting, (MeetingStatus.SCHEDULED,), "issue notice")
    before = snapshot(meeting, MEETING_FIELDS)
    if (reason := _urgent_reason(urgent_reason)) is not None:
        meeting.urgent, meeting.urgent_reason = True, reason
    terms = terms_of(session, meeting)
    check = notice_deadline(
        meeting_day(meeting), england_calendar(), urgent=meeting.urgent, clear_days=terms.notice.clear_working_days
    ).check(on)
    if not check.met and meeting.urgent:
        raise GovernanceError(f"Notice cannot be issued on or after the day of {describe_meeting(meeting)}.")
    if not check.met:
        raise GovernanceError(
            f"Notice cannot be issued: {check.message} Only a meeting on an urgent issue may have shorter notice: "
            f"mark it urgent and give the reason (§{terms.notice.urgent_paragraphs})."
        )
    meeting.status = MeetingStatus.NOTICED
    meeting.notice_issued_on = on
    record_event(
        session,
        actor,
        "governance.meeting.notice",
        "meeting",
        str(meeting.id),
        before,
        snapshot(meeting, MEETING_FIELDS),
    )
    return meeting


def mark_held(session: Session, principal: Principal, meeting_id: int, *, today: date | None = None) -> Meeting:
    """Record that a meeting for which notice was issued took place: on or after its day."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_in_session(meeting, "record the meeting as held", today, (MeetingStatus.NOTICED,))
    meeting.status = MeetingStatus.HELD
    record_event(
        session, actor, "governance.meeting.held", "meeting", str(meeting.id), {"status": "noticed"}, {"status": "held"}
    )
    return meeting


def cancel_meeting(session: Session, principal: Principal, meeting_id: int, reason: str) -> Meeting:
    """Cancel a meeting that has not been held, with the reason (published with the cancellation)."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_status(meeting, (MeetingStatus.SCHEDULED, MeetingStatus.NOTICED), "cancel the meeting")
    if not reason.strip():
        raise GovernanceError("Give the reason the meeting is cancelled; it is published with the cancellation.")
    before = {"status": meeting.status}
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason.strip()
    record_event(
        session, actor, "governance.meeting.cancel", "meeting", str(meeting.id), before, {"status": "cancelled"}
    )
    return meeting
