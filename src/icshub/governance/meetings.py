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

from datetime import UTC, date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.audit import Actor, record_event, snapshot
from icshub.auth.policy import Permission, Principal, may_read_confidential, require
from icshub.auth.service import acts_for
from icshub.governance.calendar import describe_day
from icshub.governance.committee_terms import terms_for
from icshub.governance.deadlines import notice_deadline
from icshub.governance.kinds import GovernanceError, MeetingStatus
from icshub.governance.local_holidays import england_calendar
from icshub.governance.models import Meeting
from icshub.governance.terms import TermsOfReference
from icshub.registry.models import Committee

LONDON = ZoneInfo("Europe/London")
Record = TypeVar("Record")
MEETING_FIELDS = ("committee_id", "starts_at", "venue", "status", "urgent", "urgent_reason", "notice_issued_on")


def actor_of(principal: Principal) -> Actor:
    """The audit log's actor for ``principal``."""
    return Actor(principal.username or "anonymous", principal.user_id)


def authorised(principal: Principal) -> Actor:
    """The actor for a write by the secretariat; refused (``NotAllowed``) without ``governance.manage``."""
    require(principal, Permission.GOVERNANCE_MANAGE)
    return actor_of(principal)


def require_confidential(session: Session, principal: Principal, meeting: Meeting) -> None:
    """Refuse (``NotAllowed``) anyone who may not read the meeting's Part 2 business (§13.1)."""
    if not may_read_confidential(principal, acts_for(session, principal.user_id), ("committee", meeting.committee_id)):
        require(principal, Permission.GOVERNANCE_CONFIDENTIAL)


def london_time(moment: datetime) -> datetime:
    """A stored time as Europe/London wall-clock time (SQLite hands back UTC without its zone)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(LONDON)


def to_utc(starts_at: datetime) -> datetime:
    """``starts_at`` in UTC; a time without a zone is London wall-clock time, and one the clocks skip is refused."""
    if starts_at.tzinfo is not None:
        return starts_at.astimezone(UTC)
    local = starts_at.replace(tzinfo=LONDON, fold=0)
    if london_time(local.astimezone(UTC)).replace(tzinfo=None) != starts_at:
        raise GovernanceError(
            f"{starts_at:%H:%M} on {describe_day(starts_at.date())} does not exist in London: the clocks go forward "
            "that night. Choose another time."
        )
    return local.astimezone(UTC)


def meeting_day(meeting: Meeting) -> date:
    """The day of the meeting in London, from which clear working days are counted."""
    return london_time(meeting.starts_at).date()


def describe_meeting(meeting: Meeting) -> str:
    """'the meeting on Wednesday 2 July 2025 at 10:00', for messages."""
    return f"the meeting on {describe_day(meeting_day(meeting))} at {london_time(meeting.starts_at):%H:%M}"


def get_record(session: Session, model: type[Record], record_id: int, what: str) -> Record:
    """The ``model`` row with ``record_id``, or a refusal saying there is no such ``what``."""
    record = session.get(model, record_id)
    if record is None:
        raise GovernanceError(f"There is no {what} {record_id}.")
    return record


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting with ``meeting_id``, or a refusal saying there is none."""
    return get_record(session, Meeting, meeting_id, "meeting")


def committee_by_key(session: Session, committee_key: str) -> Committee:
    """The registry committee with ``committee_key``, or a refusal saying there is none."""
    committee = session.scalars(select(Committee).where(Committee.key == committee_key)).one_or_none()
    if committee is None:
        raise GovernanceError(f"There is no committee '{committee_key}' in the registry.")
    return committee


def committee_of(session: Session, meeting: Meeting) -> Committee:
    committee = session.get(Committee, meeting.committee_id)
    assert committee is not None  # the foreign key guarantees it
    return committee


def terms_of(session: Session, meeting: Meeting) -> TermsOfReference:
    """The terms of reference the meeting's committee meets under (see ``committee_terms``)."""
    return terms_for(committee_of(session, meeting))


def require_status(meeting: Meeting, allowed: tuple[MeetingStatus, ...], doing: str) -> None:
    """Refuse ``doing`` unless the meeting's status is one of ``allowed``, saying what its status is."""
    if meeting.status not in allowed:
        states = " or ".join(status.value for status in allowed)
        raise GovernanceError(
            f"Cannot {doing}: {describe_meeting(meeting)} is {meeting.status}, and this needs it {states}."
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
) -> Meeting:
    """Schedule a meeting of a registry committee; with ``urgent_reason`` it is an urgent meeting.

    ``chair_allows_remote`` is the Chair's ruling under §8.3 that members attending remotely count as present.
    """
    actor = authorised(principal)
    committee = committee_by_key(session, committee_key)
    terms_for(committee)
    if not venue.strip():
        raise GovernanceError("Give the venue: the notice must say where the meeting is to take place (§10.2).")
    reason = _urgent_reason(urgent_reason)
    meeting = Meeting(
        committee_id=committee.id,
        starts_at=to_utc(starts_at),
        venue=venue.strip(),
        status=MeetingStatus.SCHEDULED,
        urgent=reason is not None,
        urgent_reason=reason,
        chair_allows_remote=chair_allows_remote,
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


def mark_held(session: Session, principal: Principal, meeting_id: int) -> Meeting:
    """Record that a meeting for which notice was issued took place."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_status(meeting, (MeetingStatus.NOTICED,), "record the meeting as held")
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
