"""Importing the indicators of a plan version: checked against the plan's outcomes and the registry's areas,
written in one transaction, every added, dropped or changed definition audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.audit import Actor, record_event
from icshub.indicators.definition import IndicatorsDefinition
from icshub.indicators.models import Indicator, IndicatorSet
from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.yaml_lines import line_of
from icshub.registry.models import Area
from icshub.strategy.compare import Comparison, compare
from icshub.strategy.models import Outcome, Plan

FIELDS = (
    "title",
    "outcome_key",
    "statement",
    "measure",
    "unit",
    "multiplier",
    "polarity",
    "area_code",
    "baseline_value",
    "baseline_period",
    "baseline_text",
    "target_kind",
    "target_value",
    "target_period",
    "target_reference_period",
    "target_text",
    "status",
    "source",
)


@dataclass(frozen=True)
class IndicatorImportSummary:
    version: str
    comparison: Comparison


def _check(session: Session, definition: IndicatorsDefinition, document: Any, file_name: str) -> list[Problem]:
    problems: list[Problem] = []
    plan = session.scalar(select(Plan).where(Plan.version == definition.plan))
    if plan is None:
        return [
            Problem(file_name, line_of(document, ["plan"]), "plan", f"there is no plan version '{definition.plan}'")
        ]
    outcomes = set(session.scalars(select(Outcome.key).where(Outcome.plan_id == plan.id)))
    areas = set(session.scalars(select(Area.code)))
    seen: dict[str, int] = {}
    for i, indicator in enumerate(definition.indicators):
        if indicator.key in seen:
            problems.append(
                Problem(
                    file_name,
                    line_of(document, ["indicators", i, "key"]),
                    "key",
                    f"'{indicator.key}' is used more than once",
                )
            )
        seen[indicator.key] = i
        if indicator.outcome not in outcomes:
            problems.append(
                Problem(
                    file_name,
                    line_of(document, ["indicators", i, "outcome"]),
                    "outcome",
                    f"plan {definition.plan} has no outcome '{indicator.outcome}'",
                )
            )
        if indicator.area and indicator.area not in areas:
            problems.append(
                Problem(
                    file_name,
                    line_of(document, ["indicators", i, "area"]),
                    "area",
                    f"{indicator.area} is not an area of the registry",
                )
            )
    return problems


def _values(definition: IndicatorsDefinition) -> dict[str, dict[str, Any]]:
    rows = {}
    for position, d in enumerate(definition.indicators):
        rows[d.key] = {
            "position": position,
            "title": d.title,
            "outcome_key": d.outcome,
            "statement": d.statement,
            "measure": d.measure.value if d.measure else None,
            "unit": d.unit,
            "multiplier": d.multiplier,
            "polarity": d.polarity.value if d.polarity else None,
            "area_code": d.area,
            "baseline_value": d.baseline.value if d.baseline else None,
            "baseline_period": d.baseline.period if d.baseline else None,
            "baseline_text": d.baseline.text if d.baseline else None,
            "target_kind": d.target.kind.value if d.target else None,
            "target_value": d.target.value if d.target else None,
            "target_period": d.target.period if d.target else None,
            "target_reference_period": d.target.reference_period if d.target else None,
            "target_text": d.target.text if d.target else None,
            "status": d.status.value,
            "source": d.source,
        }
    return rows


def import_indicators(
    session: Session,
    definition: IndicatorsDefinition,
    document: Any,
    file_name: str,
    actor: Actor,
    sha256: str | None = None,
) -> IndicatorImportSummary:
    """Write the indicator set ``definition.version``, matching definitions by key; refuse bad references."""
    problems = _check(session, definition, document, file_name)
    if problems:
        raise ImportRefused(problems)
    indicator_set = session.scalar(select(IndicatorSet).where(IndicatorSet.version == definition.version))
    if indicator_set is None:
        indicator_set = IndicatorSet(version=definition.version, imported_at=datetime.now(UTC))
        session.add(indicator_set)
    indicator_set.plan_version = definition.plan
    indicator_set.goal = definition.logframe.goal
    indicator_set.assumptions = list(definition.logframe.assumptions)
    indicator_set.risks = list(definition.logframe.risks)
    indicator_set.source = definition.source
    indicator_set.definition_sha256 = sha256
    indicator_set.imported_at = datetime.now(UTC)
    session.flush()
    existing = {i.key: i for i in session.scalars(select(Indicator).where(Indicator.set_id == indicator_set.id))}
    before = {"indicator": {k: {f: getattr(i, f) for f in FIELDS} for k, i in existing.items()}}
    new = _values(definition)
    after = {"indicator": {k: {f: v[f] for f in FIELDS} for k, v in new.items()}}
    comparison = compare(before, after)
    for key, values in new.items():
        record = existing.get(key) or Indicator(set_id=indicator_set.id, key=key)
        for name, value in values.items():
            setattr(record, name, value)
        session.add(record)
    for key in set(existing) - set(new):
        session.delete(existing[key])
    label = definition.version
    for _, key in comparison.added:
        record_event(
            session, actor, "indicators.indicator.create", "indicator", f"{label}/{key}", None, after["indicator"][key]
        )
    for _, key in comparison.dropped:
        record_event(
            session, actor, "indicators.indicator.delete", "indicator", f"{label}/{key}", before["indicator"][key], None
        )
    for change in comparison.changed:
        record_event(
            session,
            actor,
            "indicators.indicator.update",
            "indicator",
            f"{label}/{change.key}",
            {k: old for k, (old, _) in change.fields.items()},
            {k: new_ for k, (_, new_) in change.fields.items()},
        )
    record_event(
        session,
        actor,
        "indicators.import",
        "indicator_set",
        label,
        None,
        {"version": label, "plan": definition.plan, "sha256": sha256, "indicators": len(new)},
    )
    session.flush()
    return IndicatorImportSummary(label, comparison)
