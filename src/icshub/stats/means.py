"""Means with Student's t confidence limits: mean ± t(n−1) × s / √n (as ``phe_mean``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from icshub.stats._frames import add_limits, check_rows, group_columns, require
from icshub.stats._intervals import confidence_levels


def mean(
    data: pd.DataFrame,
    value: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """The mean of ``value`` per group with t-distribution limits; at least two values are needed."""
    groups = group_columns(group_by)
    require(data, [value, *groups])
    numbers = pd.to_numeric(data[value], errors="coerce")
    check_rows(data, groups, numbers.isna(), f"'{value}' is missing or not a number")
    frame = data.assign(**{value: numbers})
    grouped = frame.groupby(groups, sort=True, dropna=False)[value] if groups else None
    if grouped is not None:
        result = grouped.agg(value_sum="sum", count="count", sd="std").reset_index()
    else:
        result = pd.DataFrame({"value_sum": [numbers.sum()], "count": [numbers.count()], "sd": [numbers.std()]})
    check_rows(result, groups, result["count"] < 2, f"'{value}' has fewer than two values")
    n = result["count"].to_numpy(float)
    centre = result["value_sum"].to_numpy(float) / n
    sd = result["sd"].to_numpy(float)
    result["value"] = centre

    def limits(level: float):
        half = stats.t.ppf(1 - (1 - level) / 2, n - 1) * sd / np.sqrt(n)
        return centre - half, centre + half

    add_limits(result, confidence_levels(confidence), limits)
    result["method"] = "Student's t"
    result["suppression_reason"] = None
    return result
