"""What the public may see of committee business: upcoming meetings, Part 1 agendas and papers, approved
minutes, the decisions register and the register of interests.

These functions take no principal and need none: they can never return a Part 2 title, paper, decision text
or minute, because they never copy one into their output. A Part 2 item is shown as 'Exclusion of the press
and public' with the reason from the terms (§7.1); a decision taken in private by its public summary alone
(§13.2); minutes by their Part 1 text once approved. The agenda of a meeting is published once notice is
issued (§10.4), and the Part 1 papers released by the secretariat from the papers day, the last day that
leaves the clear working days the terms require (§12.2: five).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from icshub.governance.deadlines import papers_deadline
from icshub.governance.local_holidays import england_calendar
from icshub.governance.meeting_times import LONDON, london_time, meeting_day
from icshub.governance.models import AgendaItem, Decision, Meeting, Minutes, RegisteredInterest
from icshub.governance.queries import (
    committee_by_key,
    committee_of,
    get_meeting,
    interests_in_force,
    private_reason_text,
    terms_of,
)
from icshub.governance.schemas import (
    PublicAgenda,
    PublicDecision,
    PublicInterest,
    PublicItem,
    PublicMeeting,
    PublicMinutes,
    PublicPaper,
)
from icshub.governance.vocabulary import MeetingStatus, Part

EXCLUSION = "Exclusion of the press and public"
PRIVATE_DECISION = "Decision taken in private"
_PUBLISHED_AGENDA = (MeetingStatus.NOTICED, MeetingStatus.HELD)


def _meeting(session: Session, meeting: Meeting) -> PublicMeeting:
    committee = committee_of(session, meeting)
    return PublicMeeting(
        id=meeting.id,
        committee_key=committee.key,
        committee_name=committee.name,
        starts_at=london_time(meeting.starts_at),
        venue=meeting.venue,
        status=meeting.status,
        urgent=meeting.urgent,
        notice_issued_on=meeting.notice_issued_on,
        cancelled_reason=meeting.cancelled_reason,
    )


def public_meeting(session: Session, meeting_id: int) -> PublicMeeting:
    """One meeting as the public sees it: when, where, its status."""
    return _meeting(session, get_meeting(session, meeting_id))


def _meetings(session: Session, today: date, committee_key: str | None, *, upcoming: bool) -> Select:
    start_of_day = datetime.combine(today, time(0), LONDON).astimezone(UTC)
    if upcoming:
        query = select(Meeting).where(Meeting.starts_at >= start_of_day).order_by(Meeting.starts_at, Meeting.id)
    else:
        query = select(Meeting).where(Meeting.starts_at < start_of_day).order_by(Meeting.starts_at.desc(), Meeting.id)
    if committee_key is not None:
        query = query.where(Meeting.committee_id == committee_by_key(session, committee_key).id)
    return query


def upcoming_meetings(session: Session, today: date, committee_key: str | None = None) -> list[PublicMeeting]:
    """Meetings from ``today`` on (a cancellation is shown as such), soonest first, of one committee or all."""
    query = _meetings(session, today, committee_key, upcoming=True)
    return [_meeting(session, meeting) for meeting in session.scalars(query)]


def past_meetings(
    session: Session, today: date, committee_key: str | None = None, limit: int = 20
) -> list[PublicMeeting]:
    """The latest ``limit`` meetings before ``today``, latest first, of one committee or all."""
    query = _meetings(session, today, committee_key, upcoming=False).limit(limit)
    return [_meeting(session, meeting) for meeting in session.scalars(query)]


def papers_from(session: Session, meeting: Meeting) -> date:
    """The day the meeting's Part 1 papers are published: the last day leaving the terms' clear working days."""
    clear_days = terms_of(session, meeting).papers.clear_working_days
    return papers_deadline(meeting_day(meeting), england_calendar(), clear_days).latest_day


def _public_item(item: AgendaItem, reason: str | None, show_papers: bool) -> PublicItem:
    if item.part == Part.PRIVATE:
        return PublicItem(item.position, Part.PRIVATE, EXCLUSION, None, None, reason, ())
    papers = tuple(PublicPaper(p.title, p.text) for p in item.papers if p.published) if show_papers else ()
    return PublicItem(item.position, Part.PUBLIC, item.title, item.owner, item.decision_sought, None, papers)


def public_agenda(session: Session, meeting_id: int, today: date) -> PublicAgenda:
    """The published agenda as on ``today``: empty until notice is issued, papers only from the papers day."""
    meeting = get_meeting(session, meeting_id)
    terms = terms_of(session, meeting)
    release = papers_from(session, meeting)
    items = ()
    if meeting.status in _PUBLISHED_AGENDA:
        items = tuple(
            _public_item(
                item,
                private_reason_text(terms, item.private_reason) if item.private_reason else None,
                today >= release,
            )
            for item in meeting.items
        )
    return PublicAgenda(_meeting(session, meeting), items, release)


def approved_minutes(session: Session, meeting_id: int) -> PublicMinutes | None:
    """The meeting's Part 1 minutes once approved at a later meeting; None before then."""
    minutes = session.scalars(select(Minutes).where(Minutes.meeting_id == meeting_id)).one_or_none()
    if minutes is None or minutes.approved_on is None or minutes.approved_at_meeting_id is None:
        return None
    return PublicMinutes(
        public_meeting(session, meeting_id), minutes.text, minutes.approved_on, minutes.approved_at_meeting_id
    )


def public_decisions(session: Session, committee_key: str | None = None) -> list[PublicDecision]:
    """The public decisions register, newest meeting first: Part 2 decisions by their public summary only."""
    query = (
        select(Decision, AgendaItem, Meeting)
        .join(AgendaItem, AgendaItem.id == Decision.item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .order_by(Meeting.starts_at.desc(), AgendaItem.position)
    )
    if committee_key is not None:
        query = query.where(Meeting.committee_id == committee_by_key(session, committee_key).id)
    register = []
    for decision, item, meeting in session.execute(query):
        name, day = committee_of(session, meeting).name, meeting_day(meeting)
        if item.part == Part.PRIVATE:
            entry = PublicDecision(
                meeting.id, name, day, Part.PRIVATE, PRIVATE_DECISION, decision.public_summary or "", None
            )
        else:
            entry = PublicDecision(meeting.id, name, day, Part.PUBLIC, item.title, decision.text, decision.outcome)
        register.append(entry)
    return register


def _interest(entry: RegisteredInterest) -> PublicInterest:
    return PublicInterest(
        entry.member_name, entry.interest, entry.category, entry.valid_from, entry.valid_to, entry.declared_on
    )


def register_of_interests(session: Session, committee_key: str, on: date) -> list[PublicInterest]:
    """The committee's register of members' interests as on ``on`` (published, §11.4.2)."""
    return [_interest(entry) for entry in interests_in_force(session, committee_by_key(session, committee_key).id, on)]


def register_for_meeting(session: Session, meeting_id: int) -> list[PublicInterest]:
    """The register of interests presented to a meeting: the entries in force on its day (§11.4.2)."""
    meeting = get_meeting(session, meeting_id)
    return [_interest(entry) for entry in interests_in_force(session, meeting.committee_id, meeting_day(meeting))]
