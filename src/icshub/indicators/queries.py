"""Reading indicator definitions: the current set, by outcome, one by key."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.indicators.models import DataImport, Indicator, IndicatorSet, IndicatorValue
from icshub.indicators.synthetic import SeriesSpec, spec_for
from icshub.indicators.target_progress import Figure, Verdict, assess, main_series
from icshub.stats.periods import order_or_none


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


def assessment(indicator: Indicator, values: list[IndicatorValue]) -> tuple[Verdict, str | None, Figure | None]:
    """Progress to target of an indicator from its figures: the verdict, the area assessed, the latest figure."""
    rows = [
        (v.area_code, v.period, v.period_order, v.value, v.lower_95, v.upper_95)
        for v in values
        if v.sex == "Persons" and v.age == "All ages" and not v.category_type
    ]
    series, england = main_series(indicator.area_code, rows)
    figures = series.figures if series else []
    latest = figures[-1] if figures else None

    reference = series.by_period.get(indicator.target_reference_period or "") if series else None
    national = None
    if latest is not None:
        latest_period = next(p for p, f in series.by_period.items() if f is latest)
        national = england.get(latest_period)
    verdict = assess(
        indicator.target_kind,
        indicator.target_value,
        order_or_none(indicator.target_period),
        indicator.baseline_value,
        order_or_none(indicator.baseline_period),
        figures,
        reference=reference,
        national=national,
        polarity=indicator.polarity,
    )
    return verdict, series.area_code if series else None, latest


def synthetic_specs(session: Session) -> list[SeriesSpec]:
    """The indicators that get a synthetic demo series (see ``icshub.indicators.synthetic``), once each."""
    specs: dict[str, SeriesSpec] = {}
    for i in session.scalars(select(Indicator).order_by(Indicator.set_id, Indicator.position)):
        spec = spec_for(
            i.key,
            i.status,
            i.measure,
            i.polarity,
            i.baseline_value,
            i.baseline_period,
            i.target_value,
            i.target_period,
        )
        if spec is not None:
            specs[i.key] = spec
    return list(specs.values())
