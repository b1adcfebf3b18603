"""Observations of the synthetic people in the year: body mass index and blood pressure (systolic and
diastolic as two coded rows of the same day), with values shaped by age, deprivation and conditions as
``assumptions`` describes. Each is dated uniformly within the year and never after death."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icshub.population.synthetic import assumptions as A
from icshub.population.synthetic.conditions import codelist
from icshub.population.synthetic.people import NO_DATE


def day_in_year(died: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A day of the year (days since 1970) for each person, uniformly up to the year's end or their death."""
    start = np.datetime64(A.YEAR_START, "D").astype(np.int64)
    last = np.where(died != NO_DATE, died, np.datetime64(A.YEAR_END, "D").astype(np.int64))
    return start + (rng.random(len(died)) * (last - start + 1)).astype(np.int64)


def _rows(who: np.ndarray, date: np.ndarray, name: str, value: np.ndarray, unit: str) -> pd.DataFrame:
    return pd.DataFrame({"person": who, "date": date, "code": codelist(name)[0], "value": value, "unit": unit})


def observation_rows(
    people: pd.DataFrame, has: pd.DataFrame, d: np.ndarray, died: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """The coded observation rows (person, date, code, value, unit) of the chunk's people."""
    n = len(people)
    age = people["age"].to_numpy()
    hypertension = has["hypertension"].to_numpy()
    cardiometabolic = has[list(A.CARDIOMETABOLIC)].to_numpy().any(axis=1)
    rows = []

    recorded = np.where(cardiometabolic, A.BMI_RECORDED[1], A.BMI_RECORDED[0])
    who = np.flatnonzero((age >= 18) & (rng.random(n) < recorded))
    mean = A.BMI_MEAN + A.BMI_DEPRIVATION * d[who]
    for name, shift in A.BMI_SHIFT.items():
        mean = mean + shift * has[name].to_numpy()[who]
    bmi = np.round(np.clip(rng.normal(mean, A.BMI_SD), *A.BMI_LIMITS), 1)
    rows.append(_rows(who, day_in_year(died[who], rng), "bmi", bmi, "kg/m2"))

    recorded = np.where(cardiometabolic, A.BP_RECORDED[1], A.BP_RECORDED[0])
    who = np.flatnonzero((age >= A.BP_MIN_AGE) & (rng.random(n) < recorded))
    high = hypertension[who]
    systolic = np.clip(np.rint(rng.normal(118 + 0.45 * (age[who] - 40) + 12 * high, 14)), 80, 230)
    diastolic = rng.normal(76 + 6 * high - 0.15 * np.maximum(age[who] - 55, 0), 8)
    diastolic = np.clip(np.rint(diastolic), 40, np.minimum(130, systolic - 15))
    date = day_in_year(died[who], rng)
    rows.append(_rows(who, date, "systolic_blood_pressure", systolic, "mmHg"))
    rows.append(_rows(who, date, "diastolic_blood_pressure", diastolic, "mmHg"))
    return pd.concat(rows, ignore_index=True)
