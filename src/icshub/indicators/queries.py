"""Reading indicator definitions: the current set, by outcome, one by key."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.indicators.models import DataImport, Indicator, IndicatorSet, IndicatorValue


def indicator_set_for(session: Session, plan_version: str) -> IndicatorSet | None:
    """The newest indicator set of a plan version."""
    return session.scalar(
        select(IndicatorSet)
        .where(IndicatorSet.plan_version == plan_version)
        .order_by(IndicatorSet.imported_at.desc(), IndicatorSet.id.desc())
    )


def list_indicators(session: Session, indicator_set: IndicatorSet, outcome: str | None = None) -> list[Indicator]:
    query = select(Indicator).where(Indicator.set_id == indicator_set.id).order_by(Indicator.position)
    if outcome:
        query = query.where(Indicator.outcome_key == outcome)
    return list(session.scalars(query))


def get_indicator(session: Session, indicator_set: IndicatorSet, key: str) -> Indicator | None:
    return session.scalar(select(Indicator).where(Indicator.set_id == indicator_set.id, Indicator.key == key))


def values_of(session: Session, key: str) -> list[IndicatorValue]:
    """Every figure of an indicator, by area, breakdown and period."""
    return list(
        session.scalars(
            select(IndicatorValue)
            .where(IndicatorValue.indicator_key == key)
            .order_by(IndicatorValue.area_code, IndicatorValue.sex, IndicatorValue.age, IndicatorValue.period_order)
        )
    )


def imports_for(session: Session, import_ids: set[int]) -> dict[int, DataImport]:
    if not import_ids:
        return {}
    return {i.id: i for i in session.scalars(select(DataImport).where(DataImport.id.in_(import_ids)))}
