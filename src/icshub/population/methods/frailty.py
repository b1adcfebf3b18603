"""The electronic Frailty Index (Clegg et al. 2016, Age Ageing 45(3):353): the share of 36 deficits a
person has, and its category: fit up to 0.12, mild above 0.12 up to 0.24, moderate above 0.24 up to 0.36,
severe above 0.36. With 36 deficits no score falls on a cut-point (4/36 is 0.111, 5/36 is 0.139), so
fit is 0 to 4 deficits, mild 5 to 8, moderate 9 to 12 and severe 13 or more whichever side of a cut-point
is taken as inclusive.

Each deficit is present when a code of its codelist is recorded on or before the index date (the original
eFI has no look-back and no resolution) or when the person holds its flag. The deficits and where their
codes come from are data (``defaults/population/efi_deficits.yaml``); see its notes for what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pandas as pd
from pydantic import Field, model_validator

from icshub.loading.problems import ImportRefused, Problem
from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import line_of, read_yaml
from icshub.population.data_model import CodeSystem
from icshub.population.methods.codelists import CODELISTS, POPULATION, Concept, Key, Strict, read_codelist
from icshub.population.methods.conditions import conditions_held, flags_held

CATEGORIES = ("fit", "mild", "moderate", "severe")


class CutPoints(Strict):
    mild: float
    moderate: float
    severe: float

    @model_validator(mode="after")
    def _ordered(self) -> CutPoints:
        if not 0 < self.mild < self.moderate < self.severe < 1:
            raise ValueError("the cut-points must rise between 0 and 1: mild < moderate < severe")
        return self


class Deficit(Strict):
    key: Key
    name: str
    codelist: Key | None = None
    system: CodeSystem = CodeSystem.SNOMED
    flag: Key | None = None
    codes_published_at: str | None = None


class EfiFile(Strict):
    schema_: str = Field(alias="schema", pattern=r"^icshub\.efi/1$")
    source: str
    cut_points: CutPoints
    deficits: list[Deficit]


@dataclass(frozen=True)
class Efi:
    """The index as the methods use it: deficits found by codes, deficits found by flags, the number of
    deficits (the denominator) and the cut-points."""

    concepts: list[Concept]
    flags: dict[str, str]  # flag -> deficit
    total: int
    cut_points: CutPoints


def read_efi(path: Path = POPULATION / "efi_deficits.yaml", folder: Path = CODELISTS) -> Efi:
    """The eFI definition at ``path``, with the codes of its codelists in ``folder``."""
    document = read_yaml(path)
    parsed = validate_document(EfiFile, document, path.name)
    problems: list[Problem] = []
    concepts = []
    for position, deficit in enumerate(parsed.deficits):
        if deficit.codelist is None:
            continue
        codelist = folder / f"{deficit.codelist}.csv"
        if not codelist.exists():
            line = line_of(document, ("deficits", position))
            problems.append(Problem(path.name, line, "deficits.codelist", f"there is no codelist {codelist.name}"))
            continue
        try:
            concepts.append(Concept(deficit.key, read_codelist(codelist, deficit.system)))
        except ImportRefused as refused:
            problems.extend(refused.problems)
    if problems:
        raise ImportRefused(problems)
    flags = {d.flag: d.key for d in parsed.deficits if d.flag}
    return Efi(concepts, flags, len(parsed.deficits), parsed.cut_points)


def flag_lookup(definition: Efi) -> pd.DataFrame:
    """(flag, deficit) for the deficits found by a flag."""
    return pd.DataFrame(sorted(definition.flags.items()), columns=["flag", "deficit"]).astype("string")


def efi(person: ir.Table, coded: ir.Table, flag: ir.Table, definition: Efi, index_date: date) -> ir.Table:
    """(person_id, deficits, efi, frailty) for every person on ``index_date``."""
    by_code = conditions_held(coded, definition.concepts, index_date).select("person_id", deficit="concept")
    holding = flags_held(flag, index_date)
    by_flag = holding.join(ibis.memtable(flag_lookup(definition)), "flag").select("person_id", "deficit")
    present = by_code.union(by_flag, distinct=True)
    counts = present.group_by("person_id").aggregate(deficits=present.deficit.count())
    people = person.select("person_id")
    joined = people.left_join(counts, people.person_id == counts.person_id)
    deficits = joined.deficits.fill_null(0).cast("int64")
    score = deficits.cast("float64") / definition.total
    cuts = definition.cut_points
    category = ibis.cases(
        (score <= cuts.mild, "fit"),
        (score <= cuts.moderate, "mild"),
        (score <= cuts.severe, "moderate"),
        else_="severe",
    )
    return joined.select(person_id=people.person_id, deficits=deficits, efi=score, frailty=category)


def category(score: float, cuts: CutPoints) -> str:
    """The frailty category of an eFI score: the rule the engine writes as a CASE, in plain Python."""
    for name, upper in zip(CATEGORIES, (cuts.mild, cuts.moderate, cuts.severe), strict=False):
        if score <= upper:
            return name
    return CATEGORIES[-1]
