"""The agenda of a meeting: items in Part 1 or Part 2, their papers, and members' requests for items.

Part 2 business is taken in private and needs one of the reasons the terms list (§7.1.1-7.1.7 for the ICP);
its papers are never published (§12.2, §13.1). A member's request for an item is checked against the
deadline when it is received (§12.3: twenty clear working days ahead, ten for an urgent item) and the
result kept with it; whether it goes on the agenda is the Chair's decision, recorded with the reason.
Writes need ``governance.manage``; refusals raise ``GovernanceError``; every write is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from icshub.auth.audit import record_event, snapshot
from icshub.auth.policy import Principal
from icshub.governance.access import authorised
from icshub.governance.deadlines import agenda_request_deadline
from icshub.governance.errors import GovernanceError
from icshub.governance.local_holidays import england_calendar
from icshub.governance.meeting_times import meeting_day
from icshub.governance.models import AgendaItem, AgendaRequest, Meeting, Paper
from icshub.governance.queries import get_item, get_meeting, get_record, terms_of
from icshub.governance.services.meetings import require_status
from icshub.governance.terms import TermsOfReference
from icshub.governance.vocabulary import MeetingStatus, Part, RequestDecision

ITEM_FIELDS = ("meeting_id", "position", "title", "part", "private_reason", "owner", "decision_sought")
REQUEST_FIELDS = ("member_name", "requested_on", "title", "urgent", "in_time", "chair_decision", "chair_reason")
_OPEN = (MeetingStatus.SCHEDULED, MeetingStatus.NOTICED)


@dataclass(frozen=True)
class ItemInput:
    """An item of business as the secretariat writes it.

    ``private_reason`` is the code of a reason for private business (``confidential-business``,
    ``commercially-sensitive``, …) and is required for Part 2; ``public_summary`` is what may be published of a
    Part 2 item's decision, prepared ahead and used when the decision does not give its own.
    """

    title: str
    part: Part = Part.PUBLIC
    private_reason: str | None = None
    owner: str | None = None
    decision_sought: str | None = None
    public_summary: str | None = None


def _check_part(terms: TermsOfReference, item: ItemInput) -> None:
    codes = [reason.code for reason in terms.private_business.reasons]
    if item.part is Part.PRIVATE and item.private_reason not in codes:
        given = f"'{item.private_reason}' is not one of them" if item.private_reason else "none was given"
        raise GovernanceError(
            f"A Part 2 item needs one of the reasons for excluding the press and public "
            f"(§{terms.private_business.paragraph}): {', '.join(codes)}; {given}."
        )
    if item.part is Part.PUBLIC and item.private_reason is not None:
        raise GovernanceError(
            "A Part 1 item is taken in public and has no reason for privacy: make it Part 2, or leave the reason out."
        )


def _add_item(session: Session, meeting: Meeting, item: ItemInput) -> AgendaItem:
    """Check ``item`` against the meeting's terms and append it to the agenda (no permission check, no audit)."""
    if not item.title.strip():
        raise GovernanceError("An agenda item needs a title.")
    _check_part(terms_of(session, meeting), item)
    row = AgendaItem(
        position=len(meeting.items) + 1,
        title=item.title.strip(),
        part=int(item.part),
        private_reason=item.private_reason,
        owner=item.owner,
        decision_sought=item.decision_sought,
        public_summary=item.public_summary,
    )
    meeting.items.append(row)
    session.flush()
    return row


