"""The standard methods as one bundle: the default definitions (conditions and their codelists, the CMS
weights, the eFI deficits, Bridges to Health segments) read once, and each person's features and segment
on a date, the starting point of profiles, inequalities, risk scoring and the benchmark.

A system that loads its own definitions builds a ``Methods`` from its files with the same readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import ibis.expr.types as ir

from icshub.loading.tables import read_rows
from icshub.population.methods.codelists import CODELISTS, Condition, read_conditions
from icshub.population.methods.conditions import CmsWeights, read_cms_weights
from icshub.population.methods.frailty import Efi, read_efi
from icshub.population.methods.person_features import person_features
from icshub.population.methods.segmentation import BRIDGES_TO_HEALTH, Rules, read_segments, segment_of

FLAG_PREFIX = "flag_"


@dataclass(frozen=True)
class Methods:
    """The definitions the methods run on."""

    conditions: list[Condition]
    weights: CmsWeights
    frailty: Efi
    segments: Rules

    @property
    def flags(self) -> list[str]:
        """The flags the segment rules test, which the features must therefore carry."""
        return sorted(f.removeprefix(FLAG_PREFIX) for f in self.segments.fields if f.startswith(FLAG_PREFIX))

    @property
    def condition_names(self) -> list[str]:
        return [c.concept.name for c in self.conditions]


@cache
def default_methods() -> Methods:
    """The built-in definitions of ``icshub/defaults``."""
    conditions = read_conditions()
    return Methods(
        conditions,
        read_cms_weights(),
        read_efi(),
        read_segments(BRIDGES_TO_HEALTH, [c.concept.name for c in conditions]),
    )


def segmented_features(tables: dict[str, ir.Table], methods: Methods, on: date) -> ir.Table:
    """Every person's features on ``on`` (see ``features.person_features``) with their ``segment``."""
    features = person_features(tables, methods.conditions, methods.weights, methods.frailty, on, methods.flags)
    return features.mutate(segment=segment_of(features, methods.segments))


@cache
def default_codelists() -> dict[str, list[str]]:
    """Every codelist of ``icshub/defaults/codelists`` by file name, for cohort rules that name one."""
    return {path.stem: [row["code"] for row in read_rows(path, ("code",))] for path in sorted(CODELISTS.glob("*.csv"))}
