"""Long-term conditions, frailty deficits and deaths of the synthetic people.

Each condition follows the log-odds model of ``assumptions.ConditionRate``. Its intercept is solved once per
run (``calibrate``) over the whole system's population by single year of age, sex and IMD decile, integrating
over the shared factor by Gauss-Hermite quadrature, so that the expected prevalence in Kent and Medway's
population equals the published figure whatever the scale of the run. A condition's coded row carries a
diagnosis date drawn uniformly between the age it can start and the person's age now.
"""

from __future__ import annotations

import math
from functools import cache
from importlib.resources import files

import numpy as np
import pandas as pd
from scipy.optimize import brentq
from scipy.special import expit

from icshub.population.synthetic import assumptions as A
from icshub.population.synthetic.people import NO_DATE, female_share, old_age_weights, qx
from icshub.registry.population_frame import band_column
from icshub.registry.queries import AGE_BANDS

YEAR = 365.25
QUADRATURE = 24


@cache
def codelist(name: str) -> tuple[str, ...]:
    """The codes of a default codelist (``defaults/codelists/<name>.csv``, OpenCodelists form), in the file's
    order: its first code is the most used."""
    with (files("icshub.defaults") / "codelists" / f"{name}.csv").open() as handle:
        return tuple(pd.read_csv(handle, dtype=str)["code"])


def deprivation(decile: np.ndarray) -> np.ndarray:
    """IMD decile on a scale from −1 (decile 10, least deprived) to +1 (decile 1, most deprived)."""
    return (5.5 - np.asarray(decile, dtype=float)) / 4.5


def linear_part(rate: A.ConditionRate, age: np.ndarray, female: np.ndarray, d: np.ndarray) -> np.ndarray:
    """The log-odds of a condition without its intercept and shared factor."""
    return rate.slope * (age - 50) / 10 + math.log(rate.female_odds) * female + math.log(rate.deprivation_odds) / 2 * d


def calibrate(areas: pd.DataFrame) -> dict[str, float]:
    """Each condition's intercept, solved so that its prevalence among people of its denominator ages, over the
    population of ``areas`` (by age band and IMD decile), equals the published prevalence."""
    ages = np.arange(A.OLDEST + 1)
    within = np.zeros((len(AGE_BANDS), len(ages)))
    for b, band in enumerate(AGE_BANDS):
        if band in A.AGE_BAND_LIMITS:
            low, high = A.AGE_BAND_LIMITS[band]
            within[b, low : high + 1] = 1 / (high - low + 1)
        else:
            within[b, 65:] = old_age_weights()
    deciles = np.arange(1, 11)
    by_decile = (
        areas.groupby(areas["imd_decile"].astype(int))[[band_column(b) for b in AGE_BANDS]]
        .sum()
        .reindex(deciles, fill_value=0)
        .to_numpy(float)
    )
    people = by_decile @ within  # decile × age
    share = female_share(ages)
    age, decile = np.meshgrid(ages, deciles)
    d = deprivation(decile)
    nodes, node_weights = np.polynomial.hermite_e.hermegauss(QUADRATURE)
    node_weights = node_weights / node_weights.sum()
    intercepts = {}
    for name, rate in A.CONDITIONS.items():
        base = [linear_part(rate, age, female, d) for female in (False, True)]
        weights = [people * (1 - share), people * share]

        def gap(a: float, rate: A.ConditionRate = rate, base: list = base, weights: list = weights) -> float:
            cases = total = 0.0
            for linear, weight in zip(base, weights, strict=True):
                p = expit(a + linear[..., None] + A.SHARED_LOADING * nodes) @ node_weights
                p = np.where(age >= rate.min_age, p, 0.0)
                counted = age >= rate.denominator_age
                cases += float((p * weight)[counted].sum())
                total += float(weight[counted].sum())
            return cases / total - rate.prevalence

        intercepts[name] = brentq(gap, -30, 10)
    return intercepts


