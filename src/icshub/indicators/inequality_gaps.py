"""Inequality in an indicator: across deprivation quintiles or deciles (the gap between the most and least
deprived, and the slope index of inequality) and across the system's places (the gap between the highest
and the lowest).

Deprivation groups are read from the breakdown's category words as Fingertips writes them ("Most deprived
quintile" … "Least deprived quintile", and the same for deciles), so Fingertips downloads and the demo's
series are read alike. The SII is ``icshub.stats.sii`` (PHE's method: population-weighted regression on the
relative rank, Monte Carlo limits, seeded), least deprived minus most deprived. Pure: value rows in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from icshub.indicators.benchmarks import area_kind, overall
from icshub.stats import StatsInputError, sii
from icshub.stats.deprivation_groups import DECILE_WORDS, QUINTILE_WORDS, SII_REPETITIONS

_RANK = {w.lower(): (i + 1, len(QUINTILE_WORDS)) for i, w in enumerate(QUINTILE_WORDS)} | {
    w.lower(): (i + 1, len(DECILE_WORDS)) for i, w in enumerate(DECILE_WORDS)
}


def deprivation_rank(category: str) -> tuple[int, int] | None:
    """(rank, of how many) for a deprivation category in Fingertips' words; 1 is the most deprived."""
    return _RANK.get(category.strip().lower())


@dataclass(frozen=True)
class DeprivationGap:
    area_code: str
    area_name: str | None
    period: str
    category_type: str
    groups: list[Any]  # the figures, most deprived first
    gap: float  # most deprived minus least deprived
    sii: float | None  # least deprived minus most deprived, across the whole gradient
    sii_lower: float | None
    sii_upper: float | None
    sii_note: str | None


@dataclass(frozen=True)
class PlaceGap:
    period: str
    lowest: Any
    highest: Any

    @property
    def gap(self) -> float:
        return self.highest.value - self.lowest.value


def _value_type(measure: str | None) -> tuple[str, float]:
    if measure == "percentage":
        return "proportion", 100.0
    if measure == "proportion":
        return "proportion", 1.0
    if measure in {"crude_rate", "dsr"}:
        return "rate", 1.0
    return "normal", 1.0


def deprivation_gap(values: Iterable[Any], measure: str | None, area_code: str | None = None) -> DeprivationGap | None:
    """The latest complete set of deprivation groups (of ``area_code``, else of the first area that has
    them): the gap between its ends and the SII; None when no area has every group of one period."""
    sets: dict[tuple[str, str, int], dict[int, Any]] = {}
    for v in values:
        ranked = deprivation_rank(v.category or "") if v.category_type else None
        if ranked is None or v.value is None or area_code not in (None, v.area_code):
            continue
        sets.setdefault((v.area_code, v.category_type, v.period_order), {})[ranked[0]] = (v, ranked[1])
    complete = {k: g for k, g in sets.items() if len(g) == next(iter(g.values()))[1]}
    if not complete:
        return None
    key = max(complete, key=lambda k: (k[2], k[0] == "E54000032"))
    ranked_figures = [complete[key][rank][0] for rank in sorted(complete[key])]
    most, least = ranked_figures[0], ranked_figures[-1]
    value_type, scale = _value_type(measure)
    slope = lower = upper = note = None
    frame = pd.DataFrame(
        {
            "quantile": range(1, len(ranked_figures) + 1),
            "value": [f.value / scale for f in ranked_figures],
            "lower": [None if f.lower_95 is None else f.lower_95 / scale for f in ranked_figures],
            "upper": [None if f.upper_95 is None else f.upper_95 / scale for f in ranked_figures],
            "population": [f.denominator for f in ranked_figures],
        }
    )
    try:
        result = sii(
            frame,
            "value",
            "population",
            "quantile",
            lower="lower",
            upper="upper",
            repetitions=SII_REPETITIONS,
            value_type=value_type,
            multiplier=scale,
        ).iloc[0]
        slope, lower, upper = float(result["value"]), float(result["lower_95"]), float(result["upper_95"])
    except StatsInputError as error:
        note = f"The slope index of inequality cannot be calculated: {error}"
    return DeprivationGap(
        key[0], most.area_name, most.period, key[1], ranked_figures, most.value - least.value, slope, lower, upper, note
    )


def place_gap(values: Iterable[Any]) -> PlaceGap | None:
    """The highest and lowest place for the latest period at which at least two places have a figure."""
    by_period: dict[int, list[Any]] = {}
    for v in overall(values):
        if area_kind(v.area_code) == "place" and v.value is not None:
            by_period.setdefault(v.period_order, []).append(v)
    usable = [order for order, figures in by_period.items() if len(figures) >= 2]
    if not usable:
        return None
    figures = sorted(by_period[max(usable)], key=lambda v: v.value)
    return PlaceGap(figures[0].period, figures[0], figures[-1])
