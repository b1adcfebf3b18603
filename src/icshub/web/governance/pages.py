"""The public face of committee business: meetings to come and past, each meeting's published agenda,
papers, minutes and decisions, the decisions register, the register of interests, the agenda pack as PDF
and the calendar feed.

Everything here reads through ``icshub.governance.publication`` (which cannot return Part 2 content) or
builds a pack through ``agenda_pack.edition_of``. The confidential pack is the one exception, for those
the policy lets read Part 2.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.governance import agenda_pack as pack
from icshub.governance import publication as public
from icshub.governance.access import require_confidential
from icshub.governance.errors import GovernanceError
from icshub.governance.feed import calendar_feed
from icshub.governance.pack_records import meeting_pack
from icshub.governance.queries import get_meeting
from icshub.web.deps import DbSession, found, permit
from icshub.web.governance.pack import render_pack_pdf
from icshub.web.templating import render

router = APIRouter(include_in_schema=False)
reader = Depends(permit(Permission.GOVERNANCE_READ))
FEED_NAME = "Committee meetings"


def today() -> date:
    return date.today()


def found_or_404(lookup: Callable[[], Any]) -> Any:
    """``lookup()``, with 'there is no such meeting or committee' as a 404."""
    return found(lookup, GovernanceError)


@router.get("/meetings")
def meetings(
    request: Request,
    committee: str | None = None,
    principal: Principal = reader,
    session: Session = DbSession,
):
    context = {
        "upcoming": found_or_404(lambda: public.upcoming_meetings(session, today(), committee)),
        "past": found_or_404(lambda: public.past_meetings(session, today(), committee)),
        "committee": committee,
    }
    return render(request, "governance/meetings.html", context)


@router.get("/meetings.ics")
def feed(request: Request, principal: Principal = reader, session: Session = DbSession):
    day = today()
    shown = public.past_meetings(session, day, limit=10)[::-1] + public.upcoming_meetings(session, day)
    packs = [meeting_pack(session, get_meeting(session, m.id), pack.Edition.PUBLIC, day) for m in shown]
    base = str(request.base_url).rstrip("/")
    body = calendar_feed(
        packs,
        name=FEED_NAME,
        domain=request.url.hostname or "icshub.local",
        meeting_url=lambda details: f"{base}/meetings/{details.key}",
    )
    return Response(body, media_type="text/calendar; charset=utf-8")


@router.get("/meetings/{meeting_id}")
def meeting(meeting_id: int, request: Request, principal: Principal = reader, session: Session = DbSession):
    agenda = found_or_404(lambda: public.public_agenda(session, meeting_id, today()))
    decisions = [
        d for d in public.public_decisions(session, agenda.meeting.committee_key) if d.meeting_id == meeting_id
    ]
    context = {
        "agenda": agenda,
        "minutes": public.approved_minutes(session, meeting_id),
        "decisions": decisions,
        "interests": public.register_for_meeting(session, meeting_id),
        "today": today(),
    }
    return render(request, "governance/meeting.html", context)


@router.get("/meetings/{meeting_id}/pack.pdf")
def agenda_pack(
    meeting_id: int,
    request: Request,
    edition: pack.Edition = pack.Edition.PUBLIC,
    principal: Principal = reader,
    session: Session = DbSession,
):
    record = found_or_404(lambda: get_meeting(session, meeting_id))
    if edition is pack.Edition.CONFIDENTIAL:
        require_confidential(session, principal, record)
    document = render_pack_pdf(meeting_pack(session, record, edition, today()), edition)
    name = f"agenda-pack-{meeting_id}{'-confidential' if edition is pack.Edition.CONFIDENTIAL else ''}.pdf"
    headers = {"Content-Disposition": f'inline; filename="{name}"'}
    if edition is pack.Edition.CONFIDENTIAL:
        headers["Cache-Control"] = "private, no-store"
    return Response(document, media_type="application/pdf", headers=headers)


@router.get("/decisions")
def decisions(
    request: Request,
    committee: str | None = None,
    principal: Principal = reader,
    session: Session = DbSession,
):
    register = found_or_404(lambda: public.public_decisions(session, committee))
    return render(request, "governance/decisions.html", {"decisions": register, "committee": committee})


@router.get("/committees/{key}/interests")
def interests(key: str, request: Request, principal: Principal = reader, session: Session = DbSession):
    register = found_or_404(lambda: public.register_of_interests(session, key, today()))
    return render(request, "governance/interests.html", {"interests": register, "committee_key": key})
