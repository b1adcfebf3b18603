"""REST endpoints of the Shared Delivery Plan under /api/v1/strategy. The public sees published plan
versions and published updates; signed-in partners also see drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from fastapi import APIRouter, Depends, HTTPException, Query, UploadFile
from fastapi.responses import Response

from icshub.auth.actor import Actor
from icshub.auth.policy import Permission, Principal, allows
from icshub.auth.service import acts_for
from icshub.db import Session
from icshub.loading.problems import ImportRefused
from icshub.registry import queries as registry_queries
from icshub.strategy import dashboard, queries, sheets
from icshub.strategy.compare import compare
from icshub.strategy.errors import PlanError, ProgressError
from icshub.strategy.schemas import (
    ComparisonOut,
    ItemOut,
    LeadOut,
    OutcomeSummary,
    PlanDetail,
    PlanOut,
    PlanStatusIn,
    UpdateIn,
    UpdateOut,
)
from icshub.strategy.services import plan_versions as service
from icshub.strategy.services import progress_updates as progress
from icshub.strategy.vocabulary import ItemType, ProgressStatus
from icshub.web.deps import DbSession, csrf_protect, permit

if TYPE_CHECKING:
    from icshub.strategy.models import Plan
router = APIRouter(prefix="/api/v1/strategy", tags=["strategy"])
# One callable per permission, so that a route listing it before the CSRF check and taking the principal
# from it evaluates it once: the policy answers first (401 or 403), then the CSRF token is checked.
may_update = permit(Permission.PROGRESS_UPDATE)
may_publish = permit(Permission.PROGRESS_PUBLISH)
may_manage = permit(Permission.PLAN_MANAGE)


def drafts_visible(principal: Principal) -> bool:
    return allows(principal, Permission.STRATEGY_READ_DRAFTS)


def plan_for(session: Session, principal: Principal, version: str | None) -> Plan:
    """The version asked for (the current one by default), if this principal may see it."""
    plan = queries.get_plan(session, version) if version else queries.current_plan(session, drafts_visible(principal))
    if plan is None or (plan.status != "published" and not drafts_visible(principal)):
        raise HTTPException(status_code=404, detail=f"There is no plan version '{version or 'current'}' to show.")
    return plan


@dataclass(frozen=True)
class ItemQuery:
    """Which version, judged on which day, and the dashboard's filters, as a request gives them."""

    version: str | None
    on: date | None
    outcome: str | None
    lead_kind: str | None
    lead: str | None
    place: str | None
    status: ProgressStatus | None
    due_from: date | None
    due_to: date | None
    overdue: bool


def item_query(
    version: str | None = None,
    on: date | None = Query(None, description="The day to judge overdue against (default today)"),
    outcome: str | None = None,
    lead_kind: str | None = Query(None, pattern="^(organisation|partnership|committee)$"),
    lead: str | None = None,
    place: str | None = None,
    status: ProgressStatus | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    overdue: bool = False,
) -> ItemQuery:
    return ItemQuery(version, on, outcome, lead_kind, lead, place, status, due_from, due_to, overdue)


def item_out(row: queries.ItemRow) -> ItemOut:
    return ItemOut(
        type=row.type.value,
        key=row.key,
        outcome=row.outcome_key,
        outcome_title=row.outcome_title,
        parent=row.parent_title,
        text=row.text,
        leads=[LeadOut(kind=lead.kind, key=lead.key, name=lead.name, note=lead.note) for lead in row.leads],
        due=row.due.text if row.due else None,
        due_text=row.due_text,
        due_end=row.due.end if row.due else None,
        status=row.status.value,
        rag=row.rag,
        status_date=row.as_of,
        narrative=row.narrative,
        evidence=row.evidence,
        overdue=row.overdue,
        draft=row.draft,
    )


def lead_body(session: Session, kind: str, key: str) -> tuple[str, int]:
    found = registry_queries.body_id(session, kind, key)
    if found is None:
        raise HTTPException(status_code=404, detail=f"There is no {kind} with the key '{key}'.")
    return found


def filtered_rows(session: Session, principal: Principal, query: ItemQuery) -> list[queries.ItemRow]:
    """The items of the version asked for that pass its filters, needing attention first."""
    version, on, place = query.version, query.on, query.place
    plan = plan_for(session, principal, version)
    rows = queries.plan_items(session, plan, on or date.today(), drafts_visible(principal))
    place_bodies = None
    if place:
        partnership = registry_queries.body(session, "partnership", place)
        if partnership is None or partnership.type != "place":
            raise HTTPException(status_code=404, detail=f"There is no place with the key '{place}'.")
        place_bodies = frozenset(queries.bodies_within(session, partnership))
    filters = dashboard.Filters(
        outcome=query.outcome,
        lead=lead_body(session, query.lead_kind or "organisation", query.lead) if query.lead else None,
        place_bodies=place_bodies,
        place_key=place,
        status=query.status,
        due_from=query.due_from,
        due_to=query.due_to,
        overdue_only=query.overdue,
    )
    return dashboard.concern_first(dashboard.apply(rows, filters))


@router.get("/plans", response_model=list[PlanOut], summary="Versions of the plan")
def get_plans(principal: Principal = Depends(permit(Permission.STRATEGY_READ)), session: Session = DbSession):
    return queries.list_plans(session, drafts_visible(principal))


