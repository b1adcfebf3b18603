"""Synthetic indicator series for the demonstration, made by a documented, seeded process.

The Shared Delivery Plan gives each indicator a baseline but no figures over time, and icshub may not ship
figures it cannot source. So that every page, chart and assessment can be shown working, the demo generates
series that are **synthetic** (imported with ``synthetic`` set, and labelled so wherever they appear). They
are built from the system's real small areas so that districts, places, the ICB and deprivation quintiles
add up:

1. An indicator gets a series when it is in use, measured as a percentage or proportion, and has a level
   to anchor on: its baseline value, else its target value. Periods are the seven years 2018 to 2024, as
   financial years (2018/19) when the target is written as one, else as calendar years.
2. For each 2021 LSOA *i* and year *t*: the denominator is Poisson with mean 2% of the LSOA's usual
   residents (Census 2021), and the numerator is binomial with probability

       logit pᵢₜ = a + g·dᵢ + δ_district + β·(t − t₀)

   where dᵢ = (3 − IMD quintile)/2 runs from +1 (most deprived) to −1 (least), g = 0.3 towards the worse
   side of the indicator's polarity (0.15 upwards when it has none), δ is a district effect drawn from
   N(0, 0.12²), β a yearly drift from N(0, 0.05²), and *a* is solved so that the ICB's expected value at the
   baseline period t₀ (else the latest year) equals the anchor level.
3. England's series has the same drift plus an offset from N(0, 0.1²) on the logit scale, with 30 times
   the ICB's denominator.
4. Counts are summed to the ICB, places, districts, counties and the ICB's deprivation quintiles, and the
   value with its 95% and 99.8% limits is computed by ``icshub.stats.proportion`` (Wilson).

Every draw comes from a generator seeded by the run's seed and the indicator's key, so the same seed gives
the same figures, and adding an indicator leaves the others' figures unchanged. Pure: tables in, a table
out in the tidy layout of docs/indicator-data.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import brentq
from scipy.special import expit, logit

from icshub.indicators.load import TIDY_COLUMNS, TIDY_REQUIRED
from icshub.stats import proportion
from icshub.stats.deprivation_groups import QUINTILE_WORDS
from icshub.stats.periods import period_order

YEARS = tuple(range(2018, 2025))
ENGLAND = ("E92000001", "England")
DENOMINATOR_SHARE = 0.02
ENGLAND_SCALE = 30
GRADIENT = 0.3
DISTRICT_SD = 0.12
DRIFT_SD = 0.05
ENGLAND_SD = 0.1
QUINTILE_TYPE = "Deprivation quintile (IMD 2025, national)"
LAYOUT = (*TIDY_REQUIRED, *TIDY_COLUMNS)


@dataclass(frozen=True)
class SeriesSpec:
    """What the generator needs of an indicator."""

    key: str
    measure: str
    polarity: str | None
    level: float
    baseline_period: str | None
    financial: bool

    @property
    def scale(self) -> float:
        return 100.0 if self.measure == "percentage" else 1.0


def spec_for(
    key: str,
    status: str,
    measure: str | None,
    polarity: str | None,
    baseline_value: float | None,
    baseline_period: str | None,
    target_value: float | None,
    target_period: str | None,
) -> SeriesSpec | None:
    """The generator's view of an indicator, or None when it gets no synthetic series (see step 1)."""
    if status != "in_use" or measure not in {"percentage", "proportion"}:
        return None
    level = baseline_value if baseline_value is not None else target_value
    scale = 100.0 if measure == "percentage" else 1.0
    if level is None or not 0 < level / scale < 1:
        return None
    financial = "/" in (target_period or baseline_period or "")
    return SeriesSpec(key, measure, polarity, level, baseline_period, financial)


def period_label(year: int, financial: bool) -> str:
    return f"{year}/{(year + 1) % 100:02d}" if financial else str(year)