def draw_conditions(
    people: pd.DataFrame, d: np.ndarray, intercepts: dict[str, float], rng: np.random.Generator
) -> pd.DataFrame:
    """Whether each person has each condition (one boolean column per condition), and their shared factor."""
    age, female = people["age"].to_numpy(), people["female"].to_numpy()
    z = rng.standard_normal(len(people))
    has = {"shared_factor": z}
    for name, rate in A.CONDITIONS.items():
        p = expit(intercepts[name] + linear_part(rate, age, female, d) + A.SHARED_LOADING * z)
        has[name] = (age >= rate.min_age) & (rng.random(len(people)) < p)
    return pd.DataFrame(has)


def draw_deaths(people: pd.DataFrame, has: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """The day of death (days since 1970) of those who die in the year, else ``NO_DATE``: the life table's risk at
    their age and sex, moved by their conditions' hazard ratios and rescaled so that each sex and five-year
    age group keeps the life table's mortality (see ``assumptions.DEATH_HAZARD``)."""
    age, female = people["age"].to_numpy(), people["female"].to_numpy()
    log_hazard = sum(math.log(ratio) * has[name].to_numpy() for name, ratio in A.DEATH_HAZARD.items())
    hazard = np.exp(log_hazard)
    group = female * 100 + np.minimum(age // 5, 99)
    mean = np.bincount(group, weights=hazard, minlength=200) / np.maximum(np.bincount(group, minlength=200), 1)
    risk = np.clip(qx(age, female) * hazard / mean[group], 0, 0.95)
    dies = rng.random(len(people)) < risk
    start = np.datetime64(A.YEAR_START, "D").astype(np.int64)
    days = start + rng.integers(0, (A.YEAR_END - A.YEAR_START).days + 1, len(people))
    return np.where(dies, days, NO_DATE)


def choose_codes(codes: tuple[str, ...], female: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A code of the list for each person: the first with ``FIRST_CODE_SHARE``, the rest equally, never a
    code of the other sex (``SEX_OF_CODE``)."""
    chosen = np.empty(len(female), dtype=object)
    for is_female in (False, True):
        sex = "female" if is_female else "male"
        allowed = [c for c in codes if A.SEX_OF_CODE.get(c, sex) == sex]
        weights = np.array(
            [A.FIRST_CODE_SHARE] + [(1 - A.FIRST_CODE_SHARE) / max(len(allowed) - 1, 1)] * (len(allowed) - 1)
        )
        mask = female == is_female
        chosen[mask] = np.array(allowed, dtype=object)[
            rng.choice(len(allowed), int(mask.sum()), p=weights / weights.sum())
        ]
    return chosen


def condition_rows(
    people: pd.DataFrame, has: pd.DataFrame, died: np.ndarray, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coded rows (person, date, code) of every condition a person has, and the flag rows of the
    conditions that are also flagged; diagnosed at a uniform age between the condition's first age and now,
    never after death."""
    end = np.datetime64(A.YEAR_END, "D").astype(np.int64)
    last = np.where(died != NO_DATE, died, end)
    coded, flags = [], []
    for name, rate in A.CONDITIONS.items():
        who = np.flatnonzero(has[name].to_numpy())
        age = people["age"].to_numpy()[who]
        at_age = rate.min_age + rng.random(len(who)) * (age + 1 - rate.min_age)
        date = np.minimum(people["born"].to_numpy()[who] + (at_age * YEAR).astype(np.int64), last[who])
        codes = choose_codes(codelist(rate.codelist), people["female"].to_numpy()[who], rng)
        coded.append(pd.DataFrame({"person": who, "date": date, "code": codes}))
        if name in A.FLAGGED:
            flags.append(pd.DataFrame({"person": who, "flag": A.FLAGGED[name], "date": date}))
    empty = pd.DataFrame({"person": np.array([], dtype=np.int64), "flag": [], "date": np.array([], dtype=np.int64)})
    return pd.concat(coded, ignore_index=True), pd.concat(flags or [empty], ignore_index=True)
