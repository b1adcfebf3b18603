"""The slope index of inequality (SII) and relative index of inequality (RII) across deprivation quantiles.

As OHID computes them for Fingertips and the PHEindicatormethods ``phe_sii`` (Low and Low 2004). Each group
(an area and period, say) has one row per quantile i of deprivation with its indicator value yᵢ, population
nᵢ and standard error. The quantiles are numbered 1 to N with 1 the *most deprived* (as IMD decile 1), N is
``nquantiles`` or else the highest number in the data, from 5 to 100 (PHE's rule: quintiles to percentiles),
and every group must have each of them exactly once.

**Ranks.** In the order 1 to N, with population shares aᵢ = nᵢ / Σn, each quantile's relative rank is the
midpoint of its slice of the cumulative population:

    bᵢ = a₁ + … + aᵢ₋₁ + aᵢ/2     (0 < bᵢ < 1; rank 0 = the most deprived end, 1 = the least deprived)

**Fit.** PHE fits yᵢ√aᵢ = β₀√aᵢ + β₁bᵢ√aᵢ by least squares without intercept, which is the weighted least
squares regression of y on b with weights aᵢ (that is, weighted by population). In closed form, with
b̄ = Σ aᵢbᵢ and ȳ = Σ aᵢyᵢ (the population-weighted mean):

    β₁ = Σ aᵢ(bᵢ − b̄)yᵢ / Σ aᵢ(bᵢ − b̄)²,    β₀ = ȳ − β₁b̄

**SII** = β₁ × ``multiplier``: the fitted value at rank 1 minus that at rank 0, so *least deprived minus most
deprived* (PHE's sign): positive when the indicator rises as deprivation falls (life expectancy), negative
when it falls (mortality). A negative ``multiplier`` (−1) reverses the sign, as in ``phe_sii``.

**RII**, by default as ``phe_sii``: the ratio of the fitted values at the two ends, (β₀ + β₁)/β₀ (least over
most deprived; 1 when there is no gradient), inverted when ``multiplier`` is negative. With
``rii_definition="mean"`` it is instead β₁/ȳ (the SII relative to the population-weighted mean; 0 when there
is no gradient), the definition of Mackenbach and Kunst (1997) used by ScotPHO; its sign follows the SII's.

**Confidence limits** by simulation, as ``phe_sii``: each quantile's value is drawn ``repetitions`` times from
a normal distribution with its standard error, the regression refitted to every draw, and the limits read
from the sorted simulated statistics at positions round(R × α/2) and round(R × (1 − α/2)) (1-based, R the
repetitions, α = 1 − level), exactly PHE's order statistics. The standard error is ``se`` if given, otherwise
from the quantile's 95% limits, SE = (upper − lower) / (2 × 1.959964). With ``value_type="rate"`` the value
and limits are log-transformed first and with ``"proportion"`` logit-transformed (skewed limits), the draws
made on that scale and transformed back before fitting, as PHE does. Proportions may instead be given as a
``numerator`` over the population; without limits or SE, their 95% limits are then Wilson's (our addition:
``phe_sii`` always needs limits or an SE).

Draws come from a NumPy Generator seeded from ``seed`` and the group's key, so results are deterministic,
independent of the order of the rows, and the same for a group whether or not other groups are present.
Not implemented from ``phe_sii``: its ``transform`` option (fitting on the log/logit scale) and
``reliability_stat``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from icshub.stats._frames import (
    add_limits,
    group_columns,
)
from icshub.stats._inequality_inputs import prepare
from icshub.stats._intervals import confidence_levels, suffix
from icshub.stats._scales import ValueType, from_scale

RiiDefinition = Literal["ratio", "mean"]

MIN_REPETITIONS = 1000
METHOD = "Monte Carlo simulation"
DRAWS_AT_ONCE = 1_000_000  # simulated values held at once (8 MB): groups are simulated in chunks of this size


def _fit(y: np.ndarray, share: np.ndarray, weight: np.ndarray, mean_rank: np.ndarray | float) -> tuple[np.ndarray, ...]:
    """Slope, population-weighted mean and intercept of the weighted regression, along the last axis.

    ``y`` is (groups, quantiles), or (groups, draws, quantiles) with ``share`` and ``weight`` still (groups,
    quantiles). Both are the same sum of products over the quantiles (einsum), so that a simulation with no
    spread reproduces the point estimate exactly, and no temporary copy of ``y`` is made."""
    pattern = "gq,gq->g" if y.ndim == share.ndim else "grq,gq->gr"
    slope = np.einsum(pattern, y, weight)
    mean = np.einsum(pattern, y, share)
    return slope, mean, mean - slope * mean_rank


def _relative(
    slope: np.ndarray, mean: np.ndarray, intercept: np.ndarray, multiplier: float, definition: RiiDefinition
) -> np.ndarray:
    """The RII from the fit: (β₀ + β₁)/β₀ (inverted for a negative multiplier), or ±β₁/ȳ."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if definition == "mean":
            return np.sign(multiplier) * slope / mean
        ratio = (intercept + slope) / intercept
        return 1 / ratio if multiplier < 0 else ratio


