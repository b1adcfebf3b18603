"""HTML pages of the strategic indicators: the logframe by outcome, each indicator, and the section the
strategy's outcome pages show."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.orm import Session

from icshub.auth.policy import Permission, Principal
from icshub.indicators import queries
from icshub.indicators.api import current_set
from icshub.indicators.charts import trend_chart
from icshub.indicators.kinds import TargetKind
from icshub.indicators.trends import recent_trend
from icshub.strategy import queries as strategy_queries
from icshub.strategy.api import plan_for
from icshub.web.deps import db_session, permit
from icshub.web.templating import render

router = APIRouter(prefix="/indicators", include_in_schema=False)
reader = Depends(permit(Permission.STRATEGY_READ))


@router.get("")
def logframe(request: Request, principal: Principal = reader, session: Session = Depends(db_session)):
    indicator_set = current_set(session, principal)
    plan = plan_for(session, principal, indicator_set.plan_version)
    outcomes = strategy_queries.list_outcomes(session, plan)
    indicators = queries.list_indicators(session, indicator_set)
    by_outcome = {o.key: [i for i in indicators if i.outcome_key == o.key] for o in outcomes}
    assessments = {i.key: queries.assessment(i, queries.values_of(session, i.key)) for i in indicators}
    return render(
        request,
        "indicators/logframe.html",
        {
            "indicator_set": indicator_set,
            "outcomes": outcomes,
            "by_outcome": by_outcome,
            "kinds": TargetKind,
            "assessments": assessments,
        },
    )


@router.get("/outcomes/{key}/section")
def outcome_section(key: str, request: Request, principal: Principal = reader, session: Session = Depends(db_session)):
    indicator_set = current_set(session, principal)
    return render(
        request,
        "indicators/_outcome_section.html",
        {"indicators": queries.list_indicators(session, indicator_set, key), "kinds": TargetKind},
    )


@router.get("/{key}")
def indicator(key: str, request: Request, principal: Principal = reader, session: Session = Depends(db_session)):
    indicator_set = current_set(session, principal)
    found = queries.get_indicator(session, indicator_set, key)
    if found is None:
        raise HTTPException(status_code=404, detail=f"There is no indicator '{key}'.")
    plan = plan_for(session, principal, indicator_set.plan_version)
    outcome = next((o for o in strategy_queries.list_outcomes(session, plan) if o.key == found.outcome_key), None)
    values = queries.values_of(session, key)
    series: dict[str, list] = {}
    for v in values:
        if v.sex == "Persons" and not v.category_type:
            series.setdefault(v.area_name or v.area_code, []).append(v)
    trends = {
        area: recent_trend([v.numerator for v in points], [v.denominator for v in points], found.polarity)
        for area, points in series.items()
        if all(v.numerator is not None and v.denominator for v in points)
    }
    return render(
        request,
        "indicators/indicator.html",
        {
            "indicator": found,
            "outcome": outcome,
            "indicator_set": indicator_set,
            "kinds": TargetKind,
            "values": values,
            "imports": queries.imports_for(session, {v.import_id for v in values}),
            "chart": trend_chart(found, values) if values else None,
            "trends": trends,
            "assessment": queries.assessment(found, values),
        },
    )
