"""Funnel-plot control limits around a target, for proportions and for rates.

For a denominator n and a target θ, the limits are the quantiles of the count's distribution under the
target, interpolated so that they vary smoothly with n (Spiegelhalter 2005, "Funnel plots for comparing
institutional performance", Statistics in Medicine 24:1185–1202, appendix A.1):

    r = the smallest count with P(X ≤ r) ≥ p;   α = (P(X ≤ r) − p) / (P(X ≤ r) − P(X ≤ r − 1));
    limit = (r − α) / n

with X ~ Binomial(n, θ) for a proportion and X ~ Poisson(n θ) for a rate, and p = (1 − level)/2 for the
lower limit and 1 − (1 − level)/2 for the upper.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from icshub.stats._frames import StatsInputError
from icshub.stats._intervals import confidence_levels, suffix


def _interpolated(distribution, p: float, n: np.ndarray) -> np.ndarray:
    r = distribution.ppf(p)
    at_r = distribution.cdf(r)
    below_r = distribution.cdf(r - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = np.where(at_r > below_r, (at_r - p) / (at_r - below_r), 0.0)
    return (r - alpha) / n


def funnel_limits(
    denominators: Sequence[float] | np.ndarray,
    target: float,
    kind: str = "proportion",
    confidence: float | Sequence[float] = (0.95, 0.998),
    multiplier: float = 1,
) -> pd.DataFrame:
    """Control limits around ``target`` (a proportion, or a rate per unit) for each denominator.

    ``kind`` is "proportion" or "rate". Values are multiplied by ``multiplier`` (100 for percentages,
    100,000 for rates per 100,000), as is the target in the output.
    """
    n = np.asarray(denominators, dtype=float)
    if np.any(~np.isfinite(n)) or np.any(n <= 0):
        raise StatsInputError("funnel limits need denominators that are positive numbers")
    if kind == "proportion":
        if not 0 <= target <= 1:
            raise StatsInputError(f"a target proportion must be between 0 and 1, not {target}")
        distribution = stats.binom(np.round(n).astype(int), target)
    elif kind == "rate":
        if target < 0:
            raise StatsInputError(f"a target rate cannot be negative ({target})")
        distribution = stats.poisson(n * target)
    else:
        raise StatsInputError(f"kind must be 'proportion' or 'rate', not {kind!r}")
    result = pd.DataFrame({"denominator": n, "target": target * multiplier})
    for level in confidence_levels(confidence):
        tail = (1 - level) / 2
        result[f"lower_{suffix(level)}"] = np.maximum(_interpolated(distribution, tail, n), 0) * multiplier
        result[f"upper_{suffix(level)}"] = _interpolated(distribution, 1 - tail, n) * multiplier
    return result
