"""Cohorts on the analytics store: each rule of a definition as an Ibis expression (so it runs on DuckDB
here and unchanged on Spark or another Ibis backend), the members, and the attrition table.

Codelists are passed in by name (``{"hypertension": ["38341003", …]}``) so that the engine does not care
where they are kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import ibis
from ibis.expr.types import Table

from icshub.population.cohorts.definition import CohortDefinition, Rule
from icshub.population.errors import PopulationError


@dataclass(frozen=True)
class Step:
    """One line of the attrition table: after this rule, how many people remain and how many it removed."""

    rule: str
    kind: str  # "start", "inclusion" or "exclusion"
    remaining: int
    removed: int


class UnknownCodelist(PopulationError):
    pass


def codes_of(rule_codes: object, codelists: Mapping[str, Sequence[str]]) -> list[str]:
    """The codes a ``codes`` or ``observation`` criterion names, inline or by codelist."""
    name = getattr(rule_codes, "codelist", None)
    if name is None:
        return list(rule_codes.codes)
    if name not in codelists:
        raise UnknownCodelist(f"there is no codelist '{name}' (known: {', '.join(sorted(codelists)) or 'none'})")
    return list(codelists[name])


def window_start(index: date, days: int | None) -> date | None:
    """The first day of a window of ``days`` ending on the index date, or None for no limit."""
    return None if days is None else index - timedelta(days=days - 1)


def age_months(index: date) -> int:
    return index.year * 12 + index.month


def satisfying(tables: Mapping[str, Table], rule: Rule, index: date, codelists: Mapping[str, Sequence[str]]) -> Table:
    """The person ids that meet ``rule`` on the index date."""
    person, kind = tables["person"], rule.criterion
    if kind == "age":
        age = ((age_months(index) - (person.birth_year.cast("int64") * 12 + person.birth_month)) / 12).floor()
        condition = ibis.literal(True)
        if rule.age.min is not None:
            condition &= age >= rule.age.min
        if rule.age.max is not None:
            condition &= age <= rule.age.max
        return person.filter(condition).select("person_id")
    if kind in {"sex", "ethnic_category", "imd_decile", "lsoa", "practice"}:
        values = [v.value if hasattr(v, "value") else v for v in getattr(rule, kind)]
        return person.filter(person[kind].isin(values)).select("person_id")
    if kind == "alive":
        return person.filter(person.date_of_death.isnull() | (person.date_of_death > index)).select("person_id")
    if kind == "any_of":
        # Tables differ in whether person_id may be null (a required column or a group key): make them agree.
        first, *rest = (
            satisfying(tables, alternative, index, codelists).select(person_id=ibis._.person_id.cast("string"))
            for alternative in rule.any_of
        )
        return first.union(*rest, distinct=True)
    if kind == "flag":
        flag = tables["flag"]
        known = flag.filter((flag.flag == rule.flag) & (flag.from_date.isnull() | (flag.from_date <= index)))
        return known.select("person_id").distinct()
    if kind == "events":
        event, spec = tables["event"], rule.events
        start = window_start(index, spec.within_days)
        chosen = event.filter((event.type == spec.type.value) & (event.start_date <= index))
        if start is not None:
            chosen = chosen.filter(chosen.start_date >= start)
        counted = chosen.group_by("person_id").aggregate(n=chosen.count())
        return counted.filter(counted.n >= spec.at_least).select("person_id")
    spec = rule.codes if kind == "codes" else rule.observation
    coded = tables["coded"]
    start = window_start(index, spec.within_days)
    chosen = coded.filter(
        (coded.system == spec.system.value) & coded.code.isin(codes_of(spec, codelists)) & (coded.date <= index)
    )
    if start is not None:
        chosen = chosen.filter(chosen.date >= start)
    if kind == "codes":
        return chosen.select("person_id").distinct()
    measured = chosen.filter(chosen.value.notnull())
    latest = measured.group_by("person_id").aggregate(last=measured.date.max())
    on_latest = measured.join(latest, "person_id").filter(lambda t: t.date == t["last"])
    value = on_latest.group_by("person_id").aggregate(value=on_latest.value.max())
    test = value.value >= spec.at_least if spec.at_least is not None else value.value < spec.below
    return value.filter(test).select("person_id")


def _steps(definition: CohortDefinition) -> list[tuple[str, Rule]]:
    return [("inclusion", r) for r in definition.inclusion] + [("exclusion", r) for r in definition.exclusion]


def members(tables: Mapping[str, Table], definition: CohortDefinition, codelists: Mapping[str, Sequence[str]]) -> Table:
    """The person ids in the cohort."""
    cohort = tables["person"].select("person_id")
    for kind, rule in _steps(definition):
        chosen = satisfying(tables, rule, definition.index_date, codelists)
        cohort = cohort.semi_join(chosen, "person_id") if kind == "inclusion" else cohort.anti_join(chosen, "person_id")
    return cohort


def attrition(
    tables: Mapping[str, Table], definition: CohortDefinition, codelists: Mapping[str, Sequence[str]]
) -> list[Step]:
    """How many people each rule leaves, in order: the cohort's attrition table."""
    cohort = tables["person"].select("person_id")
    remaining = int(cohort.count().execute())
    steps = [Step("Everyone in the dataset", "start", remaining, 0)]
    for kind, rule in _steps(definition):
        chosen = satisfying(tables, rule, definition.index_date, codelists)
        cohort = cohort.semi_join(chosen, "person_id") if kind == "inclusion" else cohort.anti_join(chosen, "person_id")
        now = int(cohort.count().execute())
        steps.append(Step(rule.name, kind, now, remaining - now))
        remaining = now
    return steps
