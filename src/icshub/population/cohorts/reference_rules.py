"""The cohort rules written plainly in pandas: the reference the Ibis engine is tested against, rule for
rule, on the same hand-made populations. Not used to run cohorts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from icshub.population.cohorts.definition import CohortDefinition, Rule
from icshub.population.cohorts.engine import Step, age_months, codes_of, window_start


def _in_window(dates: pd.Series, index: date, days: int | None) -> pd.Series:
    start = window_start(index, days)
    inside = dates <= index
    return inside if start is None else inside & (dates >= start)


def satisfying(
    frames: Mapping[str, pd.DataFrame], rule: Rule, index: date, codelists: Mapping[str, Sequence[str]]
) -> set[str]:
    person, kind = frames["person"], rule.criterion
    if kind == "age":
        ages = (age_months(index) - (person["birth_year"] * 12 + person["birth_month"])) // 12
        keep = pd.Series(True, index=person.index)
        if rule.age.min is not None:
            keep &= ages >= rule.age.min
        if rule.age.max is not None:
            keep &= ages <= rule.age.max
        return set(person.loc[keep, "person_id"])
    if kind in {"sex", "ethnic_category", "imd_decile", "lsoa", "practice"}:
        values = {v.value if hasattr(v, "value") else v for v in getattr(rule, kind)}
        return {p for p, v in zip(person["person_id"], person[kind], strict=True) if v in values}
    if kind == "alive":
        return {
            p
            for p, died in zip(person["person_id"], person["date_of_death"], strict=True)
            if pd.isna(died) or died > index
        }
    if kind == "any_of":
        return set().union(*(satisfying(frames, alternative, index, codelists) for alternative in rule.any_of))
    if kind == "flag":
        flag = frames["flag"]
        return {
            p
            for p, name, since in zip(flag["person_id"], flag["flag"], flag["from_date"], strict=True)
            if name == rule.flag and (pd.isna(since) or since <= index)
        }
    if kind == "events":
        event, spec = frames["event"], rule.events
        chosen = event[(event["type"] == spec.type.value) & _in_window(event["start_date"], index, spec.within_days)]
        counts = chosen.groupby("person_id").size()
        return set(counts[counts >= spec.at_least].index)
    spec = rule.codes if kind == "codes" else rule.observation
    coded = frames["coded"]
    chosen = coded[
        (coded["system"] == spec.system.value)
        & coded["code"].isin(codes_of(spec, codelists))
        & _in_window(coded["date"], index, spec.within_days)
    ]
    if kind == "codes":
        return set(chosen["person_id"])
    found = set()
    for person_id, rows in chosen[chosen["value"].notna()].groupby("person_id"):
        value = rows.loc[rows["date"] == rows["date"].max(), "value"].max()
        if (value >= spec.at_least) if spec.at_least is not None else (value < spec.below):
            found.add(person_id)
    return found


def attrition(
    frames: Mapping[str, pd.DataFrame], definition: CohortDefinition, codelists: Mapping[str, Sequence[str]]
) -> tuple[set[str], list[Step]]:
    """The members and the attrition table, by the plain rules."""
    cohort = set(frames["person"]["person_id"])
    steps = [Step("Everyone in the dataset", "start", len(cohort), 0)]
    rules = [("inclusion", r) for r in definition.inclusion] + [("exclusion", r) for r in definition.exclusion]
    for kind, rule in rules:
        chosen = satisfying(frames, rule, definition.index_date, codelists)
        after = cohort & chosen if kind == "inclusion" else cohort - chosen
        steps.append(Step(rule.name, kind, len(after), len(cohort) - len(after)))
        cohort = after
    return cohort, steps
