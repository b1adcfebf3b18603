"""HTML pages of the strategic indicators: the logframe by outcome, each indicator, and the section the
strategy's outcome pages show."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.indicators import queries
from icshub.indicators.charts import deprivation_chart, district_map, trend_chart
from icshub.indicators.export import values_csv
from icshub.indicators.report import report_for, scorecard_row
from icshub.indicators.vocabulary import TargetKind
from icshub.strategy import queries as strategy_queries
from icshub.web.deps import DbSession, permit
from icshub.web.indicators.api import current_set
from icshub.web.strategy.api import plan_for
from icshub.web.templating import render

router = APIRouter(prefix="/indicators", include_in_schema=False)
reader = Depends(permit(Permission.STRATEGY_READ))


@router.get("")
def logframe(request: Request, principal: Principal = reader, session: Session = DbSession):
    indicator_set = current_set(session, principal)
    plan = plan_for(session, principal, indicator_set.plan_version)
    outcomes = strategy_queries.list_outcomes(session, plan)
    indicators = queries.list_indicators(session, indicator_set)
    by_outcome = {o.key: [i for i in indicators if i.outcome_key == o.key] for o in outcomes}
    scores = {i.key: scorecard_row(session, i) for i in indicators}
    return render(
        request,
        "indicators/logframe.html",
        {
            "indicator_set": indicator_set,
            "outcomes": outcomes,
            "by_outcome": by_outcome,
            "kinds": TargetKind,
            "scores": scores,
        },
    )


@router.get("/outcomes/{key}/section")
def outcome_section(key: str, request: Request, principal: Principal = reader, session: Session = DbSession):
    indicators = queries.list_indicators(session, current_set(session, principal), key)
    return render(
        request,
        "indicators/_outcome_section.html",
        {
            "indicators": indicators,
            "kinds": TargetKind,
            "scores": {i.key: scorecard_row(session, i) for i in indicators},
        },
    )


def _found(session: Session, principal: Principal, key: str):
    indicator_set = current_set(session, principal)
    found = queries.get_indicator(session, indicator_set, key)
    if found is None:
        raise HTTPException(status_code=404, detail=f"There is no indicator '{key}'.")
    return indicator_set, found


@router.get("/{key}/data.csv")
def indicator_data(key: str, principal: Principal = reader, session: Session = DbSession) -> Response:
    """Every figure of the indicator as CSV in the tidy layout, with where each came from."""
    _found(session, principal, key)  # 404 for an unknown indicator
    values = queries.values_of(session, key)
    return Response(
        values_csv(values, queries.imports_for(session, {v.import_id for v in values})),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{key}.csv"'},
    )


@router.get("/{key}")
def indicator(key: str, request: Request, principal: Principal = reader, session: Session = DbSession):
    indicator_set, found = _found(session, principal, key)
    plan = plan_for(session, principal, indicator_set.plan_version)
    outcome = next((o for o in strategy_queries.list_outcomes(session, plan) if o.key == found.outcome_key), None)
    report = report_for(session, found)
    charts = {}
    if report.values:
        charts["trend"] = trend_chart(found, report.chart_series(), report.trajectory_marks())
        if any(b.kind == "district" for b in report.comparison.areas):
            charts["map"] = district_map(
                found,
                report.comparison.areas,
                "/api/v1/boundaries/districts.geojson",
                f"Districts, {report.comparison.period}",
            )
        if report.deprivation:
            charts["deprivation"] = deprivation_chart(
                found, report.deprivation.groups, f"By deprivation, {report.deprivation.period}"
            )
    return render(
        request,
        "indicators/indicator.html",
        {
            "indicator": found,
            "outcome": outcome,
            "indicator_set": indicator_set,
            "kinds": TargetKind,
            "report": report,
            "charts": charts,
        },
    )