def _rng(seed: int, key: str) -> np.random.Generator:
    return np.random.default_rng([seed, int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")])


def _counts(spec: SeriesSpec, areas: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Numerators and denominators per LSOA and year, and England's per year."""
    rng = _rng(seed, spec.key)
    quintile = np.ceil(areas["imd_decile"].to_numpy(float) / 2)
    deprivation = (3 - quintile) / 2
    gradient = {"low_is_good": GRADIENT, "high_is_good": -GRADIENT}.get(spec.polarity or "", GRADIENT / 2)
    districts = sorted(areas["district"].unique())
    effect = dict(zip(districts, rng.normal(0, DISTRICT_SD, len(districts)), strict=True))
    drift = rng.normal(0, DRIFT_SD)
    england_offset = rng.normal(0, ENGLAND_SD)
    anchor_year = next(
        (y for y in YEARS if period_label(y, spec.financial) == spec.baseline_period),
        YEARS[-1],
    )
    shape = gradient * deprivation + areas["district"].map(effect).to_numpy(float)
    weights = areas["population"].to_numpy(float)
    target = spec.level / spec.scale
    intercept = brentq(lambda a: np.average(expit(a + shape), weights=weights) - target, -20, 20)
    years = np.array(YEARS)
    linear = intercept + shape[:, None] + drift * (years - anchor_year)[None, :]
    denominators = rng.poisson(weights[:, None] * DENOMINATOR_SHARE * np.ones(len(YEARS)))
    numerators = rng.binomial(denominators, expit(linear))
    local = pd.DataFrame(
        {
            "lsoa": np.repeat(areas["lsoa"].to_numpy(), len(YEARS)),
            "year": np.tile(years, len(areas)),
            "numerator": numerators.ravel(),
            "denominator": denominators.ravel(),
        }
    )
    england_denominator = denominators.sum(axis=0) * ENGLAND_SCALE
    england_p = expit(logit(target) + england_offset + drift * (years - anchor_year))
    england = pd.DataFrame(
        {
            "year": years,
            "numerator": rng.binomial(england_denominator, england_p),
            "denominator": england_denominator,
        }
    )
    return local, england


def _geographies(local: pd.DataFrame) -> Iterable[tuple[str, str, pd.DataFrame]]:
    """(code column, name column, rows) of each geography the counts are summed to; a unitary authority is
    its own county, so counties are summed only over the districts of two-tier areas."""
    yield "icb", "icb_name", local
    yield "place", "place_name", local
    yield "district", "district_name", local
    yield "county", "county_name", local[local["county"] != local["district"]]


def synthetic_series(specs: Iterable[SeriesSpec], areas: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The tidy table of synthetic figures for every spec, from the small-area table (see
    ``icshub.registry.small_areas``) and a seed."""
    areas = areas.dropna(subset=["imd_decile", "population", "district", "icb"]).reset_index(drop=True)
    frames = []
    for spec in specs:
        local, england = _counts(spec, areas, seed)
        local = local.merge(areas, on="lsoa")
        summed = []
        for code, name, rows in _geographies(local):
            part = rows.dropna(subset=[code]).groupby([code, name, "year"], as_index=False)[
                ["numerator", "denominator"]
            ]
            summed.append(part.sum().rename(columns={code: "area_code", name: "area_name"}))
        by_quintile = local.assign(
            category=np.ceil(local["imd_decile"] / 2).astype(int).map(lambda q: QUINTILE_WORDS[q - 1]),
            category_type=QUINTILE_TYPE,
        )
        summed.append(
            by_quintile.groupby(["icb", "icb_name", "category_type", "category", "year"], as_index=False)[
                ["numerator", "denominator"]
            ]
            .sum()
            .rename(columns={"icb": "area_code", "icb_name": "area_name"})
        )
        summed.append(england.assign(area_code=ENGLAND[0], area_name=ENGLAND[1]))
        table = pd.concat(summed, ignore_index=True).fillna({"category_type": "", "category": ""})
        table = table.assign(
            indicator=spec.key,
            period=[period_label(int(y), spec.financial) for y in table["year"]],
            sex="Persons",
            age="All ages",
            value_note="",
        )
        keys = ["area_code", "category", "year"]
        figures = proportion(
            table, "numerator", "denominator", group_by=keys, confidence=(0.95, 0.998), multiplier=spec.scale
        )
        limits = ["value", "lower_95", "upper_95", "lower_99_8", "upper_99_8"]
        frames.append(table.merge(figures[[*keys, *limits]], on=keys, validate="one_to_one"))
    if not frames:
        return pd.DataFrame(columns=list(LAYOUT))
    result = pd.concat(frames, ignore_index=True)
    result["order"] = result["period"].map(period_order)
    result = result.sort_values(["indicator", "area_code", "category", "order"]).drop(columns="order")
    return result[list(LAYOUT)].reset_index(drop=True)
