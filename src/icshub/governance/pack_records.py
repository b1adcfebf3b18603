"""A meeting's records as the document layer's values (``pack.Meeting``), for the agenda pack and the
calendar feed.

Every item, Part 2 included, is mapped: what an edition may show is decided by ``pack.edition_of`` alone.
What the records say of publication is applied here, the same for both editions: the agenda exists once
notice is issued (§10.2), and a paper is in a pack only once it is marked for publication and its papers day
(five clear working days before the meeting, §12.2) has come. The confidential edition carries every paper
from the moment it is added, for members preparing the meeting.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from icshub.governance import agenda_pack as pack
from icshub.governance.meeting_times import LONDON
from icshub.governance.models import Meeting
from icshub.governance.publication import papers_from
from icshub.governance.queries import committee_of, terms_of
from icshub.governance.vocabulary import MeetingStatus, Part

EXPECTED_LENGTH = timedelta(hours=2)  # no end time is recorded; the calendar needs one
AGENDA_PUBLISHED = (MeetingStatus.NOTICED, MeetingStatus.HELD)


def meeting_title(meeting: Meeting) -> str:
    """'Meeting of 2 July 2025', the pack's title (the committee is named beside it)."""
    return f"Meeting of {meeting.starts_at.astimezone(LONDON):%-d %B %Y}"


def details(session: Session, meeting: Meeting) -> pack.MeetingDetails:
    """When and where, with the revision the calendar feed needs: a cancellation is the one revision."""
    starts = meeting.starts_at if meeting.starts_at.tzinfo else meeting.starts_at.replace(tzinfo=UTC)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    noticed = meeting.notice_issued_on
    # Only the day of notice is recorded: the morning of that day stands for when the entry was published.
    revised = datetime.combine(noticed, time(9), LONDON) if noticed else starts
    committee = committee_of(session, meeting)
    return pack.MeetingDetails(
        key=str(meeting.id),
        committee=committee.name,
        title=meeting_title(meeting),
        starts=starts,
        ends=starts + EXPECTED_LENGTH,
        venue=meeting.venue,
        status=MeetingStatus(meeting.status),
        chair="The Chair",
        notice_issued_on=noticed,
        revision=1 if cancelled else 0,
        revised_at=revised,
    )


def meeting_pack(session: Session, meeting: Meeting, edition: pack.Edition, today: date) -> pack.Meeting:
    """The meeting as the pack of ``edition`` is built from it on ``today``."""
    terms = terms_of(session, meeting)
    release = papers_from(session, meeting)
    items = []
    if meeting.status in AGENDA_PUBLISHED:
        for item in meeting.items:
            papers = tuple(
                pack.Paper(paper.title, paper.text)
                for paper in item.papers
                if edition is pack.Edition.CONFIDENTIAL or (paper.published and today >= release)
            )
            private = Part(item.part) is Part.PRIVATE
            items.append(
                pack.AgendaItem(
                    number=str(item.position),
                    title=item.title,
                    part=Part(item.part),
                    owner=item.owner or "",
                    decision_sought=item.decision_sought or "",
                    papers=papers,
                    private_reason=pack.private_reason(terms, item.private_reason) if private else None,
                )
            )
    return pack.Meeting(details(session, meeting), tuple(items))