def _generator(seed: int, key: dict[str, object], groups: list[str]) -> np.random.Generator:
    """A generator for one group, from ``seed`` and the group's key (not its position among the groups)."""
    text = "\x1f".join(f"{g}={key[g]!s}" for g in groups)
    entropy = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
    return np.random.default_rng([seed, entropy])


def _positions(repetitions: int, level: float) -> tuple[int, int]:
    """PHE's 1-based positions of the limits among the sorted simulations."""
    critical = level + (1 - level) / 2
    low = round(repetitions * (1 - critical))
    high = round(repetitions * critical)
    return min(max(low, 1), repetitions), min(max(high, 1), repetitions)


def _inequality(
    data: pd.DataFrame,
    value: str | None,
    population: str,
    quantile: str,
    group_by: str | Sequence[str] | None,
    confidence: float | Sequence[float],
    lower: str | None,
    upper: str | None,
    repetitions: int,
    seed: int,
    se: str | None,
    numerator: str | None,
    value_type: ValueType,
    multiplier: float,
    rii_definition: RiiDefinition,
    limits_confidence: float,
    nquantiles: int | None,
    wanted_statistics: tuple[str, ...] = ("sii", "rii"),
) -> tuple[pd.DataFrame, dict[str, np.ndarray], dict[str, dict[float, tuple[np.ndarray, np.ndarray]]]]:
    """Point estimates of the SII and RII per group, and simulated limits of the ``wanted_statistics``."""
    levels = confidence_levels(confidence)
    if isinstance(repetitions, bool) or not isinstance(repetitions, int | np.integer):
        raise ValueError(f"repetitions must be a whole number, not {repetitions!r}")
    if repetitions < MIN_REPETITIONS:
        raise ValueError(f"repetitions must be at least {MIN_REPETITIONS} (PHE's minimum), not {repetitions}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a whole number of at least 0, not {seed!r}")
    if rii_definition not in ("ratio", "mean"):
        raise ValueError(f"rii_definition must be 'ratio' or 'mean', not {rii_definition!r}")
    if multiplier == 0:
        raise ValueError("multiplier must not be zero")
    groups = group_columns(group_by)
    prepared = prepare(
        data,
        value,
        population,
        quantile,
        groups,
        lower,
        upper,
        se,
        numerator,
        value_type,
        limits_confidence,
        nquantiles,
    )
    slope, mean, intercept = _fit(prepared.natural, prepared.share, prepared.weight, prepared.mean_rank)
    point = {
        "sii": slope * multiplier,
        "rii": _relative(slope, mean, intercept, multiplier, rii_definition),
    }
    limits: dict[str, dict[float, tuple[np.ndarray, np.ndarray]]] = {
        name: {level: (np.empty(len(slope)), np.empty(len(slope))) for level in levels} for name in wanted_statistics
    }
    positions = {level: _positions(repetitions, level) for level in levels}
    wanted = sorted({p - 1 for pair in positions.values() for p in pair})
    keys = prepared.keys.to_dict("records")
    size = max(1, DRAWS_AT_ONCE // (repetitions * prepared.centre.shape[1]))
    for start in range(0, len(slope), size):
        chunk = slice(start, min(start + size, len(slope)))
        # Each group's draws come from its own generator, straight into one buffer; the arithmetic on them
        # then runs over the whole chunk, in place.
        draws = np.empty((chunk.stop - chunk.start, repetitions, prepared.centre.shape[1]))
        for row, key in enumerate(keys[chunk]):
            _generator(int(seed), key, groups).standard_normal(out=draws[row])
        draws *= prepared.se[chunk, None, :]
        draws += prepared.centre[chunk, None, :]
        simulated = from_scale(draws, value_type)
        s, m, i = _fit(simulated, prepared.share[chunk], prepared.weight[chunk], prepared.mean_rank[chunk, None])
        for name in wanted_statistics:
            values = s * multiplier if name == "sii" else _relative(s, m, i, multiplier, rii_definition)
            ordered = np.partition(values, wanted, axis=1)
            for level, (low, high) in positions.items():
                limits[name][level][0][chunk] = ordered[:, low - 1]
                limits[name][level][1][chunk] = ordered[:, high - 1]
    return prepared.keys, point, limits


def _no_rii_reason(rii: np.ndarray, definition: RiiDefinition) -> np.ndarray:
    undefined = "the fitted value at rank 0 is zero" if definition == "ratio" else "the weighted mean is zero"
    return np.where(np.isfinite(rii), None, f"RII undefined: {undefined}")


def sii(
    data: pd.DataFrame,
    value: str | None,
    population: str,
    quantile: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
    lower: str | None = None,
    upper: str | None = None,
    repetitions: int = 100_000,
    seed: int = 1,
    rii: bool = False,
    *,
    se: str | None = None,
    numerator: str | None = None,
    value_type: ValueType = "normal",
    multiplier: float = 1,
    rii_definition: RiiDefinition = "ratio",
    limits_confidence: float = 0.95,
    nquantiles: int | None = None,
) -> pd.DataFrame:
    """The slope index of inequality per group, least deprived minus most deprived, with simulated limits.

    ``data`` has one row per group and quantile: ``quantile`` (1 to N, 1 = the most deprived; N is
    ``nquantiles`` or else the highest in the data), ``population`` and the indicator ``value`` with its
    standard error as ``se`` or as ``lower``/``upper`` limits at ``limits_confidence`` (95%, as PHE requires).
    ``value_type`` "rate" or "proportion" simulates on the log or logit scale. ``rii=True`` adds ``rii`` and its
    limits (``rii_lower_95``, ...). The output also gives the number of ``repetitions``. Refused, naming the
    group: a quantile missing, repeated or not numbered from 1, fewer than 5 or more than 100 quantiles,
    missing values, populations of zero or less, negative SEs, values a rate or proportion cannot take. See
    the module docstring for the formulas and the sign convention.
    """
    keys, point, limits = _inequality(
        data, value, population, quantile, group_by, confidence, lower, upper, repetitions, seed,
        se, numerator, value_type, multiplier, rii_definition, limits_confidence, nquantiles,
        ("sii", "rii") if rii else ("sii",),
    )  # fmt: skip
    result = keys.copy()
    result["value"] = point["sii"]
    levels = confidence_levels(confidence)
    add_limits(result, levels, lambda level: limits["sii"][level])
    if rii:
        result["rii"] = point["rii"]
        for level in levels:
            result[f"rii_lower_{suffix(level)}"] = limits["rii"][level][0]
            result[f"rii_upper_{suffix(level)}"] = limits["rii"][level][1]
    result["repetitions"] = repetitions
    result["method"] = METHOD
    result["suppression_reason"] = _no_rii_reason(point["rii"], rii_definition) if rii else None
    return result


def rii(
    data: pd.DataFrame,
    value: str | None,
    population: str,
    quantile: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
    lower: str | None = None,
    upper: str | None = None,
    repetitions: int = 100_000,
    seed: int = 1,
    *,
    se: str | None = None,
    numerator: str | None = None,
    value_type: ValueType = "normal",
    multiplier: float = 1,
    rii_definition: RiiDefinition = "ratio",
    limits_confidence: float = 0.95,
    nquantiles: int | None = None,
) -> pd.DataFrame:
    """The relative index of inequality per group as ``value``, with simulated limits.

    By default PHE's: the fitted value at the least deprived end over that at the most deprived end (1 = no
    gradient). ``rii_definition="mean"`` gives the SII over the population-weighted mean instead (0 = no
    gradient). Same arguments, refusals and simulations (the same draws) as :func:`sii`. Where the RII's
    denominator is zero the value is missing and ``suppression_reason`` says why.
    """
    keys, point, limits = _inequality(
        data, value, population, quantile, group_by, confidence, lower, upper, repetitions, seed,
        se, numerator, value_type, multiplier, rii_definition, limits_confidence, nquantiles, ("rii",),
    )  # fmt: skip
    result = keys.copy()
    result["value"] = point["rii"]
    add_limits(result, confidence_levels(confidence), lambda level: limits["rii"][level])
    result["repetitions"] = repetitions
    result["method"] = METHOD
    result["suppression_reason"] = _no_rii_reason(point["rii"], rii_definition)
    return result
