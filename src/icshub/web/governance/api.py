"""REST endpoints of committee business under /api/v1, for anyone: the same public records as the pages
(``icshub.governance.publication``), so Part 2 business cannot be in them."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, HTTPException

from icshub.auth.policy import Permission
from icshub.db import Session
from icshub.governance import publication as public
from icshub.governance.schemas import PublicAgenda, PublicDecision, PublicInterest, PublicMeeting, PublicMinutes
from icshub.web.deps import DbSession, permit
from icshub.web.governance.pages import found_or_404

router = APIRouter(
    prefix="/api/v1", tags=["committee business"], dependencies=[Depends(permit(Permission.GOVERNANCE_READ))]
)


@router.get("/meetings")
def meetings(committee: str | None = None, past: bool = False, session: Session = DbSession) -> list[PublicMeeting]:
    """Meetings to come (soonest first) or, with ``past=true``, the latest past ones; of one committee or all."""
    lookup = public.past_meetings if past else public.upcoming_meetings
    return found_or_404(lambda: lookup(session, date.today(), committee))


@router.get("/meetings/{meeting_id}")
def meeting(meeting_id: int, session: Session = DbSession) -> PublicAgenda:
    """A meeting with its published agenda: Part 2 items only as the exclusion of the press and public."""
    return found_or_404(lambda: public.public_agenda(session, meeting_id, date.today()))


@router.get("/meetings/{meeting_id}/minutes")
def minutes(meeting_id: int, session: Session = DbSession) -> PublicMinutes:
    """The meeting's Part 1 minutes, once approved at a later meeting."""
    approved = found_or_404(lambda: public.approved_minutes(session, meeting_id))
    if approved is None:
        raise HTTPException(status_code=404, detail="These minutes have not been approved yet.")
    return approved


@router.get("/decisions")
def decisions(committee: str | None = None, session: Session = DbSession) -> list[PublicDecision]:
    """The decisions register: a decision taken in private by its public summary."""
    return found_or_404(lambda: public.public_decisions(session, committee))


@router.get("/committees/{key}/interests")
def interests(key: str, session: Session = DbSession) -> list[PublicInterest]:
    """The register of members' interests in force today."""
    return found_or_404(lambda: public.register_of_interests(session, key, date.today()))
