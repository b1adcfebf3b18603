"""Codelists and the concepts they define: what a method looks for in the ``coded`` table.

A codelist is a CSV in the OpenCodelists form (a ``code`` column, usually with ``term``), one file per
list under ``defaults/codelists/`` or a system's own folder. The index ``conditions.yaml`` says, for each
long-term condition, its codelist, code system, the codelist of codes that mark it resolved (asthma
resolved, hypertension resolved) and the Cambridge Multimorbidity Score condition it counts towards.

A ``Concept`` is what the engine and the reference implementation both consume: a name, its diagnosis
codes, its resolution codes and an optional look-back. Bad files are refused with file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.tables import read_rows
from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import line_of, read_yaml
from icshub.population.data_model import CodeSystem, code_problem

DEFAULTS = Path(__file__).resolve().parents[2] / "defaults"
CODELISTS = DEFAULTS / "codelists"
POPULATION = DEFAULTS / "population"

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")]
Code = tuple[str, str]  # (system, code)


class Strict(BaseModel):
    """A definition file's section: unknown fields are refused so that a misspelling is reported."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


@dataclass(frozen=True)
class Concept:
    """Something a person has on a date if their latest code of it is later than any resolution code."""

    name: str
    codes: frozenset[Code]
    resolved_by: frozenset[Code] = frozenset()
    within_years: int | None = None


class ConditionEntry(Strict):
    key: Key
    label: str
    codelist: Key
    system: CodeSystem
    resolved_by: Key | None = None
    cms: Key | None = None
    within_years: Annotated[int, Field(ge=1, le=100)] | None = None


class ConditionIndex(Strict):
    schema_: str = Field(alias="schema", pattern=r"^icshub\.conditions/1$")
    conditions: list[ConditionEntry]


@dataclass(frozen=True)
class Condition:
    """A long-term condition: its concept, its label and its CMS condition (or None)."""

    concept: Concept
    label: str
    cms: str | None


def read_codelist(path: Path, system: CodeSystem) -> frozenset[Code]:
    """The codes of the OpenCodelists CSV at ``path``; refused if a code is not one of ``system``."""
    rows = read_rows(path, ("code",))
    problems = [row.problem("code", why) for row in rows if (why := code_problem(system, row["code"]))]
    if problems:
        raise ImportRefused(problems)
    return frozenset((system.value, row["code"]) for row in rows if row["code"])


def read_conditions(index: Path = POPULATION / "conditions.yaml", folder: Path = CODELISTS) -> list[Condition]:
    """The conditions of ``index`` with the codes of their codelists in ``folder``; every problem (a bad
    entry, a codelist that is missing or unreadable) is refused with its file, line and field."""
    document = read_yaml(index)
    parsed = validate_document(ConditionIndex, document, index.name)
    problems: list[Problem] = []
    seen: set[str] = set()
    conditions = []
    for position, entry in enumerate(parsed.conditions):
        line = line_of(document, ("conditions", position))
        if entry.key in seen:
            problems.append(Problem(index.name, line, "conditions.key", f"'{entry.key}' is given twice"))
        seen.add(entry.key)
        lists: dict[str, frozenset[Code]] = {}
        for field, name in (("codelist", entry.codelist), ("resolved_by", entry.resolved_by)):
            if name is None:
                continue
            path = folder / f"{name}.csv"
            if not path.exists():
                problems.append(Problem(index.name, line, f"conditions.{field}", f"there is no codelist {path.name}"))
                continue
            try:
                lists[field] = read_codelist(path, entry.system)
            except ImportRefused as refused:
                problems.extend(refused.problems)
        concept = Concept(
            entry.key, lists.get("codelist", frozenset()), lists.get("resolved_by", frozenset()), entry.within_years
        )
        conditions.append(Condition(concept, entry.label, entry.cms))
    if problems:
        raise ImportRefused(problems)
    return conditions


def codes_frame(concepts: list[Concept]) -> pd.DataFrame:
    """One row per (concept, role, system, code), role being 'diagnosis' or 'resolution': the lookup that
    both engines join the ``coded`` table to."""
    rows = [
        (concept.name, role, system, code)
        for concept in concepts
        for role, codes in (("diagnosis", concept.codes), ("resolution", concept.resolved_by))
        for system, code in sorted(codes)
    ]
    return pd.DataFrame(rows, columns=["concept", "role", "system", "code"]).astype("string")


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (28 February for a 29 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
