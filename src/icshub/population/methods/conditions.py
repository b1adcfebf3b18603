"""Long-term conditions on an index date, their count, and the Cambridge Multimorbidity Score, as Ibis
expressions that run unchanged on DuckDB, Spark and the other Ibis backends.

A person has a condition on the index date when their latest diagnosis code on or before it is later than
any resolution code on or before it (a code of asthma after one of asthma resolved puts them back on the
register). The CMS general-outcome score is the sum of the published weights of the CMS conditions a
person has (Payne et al. 2020, CMAJ 192(5):E107); two conditions counting towards one CMS condition
(depression and anxiety) count once. Weights are summed in hundredths, as whole numbers, so that every
engine gives exactly the same score.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import ibis
import ibis.expr.types as ir
import pandas as pd
from pydantic import Field

from icshub.loading.validation import validate_document
from icshub.loading.yaml_lines import read_yaml
from icshub.population.methods.codelists import POPULATION, Concept, Condition, Key, Strict, codes_frame, years_before


class CmsCondition(Strict):
    key: Key
    label: str
    weight: Annotated[float, Field(ge=0, le=10, multiple_of=0.01)]


class CmsWeights(Strict):
    schema_: str = Field(alias="schema", pattern=r"^icshub\.cms/1$")
    source: str
    conditions: list[CmsCondition]

    def hundredths(self) -> dict[str, int]:
        return {c.key: round(c.weight * 100) for c in self.conditions}


def read_cms_weights(path: Path = POPULATION / "cms_weights.yaml") -> CmsWeights:
    return validate_document(CmsWeights, read_yaml(path), path.name)


def cms_lookup(conditions: list[Condition], weights: CmsWeights) -> pd.DataFrame:
    """(concept, cms, hundredths) for the conditions that count towards the score."""
    known = weights.hundredths()
    rows = []
    for condition in conditions:
        if condition.cms is None:
            continue
        if condition.cms not in known:
            raise ValueError(
                f"condition '{condition.concept.name}' counts towards '{condition.cms}', which has no weight"
            )
        rows.append((condition.concept.name, condition.cms, known[condition.cms]))
    frame = pd.DataFrame(rows, columns=["concept", "cms", "hundredths"])
    return frame.astype({"concept": "string", "cms": "string", "hundredths": "int64"})


def conditions_held(coded: ir.Table, concepts: list[Concept], index_date: date) -> ir.Table:
    """(person_id, concept) for each concept a person has on ``index_date``."""
    codes = ibis.memtable(codes_frame(concepts))
    rows = coded.filter(coded.date <= ibis.literal(index_date, type="date")).join(codes, ["system", "code"])
    latest = rows.group_by(["person_id", "concept"]).aggregate(
        diagnosed=rows.date.max(where=rows.role == "diagnosis"),
        resolved=rows.date.max(where=rows.role == "resolution"),
    )
    held = latest.diagnosed.notnull() & (latest.resolved.isnull() | (latest.diagnosed > latest.resolved))
    windows = [
        (latest.concept == c.name, ibis.literal(years_before(index_date, c.within_years), type="date"))
        for c in concepts
        if c.within_years
    ]
    if windows:
        since = ibis.cases(*windows, else_=ibis.null("date"))
        held &= since.isnull() | (latest.diagnosed >= since)
    return latest.filter(held).select("person_id", "concept")


def ltc_summary(
    person: ir.Table, coded: ir.Table, conditions: list[Condition], weights: CmsWeights, index_date: date
) -> ir.Table:
    """(person_id, ltc_count, cms) for every person: how many of ``conditions`` they have, and their
    Cambridge Multimorbidity Score (general outcome)."""
    held = conditions_held(coded, [c.concept for c in conditions], index_date)
    counts = held.group_by("person_id").aggregate(ltc_count=held.concept.count())
    scored = held.join(ibis.memtable(cms_lookup(conditions, weights)), "concept")
    scored = scored.select("person_id", "cms", "hundredths").distinct()
    scores = scored.group_by("person_id").aggregate(hundredths=scored.hundredths.sum())
    people = person.select("person_id")
    joined = people.left_join(counts, people.person_id == counts.person_id).left_join(
        scores, people.person_id == scores.person_id
    )
    return joined.select(
        person_id=people.person_id,
        ltc_count=joined.ltc_count.fill_null(0).cast("int64"),
        cms=joined.hundredths.fill_null(0).cast("float64") / 100,
    )


def flags_held(flag: ir.Table, index_date: date) -> ir.Table:
    """(person_id, flag) for the flags a person holds on ``index_date`` (recorded on or before it, or
    undated)."""
    day = ibis.literal(index_date, type="date")
    return flag.filter(flag.from_date.isnull() | (flag.from_date <= day)).select("person_id", "flag").distinct()
