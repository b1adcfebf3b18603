"""A cohort's attrition as an analyst may see it: how many people each rule leaves and removes, after
disclosure control.

Each step's "left" and "removed" add up to the step before's "left", so they are protected as a pair: a
small count is withheld, and so is its partner, which would otherwise give it away by subtraction; counts
shown are rounded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from ibis.expr.types import Table

from icshub.population.cohorts.definition import CohortDefinition
from icshub.population.cohorts.engine import attrition
from icshub.population.disclosure import Policy, protect


@dataclass(frozen=True)
class ShownStep:
    name: str
    kind: str  # start, inclusion or exclusion
    left: int | None  # None when withheld
    removed: int | None


def protected_steps(steps: Sequence[tuple[str, str, int, int]], policy: Policy = Policy()) -> list[ShownStep]:
    """(name, kind, left, removed) steps with disclosure control applied."""
    cells = pd.DataFrame(
        [
            (i, measure, value)
            for i, (_, _, left, removed) in enumerate(steps)
            for measure, value in (("left", left), ("removed", removed))
        ],
        columns=["step", "measure", "count"],
    )
    # The first step has no partner: everyone in the dataset, shown (rounded) unless small.
    shown = protect(cells, "count", groups=[["step"]], policy=policy)
    value = {(row.step, row.measure): (None if pd.isna(row.count) else int(row.count)) for row in shown.itertuples()}
    return [
        ShownStep(name, kind, value[(i, "left")], None if i == 0 else value[(i, "removed")])
        for i, (name, kind, _, _) in enumerate(steps)
    ]


def cohort_attrition(
    tables: Mapping[str, Table],
    definition: CohortDefinition,
    codelists: Mapping[str, Sequence[str]],
    policy: Policy = Policy(),
) -> list[ShownStep]:
    """The attrition table of ``definition`` on ``tables``, safe to show."""
    steps = attrition(tables, definition, codelists)
    return protected_steps([(s.rule, s.kind, s.remaining, s.removed) for s in steps], policy)
