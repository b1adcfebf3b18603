"""Proportions with Wilson score confidence limits.

    p = x / n;  limits = (2np + z² ± z·√(z² + 4np(1−p))) / (2(n + z²))

as in OHID's Fingertips and the PHEindicatormethods ``phe_proportion`` (Wilson 1927; Newcombe 1998).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from icshub.stats._frames import add_limits, check_counts, check_rows, group_columns, require, totals
from icshub.stats._intervals import confidence_levels, wilson


def proportion(
    data: pd.DataFrame,
    numerator: str,
    denominator: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
    multiplier: float = 1,
) -> pd.DataFrame:
    """The proportion of ``numerator`` in ``denominator`` per group, with Wilson limits.

    Rows are summed within each group first. ``multiplier`` = 100 gives a percentage. Refused, naming
    the group: missing or negative counts, a numerator above its denominator, a zero denominator.
    """
    groups = group_columns(group_by)
    require(data, [numerator, denominator, *groups])
    check_counts(data, [numerator, denominator], groups)
    result = totals(data, [numerator, denominator], groups)
    check_rows(result, groups, result[numerator] > result[denominator], f"'{numerator}' is above '{denominator}'")
    check_rows(result, groups, result[denominator] == 0, f"'{denominator}' is zero")
    x, n = result[numerator].to_numpy(float), result[denominator].to_numpy(float)
    result["value"] = x / n * multiplier
    add_limits(
        result,
        confidence_levels(confidence),
        lambda level: tuple(limit * multiplier for limit in wilson(x, n, level)),
    )
    result["method"] = "Wilson"
    result["suppression_reason"] = None
    return result
