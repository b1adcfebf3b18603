"""REST endpoints of the strategic indicators under /api/v1/indicators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Depends, HTTPException

from icshub.auth.policy import Permission, Principal
from icshub.db import Session
from icshub.indicators import queries
from icshub.indicators.report import IndicatorReport, report_for
from icshub.indicators.schemas import (
    AreaComparisonOut,
    AssessmentOut,
    BenchmarkOut,
    DeprivationGapOut,
    IndicatorOut,
    LogframeOut,
    PlaceGapOut,
    ProgressOut,
    ValueOut,
)
from icshub.web.deps import DbSession, permit
from icshub.web.strategy.api import plan_for

if TYPE_CHECKING:
    from icshub.indicators.models import IndicatorSet
router = APIRouter(prefix="/api/v1/indicators", tags=["indicators"])


def current_set(session: Session, principal: Principal, version: str | None = None) -> IndicatorSet:
    """The indicators of the plan version shown to this principal (the current one by default)."""
    plan = plan_for(session, principal, version)
    found = queries.indicator_set_for(session, plan.version)
    if found is None:
        raise HTTPException(status_code=404, detail=f"Plan {plan.version} has no indicators yet.")
    return found


@router.get("", response_model=LogframeOut, summary="The logframe and its indicators")
def get_logframe(
    outcome: str | None = None,
    version: str | None = None,
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = DbSession,
) -> LogframeOut:
    indicator_set = current_set(session, principal, version)
    return LogframeOut(
        version=indicator_set.version,
        plan_version=indicator_set.plan_version,
        goal=indicator_set.goal,
        assumptions=indicator_set.assumptions,
        risks=indicator_set.risks,
        indicators=[IndicatorOut.model_validate(i) for i in queries.list_indicators(session, indicator_set, outcome)],
    )


@router.get("/{key}/values", response_model=list[ValueOut], summary="An indicator's figures, with where each came from")
def get_values(
    key: str,
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = DbSession,
) -> list[ValueOut]:
    if queries.get_indicator(session, current_set(session, principal), key) is None:
        raise HTTPException(status_code=404, detail=f"There is no indicator '{key}'.")
    values = queries.values_of(session, key)
    imports = queries.imports_for(session, {v.import_id for v in values})
    return [
        ValueOut.model_validate(
            {
                **{name: getattr(v, name) for name in ValueOut.model_fields if hasattr(v, name)},
                "source": imports[v.import_id].source,
                "file_name": imports[v.import_id].file_name,
                "file_sha256": imports[v.import_id].sha256,
                "synthetic": imports[v.import_id].synthetic,
            }
        )
        for v in values
    ]


def assessment_out(report: IndicatorReport) -> AssessmentOut:
    """The report's judgements in the API's terms."""
    verdict, latest, comparison = report.progress, report.latest, report.comparison
    latest_figures = report.headline_series(report.assessed_area) if report.assessed_area else []
    d, p = report.deprivation, report.places
    return AssessmentOut(
        indicator=report.indicator.key,
        synthetic=report.synthetic,
        progress=ProgressOut(
            status=verdict.status,
            reason=verdict.reason,
            expected=verdict.expected,
            projected=verdict.projected,
            area_code=report.assessed_area,
            latest_period=latest_figures[-1].period if latest_figures else None,
            latest_value=latest.value if latest else None,
        ),
        benchmark=BenchmarkOut(
            period=comparison.period,
            benchmark_code=comparison.benchmark.area_code if comparison.benchmark else None,
            benchmark_value=comparison.benchmark.value if comparison.benchmark else None,
            areas=[
                AreaComparisonOut(
                    area_code=b.figure.area_code,
                    area_name=b.figure.area_name,
                    kind=b.kind,
                    value=b.figure.value,
                    lower_95=b.figure.lower_95,
                    upper_95=b.figure.upper_95,
                    compared=b.compared,
                    compared_two_level=b.two_level,
                    recent_trend=report.trends[b.figure.area_code].words
                    if b.figure.area_code in report.trends
                    else None,
                )
                for b in comparison.areas
            ],
        ),
        deprivation=DeprivationGapOut(
            area_code=d.area_code,
            period=d.period,
            category_type=d.category_type,
            most_deprived=d.groups[0].value,
            least_deprived=d.groups[-1].value,
            gap=d.gap,
            sii=d.sii,
            sii_lower_95=d.sii_lower,
            sii_upper_95=d.sii_upper,
            note=d.sii_note,
        )
        if d
        else None,
        places=PlaceGapOut(
            period=p.period,
            lowest=p.lowest.area_code,
            lowest_value=p.lowest.value,
            highest=p.highest.area_code,
            highest_value=p.highest.value,
            gap=p.gap,
        )
        if p
        else None,
    )


@router.get(
    "/{key}/assessment",
    response_model=AssessmentOut,
    summary="An indicator's progress to target, comparison with England, recent trends and inequality",
)
def get_assessment(
    key: str,
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = DbSession,
) -> AssessmentOut:
    indicator = queries.get_indicator(session, current_set(session, principal), key)
    if indicator is None:
        raise HTTPException(status_code=404, detail=f"There is no indicator '{key}'.")
    return assessment_out(report_for(session, indicator))


@router.get("/{key}", response_model=IndicatorOut, summary="One indicator's definition, baseline and target")
def get_indicator(
    key: str,
    version: str | None = None,
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = DbSession,
):
    indicator = queries.get_indicator(session, current_set(session, principal, version), key)
    if indicator is None:
        raise HTTPException(status_code=404, detail=f"There is no indicator '{key}'.")
    return indicator