@router.get("/plans/{version}", response_model=PlanDetail, summary="A version with its outcomes and status counts")
def get_plan(
    version: str,
    on: date | None = None,
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = DbSession,
) -> PlanDetail:
    plan = plan_for(session, principal, version)
    counts = dashboard.status_counts(queries.plan_items(session, plan, on or date.today(), drafts_visible(principal)))
    return PlanDetail(
        version=plan.version,
        title=plan.title,
        status=plan.status,
        vision=plan.vision,
        outcomes=[
            OutcomeSummary(
                key=o.key,
                kind=o.kind,
                number=o.number,
                title=o.title,
                statement=o.statement,
                counts=dict(counts.get(o.key, {})),
            )
            for o in queries.list_outcomes(session, plan)
        ],
    )


@router.post(
    "/plans/{version}/status",
    response_model=PlanOut,
    dependencies=[Depends(may_manage), Depends(csrf_protect)],
    summary="Publish a version, or withdraw it to draft",
)
def post_plan_status(
    version: str,
    body: PlanStatusIn,
    principal: Principal = Depends(may_manage),
    session: Session = DbSession,
):
    try:
        return service.set_plan_status(
            session, Actor(principal.username or "", principal.user_id), version, body.status
        )
    except PlanError as error:
        raise HTTPException(status_code=404, detail=str(error)) from error


@router.get("/plans/{version}/compare/{other}", response_model=ComparisonOut, summary="What changed between versions")
def get_comparison(
    version: str,
    other: str,
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = DbSession,
) -> ComparisonOut:
    before = queries.plan_snapshot(session, plan_for(session, principal, version))
    after = queries.plan_snapshot(session, plan_for(session, principal, other))
    result = compare(before, after)
    return ComparisonOut(
        added=result.added,
        dropped=result.dropped,
        changed=[
            {"kind": c.kind, "key": c.key, "fields": {k: list(v) for k, v in c.fields.items()}} for c in result.changed
        ],
    )


@router.get("/items", response_model=list[ItemOut], summary="Commitments and milestones with status, concern first")
def get_items(
    query: ItemQuery = Depends(item_query),
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = DbSession,
) -> list[ItemOut]:
    rows = filtered_rows(session, principal, query)
    return [item_out(row) for row in rows]


@router.get("/items/{item_type}/{key}/updates", response_model=list[UpdateOut], summary="An item's update history")
def get_updates(
    item_type: ItemType,
    key: str,
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = DbSession,
):
    return queries.item_history(session, item_type, key, drafts_visible(principal))


@router.post(
    "/items/{item_type}/{key}/updates",
    response_model=UpdateOut,
    status_code=201,
    dependencies=[Depends(may_update), Depends(csrf_protect)],
    summary="Record a progress update (leads for what they lead, officers for anything)",
)
def post_update(
    item_type: ItemType,
    key: str,
    body: UpdateIn,
    version: str | None = None,
    principal: Principal = Depends(may_update),
    session: Session = DbSession,
):
    plan = plan_for(session, principal, version)
    request = progress.UpdateRequest(
        item_type,
        key,
        body.status,
        body.rag,
        body.narrative,
        tuple(body.evidence),
        body.as_of or date.today(),
        body.publish,
    )
    try:
        return progress.record_update(
            session, principal, acts_for(session, principal.user_id), plan, request, date.today()
        )
    except ProgressError as error:
        raise HTTPException(status_code=422, detail=str(error)) from error


@router.post(
    "/updates/{update_id}/publish", response_model=UpdateOut, dependencies=[Depends(may_publish), Depends(csrf_protect)]
)
def post_publish(
    update_id: int,
    principal: Principal = Depends(may_publish),
    session: Session = DbSession,
):
    try:
        return progress.publish_update(session, principal, update_id)
    except ProgressError as error:
        raise HTTPException(status_code=422, detail=str(error)) from error


@router.get("/export.{fmt}", summary="The plan and current status as CSV or Excel, with the filters of /items")
def get_export(
    fmt: str,
    query: ItemQuery = Depends(item_query),
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = DbSession,
) -> Response:
    if fmt not in {"csv", "xlsx"}:
        raise HTTPException(status_code=404, detail="Export as .csv or .xlsx.")
    plan = plan_for(session, principal, query.version)
    rows = filtered_rows(session, principal, query)
    name = f"delivery-plan-{plan.version}-{(query.on or date.today()).isoformat()}"
    if fmt == "csv":
        return Response(
            sheets.to_csv(rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    return Response(
        sheets.to_xlsx(rows, f"{plan.title} ({plan.version})"),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
    )


@router.post(
    "/imports",
    response_model=list[UpdateOut],
    status_code=201,
    dependencies=[Depends(may_update), Depends(csrf_protect)],
)
async def post_import(
    file: UploadFile,
    version: str | None = None,
    publish: bool = False,
    principal: Principal = Depends(may_update),
    session: Session = DbSession,
):
    """Bulk updates from the exported sheet (CSV or Excel): every row is checked before anything is written."""
    plan = plan_for(session, principal, version)
    content = await file.read()
    try:
        updates = sheets.read_updates(file.filename or "upload", content, date.today(), publish)
        return progress.import_updates(
            session,
            principal,
            acts_for(session, principal.user_id),
            plan,
            file.filename or "upload",
            updates,
            date.today(),
        )
    except ImportRefused as refused:
        raise HTTPException(status_code=422, detail=[str(p) for p in refused.problems]) from refused
