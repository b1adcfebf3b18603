"""Directly and indirectly standardised rates.

**DSR** (direct): with age-specific counts Oᵢ, populations nᵢ and standard weights wᵢ,

    DSR = Σ wᵢ Oᵢ/nᵢ / Σ wᵢ × multiplier,    var(DSR) = Σ wᵢ² Oᵢ/nᵢ² / (Σ wᵢ)² × multiplier²

and Dobson's limits (Dobson et al. 1991) from Byar's limits O_L, O_U of the total count O:

    DSR + √(var(DSR)/O) × (O_L − O),    DSR + √(var(DSR)/O) × (O_U − O)

with the 2013 European Standard Population by default. As OHID does, a DSR is not given when the total
count is below 10.

**Non-independent events** (``independent_events=False``): when one person can have several events, the
data give, for each group and age band, the number of people xᵢf who had exactly f events each (one row
per frequency f, in the ``event_frequency`` column). The DSR itself is unchanged, with Oᵢ = Σf f × xᵢf
the band's events, but the variance of each band's count is Σf f² × xᵢf instead of Oᵢ:

    var(DSR) = Σ wᵢ² (Σf f² xᵢf)/nᵢ² / (Σ wᵢ)² × multiplier²

and Dobson's limits use this variance with Byar's limits of the total number of events O = Σᵢ Oᵢ. This is
the method of PHEindicatormethods' ``calculate_dsr(..., independent_events = FALSE)`` (version 2), after
the DSR chapter of OHID's Fingertips Public Health Technical Guidance; with every f = 1 it is the DSR above.

**ISR and SMR** (indirect): the expected count E = Σ nᵢ × (reference rate)ᵢ; SMR = O/E × ``multiplier``
(1, or 100); ISR = O/E × the reference crude rate × ``multiplier``. Limits are O_L/E and O_U/E on the same
scale, exact below 10 events and Byar's from 10.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from icshub.stats._event_frequencies import SPREAD, collapse_event_frequencies
from icshub.stats._frames import (
    StatsInputError,
    add_limits,
    check_bands,
    check_counts,
    check_rows,
    group_columns,
    require,
    totals,
)
from icshub.stats._intervals import byars, confidence_levels, poisson_limits
from icshub.stats.standard_population import ESP2013

DSR_MINIMUM_COUNT = 10
DSR_METHOD = "Dobson"
DSR_NON_INDEPENDENT_METHOD = "Dobson, with variance allowing for non-independent events"


def dsr(
    data: pd.DataFrame,
    count: str,
    population: str,
    age_band: str,
    group_by: str | Sequence[str] | None = None,
    standard: Mapping[str, float] = ESP2013,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
    *,
    independent_events: bool = True,
    event_frequency: str | None = None,
) -> pd.DataFrame:
    """The directly standardised rate per group, with Dobson limits.

    With ``independent_events=True`` (the default) there is one row per group and age band in, and
    ``count`` holds the band's events. With ``independent_events=False`` the events may repeat within a
    person (several admissions of one patient), so the limits must be wider than Poisson ones: there is one
    row per group, age band and event frequency, ``event_frequency`` names the column holding the frequency
    f (a whole number from 1), ``count`` holds the number of people who had exactly f events each and
    ``population`` repeats the band's population on each of its rows. The ``count`` column of the result
    is then the total number of events, Σ f × people, as in PHEindicatormethods.
    """
    groups = group_columns(group_by)
    require(data, [count, population, age_band, *groups])
    check_counts(data, [count, population], groups)
    if independent_events:
        if event_frequency is not None:
            raise StatsInputError("event_frequency is only used with independent_events=False")
        bands = data
        spread = data[count].astype(float)
    else:
        if event_frequency is None:
            raise StatsInputError(
                "independent_events=False needs event_frequency, the column of the number of events per person"
            )
        bands = collapse_event_frequencies(data, count, population, age_band, event_frequency, groups)
        spread = bands[SPREAD].astype(float)
    check_bands(bands, age_band, list(standard), groups)
    check_rows(bands, groups, bands[population] == 0, f"'{population}' is zero in an age band")
    weights = bands[age_band].astype(str).map(standard).astype(float)
    o, n = bands[count].astype(float), bands[population].astype(float)
    frame = bands.assign(
        _weighted=weights * o / n,
        _variance=weights**2 * spread / n**2,
        _weight=weights,
        _count=o,
        _population=n,
    )
    result = totals(frame, ["_weighted", "_variance", "_weight", "_count", "_population"], groups)
    total = result["_count"].to_numpy(float)
    value = result["_weighted"].to_numpy(float) / result["_weight"].to_numpy(float) * multiplier
    variance = result["_variance"].to_numpy(float) / result["_weight"].to_numpy(float) ** 2 * multiplier**2
    suppressed = total < DSR_MINIMUM_COUNT
    result = result.rename(columns={"_count": count, "_population": population}).drop(
        columns=["_weighted", "_variance", "_weight"]
    )
    result["value"] = np.where(suppressed, np.nan, value)

    def limits(level: float) -> tuple[np.ndarray, np.ndarray]:
        with np.errstate(divide="ignore", invalid="ignore"):
            low, high = byars(total, level)
            scale = np.sqrt(variance / total)
            return (
                np.where(suppressed, np.nan, value + scale * (low - total)),
                np.where(suppressed, np.nan, value + scale * (high - total)),
            )

    add_limits(result, confidence_levels(confidence), limits)
    result["method"] = DSR_METHOD if independent_events else DSR_NON_INDEPENDENT_METHOD
    reason = f"total count below {DSR_MINIMUM_COUNT}"
    result["suppression_reason"] = pd.Series([reason if s else None for s in suppressed], dtype=object)
    return result


def _indirect(
    data: pd.DataFrame,
    count: str,
    population: str,
    reference_count: str,
    reference_population: str,
    group_by: str | Sequence[str] | None,
) -> tuple[pd.DataFrame, list[str]]:
    groups = group_columns(group_by)
    require(data, [count, population, reference_count, reference_population, *groups])
    check_counts(data, [count, population, reference_count, reference_population], groups)
    check_rows(data, groups, data[reference_population] == 0, f"'{reference_population}' is zero")
    expected = (
        data[population].astype(float) * data[reference_count].astype(float) / data[reference_population].astype(float)
    )
    frame = data.assign(
        _expected=expected,
        _observed=data[count].astype(float),
        _reference_count=data[reference_count].astype(float),
        _reference_population=data[reference_population].astype(float),
    )
    result = totals(frame, ["_observed", "_expected", "_reference_count", "_reference_population"], groups)
    check_rows(result, groups, result["_expected"] == 0, "the expected count is zero")
    return result, groups


def _ratio_limits(result: pd.DataFrame, confidence, scale: np.ndarray) -> pd.DataFrame:
    o, e = result["_observed"].to_numpy(float), result["_expected"].to_numpy(float)
    levels = confidence_levels(confidence)
    result["value"] = o / e * scale

    def limits(level: float):
        low, high, _ = poisson_limits(o, level)
        return low / e * scale, high / e * scale

    add_limits(result, levels, limits)
    result["method"] = poisson_limits(o, levels[0])[2]
    result["suppression_reason"] = None
    return result.rename(columns={"_observed": "observed", "_expected": "expected"}).drop(
        columns=["_reference_count", "_reference_population"]
    )


def smr(
    data: pd.DataFrame,
    count: str,
    population: str,
    reference_count: str,
    reference_population: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 1,
) -> pd.DataFrame:
    """The standardised ratio of observed to expected events per group (× 100 with ``multiplier=100``).

    Each row is an age band (or other stratum) with the local count and population and the reference
    count and population of that band.
    """
    result, _ = _indirect(data, count, population, reference_count, reference_population, group_by)
    return _ratio_limits(result, confidence, np.full(len(result), float(multiplier)))


def isr(
    data: pd.DataFrame,
    count: str,
    population: str,
    reference_count: str,
    reference_population: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """The indirectly standardised rate per group: the SMR times the reference population's crude rate."""
    result, _ = _indirect(data, count, population, reference_count, reference_population, group_by)
    crude = result["_reference_count"].to_numpy(float) / result["_reference_population"].to_numpy(float)
    return _ratio_limits(result, confidence, crude * multiplier)
