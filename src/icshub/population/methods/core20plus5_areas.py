"""Core20PLUS5's clinical areas as data: the catalogue of the ten areas (five for adults, five for children
and young people, and smoking cessation across them), each with NHS England's ambition, the metrics icshub
derives from its data model and those it cannot derive yet with the reason, and every derivable metric
computed as a measure (``icshub.measure/1``), so that what leaves the store is aggregate and protected.

The catalogue (``defaults/population/core20plus5/catalogue.yaml``, ``icshub.core20plus5-areas/1``) names
each metric by the file of its measure in the same folder. Reading it also reads every measure it names
and checks that each codelist a measure's rules use is in the codelist folder, so a bad entry, a missing
file or a missing codelist is refused with its file, line and field before anything is computed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import pandas as pd
from ibis.expr.types import Table
from pydantic import Field, model_validator

from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import line_of, read_yaml
from icshub.population.cohorts.definition import Rule
from icshub.population.disclosure import Policy
from icshub.population.measures import MeasureDefinition, figures, read_measure
from icshub.population.methods.codelists import CODELISTS, POPULATION, Key, Strict
from icshub.population.methods.method_bundle import default_codelists

AREAS = POPULATION / "core20plus5"
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Metric(Strict):
    measure: Key
    note: Text | None = None


class NotDerived(Strict):
    metric: Text
    reason: Text


class Area(Strict):
    key: Key
    area: Annotated[str, Field(min_length=1, max_length=120)]
    population: Literal["adults", "children_and_young_people", "cross_cutting"]
    ambition: Text
    source: Annotated[str, Field(pattern=r"^https://\S+$")]
    metrics: list[Metric] = Field(default_factory=list)
    not_derived: list[NotDerived] = Field(default_factory=list)

    @model_validator(mode="after")
    def _says_something(self) -> Area:
        if not self.metrics and not self.not_derived:
            raise ValueError("give the area's metrics, or say under not_derived why it has none")
        return self


class AreaIndex(Strict):
    schema_: str = Field(alias="schema", pattern=r"^icshub\.core20plus5-areas/1$")
    areas: list[Area] = Field(min_length=1)


@dataclass(frozen=True)
class Catalogue:
    """The areas, and the measure of each derived metric by the name the catalogue gives it."""

    areas: list[Area]
    measures: dict[str, MeasureDefinition]


def _rules(definition: MeasureDefinition) -> Iterator[Rule]:
    """Every rule of a measure, those inside ``any_of`` included."""
    pending = [*definition.denominator.inclusion, *definition.denominator.exclusion]
    if definition.numerator.people is not None:
        pending += [*definition.numerator.people.inclusion, *definition.numerator.people.exclusion]
    while pending:
        rule = pending.pop()
        yield rule
        pending.extend(rule.any_of or [])


def codelists_named(definition: MeasureDefinition) -> set[str]:
    """The codelists a measure's rules name (so they can be checked before it runs)."""
    named = (
        getattr(rule.codes, "codelist", None) or getattr(rule.observation, "codelist", None)
        for rule in _rules(definition)
    )
    return {name for name in named if name}


def read_catalogue(path: Path = AREAS / "catalogue.yaml", codelists: Path = CODELISTS) -> Catalogue:
    """The catalogue at ``path`` with the measures it names (files of its folder), or ``ImportRefused``
    naming every problem: a bad entry, an area given twice, a measure file that is missing or refused, or
    a codelist a measure names that is not in ``codelists``."""
    document = read_yaml(path)
    index = validate_document(AreaIndex, document, path.name)
    problems: list[Problem] = []
    measures: dict[str, MeasureDefinition] = {}
    seen: set[str] = set()
    for a, area in enumerate(index.areas):
        if area.key in seen:
            line = line_of(document, ("areas", a, "key"))
            problems.append(Problem(path.name, line, "areas.key", f"the area '{area.key}' is given twice"))
        seen.add(area.key)
        for m, metric in enumerate(area.metrics):
            line = line_of(document, ("areas", a, "metrics", m, "measure"))
            file = path.parent / f"{metric.measure}.yaml"
            if not file.exists():
                message = f"there is no measure file {file.name} beside the catalogue"
                problems.append(Problem(path.name, line, "areas.metrics.measure", message))
                continue
            try:
                definition = read_measure(file)
            except ImportRefused as refused:
                problems.extend(refused.problems)
                continue
            for name in sorted(codelists_named(definition)):
                if not (codelists / f"{name}.csv").exists():
                    message = f"{file.name} uses the codelist '{name}', and there is no {name}.csv in {codelists}"
                    problems.append(Problem(path.name, line, "areas.metrics.measure", message))
            measures[metric.measure] = definition
    if problems:
        raise ImportRefused(problems)
    return Catalogue(index.areas, measures)


def catalogue_table(catalogue: Catalogue) -> pd.DataFrame:
    """One row per metric, derived or not: area, population, ambition, metric, its measure's indicator key
    (empty when not derived), and the note or the reason. For a page that lists the areas."""
    rows = []
    for area in catalogue.areas:
        common = {"area": area.area, "population": area.population, "ambition": area.ambition}
        for metric in area.metrics:
            definition = catalogue.measures[metric.measure]
            derived = {"metric": definition.title, "indicator": definition.indicator, "derived": True}
            rows.append({**common, **derived, "note": metric.note or ""})
        for missing in area.not_derived:
            rows.append({**common, "metric": missing.metric, "indicator": "", "derived": False, "note": missing.reason})
    return pd.DataFrame(rows, columns=["area", "population", "ambition", "metric", "indicator", "derived", "note"])


def area_figures(
    tables: Mapping[str, Table],
    areas: pd.DataFrame,
    codelists: Mapping[str, Sequence[str]] | None = None,
    catalogue: Catalogue | None = None,
    periods: Sequence[str] | None = None,
    policy: Policy = Policy(),
) -> pd.DataFrame:
    """Every derivable metric of the catalogue (the built-in one unless given) on the dataset ``tables``
    with ``codelists`` (the built-in ones unless given), for ``periods`` (each measure's own unless given),
    in the indicators' tidy layout after disclosure control: one set of rows per metric, told apart by the
    ``indicator`` column. ``areas`` is the registry's LSOA lookup, as for ``measures.figures``."""
    catalogue = catalogue or read_catalogue()
    codelists = default_codelists() if codelists is None else codelists
    frames = []
    for definition in catalogue.measures.values():
        if periods is not None:
            document = definition.model_dump(by_alias=True, exclude_none=True) | {"periods": list(periods)}
            definition = MeasureDefinition.model_validate(document)
        frames.append(figures(tables, definition, areas, codelists, policy))
    frames = [frame for frame in frames if not frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
