"""Reading indicator definitions: the current set, by outcome, one by key."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.indicators.models import Indicator, IndicatorSet


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
