"""The standard methods written the way an analyst would write them in plain pandas: vectorised (merges,
group-bys, masks), with every row in memory. The benchmark's competitor to the Ibis definitions.

Not the reference implementation (``icshub.population.methods.reference_methods``): that one is written as directly
as the definitions read, person by person, to check the engine on small spec populations, and is far too
slow for a benchmark. These give the same results (bench/population.py compares them with the engine's).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from icshub.population.data_model import EventType
from icshub.population.methods.codelists import Concept, codes_frame, years_before
from icshub.population.methods.conditions import cms_lookup
from icshub.population.methods.frailty import CATEGORIES, flag_lookup
from icshub.population.methods.method_bundle import Methods
from icshub.population.methods.person_features import EMERGENCY, EMERGENCY_DAYS
from icshub.population.methods.reference_methods import emergency_counts, segment
from icshub.population.methods.risk import INPUTS

ADMISSIONS = [t.value for t in EventType if t.is_admission]


def conditions_held(coded: pd.DataFrame, concepts: list[Concept], on: date) -> pd.DataFrame:
    """(person_id, concept): diagnosed on or before ``on``, not resolved since, within the concept's years."""
    rows = coded[coded["date"] <= pd.Timestamp(on)].merge(codes_frame(concepts), on=["system", "code"])
    latest = rows.groupby(["person_id", "concept", "role"], observed=True)["date"].max().unstack("role")
    latest = latest.reindex(columns=["diagnosis", "resolution"])
    earliest = {c.name: years_before(on, c.within_years) if c.within_years else date(1900, 1, 1) for c in concepts}
    concept = latest.index.get_level_values("concept")
    since = pd.to_datetime(pd.Series([earliest[name] for name in concept], index=latest.index))
    diagnosed, resolved = pd.to_datetime(latest["diagnosis"]), pd.to_datetime(latest["resolution"])
    keep = diagnosed.notna() & (resolved.isna() | (diagnosed > resolved)) & (diagnosed >= since)
    return latest[keep.to_numpy()].reset_index()[["person_id", "concept"]]


def flags_held(flag: pd.DataFrame, on: date) -> pd.DataFrame:
    holding = flag[flag["from_date"].isna() | (flag["from_date"] <= pd.Timestamp(on))]
    return holding[["person_id", "flag"]].drop_duplicates()


def person_features(tables: dict[str, pd.DataFrame], methods: Methods, on: date) -> pd.DataFrame:
    """Every person's age, LTC count, CMS, eFI and category, recent emergency care, conditions and flags."""
    person, coded, flag, event = (tables[t] for t in ("person", "coded", "flag", "event"))
    result = person[["person_id", "sex", "ethnic_category"]].copy()
    before_birthday = (on.month < person["birth_month"]).astype(int)
    result["age"] = on.year - person["birth_year"].astype(int) - before_birthday
    held = conditions_held(coded, [c.concept for c in methods.conditions], on)
    weights = cms_lookup(methods.conditions, methods.weights)
    scored = held.merge(weights, on="concept").drop_duplicates(["person_id", "cms"])
    result["ltc_count"] = result["person_id"].map(held.groupby("person_id").size()).fillna(0).astype(int)
    cms = scored.groupby("person_id")["hundredths"].sum()
    result["cms"] = result["person_id"].map(cms).fillna(0).astype(int) / 100
    frailty = methods.frailty
    deficits = conditions_held(coded, frailty.concepts, on).rename(columns={"concept": "deficit"})
    by_flag = flags_held(flag, on).merge(flag_lookup(frailty), on="flag")[["person_id", "deficit"]]
    present = pd.concat([deficits, by_flag]).drop_duplicates().groupby("person_id").size()
    result["efi"] = result["person_id"].map(present).fillna(0).astype(int) / frailty.total
    cuts = frailty.cut_points
    result["frailty"] = np.select(
        [result["efi"] <= cuts.mild, result["efi"] <= cuts.moderate, result["efi"] <= cuts.severe],
        CATEGORIES[:3],
        default=CATEGORIES[3],
    )
    first, last = pd.Timestamp(on - timedelta(days=EMERGENCY_DAYS - 1)), pd.Timestamp(on)
    starts = event["start_date"]
    recent = event[event["type"].isin(EMERGENCY) & (starts >= first) & (starts <= last)]
    result["recent_emergency"] = result["person_id"].isin(recent["person_id"])
    for name in methods.condition_names:
        result[f"has_{name}"] = result["person_id"].isin(held.loc[held["concept"] == name, "person_id"])
    holding = flags_held(flag, on)
    for name in methods.flags:
        result[f"flag_{name}"] = result["person_id"].isin(holding.loc[holding["flag"] == name, "person_id"])
    return result