def add_agenda_item(session: Session, principal: Principal, meeting_id: int, item: ItemInput) -> AgendaItem:
    """Add an item at the end of the agenda of a meeting not yet held."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_status(meeting, _OPEN, "add to the agenda")
    row = _add_item(session, meeting, item)
    record_event(session, actor, "governance.item.add", "agenda_item", str(row.id), None, snapshot(row, ITEM_FIELDS))
    return row


def add_paper(
    session: Session, principal: Principal, item_id: int, title: str, text: str, *, published: bool = False
) -> Paper:
    """Attach a paper to an item; ``published`` releases it for publication (never for a Part 2 item)."""
    actor = authorised(principal)
    item = get_item(session, item_id)
    if not title.strip() or not text.strip():
        raise GovernanceError("A paper needs a title and its text.")
    _refuse_private_publication(item, published)
    paper = Paper(position=len(item.papers) + 1, title=title.strip(), text=text, published=published)
    item.papers.append(paper)
    session.flush()
    record_event(
        session, actor, "governance.paper.add", "paper", str(paper.id), None, snapshot(paper, ("title", "published"))
    )
    return paper


def publish_paper(session: Session, principal: Principal, paper_id: int) -> Paper:
    """Release a Part 1 paper for publication (the public sees it from the papers deadline, §12.2)."""
    actor = authorised(principal)
    paper = get_record(session, Paper, paper_id, "paper")
    _refuse_private_publication(paper.item, True)
    paper.published = True
    record_event(session, actor, "governance.paper.publish", "paper", str(paper.id), {"published": False}, None)
    return paper


def _refuse_private_publication(item: AgendaItem, published: bool) -> None:
    if published and item.part == Part.PRIVATE:
        raise GovernanceError(
            f"'{item.title}' is Part 2 business: its papers are not available to the press or public (§13.1), so "
            "they cannot be published. Publish a public summary of the decision instead."
        )


def receive_agenda_request(
    session: Session,
    principal: Principal,
    meeting_id: int,
    member_name: str,
    title: str,
    requested_on: date,
    *,
    urgent: bool = False,
) -> AgendaRequest:
    """Record a member's request for an agenda item, with whether it came in time, for the Chair to decide."""
    actor = authorised(principal)
    meeting = get_meeting(session, meeting_id)
    require_status(meeting, _OPEN, "receive an agenda request")
    if not member_name.strip() or not title.strip():
        raise GovernanceError("An agenda request needs the member who makes it and the item's title.")
    rules = terms_of(session, meeting).agenda_requests
    check = agenda_request_deadline(
        meeting_day(meeting),
        england_calendar(),
        urgent=urgent,
        clear_days=rules.clear_working_days,
        urgent_clear_days=rules.urgent_clear_working_days,
    ).check(requested_on)
    request = AgendaRequest(
        meeting_id=meeting.id,
        member_name=member_name.strip(),
        requested_on=requested_on,
        title=title.strip(),
        urgent=urgent,
        in_time=check.met,
        deadline_check=check.message,
    )
    session.add(request)
    session.flush()
    record_event(
        session,
        actor,
        "governance.request.receive",
        "agenda_request",
        str(request.id),
        None,
        snapshot(request, REQUEST_FIELDS),
    )
    return request


def decide_agenda_request(
    session: Session, principal: Principal, request_id: int, decision: RequestDecision, reason: str
) -> AgendaRequest:
    """Record the Chair's decision on a request, with the reason; an included request becomes a Part 1 item.

    Inclusion is at the Chair's discretion (§12.3), so a late request may still be included: the reason says why.
    """
    actor = authorised(principal)
    request = get_record(session, AgendaRequest, request_id, "agenda request")
    if request.chair_decision is not None:
        raise GovernanceError(f"The Chair has already decided on '{request.title}': it was {request.chair_decision}.")
    if not reason.strip():
        raise GovernanceError("Record the Chair's reason for the decision, so that the member can be told it.")
    meeting = get_meeting(session, request.meeting_id)
    require_status(meeting, _OPEN, "decide on an agenda request")
    before = snapshot(request, REQUEST_FIELDS)
    request.chair_decision = decision.value
    request.chair_reason = reason.strip()
    if decision is RequestDecision.INCLUDED:
        request.agenda_item_id = _add_item(session, meeting, ItemInput(request.title, owner=request.member_name)).id
    record_event(
        session,
        actor,
        "governance.request.decide",
        "agenda_request",
        str(request.id),
        before,
        snapshot(request, REQUEST_FIELDS),
    )
    return request
