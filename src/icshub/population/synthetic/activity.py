"""Activity of the synthetic people in the year and its cost: general practice, A&E, emergency and elective
admissions (with length of stay), outpatient attendances and prescriptions (one event per month dispensed).

Counts are Poisson with a yearly rate by age for a person with no condition, raised by their burden of
conditions and by deprivation and cut short by death (``assumptions.Activity``). Costs are whole pence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from icshub.population.data_model import EventType
from icshub.population.synthetic import assumptions as A
from icshub.population.synthetic.observations import day_in_year
from icshub.population.synthetic.people import NO_DATE

_DAYS = (A.YEAR_END - A.YEAR_START).days + 1


def burden(has: pd.DataFrame) -> np.ndarray:
    """Each person's count of long-term conditions, with each frailty deficit counting a half."""
    conditions = [c for c in A.CONDITIONS if c not in A.DEFICITS]
    return has[conditions].to_numpy().sum(axis=1) + 0.5 * has[list(A.DEFICITS)].to_numpy().sum(axis=1)


def _stays(kind: str, age: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Nights in hospital and cost in pence of each admission of ``kind``."""
    if kind == EventType.EMERGENCY_ADMISSION:
        nights = rng.geometric(1 / (2 + age / 15))
        return nights, A.ACTIVITY[kind].cost_pence + A.BED_DAY_PENCE * nights
    day_case = rng.random(len(age)) < A.DAY_CASE_SHARE
    nights = np.where(day_case, 0, rng.geometric(1 / A.ELECTIVE_MEAN_NIGHTS, len(age)))
    cost = np.where(day_case, A.ACTIVITY[kind].cost_pence, A.ELECTIVE_INPATIENT_PENCE + A.BED_DAY_PENCE * nights)
    return nights, cost


def contact_rows(
    people: pd.DataFrame,
    has: pd.DataFrame,
    d: np.ndarray,
    died: np.ndarray,
    providers: dict[str, np.ndarray],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """The events other than prescriptions: person, type, start and end (days since 1970, ``NO_DATE`` for none),
    setting, provider and cost. ``providers`` gives each person's practice ('practice') and acute trust
    ('trust') ODS codes."""
    age = people["age"].to_numpy()
    start = np.datetime64(A.YEAR_START, "D").astype(np.int64)
    alive = np.where(died != NO_DATE, (died - start + 1) / _DAYS, 1.0)
    load = burden(has)
    frames = []
    for kind, activity in A.ACTIVITY.items():
        rate = np.interp(age, A.RATE_AGES, activity.rates) * np.exp(
            activity.per_condition * load + activity.deprivation * d
        )
        who = np.repeat(np.arange(len(age)), rng.poisson(rate * alive))
        day = day_in_year(died[who], rng)
        end = np.full(len(who), NO_DATE, dtype=np.int64)
        cost = np.full(len(who), activity.cost_pence, dtype=np.int64)
        if EventType(kind).is_admission:
            nights, cost = _stays(kind, age[who], rng)
            end = day + nights
            end = np.where(died[who] != NO_DATE, np.minimum(end, died[who]), end)
        provider = providers["practice" if kind == EventType.PRIMARY_CARE else "trust"][who]
        frames.append(
            pd.DataFrame(
                {
                    "person": who,
                    "type": kind,
                    "start": day,
                    "end": end,
                    "setting": activity.setting,
                    "provider": provider,
                    "cost": cost,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def prescription_rows(
    people: pd.DataFrame, has: pd.DataFrame, died: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """One prescription event per person per month in which anything was dispensed (all months for people
    with a long-term condition), costed by its number of items."""
    n = len(people)
    months = np.arange(12)
    first = (np.datetime64(A.YEAR_START, "M") + months).astype("datetime64[D]").astype(np.int64)
    after = (np.datetime64(A.YEAR_START, "M") + months + 1).astype("datetime64[D]").astype(np.int64)
    last = np.where(died != NO_DATE, died, np.datetime64(A.YEAR_END, "D").astype(np.int64))
    load = burden(has)
    acute = A.ACUTE_MONTH[0] + A.ACUTE_MONTH[1] * people["age"].to_numpy()
    dispensed = ((load >= 1)[:, None] | (rng.random((n, 12)) < acute[:, None])) & (first[None, :] <= last[:, None])
    who, month = np.nonzero(dispensed)
    span = np.minimum(after[month], last[who] + 1) - first[month]
    day = first[month] + (rng.random(len(who)) * span).astype(np.int64)
    items = 1 + rng.poisson(A.ITEMS_PER_CONDITION * load[who])
    return pd.DataFrame(
        {
            "person": who,
            "type": EventType.PRESCRIPTION.value,
            "start": day,
            "end": NO_DATE,
            "setting": "community pharmacy",
            "provider": None,
            "cost": items * A.ITEM_PENCE,
        }
    )
