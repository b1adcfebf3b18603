"""A plain pandas implementation of every method, written independently of the Ibis one and as directly
as the definitions read, for the spec tests and benchmarks to check the engine against: the same
arguments (pandas DataFrames of the schema's tables instead of Ibis tables) and the same result columns.
Not for production use: it holds every row in memory.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

import numpy as np
import pandas as pd

from icshub.population.data_model import ETHNIC_GROUPS, EventType
from icshub.population.methods.codelists import Concept, Condition, codes_frame, years_before
from icshub.population.methods.conditions import CmsWeights, cms_lookup
from icshub.population.methods.core20plus5 import HypertensionCaseFinding, PlusGroup, plus_lookup
from icshub.population.methods.frailty import Efi, category, flag_lookup
from icshub.population.methods.person_features import EMERGENCY, EMERGENCY_DAYS
from icshub.population.methods.risk import ADMISSION, ATTENDANCE, INPUTS
from icshub.population.methods.segmentation import Rules, rule_mask


def _on_or_before(frame: pd.DataFrame, column: str, index_date: date) -> pd.DataFrame:
    return frame[pd.to_datetime(frame[column]) <= pd.Timestamp(index_date)]


def conditions_held(coded: pd.DataFrame, concepts: list[Concept], index_date: date) -> pd.DataFrame:
    rows = _on_or_before(coded, "date", index_date).merge(codes_frame(concepts), on=["system", "code"])
    held = []
    for (person_id, name), group in rows.groupby(["person_id", "concept"]):
        dates = pd.to_datetime(group["date"])
        diagnosed = dates[group["role"] == "diagnosis"].max()
        resolved = dates[group["role"] == "resolution"].max()
        concept = next(c for c in concepts if c.name == name)
        since = pd.Timestamp(years_before(index_date, concept.within_years)) if concept.within_years else None
        if (
            pd.notna(diagnosed)
            and (pd.isna(resolved) or diagnosed > resolved)
            and (since is None or diagnosed >= since)
        ):
            held.append((person_id, name))
    return pd.DataFrame(held, columns=["person_id", "concept"])


def flags_held(flag: pd.DataFrame, index_date: date) -> pd.DataFrame:
    dated = pd.to_datetime(flag["from_date"])
    holding = flag[dated.isna() | (dated <= pd.Timestamp(index_date))]
    return holding[["person_id", "flag"]].drop_duplicates()


def ltc_summary(
    person: pd.DataFrame, coded: pd.DataFrame, conditions: list[Condition], weights: CmsWeights, index_date: date
) -> pd.DataFrame:
    held = conditions_held(coded, [c.concept for c in conditions], index_date)
    lookup = cms_lookup(conditions, weights)
    rows = []
    for person_id in person["person_id"]:
        mine = set(held.loc[held["person_id"] == person_id, "concept"])
        scored = lookup[lookup["concept"].isin(mine)].drop_duplicates("cms")
        rows.append((person_id, len(mine), int(scored["hundredths"].sum()) / 100))
    return pd.DataFrame(rows, columns=["person_id", "ltc_count", "cms"])


def efi(
    person: pd.DataFrame, coded: pd.DataFrame, flag: pd.DataFrame, definition: Efi, index_date: date
) -> pd.DataFrame:
    by_code = conditions_held(coded, definition.concepts, index_date).rename(columns={"concept": "deficit"})
    by_flag = flags_held(flag, index_date).merge(flag_lookup(definition), on="flag")[["person_id", "deficit"]]
    present = pd.concat([by_code, by_flag]).drop_duplicates()
    rows = []
    for person_id in person["person_id"]:
        count = int((present["person_id"] == person_id).sum())
        score = count / definition.total
        rows.append((person_id, count, score, category(score, definition.cut_points)))
    return pd.DataFrame(rows, columns=["person_id", "deficits", "efi", "frailty"])


def person_features(
    tables: dict[str, pd.DataFrame],
    conditions: list[Condition],
    weights: CmsWeights,
    frailty: Efi,
    index_date: date,
    flags: Collection[str] = (),
) -> pd.DataFrame:
    person, coded, flag, event = tables["person"], tables["coded"], tables["flag"], tables["event"]
    result = person[["person_id", "sex", "ethnic_category"]].copy()
    result["age"] = [
        index_date.year - int(year) - (1 if index_date.month < int(month) else 0)
        for year, month in zip(person["birth_year"], person["birth_month"], strict=True)
    ]
    result = result.merge(ltc_summary(person, coded, conditions, weights, index_date), on="person_id")
    result = result.merge(
        efi(person, coded, flag, frailty, index_date)[["person_id", "efi", "frailty"]], on="person_id"
    )
    starts = pd.to_datetime(event["start_date"])
    first = pd.Timestamp(index_date - timedelta(days=EMERGENCY_DAYS - 1))
    recent = event[event["type"].isin(EMERGENCY) & (starts >= first) & (starts <= pd.Timestamp(index_date))]
    result["recent_emergency"] = result["person_id"].isin(recent["person_id"])
    held = conditions_held(coded, [c.concept for c in conditions], index_date)
    for condition in conditions:
        name = condition.concept.name
        result[f"has_{name}"] = result["person_id"].isin(held.loc[held["concept"] == name, "person_id"])
    holding = flags_held(flag, index_date)
    for name in flags:
        result[f"flag_{name}"] = result["person_id"].isin(holding.loc[holding["flag"] == name, "person_id"])
    return result


def segment(features: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    masks = [np.asarray(rule_mask(features.__getitem__, s.when_any), dtype=bool) for s in rules.ordered]
    labels = np.select(masks, [s.name for s in rules.ordered], default=rules.default) if masks else rules.default
    return pd.DataFrame({"person_id": features["person_id"], "segment": labels})


def core20(person: pd.DataFrame, imd: pd.DataFrame, edition: str) -> pd.DataFrame:
    deciles = dict(zip(imd["lsoa"], imd["imd_decile"], strict=True))
    rows = []
    for person_id, lsoa in zip(person["person_id"], person["lsoa"], strict=True):
        decile = deciles.get(lsoa) if isinstance(lsoa, str) else None
        quintile = None if decile is None else (int(decile) + 1) // 2
        rows.append((person_id, edition, quintile, None if quintile is None else quintile == 1))
    return pd.DataFrame(rows, columns=["person_id", "imd_edition", "imd_quintile", "core20"])


def plus_groups(person: pd.DataFrame, flag: pd.DataFrame, groups: list[PlusGroup], index_date: date) -> pd.DataFrame:
    by_ethnicity, by_flag = plus_lookup(groups)
    ethnic = person.merge(by_ethnicity, on="ethnic_category")[["person_id", "plus_group"]]
    flagged = flags_held(flag, index_date).merge(by_flag, on="flag")[["person_id", "plus_group"]]
    return pd.concat([ethnic, flagged]).drop_duplicates().reset_index(drop=True)


def _latest(coded: pd.DataFrame, codes: list[str], index_date: date) -> dict[str, float]:
    readings = _on_or_before(coded, "date", index_date)
    readings = readings[(readings["system"] == "snomed") & readings["code"].isin(codes) & readings["value"].notna()]
    latest = {}
    for person_id, group in readings.groupby("person_id"):
        dates = pd.to_datetime(group["date"])
        latest[person_id] = float(group.loc[dates == dates.max(), "value"].max())
    return latest


def hypertension_case_finding(
    person: pd.DataFrame, coded: pd.DataFrame, hypertension: Concept, rule: HypertensionCaseFinding, index_date: date
) -> pd.DataFrame:
    systolic = _latest(coded, rule.systolic_codes, index_date)
    diastolic = _latest(coded, rule.diastolic_codes, index_date)
    diagnosed = set(conditions_held(coded, [hypertension], index_date)["person_id"])
    rows = []
    for person_id in person["person_id"]:
        high_s, high_d = systolic.get(person_id), diastolic.get(person_id)
        raised = (high_s is not None and high_s >= rule.systolic_at_least) or (
            high_d is not None and high_d >= rule.diastolic_at_least
        )
        has = person_id in diagnosed
        rows.append((person_id, high_s, high_d, has, raised and not has))
    return pd.DataFrame(rows, columns=["person_id", "systolic", "diastolic", "hypertension", "case_finding"])


def utilisation(
    tables: dict[str, pd.DataFrame],
    index_date: date,
    by: str = "overall",
    *,
    segments: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
    pcns: pd.DataFrame | None = None,
) -> pd.DataFrame:
    first = pd.Timestamp(years_before(index_date, 1) + timedelta(days=1))
    last = pd.Timestamp(index_date)
    person = tables["person"]
    died = pd.to_datetime(person["date_of_death"])
    born_by_end = person["birth_year"].astype(int) * 12 + person["birth_month"].astype(int) <= (
        index_date.year * 12 + index_date.month
    )
    people = person[born_by_end & (died.isna() | (died >= first))].copy()
    if by == "overall":
        people["group"] = "all"
    elif by == "practice":
        people["group"] = people["practice"]
    elif by == "imd_quintile":
        people["group"] = [None if pd.isna(d) else str((int(d) + 1) // 2) for d in people["imd_decile"]]
    elif by == "ethnic_group":
        people["group"] = people["ethnic_category"].map(ETHNIC_GROUPS)
    else:
        key, lookup = {"segment": ("person_id", segments), "place": ("lsoa", places), "pcn": ("practice", pcns)}[by]
        groups = dict(zip(lookup[key], lookup[by].astype(str), strict=True))
        people["group"] = [groups.get(k) if isinstance(k, str) else None for k in people[key]]
    event = tables["event"]
    starts = pd.to_datetime(event["start_date"])
    event = event[(starts >= first) & (starts <= last)].merge(people[["person_id", "group"]], on="person_id")
    admissions = {t.value for t in EventType if t.is_admission}
    rows = []
    for group, members in people.groupby("group", dropna=False, sort=False):
        group = None if pd.isna(group) else group
        count = len(members)
        mine = event[event["group"].isna() if group is None else event["group"] == group]
        for kind in [*(t.value for t in EventType), "all"]:
            chosen = mine if kind == "all" else mine[mine["type"] == kind]
            cost = int(chosen["cost_pence"].fillna(0).sum())
            beds = None
            if kind in admissions or kind == "all":
                beds = 0
                for start, end, what in zip(chosen["start_date"], chosen["end_date"], chosen["type"], strict=True):
                    if what in admissions:
                        discharged = last if pd.isna(end) else pd.Timestamp(end)
                        beds += max((discharged - pd.Timestamp(start)).days, 0)
            rows.append(
                (
                    group,
                    kind,
                    count,
                    len(chosen),
                    len(chosen) * 1000 / count,
                    beds,
                    cost,
                    (2 * cost + count) // (2 * count),
                )
            )
    columns = ["group", "type", "people", "events", "events_per_1000", "bed_days", "cost_pence", "cost_per_head_pence"]
    return pd.DataFrame(rows, columns=columns)


def _alive_and_born(person: pd.DataFrame, index_date: date) -> pd.DataFrame:
    deaths = pd.to_datetime(person["date_of_death"])
    months = person["birth_year"].astype(int) * 12 + person["birth_month"].astype(int)
    keep = (deaths.isna() | (deaths > pd.Timestamp(index_date))) & (months <= index_date.year * 12 + index_date.month)
    return person[keep]


def emergency_counts(event: pd.DataFrame, after: date, until: date) -> pd.DataFrame:
    starts = pd.to_datetime(event["start_date"])
    window = event[(starts > pd.Timestamp(after)) & (starts <= pd.Timestamp(until))]
    kinds = pd.DataFrame(
        {
            "person_id": window["person_id"],
            "emergency_admissions": window["type"] == ADMISSION,
            "ae_attendances": window["type"] == ATTENDANCE,
        }
    )
    return kinds.groupby("person_id").sum()


def risk_inputs(
    tables: dict[str, pd.DataFrame], conditions: list[Condition], weights: CmsWeights, frailty: Efi, index_date: date
) -> pd.DataFrame:
    person = _alive_and_born(tables["person"], index_date)
    result = person[["person_id", "sex", "lsoa"]].copy()
    born_later_in_year = person["birth_month"].astype(int) > index_date.month
    result["age"] = index_date.year - person["birth_year"].astype(int) - born_later_in_year.astype(int)
    result["imd_quintile"] = [None if pd.isna(d) else (int(d) + 1) // 2 for d in person["imd_decile"]]
    result = result.merge(ltc_summary(person, tables["coded"], conditions, weights, index_date), on="person_id")
    result = result.merge(efi(person, tables["coded"], tables["flag"], frailty, index_date), on="person_id")
    counts = emergency_counts(tables["event"], years_before(index_date, 1), index_date)
    for column in ("emergency_admissions", "ae_attendances"):
        result[column] = result["person_id"].map(counts[column]).fillna(0).astype(int)
    return result[list(INPUTS)]


def risk_outcome(tables: dict[str, pd.DataFrame], index_date: date, until: date) -> pd.DataFrame:
    person = _alive_and_born(tables["person"], index_date)
    counts = emergency_counts(tables["event"], index_date, until)
    admitted = person["person_id"].isin(counts.index[counts["emergency_admissions"] > 0])
    return pd.DataFrame({"person_id": person["person_id"], "admitted": admitted})
