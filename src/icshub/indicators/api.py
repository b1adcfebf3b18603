"""REST endpoints of the strategic indicators under /api/v1/indicators."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from icshub.auth.policy import Permission, Principal
from icshub.indicators import queries
from icshub.indicators.models import IndicatorSet
from icshub.indicators.schemas import IndicatorOut, LogframeOut, ValueOut
from icshub.strategy.api import plan_for
from icshub.web.deps import db_session, permit

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
    session: Session = Depends(db_session),
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
    session: Session = Depends(db_session),
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
            }
        )
        for v in values
    ]


@router.get("/{key}", response_model=IndicatorOut, summary="One indicator's definition, baseline and target")
def get_indicator(
    key: str,
    version: str | None = None,
    principal: Principal = Depends(permit(Permission.STRATEGY_READ)),
    session: Session = Depends(db_session),
):
    indicator = queries.get_indicator(session, current_set(session, principal, version), key)
    if indicator is None:
        raise HTTPException(status_code=404, detail=f"There is no indicator '{key}'.")
    return indicator
