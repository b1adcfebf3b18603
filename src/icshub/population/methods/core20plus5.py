"""Core20PLUS5 (NHS England's approach to reducing healthcare inequalities), as Ibis expressions.

- Core20: people living in the most deprived 20% of England's LSOAs, national IMD quintile 1 (deciles 1
  and 2) of a named edition of the English Indices of Deprivation; the edition travels with the result.
- PLUS groups: chosen by each system (``defaults/population/core20plus5.yaml``): by NHS ethnic category or
  by a flag of the person's flag table.
- The five clinical areas: so far hypertension case-finding, people whose latest blood pressure on or
  before the date is at or above 140 systolic or 90 diastolic (each its own latest reading; the highest
  where several share that date) and who have no hypertension diagnosis.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import ibis
import ibis.expr.types as ir
import pandas as pd
from pydantic import Field, model_validator

from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import read_yaml
from icshub.population.data_model import ETHNIC_CATEGORIES, CodeSystem
from icshub.population.methods.codelists import POPULATION, Concept, Key, Strict
from icshub.population.methods.conditions import conditions_held, flags_held


class PlusGroup(Strict):
    name: Key
    label: str
    ethnic_categories: list[str] = Field(default_factory=list)
    flag: Key | None = None

    @model_validator(mode="after")
    def _one_way(self) -> PlusGroup:
        if bool(self.ethnic_categories) == bool(self.flag):
            raise ValueError("a PLUS group is given by ethnic_categories or by a flag, not both or neither")
        unknown = sorted(set(self.ethnic_categories) - set(ETHNIC_CATEGORIES))
        if unknown:
            raise ValueError(f"{', '.join(unknown)}: not NHS ethnic categories")
        return self


class HypertensionCaseFinding(Strict):
    systolic_codes: list[Annotated[str, Field(pattern=r"^\d{6,18}$")]]
    diastolic_codes: list[Annotated[str, Field(pattern=r"^\d{6,18}$")]]
    systolic_at_least: float
    diastolic_at_least: float
    condition: Key


class Core20Plus5(Strict):
    schema_: str = Field(alias="schema", pattern=r"^icshub\.core20plus5/1$")
    imd_edition: str
    plus_groups: list[PlusGroup]
    hypertension_case_finding: HypertensionCaseFinding


def read_core20plus5(path: Path = POPULATION / "core20plus5.yaml") -> Core20Plus5:
    return validate_document(Core20Plus5, read_yaml(path), path.name)


def read_imd_deciles(path: Path) -> pd.DataFrame:
    """(lsoa, imd_decile) from an IoD2025 LSOA 2021 file (columns ``lsoa21_code`` and ``IMD_decile``, the
    national decile, 1 most deprived)."""
    frame = pd.read_csv(path, usecols=["lsoa21_code", "IMD_decile"])
    return pd.DataFrame(
        {"lsoa": frame["lsoa21_code"].astype("string"), "imd_decile": frame["IMD_decile"].astype("int64")}
    )


def core20(person: ir.Table, imd: ir.Table, edition: str) -> ir.Table:
    """(person_id, imd_edition, imd_quintile, core20): quintile and Core20 are missing for people whose
    LSOA is unknown or not in ``imd`` (columns lsoa, imd_decile)."""
    lookup = imd.select(imd_lsoa=imd.lsoa, lookup_decile=imd.imd_decile)
    joined = person.left_join(lookup, person.lsoa == lookup.imd_lsoa)
    quintile = ((joined.lookup_decile + 1) // 2).cast("int64")
    return joined.select(
        person_id=joined.person_id,
        imd_edition=ibis.literal(edition),
        imd_quintile=quintile,
        core20=quintile == 1,
    )


def plus_lookup(groups: list[PlusGroup]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ethnic_category, plus_group) and (flag, plus_group): the two ways into a PLUS group."""
    by_ethnicity = [(c, g.name) for g in groups for c in g.ethnic_categories]
    by_flag = [(g.flag, g.name) for g in groups if g.flag]
    return (
        pd.DataFrame(by_ethnicity, columns=["ethnic_category", "plus_group"]).astype("string"),
        pd.DataFrame(by_flag, columns=["flag", "plus_group"]).astype("string"),
    )


def plus_groups(person: ir.Table, flag: ir.Table, groups: list[PlusGroup], index_date: date) -> ir.Table:
    """(person_id, plus_group), one row for each PLUS group a person is in on ``index_date``."""
    by_ethnicity, by_flag = (ibis.memtable(frame) for frame in plus_lookup(groups))
    ethnic = person.join(by_ethnicity, "ethnic_category").select("person_id", "plus_group")
    flagged = flags_held(flag, index_date).join(by_flag, "flag").select("person_id", "plus_group")
    return ethnic.union(flagged, distinct=True)


def _latest(coded: ir.Table, codes: list[str], day: ir.DateValue, name: str) -> ir.Table:
    readings = coded.filter(
        coded.system == CodeSystem.SNOMED.value, coded.code.isin(codes), coded.date <= day, coded.value.notnull()
    )
    last = readings.group_by("person_id").aggregate(last=readings.date.max())
    on_last = readings.join(last, [readings.person_id == last.person_id, readings.date == last["last"]])
    return on_last.group_by(readings.person_id).aggregate(**{name: on_last.value.max()})


def hypertension_case_finding(
    person: ir.Table, coded: ir.Table, hypertension: Concept, rule: HypertensionCaseFinding, index_date: date
) -> ir.Table:
    """(person_id, systolic, diastolic, hypertension, case_finding) for every person: their latest
    readings, whether they have a hypertension diagnosis, and whether they meet the case-finding rule."""
    day = ibis.literal(index_date, type="date")
    systolic = _latest(coded, rule.systolic_codes, day, "systolic")
    diastolic = _latest(coded, rule.diastolic_codes, day, "diastolic")
    diagnosed = conditions_held(coded, [hypertension], index_date).select("person_id", diagnosed=ibis.literal(True))
    people = person.select("person_id")
    joined = (
        people.left_join(systolic, people.person_id == systolic.person_id)
        .left_join(diastolic, people.person_id == diastolic.person_id)
        .left_join(diagnosed, people.person_id == diagnosed.person_id)
    )
    raised = (joined.systolic >= rule.systolic_at_least).fill_null(False) | (
        joined.diastolic >= rule.diastolic_at_least
    ).fill_null(False)
    has_hypertension = joined.diagnosed.fill_null(False)
    return joined.select(
        person_id=people.person_id,
        systolic=joined.systolic,
        diastolic=joined.diastolic,
        hypertension=has_hypertension,
        case_finding=raised & ~has_hypertension,
    )
