"""Crude rates with Poisson confidence limits on the count.

    rate = O / n × multiplier;  limits = O_L / n × multiplier, O_U / n × multiplier

where O_L, O_U are exact Poisson limits (from the chi-squared distribution) below 10 events and Byar's
approximation from 10 events, following OHID's technical guidance and ``phe_rate``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from icshub.stats._frames import add_limits, check_counts, check_rows, group_columns, require, totals
from icshub.stats._intervals import confidence_levels, poisson_limits


def rate(
    data: pd.DataFrame,
    count: str,
    population: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 100_000,
) -> pd.DataFrame:
    """The crude rate of ``count`` per ``multiplier`` of ``population`` per group, with Poisson limits."""
    groups = group_columns(group_by)
    require(data, [count, population, *groups])
    check_counts(data, [count, population], groups)
    result = totals(data, [count, population], groups)
    check_rows(result, groups, result[population] == 0, f"'{population}' is zero")
    o, n = result[count].to_numpy(float), result[population].to_numpy(float)
    levels = confidence_levels(confidence)
    result["value"] = o / n * multiplier

    def limits(level: float):
        lower, upper, _ = poisson_limits(o, level)
        return lower / n * multiplier, upper / n * multiplier

    add_limits(result, levels, limits)
    result["method"] = poisson_limits(o, levels[0])[2]
    result["suppression_reason"] = None
    return result
