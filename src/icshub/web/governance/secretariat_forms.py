"""The secretariat's pages for running a meeting: schedule it, give notice, build the agenda and its papers,
take agenda requests to the Chair, record declarations, decisions (by consensus or by a vote per member),
actions, minutes and their approval, and cancel or close it.

Each form posts to one use case of the governance services, which decide everything; a refusal comes back
on the page in the service's words, with nothing written. Everything here needs ``governance.manage``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.governance import confidential
from icshub.governance.errors import GovernanceError
from icshub.governance.meeting_times import london_time
from icshub.governance.queries import committee_of, matters_arising, seat_keys, terms_of, unapproved_minutes_before
from icshub.governance.quorum import Presence
from icshub.governance.services import agenda, decisions, meetings, minutes
from icshub.governance.services.proceedings import declare_interest
from icshub.governance.terms import Standing
from icshub.governance.vocabulary import MeetingStatus, Part, RequestDecision
from icshub.governance.voting import Choice
from icshub.registry import queries as registry_queries
from icshub.web.deps import DbSession, csrf_protect, permit
from icshub.web.governance.pages import found_or_404
from icshub.web.templating import render

router = APIRouter(include_in_schema=False)
secretariat = Depends(permit(Permission.GOVERNANCE_MANAGE))
posted = [Depends(csrf_protect)]


def _context(session: Session, principal: Principal, meeting_id: int) -> dict[str, Any]:
    """Everything the page shows of the meeting, Part 2 included (the secretariat may read it)."""
    meeting = found_or_404(lambda: confidential.full_meeting(session, principal, meeting_id))
    terms = terms_of(session, meeting)
    voting_seats = {seat.key for seat in terms.seats if seat.standing is Standing.VOTING}
    keys = seat_keys(session, meeting)
    present = [a for a in meeting.attendance if a.presence in (Presence.IN_PERSON, Presence.REMOTE)]
    earlier = unapproved_minutes_before(session, meeting)
    return {
        "meeting": meeting,
        "committee": committee_of(session, meeting),
        "starts": london_time(meeting.starts_at),
        "reasons": terms.private_business.reasons,
        "present": present,
        "voters": [a for a in present if keys[a.seat_id] in voting_seats],
        "declarations": confidential.meeting_declarations(session, principal, meeting_id),
        "names": {a.id: a.member_name for a in meeting.attendance},
        "requests": confidential.agenda_requests(session, principal, meeting_id),
        "decisions": {d.item_id: d for d in confidential.meeting_decisions(session, principal, meeting_id)},
        "arising": matters_arising(session, principal, meeting_id),
        "minutes": confidential.minutes_in_full(session, principal, meeting_id),
        "unapproved": earlier,
        "choices": list(Choice),
        "today": date.today(),
        "problem": None,
    }


def _act(request: Request, session: Session, principal: Principal, meeting_id: int, work: Callable[[], Any], done: str):
    """Carry out ``work``; on success back to the page saying ``done``, on a refusal the page with the reason."""
    try:
        work()
    except GovernanceError as refused:
        session.rollback()
        context = _context(session, principal, meeting_id) | {"problem": str(refused)}
        return render(request, "governance/manage.html", context, status_code=422)
    return RedirectResponse(f"/meetings/{meeting_id}/manage?done={quote(done)}", status_code=303)


def _text(value: str) -> str | None:
    return value.strip() or None


@router.get("/meetings/{meeting_id}/manage")
def manage(meeting_id: int, request: Request, principal: Principal = secretariat, session=DbSession):
    return render(request, "governance/manage.html", _context(session, principal, meeting_id))


@router.post("/meetings/{meeting_id}/notice", dependencies=posted)
def give_notice(
    meeting_id: int,
    request: Request,
    on: date = Form(...),
    urgent_reason: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(meetings.issue_notice, session, principal, meeting_id, on, urgent_reason=_text(urgent_reason))
    return _act(request, session, principal, meeting_id, work, "Notice is given.")


@router.post("/meetings/{meeting_id}/status", dependencies=posted)
def change_status(
    meeting_id: int,
    request: Request,
    status: MeetingStatus = Form(...),
    reason: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    if status is MeetingStatus.CANCELLED:
        work = partial(meetings.cancel_meeting, session, principal, meeting_id, reason)
    else:
        work = partial(meetings.mark_held, session, principal, meeting_id)
    return _act(request, session, principal, meeting_id, work, f"The meeting is {status.value}.")


@router.post("/meetings/{meeting_id}/items", dependencies=posted)
def add_item(
    meeting_id: int,
    request: Request,
    title: str = Form(""),
    part: int = Form(1),
    private_reason: str = Form(""),
    owner: str = Form(""),
    decision_sought: str = Form(""),
    public_summary: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    item = agenda.ItemInput(
        title,
        Part(part),
        _text(private_reason),
        owner=_text(owner),
        decision_sought=_text(decision_sought),
        public_summary=_text(public_summary),
    )
    work = partial(agenda.add_agenda_item, session, principal, meeting_id, item)
    return _act(request, session, principal, meeting_id, work, f"'{title}' is on the agenda.")


@router.post("/meetings/{meeting_id}/papers", dependencies=posted)
def add_paper(
    meeting_id: int,
    request: Request,
    item_id: int = Form(...),
    title: str = Form(""),
    text: str = Form(""),
    published: bool = Form(False),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(agenda.add_paper, session, principal, item_id, title, text, published=published)
    return _act(request, session, principal, meeting_id, work, f"The paper '{title}' is added.")


@router.post("/meetings/{meeting_id}/requests", dependencies=posted)
def receive_request(
    meeting_id: int,
    request: Request,
    member: str = Form(""),
    title: str = Form(""),
    requested_on: date = Form(...),
    urgent: bool = Form(False),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(
        agenda.receive_agenda_request, session, principal, meeting_id, member, title, requested_on, urgent=urgent
    )
    return _act(request, session, principal, meeting_id, work, "The request is recorded for the Chair.")


@router.post("/meetings/{meeting_id}/requests/{request_id}", dependencies=posted)
def decide_request(
    meeting_id: int,
    request_id: int,
    request: Request,
    decision: RequestDecision = Form(...),
    reason: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(agenda.decide_agenda_request, session, principal, request_id, decision, reason)
    return _act(request, session, principal, meeting_id, work, f"The Chair's decision is recorded: {decision.value}.")


@router.post("/meetings/{meeting_id}/declarations", dependencies=posted)
def declare(
    meeting_id: int,
    request: Request,
    member: str = Form(""),
    item_id: str = Form(""),
    interest: str = Form(""),
    withdraws: bool = Form(False),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    on_item = int(item_id) if item_id else None
    work = partial(
        declare_interest, session, principal, meeting_id, member, interest, item_id=on_item, withdraws=withdraws
    )
    return _act(request, session, principal, meeting_id, work, f"{member}'s declaration is recorded.")


@router.post("/meetings/{meeting_id}/decisions", dependencies=posted)
async def decide(meeting_id: int, request: Request, principal: Principal = secretariat, session=DbSession):
    form = await request.form()
    item_id, text = int(str(form.get("item_id"))), str(form.get("text", ""))
    summary = _text(str(form.get("public_summary", "")))
    votes = {
        str(key).removeprefix("vote-"): Choice(str(value))
        for key, value in form.multi_items()
        if str(key).startswith("vote-") and value
    }
    if form.get("method") == "vote":
        work = partial(decisions.record_vote, session, principal, item_id, text, votes, public_summary=summary)
    else:
        work = partial(decisions.record_consensus, session, principal, item_id, text, public_summary=summary)
    return _act(request, session, principal, meeting_id, work, "The decision is recorded.")


@router.post("/meetings/{meeting_id}/actions", dependencies=posted)
def raise_action(
    meeting_id: int,
    request: Request,
    description: str = Form(""),
    owner: str = Form(""),
    due: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    by = date.fromisoformat(due) if due else None
    work = partial(decisions.raise_action, session, principal, meeting_id, description, owner, due=by)
    return _act(request, session, principal, meeting_id, work, "The action is in the register.")


@router.post("/meetings/{meeting_id}/actions/{action_id}/close", dependencies=posted)
def close_action(
    meeting_id: int,
    action_id: int,
    request: Request,
    note: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(decisions.close_action, session, principal, action_id, date.today(), note)
    return _act(request, session, principal, meeting_id, work, "The action is closed.")


@router.post("/meetings/{meeting_id}/minutes", dependencies=posted)
def draft(
    meeting_id: int,
    request: Request,
    text: str = Form(""),
    private_text: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(minutes.draft_minutes, session, principal, meeting_id, text, private_text=_text(private_text))
    return _act(request, session, principal, meeting_id, work, "The draft minutes are saved.")


@router.post("/meetings/{meeting_id}/minutes/approve", dependencies=posted)
def approve(
    meeting_id: int,
    request: Request,
    minutes_of: int = Form(...),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(minutes.approve_minutes, session, principal, minutes_of, meeting_id)
    return _act(request, session, principal, meeting_id, work, "The minutes are approved and published.")


@router.get("/meetings/schedule")
def schedule_form(request: Request, principal: Principal = secretariat, session: Session = DbSession):
    committees = registry_queries.list_committees(session)
    return render(request, "governance/schedule.html", {"committees": committees, "problem": None})


@router.post("/meetings/schedule", dependencies=posted)
def schedule(
    request: Request,
    committee: str = Form(...),
    starts_at: datetime = Form(...),
    venue: str = Form(""),
    urgent_reason: str = Form(""),
    recorded_afterwards_reason: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    try:
        meeting = meetings.schedule_meeting(
            session,
            principal,
            committee,
            starts_at,
            venue,
            urgent_reason=_text(urgent_reason),
            recorded_afterwards_reason=_text(recorded_afterwards_reason),
        )
    except GovernanceError as refused:
        session.rollback()
        committees = registry_queries.list_committees(session)
        context = {"committees": committees, "problem": str(refused)}
        return render(request, "governance/schedule.html", context, status_code=422)
    return RedirectResponse(f"/meetings/{meeting.id}/manage?done={quote('The meeting is scheduled.')}", 303)