def segmented_features(tables: dict[str, pd.DataFrame], methods: Methods, on: date) -> pd.DataFrame:
    features = person_features(tables, methods, on)
    features["segment"] = segment(features, methods.segments)["segment"].to_numpy()
    return features


def _alive_and_born(person: pd.DataFrame, on: date) -> pd.DataFrame:
    months = person["birth_year"].astype(int) * 12 + person["birth_month"].astype(int)
    alive = person["date_of_death"].isna() | (person["date_of_death"] > pd.Timestamp(on))
    return person[alive & (months <= on.year * 12 + on.month)]


def risk_inputs(tables: dict[str, pd.DataFrame], methods: Methods, on: date) -> pd.DataFrame:
    person = _alive_and_born(tables["person"], on)
    features = person_features({**tables, "person": person}, methods, on)
    features["lsoa"] = person["lsoa"].to_numpy()
    features["imd_quintile"] = ((person["imd_decile"] + 1) // 2).astype("Int64").to_numpy()
    counts = emergency_counts(tables["event"], years_before(on, 1), on)
    for column in ("emergency_admissions", "ae_attendances"):
        features[column] = features["person_id"].map(counts[column]).fillna(0).astype(int)
    return features[list(INPUTS)]


def training_data(tables: dict[str, pd.DataFrame], methods: Methods, as_of: date) -> pd.DataFrame:
    index_date = years_before(as_of, 1)
    inputs = risk_inputs(tables, methods, index_date)
    counts = emergency_counts(tables["event"], index_date, as_of)
    inputs["admitted"] = inputs["person_id"].isin(counts.index[counts["emergency_admissions"] > 0])
    return inputs.sort_values("person_id", ignore_index=True)


def utilisation(tables: dict[str, pd.DataFrame], on: date, groups: pd.DataFrame) -> pd.DataFrame:
    """People, events, bed days and cost by group and type over the 12 months to ``on``; ``groups`` is
    (person_id, group) for the people of the denominator (alive on some day of the window)."""
    first, last = pd.Timestamp(years_before(on, 1) + timedelta(days=1)), pd.Timestamp(on)
    event = tables["event"]
    event = event[(event["start_date"] >= first) & (event["start_date"] <= last)].merge(groups, on="person_id")
    stay = (event["end_date"].fillna(last) - event["start_date"]).dt.days.clip(lower=0)
    event = event.assign(bed_days=stay.where(event["type"].isin(ADMISSIONS), 0), cost=event["cost_pence"].fillna(0))
    sums = {"events": ("type", "size"), "bed_days": ("bed_days", "sum"), "cost_pence": ("cost", "sum")}
    by_type = event.groupby(["group", "type"], dropna=False).agg(**sums).reset_index()
    overall = event.groupby("group", dropna=False).agg(**sums).reset_index().assign(type="all")
    people = groups.groupby("group", dropna=False).size().rename("people").reset_index()
    activity = pd.concat([by_type, overall], ignore_index=True).merge(people, on="group", how="right")
    activity["events_per_1000"] = activity["events"] * 1000 / activity["people"]
    cost = activity["cost_pence"].fillna(0).astype(int)
    activity["cost_per_head_pence"] = (2 * cost + activity["people"]) // (2 * activity["people"])
    return activity


def denominator(person: pd.DataFrame, on: date) -> pd.DataFrame:
    """The people alive on some day of the 12 months to ``on`` and born by its end."""
    first = pd.Timestamp(years_before(on, 1) + timedelta(days=1))
    months = person["birth_year"].astype(int) * 12 + person["birth_month"].astype(int)
    alive = person["date_of_death"].isna() | (person["date_of_death"] >= first)
    return person[alive & (months <= on.year * 12 + on.month)]


DATES = {"person": ["date_of_death"], "flag": ["from_date"], "event": ["start_date", "end_date"], "coded": ["date"]}


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The dataset's four tables in memory, dates as pandas timestamps."""
    tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in DATES}
    for name, columns in DATES.items():
        for column in columns:
            tables[name][column] = pd.to_datetime(tables[name][column])
    return tables
