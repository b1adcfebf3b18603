"""Measures: aggregate figures made from person-level data, for the indicators engine to import.

A measure (``icshub.measure/1``) names a denominator cohort (rules as in ``icshub.cohort/1``, applied on
the last day of each period), a numerator (the people of the denominator who also meet further rules, or
the events of a type they had within the period), the periods, and the groups to break it down by. The
result is the tidy layout of docs/indicator-data.md, with the value and its 95% and 99.8% limits from
``icshub.stats`` (Wilson for people, exact/Byar's Poisson for events), after disclosure control: counts
below 10 withheld with their values, a second cell withheld where one could be worked out from the total,
and counts rounded to 5. Nothing person-level leaves this module.

Groups: ``icb``, ``place``, ``district`` (where people live, from their 2021 LSOA via the registry's
lookup), ``practice``, ``imd_quintile`` (national, from the person's IMD decile), ``ethnic_group`` (the
NHS broad groups), ``sex``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import ibis
import pandas as pd
from ibis.expr.types import Table
from pydantic import BaseModel, ConfigDict, Field, field_validator

from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import read_yaml
from icshub.population.cohorts.definition import CohortDefinition, Rule
from icshub.population.cohorts.engine import members
from icshub.population.data_model import ETHNIC_GROUPS, EventType
from icshub.population.disclosure import Policy, protect_ratio
from icshub.registry.definition import Key
from icshub.stats import proportion, rate
from icshub.stats.deprivation_groups import QUINTILE_WORDS
from icshub.stats.periods import period_bounds

GROUPS = ("icb", "place", "district", "practice", "imd_quintile", "ethnic_group", "sex")
LIMITS = ("value", "lower_95", "upper_95", "lower_99_8", "upper_99_8")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class People(_Strict):
    inclusion: list[Rule] = Field(default_factory=list)
    exclusion: list[Rule] = Field(default_factory=list)


class Events(_Strict):
    type: EventType


class Numerator(_Strict):
    people: People | None = None
    events: Events | None = None


class MeasureDefinition(_Strict):
    schema_: Literal["icshub.measure/1"] = Field(alias="schema")
    key: Key
    title: Annotated[str, Field(min_length=1, max_length=200)]
    indicator: Key
    denominator: People
    numerator: Numerator
    periods: list[Annotated[str, Field(min_length=4, max_length=20)]] = Field(min_length=1)
    group_by: list[Literal[GROUPS]] = Field(default_factory=lambda: ["icb"])  # type: ignore[valid-type]
    multiplier: float = 100.0

    @field_validator("periods")
    @classmethod
    def _periods(cls, periods: list[str]) -> list[str]:
        for period in periods:
            period_bounds(period)
        return periods

    @field_validator("group_by")
    @classmethod
    def _with_the_icb(cls, groups: list[str]) -> list[str]:
        """Breakdowns (deprivation, ethnic group, sex) are of the ICB's figure, so the ICB is always given."""
        return groups if "icb" in groups else ["icb", *groups]

    @field_validator("numerator")
    @classmethod
    def _one_numerator(cls, numerator: Numerator) -> Numerator:
        if (numerator.people is None) == (numerator.events is None):
            raise ValueError("give the numerator as either people or events")
        return numerator


def read_measure(path: Path) -> MeasureDefinition:
    return validate_document(MeasureDefinition, read_yaml(path), path.name)


def _cohort(rules: People, index: Any, key: str) -> CohortDefinition:
    return CohortDefinition.model_validate(
        {
            "schema": "icshub.cohort/1",
            "key": key,
            "title": key,
            "index_date": index,
            "inclusion": rules.inclusion,
            "exclusion": rules.exclusion,
        }
    )


def _areas(areas: pd.DataFrame) -> Table:
    """The LSOA lookup (registry.small_areas) as a table to join on: aggregate geography, not people."""
    columns = ["lsoa", "icb", "icb_name", "place", "place_name", "district", "district_name"]
    return ibis.memtable(areas[columns].astype("string"))


