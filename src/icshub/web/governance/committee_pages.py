"""The secretariat's page for a committee's standing business: the register of members' interests (entered
and ended here, published at /committees/{key}/interests and presented at each meeting) and disputes raised
to the Chair (handled by the Leadership Team, or referred to a meeting). Needs ``governance.manage``."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.governance.errors import GovernanceError
from icshub.governance.queries import committee_by_key, committee_disputes, interests_in_force
from icshub.governance.services import disputes
from icshub.governance.services import interests as registers
from icshub.governance.vocabulary import DisputeHandling, InterestCategory
from icshub.web.deps import DbSession, csrf_protect, permit
from icshub.web.governance.pages import found_or_404
from icshub.web.templating import render

router = APIRouter(include_in_schema=False)
secretariat = Depends(permit(Permission.GOVERNANCE_MANAGE))
posted = [Depends(csrf_protect)]


def _context(session: Session, principal: Principal, key: str) -> dict[str, Any]:
    committee = found_or_404(lambda: committee_by_key(session, key))
    return {
        "committee": committee,
        "interests": interests_in_force(session, committee.id, date.today()),
        "disputes": committee_disputes(session, principal, key),
        "categories": list(InterestCategory),
        "handlings": list(DisputeHandling),
        "today": date.today(),
        "problem": None,
    }


def _act(request: Request, session: Session, principal: Principal, key: str, work: partial, done: str):
    try:
        work()
    except GovernanceError as refused:
        session.rollback()
        context = _context(session, principal, key) | {"problem": str(refused)}
        return render(request, "governance/committee_business.html", context, status_code=422)
    return RedirectResponse(f"/committees/{key}/secretariat?done={quote(done)}", status_code=303)


@router.get("/committees/{key}/secretariat")
def business(key: str, request: Request, principal: Principal = secretariat, session: Session = DbSession):
    return render(request, "governance/committee_business.html", _context(session, principal, key))


@router.post("/committees/{key}/interests", dependencies=posted)
def register(
    key: str,
    request: Request,
    member: str = Form(""),
    interest: str = Form(""),
    category: InterestCategory = Form(...),
    valid_from: date = Form(...),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(
        registers.register_interest,
        session,
        principal,
        key,
        member,
        interest,
        category,
        valid_from=valid_from,
        declared_on=date.today(),
    )
    return _act(request, session, principal, key, work, f"{member}'s interest is in the register.")


@router.post("/committees/{key}/interests/{entry_id}/end", dependencies=posted)
def end(
    key: str,
    entry_id: int,
    request: Request,
    on: date = Form(...),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(registers.end_interest, session, principal, entry_id, on)
    return _act(request, session, principal, key, work, "The interest is ended.")


@router.post("/committees/{key}/disputes", dependencies=posted)
def raise_dispute(
    key: str,
    request: Request,
    raised_by: str = Form(""),
    subject: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(disputes.raise_dispute, session, principal, key, raised_by, subject, date.today())
    return _act(request, session, principal, key, work, "The dispute is recorded for the Chair.")


@router.post("/committees/{key}/disputes/{dispute_id}", dependencies=posted)
def resolve(
    key: str,
    dispute_id: int,
    request: Request,
    handled_by: DisputeHandling = Form(...),
    outcome: str = Form(""),
    principal: Principal = secretariat,
    session: Session = DbSession,
):
    work = partial(disputes.resolve_dispute, session, principal, dispute_id, handled_by, outcome, date.today())
    return _act(request, session, principal, key, work, "The dispute's outcome is recorded.")
