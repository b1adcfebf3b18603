"""The cohort definition language (``icshub.cohort/1``, YAML or JSON), in the spirit of OHDSI's cohort
definitions: who is in, as of an index date, by inclusion rules applied in order and exclusion rules after
them, each rule named so that the attrition table can say how many people it removed.

A rule has exactly one criterion:

- ``age: {min: 65, max: 84}`` — age in whole years at the index date (from year and month of birth: the
  day is not held, so a birthday is taken to fall on the first of its month);
- ``sex: [female]``; ``ethnic_category: [H, J, K]``; ``imd_decile: [1, 2]`` (national, 1 most deprived);
- ``lsoa: [E01024019, …]`` or ``practice: [G82001, …]``: where people live or are registered;
- ``flag: learning_disability``: recorded in a group, on or before the index date;
- ``codes: {codelist: hypertension, within_days: 365}`` or ``{codes: ["38341003"], system: snomed}``: a
  diagnosis or observation code on or before the index date (within the window when given);
- ``events: {type: emergency_admission, at_least: 2, within_days: 365}``: that many events starting in
  the window before the index date;
- ``observation: {codes: ["271649006"], at_least: 140, within_days: 365}``: the latest value of those codes
  in the window is at least (or ``below``) a threshold;
- ``alive: true``: not dead on the index date;
- ``any_of: [rule, rule, …]``: meets at least one of the rules given (each with its own name and one
  criterion), for an "or" such as a raised systolic or a raised diastolic reading.

Strict like every icshub definition file: unknown fields, rules with no criterion or two, and bad values
are refused with their line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import read_yaml
from icshub.population.data_model import ETHNIC_CATEGORIES, CodeSystem, EventType, Sex
from icshub.registry.definition import Key

SCHEMA = "icshub.cohort/1"
Days = Annotated[int, Field(ge=1, le=36_500)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class AgeRange(_Strict):
    min: Annotated[int, Field(ge=0, le=130)] | None = None
    max: Annotated[int, Field(ge=0, le=130)] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class Codes(_Strict):
    codelist: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    codes: list[Annotated[str, Field(min_length=1, max_length=18)]] | None = None
    system: CodeSystem = CodeSystem.SNOMED
    within_days: Days | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Codes:
        if (self.codelist is None) == (self.codes is None):
            raise ValueError("give either a codelist or a list of codes")
        return self


class Events(_Strict):
    type: EventType
    at_least: Annotated[int, Field(ge=1)] = 1
    within_days: Days | None = None


class Observation(_Strict):
    codelist: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    codes: list[Annotated[str, Field(min_length=1, max_length=18)]] | None = None
    system: CodeSystem = CodeSystem.SNOMED
    at_least: float | None = None
    below: float | None = None
    within_days: Days | None = None

    @model_validator(mode="after")
    def _complete(self) -> Observation:
        if (self.codelist is None) == (self.codes is None):
            raise ValueError("give either a codelist or a list of codes")
        if (self.at_least is None) == (self.below is None):
            raise ValueError("give either at_least or below")
        return self


CRITERIA = ("age", "sex", "ethnic_category", "imd_decile", "lsoa", "practice", "flag", "codes", "events")
CRITERIA += ("observation", "alive", "any_of")


class Rule(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    age: AgeRange | None = None
    sex: list[Sex] | None = None
    ethnic_category: list[Literal[tuple(ETHNIC_CATEGORIES)]] | None = None  # type: ignore[valid-type]
    imd_decile: list[Annotated[int, Field(ge=1, le=10)]] | None = None
    lsoa: list[Annotated[str, Field(pattern=r"^[EW]01\d{6}$")]] | None = None
    practice: list[Annotated[str, Field(pattern=r"^[A-Z0-9]{3,10}$")]] | None = None
    flag: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")] | None = None
    codes: Codes | None = None
    events: Events | None = None
    observation: Observation | None = None
    alive: Literal[True] | None = None
    any_of: Annotated[list[Rule], Field(min_length=2)] | None = None

    @model_validator(mode="after")
    def _one_criterion(self) -> Rule:
        given = [name for name in CRITERIA if getattr(self, name) is not None]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            raise ValueError(f"a rule has exactly one criterion ({', '.join(CRITERIA)}); this one has {found}")
        return self

    @property
    def criterion(self) -> str:
        return next(name for name in CRITERIA if getattr(self, name) is not None)


class CohortDefinition(_Strict):
    schema_: Literal["icshub.cohort/1"] = Field(alias="schema")
    key: Key
    title: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=2000)] | None = None
    index_date: date
    inclusion: list[Rule] = Field(default_factory=list)
    exclusion: list[Rule] = Field(default_factory=list)


def read_cohort(path: Path) -> tuple[CohortDefinition, Any]:
    """The cohort defined at ``path`` and its raw document (for locating later problems by line)."""
    document = read_yaml(path)
    return validate_document(CohortDefinition, document, path.name), document


def parse_cohort(document: Any, label: str) -> CohortDefinition:
    """A cohort from an already-parsed document (from the API or the cohort builder page)."""
    return validate_document(CohortDefinition, document, label)
