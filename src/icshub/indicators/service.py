"""Writing indicators: the definitions of a plan version (checked against the plan's outcomes and the
registry's areas, every added, dropped or changed definition audited) and imported values with their
provenance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from icshub.auth.actor import Actor
from icshub.auth.audit import record_event
from icshub.indicators.definition import IndicatorsDefinition
from icshub.indicators.load import IndicatorInfo, ValueRecord
from icshub.indicators.models import DataImport, Indicator, IndicatorSet, IndicatorValue
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
    "baseline_period_assumed",
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
            "baseline_period_assumed": d.baseline.period_assumed if d.baseline else False,
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


def indicator_infos(session: Session) -> dict[str, IndicatorInfo]:
    """The measure and multiplier of every indicator key, for reading value files."""
    return {
        key: IndicatorInfo(measure, multiplier)
        for key, measure, multiplier in session.execute(select(Indicator.key, Indicator.measure, Indicator.multiplier))
    }


def import_values(
    session: Session,
    records: list[ValueRecord],
    layout: str,
    source: str,
    file_name: str,
    sha256: str,
    actor: Actor,
    synthetic: bool = False,
) -> DataImport:
    """Write checked values with the import they came from; a figure given again replaces the earlier one.
    ``synthetic`` marks figures that are not real data (the demo's series), so that pages can say so."""
    data_import = DataImport(
        layout=layout,
        synthetic=synthetic,
        source=source,
        file_name=file_name,
        sha256=sha256,
        rows=len(records),
        imported_by=actor.name,
        imported_at=datetime.now(UTC),
    )
    session.add(data_import)
    session.flush()
    keys = {r.indicator_key for r in records}
    existing = {
        (v.indicator_key, v.area_code, v.period, v.sex, v.age, v.category_type, v.category): v
        for v in session.scalars(select(IndicatorValue).where(IndicatorValue.indicator_key.in_(keys)))
    }
    # Each figure replaced, as it was and as it now is, with the import each came from.
    replaced_before: list[dict] = []
    replaced_after: list[dict] = []
    for record in records:
        values = {name: getattr(record, name) for name in VALUE_FIELDS} | {"import_id": data_import.id}
        found = existing.get(record.identity)
        if found is None:
            session.add(IndicatorValue(**values))
        else:
            replaced_before.append({name: getattr(found, name) for name in values})
            replaced_after.append(values)
            for name, value in values.items():
                setattr(found, name, value)
    replaced = len(replaced_after)
    record_event(
        session,
        actor,
        "indicators.values.import",
        "data_import",
        str(data_import.id),
        {"replaced_figures": replaced_before} if replaced else None,
        {
            "replaced_figures": replaced_after,
            "layout": layout,
            "synthetic": synthetic,
            "source": source,
            "file": file_name,
            "sha256": sha256,
            "rows": len(records),
            "replaced": replaced,
            "indicators": sorted(keys),
        },
    )
    session.flush()
    return data_import


VALUE_FIELDS = (
    "indicator_key",
    "area_code",
    "area_name",
    "period",
    "period_order",
    "sex",
    "age",
    "category_type",
    "category",
    "numerator",
    "denominator",
    "value",
    "lower_95",
    "upper_95",
    "lower_99_8",
    "upper_99_8",
    "value_note",
)