def counts(
    tables: Mapping[str, Table],
    definition: MeasureDefinition,
    areas: pd.DataFrame,
    codelists: Mapping[str, Sequence[str]],
) -> pd.DataFrame:
    """Numerator and denominator per period and group, before disclosure control (never published)."""
    person = tables["person"].left_join(_areas(areas), "lsoa")
    attributes = person.mutate(
        imd_quintile=((person.imd_decile + 1) / 2).floor().cast("int8"),
        ethnic_group=person.ethnic_category.substitute(ETHNIC_GROUPS),
    ).select("person_id", "practice", "sex", "imd_quintile", "ethnic_group", *_area_columns())
    frames = []
    for period in definition.periods:
        start, end = period_bounds(period)
        denominator = members(tables, _cohort(definition.denominator, end, "denominator"), codelists)
        people = attributes.semi_join(denominator, "person_id")
        if definition.numerator.people is not None:
            chosen = members(tables, _cohort(definition.numerator.people, end, "numerator"), codelists)
            people = people.left_join(chosen.mutate(hit=ibis.literal(1)), "person_id").mutate(
                numerator=lambda t: t.hit.fill_null(0)
            )
        else:
            event = tables["event"]
            within = event.filter(
                (event.type == definition.numerator.events.type.value)
                & (event.start_date >= start)
                & (event.start_date <= end)
            )
            per_person = within.group_by("person_id").aggregate(events=within.count())
            people = people.left_join(per_person, "person_id").mutate(numerator=lambda t: t.events.fill_null(0))
        for group in definition.group_by:
            code, name = _group_columns(group)
            placed = people.filter(people[code].notnull())
            rows = (
                placed.group_by([placed[code].cast("string").name("code"), placed[name].cast("string").name("name")])
                .aggregate(numerator=placed.numerator.sum(), denominator=placed.count())
                .to_pandas()
            )
            frames.append(rows.assign(period=period, group=group))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _area_columns() -> list[str]:
    return ["icb", "icb_name", "place", "place_name", "district", "district_name"]


def _group_columns(group: str) -> tuple[str, str]:
    return (group, f"{group}_name") if group in {"icb", "place", "district"} else (group, group)


def figures(
    tables: Mapping[str, Table],
    definition: MeasureDefinition,
    areas: pd.DataFrame,
    codelists: Mapping[str, Sequence[str]],
    policy: Policy = Policy(),
) -> pd.DataFrame:
    """The measure in the indicators' tidy layout, after disclosure control: safe to publish and import."""
    raw = counts(tables, definition, areas, codelists)
    if raw.empty:
        return raw
    keys = ["period", "group", "code"]
    method = proportion if definition.numerator.people is not None else rate

    def limits(published: pd.DataFrame) -> pd.DataFrame:
        computed = method(published, "numerator", "denominator", keys, (0.95, 0.998), definition.multiplier)
        return published[keys].merge(computed[[*keys, *LIMITS]], on=keys, how="left")

    # Cells of one breakdown add up to the ICB's figure for the period, so they protect each other; the
    # figures are worked out from the published counts alone.
    breakdown = [["period", "group"]]
    table = protect_ratio(raw, "numerator", "denominator", LIMITS, limits, breakdown, breakdown, policy)
    return _tidy(table, definition)


def _tidy(table: pd.DataFrame, definition: MeasureDefinition) -> pd.DataFrame:
    geographic = table["group"].isin(["icb", "place", "district", "practice"])
    icb = table.loc[table["group"] == "icb", ["period", "code", "name"]].drop_duplicates("period")
    parent = table[["period"]].merge(icb, on="period", how="left")
    breakdown = ~geographic
    return pd.DataFrame(
        {
            "indicator": definition.indicator,
            "area_code": table["code"].where(geographic, parent["code"]),
            "area_name": table["name"].where(geographic, parent["name"]),
            "period": table["period"],
            "sex": table["code"]
            .where(table["group"] == "sex", "Persons")
            .replace({"female": "Female", "male": "Male", "other": "Other", "unknown": "Unknown"}),
            "age": "All ages",
            "category_type": table["group"]
            .map({"imd_quintile": "Deprivation quintile (IMD, national)", "ethnic_group": "Ethnic group"})
            .fillna(""),
            "category": table["code"]
            .where(breakdown & (table["group"] != "sex"), "")
            .replace({str(rank): words for rank, words in enumerate(QUINTILE_WORDS, start=1)}),
            "numerator": table["numerator"],
            "denominator": table["denominator"],
            **{column: table[column] for column in LIMITS},
            "value_note": table["suppression"].fillna(""),
        }
    )
