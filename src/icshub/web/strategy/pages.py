"""HTML pages of the Shared Delivery Plan: overview, outcomes, leads, places, the delivery dashboard, items
with their history and update form, versions and comparison, and the bulk update upload. Thin: each page
asks ``queries``/``service`` and renders a template."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse

from icshub.auth.actor import Actor
from icshub.auth.policy import Permission, Principal, allows, may_update_progress
from icshub.auth.service import acts_for
from icshub.db import Session
from icshub.loading.problems import ImportRefused
from icshub.registry import queries as registry_queries
from icshub.registry.queries import place_profile
from icshub.strategy import dashboard, queries, sheets
from icshub.strategy.compare import compare
from icshub.strategy.errors import PlanError, ProgressError
from icshub.strategy.services import plan_versions as service
from icshub.strategy.services import progress_updates as progress
from icshub.strategy.vocabulary import ItemType, PlanStatus, ProgressStatus, Rag
from icshub.web.deps import DbSession, csrf_protect, permit
from icshub.web.strategy.api import drafts_visible, plan_for
from icshub.web.templating import render

router = APIRouter(prefix="/strategy", include_in_schema=False)
# One callable per permission, so that a route listing it before the CSRF check and taking the principal
# from it evaluates it once: the policy answers first (401 or 403), then the CSRF token is checked.
may_update = permit(Permission.PROGRESS_UPDATE)
may_publish = permit(Permission.PROGRESS_PUBLISH)
may_manage = permit(Permission.PLAN_MANAGE)
reader = Depends(permit(Permission.STRATEGY_READ))


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as error:
        raise HTTPException(status_code=400, detail=f"'{text}' is not a date in the form YYYY-MM-DD.") from error


def _rows(session: Session, principal: Principal, version: str | None, on: date):
    plan = plan_for(session, principal, version)
    return plan, queries.plan_items(session, plan, on, drafts_visible(principal))


@router.get("")
def overview(
    request: Request,
    version: str | None = None,
    on: str | None = None,
    principal: Principal = reader,
    session: Session = DbSession,
):
    day = _day(on) or date.today()
    plan, rows = _rows(session, principal, version, day)
    return render(
        request,
        "strategy/overview.html",
        {
            "plan": plan,
            "on": day,
            "outcomes": queries.list_outcomes(session, plan),
            "counts": dashboard.status_counts(rows),
            "concerns": [
                r for r in dashboard.concern_first(rows) if r.overdue or r.status.value in {"at_risk", "off_track"}
            ][:10],
            "versions": queries.list_plans(session, drafts_visible(principal)),
        },
    )


@router.get("/outcomes/{key}")
def outcome(
    key: str,
    request: Request,
    version: str | None = None,
    on: str | None = None,
    principal: Principal = reader,
    session: Session = DbSession,
):
    day = _day(on) or date.today()
    plan, rows = _rows(session, principal, version, day)
    view = queries.outcome_view(session, plan, key, rows)
    if view is None:
        raise HTTPException(status_code=404, detail=f"There is no outcome '{key}' in plan {plan.version}.")
    return render(request, "strategy/outcome.html", {"plan": plan, "view": view, "on": day})


@router.get("/leads/{kind}/{key}")
def lead(
    kind: str,
    key: str,
    request: Request,
    on: str | None = None,
    principal: Principal = reader,
    session: Session = DbSession,
):
    body = registry_queries.body(session, kind, key)
    if body is None:
        raise HTTPException(status_code=404, detail=f"There is no {kind} '{key}'.")
    day = _day(on) or date.today()
    plan, rows = _rows(session, principal, None, day)
    led = dashboard.concern_first(dashboard.apply(rows, dashboard.Filters(lead=(kind, body.id))))
    return render(request, "strategy/lead.html", {"plan": plan, "body": body, "kind": kind, "rows": led, "on": day})


def _place_context(session: Session, principal: Principal, key: str, day: date) -> dict:
    place = registry_queries.body(session, "partnership", key)
    if place is None or place.type != "place":
        raise HTTPException(status_code=404, detail=f"There is no place '{key}'.")
    plan, rows = _rows(session, principal, None, day)
    bodies = frozenset(queries.bodies_within(session, place))
    served = dashboard.concern_first(dashboard.apply(rows, dashboard.Filters(place_bodies=bodies, place_key=key)))
    district_codes = {share.district.code for share in place_profile(session, place).districts}
    councils = registry_queries.councils_with_codes(session, district_codes)
    districts = [p for p in queries.local_priorities(session, plan, "district") if p.organisation_id in councils]
    return {
        "plan": plan,
        "place": place,
        "on": day,
        "priorities": [p for p in queries.local_priorities(session, plan, "place") if p.partnership_id == place.id],
        "district_priorities": [(councils[p.organisation_id], p) for p in districts],
        "rows": served,
        "outcomes": {o.number: o for o in queries.list_outcomes(session, plan) if o.kind == "shared_outcome"},
    }


@router.get("/places/{key}")
def place(key: str, request: Request, principal: Principal = reader, session: Session = DbSession):
    return render(request, "strategy/place.html", _place_context(session, principal, key, date.today()))


@router.get("/places/{key}/section")
def place_section(key: str, request: Request, principal: Principal = reader, session: Session = DbSession):
    return render(request, "strategy/_place_section.html", _place_context(session, principal, key, date.today()))


@router.get("/dashboard")
def delivery_dashboard(
    request: Request,
    outcome: str | None = None,
    lead: str | None = Query(None, description="kind:key, e.g. organisation:kent-county-council"),
    place: str | None = None,
    status: str | None = None,
    due_from: str | None = None,
    due_to: str | None = None,
    overdue: bool = False,
    on: str | None = None,
    principal: Principal = reader,
    session: Session = DbSession,
):
    day = _day(on) or date.today()
    plan, rows = _rows(session, principal, None, day)
    lead_body = None
    if lead and ":" in lead:
        lead_body = registry_queries.body_id(session, *lead.split(":", 1))
    place_record = registry_queries.body(session, "partnership", place) if place else None
    filters = dashboard.Filters(
        outcome=outcome or None,
        lead=lead_body,
        place_bodies=frozenset(queries.bodies_within(session, place_record)) if place_record else None,
        place_key=place or None,
        status=ProgressStatus(status) if status in {s.value for s in ProgressStatus} else None,
        due_from=_day(due_from),
        due_to=_day(due_to),
        overdue_only=overdue,
    )
    shown = dashboard.concern_first(dashboard.apply(rows, filters))
    leads = sorted({(x.kind, x.key, x.name) for r in rows for x in r.leads}, key=lambda lead: lead[2])
    return render(
        request,
        "strategy/dashboard.html",
        {
            "plan": plan,
            "on": day,
            "rows": shown,
            "counts": dashboard.status_counts(rows),
            "outcomes": queries.list_outcomes(session, plan),
            "leads": leads,
            "places": registry_queries.list_partnerships(session, type="place"),
            "statuses": list(ProgressStatus),
            "chosen": {
                "outcome": outcome,
                "lead": lead,
                "place": place,
                "status": status,
                "due_from": due_from,
                "due_to": due_to,
                "overdue": overdue,
                "on": on,
            },
            "export_query": urlencode(
                {
                    name: value
                    for name, value in {
                        "outcome": outcome,
                        "lead_kind": lead.split(":", 1)[0] if lead_body else None,
                        "lead": lead.split(":", 1)[1] if lead_body else None,
                        "place": place,
                        "status": status if filters.status else None,
                        "due_from": due_from,
                        "due_to": due_to,
                        "overdue": "true" if overdue else None,
                        "on": on,
                    }.items()
                    if value
                }
            ),
        },
    )


def _item_context(session: Session, principal: Principal, item_type: ItemType, key: str, version: str | None) -> dict:
    plan, rows = _rows(session, principal, version, date.today())
    row = next((r for r in rows if r.type is item_type and r.key == key), None)
    if row is None:
        raise HTTPException(status_code=404, detail=f"There is no {item_type.value} '{key}' in plan {plan.version}.")
    may_update = may_update_progress(principal, acts_for(session, principal.user_id), row.lead_bodies)
    return {
        "plan": plan,
        "row": row,
        "history": queries.item_history(session, item_type, key, drafts_visible(principal)),
        "may_update": may_update,
        "may_publish": allows(principal, Permission.PROGRESS_PUBLISH),
        "statuses": list(ProgressStatus),
        "rags": list(Rag),
        "today": date.today(),
        "error": None,
    }


@router.get("/items/{item_type}/{key}")
def item(
    item_type: ItemType,
    key: str,
    request: Request,
    version: str | None = None,
    principal: Principal = reader,
    session: Session = DbSession,
):
    return render(request, "strategy/item.html", _item_context(session, principal, item_type, key, version))


@router.post("/items/{item_type}/{key}/updates", dependencies=[Depends(may_update), Depends(csrf_protect)])
def record(
    item_type: ItemType,
    key: str,
    request: Request,
    status: str = Form(""),
    rag: str = Form(""),
    narrative: str = Form(""),
    evidence: str = Form(""),
    as_of: str = Form(""),
    publish: bool = Form(False),
    principal: Principal = Depends(may_update),
    session: Session = DbSession,
):
    context = _item_context(session, principal, item_type, key, None)
    try:
        if status not in {s.value for s in ProgressStatus}:
            raise ProgressError("Choose a status.")
        if rag and rag not in {r.value for r in Rag}:
            raise ProgressError("Choose red, amber, green or no rating.")
        try:
            day = date.fromisoformat(as_of) if as_of else date.today()
        except ValueError as error:
            raise ProgressError(f"'{as_of}' is not a date in the form YYYY-MM-DD.") from error
        request_ = progress.UpdateRequest(
            item_type,
            key,
            ProgressStatus(status),
            Rag(rag) if rag else None,
            narrative.strip() or None,
            tuple(evidence.replace(";", " ").split()),
            day,
            publish,
        )
        progress.record_update(
            session, principal, acts_for(session, principal.user_id), context["plan"], request_, date.today()
        )
    except ProgressError as error:
        return render(request, "strategy/item.html", {**context, "error": str(error)}, 400)
    return RedirectResponse(f"/strategy/items/{item_type.value}/{key}", status_code=303)


@router.post("/updates/{update_id}/publish", dependencies=[Depends(may_publish), Depends(csrf_protect)])
def publish(
    update_id: int,
    principal: Principal = Depends(may_publish),
    session: Session = DbSession,
):
    try:
        update = progress.publish_update(session, principal, update_id)
    except ProgressError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    return RedirectResponse(f"/strategy/items/{update.item_type}/{update.item_key}", status_code=303)


@router.get("/versions")
def versions(
    request: Request,
    a: str | None = None,
    b: str | None = None,
    principal: Principal = reader,
    session: Session = DbSession,
):
    plans = queries.list_plans(session, drafts_visible(principal))
    comparison = None
    if a and b:
        comparison = compare(
            queries.plan_snapshot(session, plan_for(session, principal, a)),
            queries.plan_snapshot(session, plan_for(session, principal, b)),
        )
    return render(
        request,
        "strategy/versions.html",
        {
            "plans": plans,
            "a": a,
            "b": b,
            "comparison": comparison,
            "may_manage": allows(principal, Permission.PLAN_MANAGE),
        },
    )


@router.post("/versions", dependencies=[Depends(may_manage), Depends(csrf_protect)])
def new_version(
    base: str = Form(...),
    version: str = Form(...),
    principal: Principal = Depends(may_manage),
    session: Session = DbSession,
):
    try:
        service.create_version(session, Actor(principal.username or "", principal.user_id), base, version.strip())
    except PlanError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    return RedirectResponse(f"/strategy/versions?a={base}&b={version.strip()}", status_code=303)


@router.post("/versions/{version}/status", dependencies=[Depends(may_manage), Depends(csrf_protect)])
def version_status(
    version: str,
    status: PlanStatus = Form(...),
    principal: Principal = Depends(may_manage),
    session: Session = DbSession,
):
    try:
        service.set_plan_status(session, Actor(principal.username or "", principal.user_id), version, status)
    except PlanError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    return RedirectResponse("/strategy/versions", status_code=303)


@router.get("/import")
def import_form(request: Request, principal: Principal = Depends(may_update)):
    return render(request, "strategy/import.html", {"problems": None, "recorded": None})


@router.post("/import", dependencies=[Depends(may_update), Depends(csrf_protect)])
async def import_sheet(
    request: Request,
    file: UploadFile,
    publish: bool = Form(False),
    principal: Principal = Depends(may_update),
    session: Session = DbSession,
):
    plan = plan_for(session, principal, None)
    name = file.filename or "upload"
    try:
        updates = sheets.read_updates(name, await file.read(), date.today(), publish)
        recorded = progress.import_updates(
            session, principal, acts_for(session, principal.user_id), plan, name, updates, date.today()
        )
    except ImportRefused as refused:
        return render(request, "strategy/import.html", {"problems": refused.problems, "recorded": None}, 400)
    return render(request, "strategy/import.html", {"problems": None, "recorded": recorded})
