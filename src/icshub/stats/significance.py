"""Comparing a value with a benchmark as Fingertips does: by whether the value's confidence interval
contains the benchmark, with the words chosen by the indicator's polarity.

At one level (usually 95%): the interval above the benchmark is "higher", below it "lower", otherwise
"similar". With two levels (95% and 99.8%), a difference at 99.8% is the stronger statement. With polarity
"high is good" or "low is good", higher and lower become better and worse.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd


class Polarity(StrEnum):
    HIGH_IS_GOOD = "high_is_good"
    LOW_IS_GOOD = "low_is_good"
    NO_JUDGEMENT = "no_judgement"


def compare_with(
    lower: pd.Series | np.ndarray, upper: pd.Series | np.ndarray, benchmark: float | np.ndarray
) -> np.ndarray:
    """'higher', 'lower' or 'similar' for each interval against the benchmark; 'not compared' if any is missing."""
    low, high, mark = (np.asarray(x, dtype=float) for x in (lower, upper, benchmark))
    missing = np.isnan(low) | np.isnan(high) | np.isnan(mark)
    verdict = np.where(low > mark, "higher", np.where(high < mark, "lower", "similar"))
    return np.where(missing, "not compared", verdict)


def judge(comparison: np.ndarray, polarity: Polarity) -> np.ndarray:
    """The comparison in the indicator's words: better/worse when polarity says which direction is good."""
    if polarity is Polarity.NO_JUDGEMENT:
        return np.asarray(comparison)
    good, bad = ("higher", "lower") if polarity is Polarity.HIGH_IS_GOOD else ("lower", "higher")
    words = {good: "better", bad: "worse", "similar": "similar", "not compared": "not compared"}
    return np.vectorize(words.__getitem__, otypes=[object])(np.asarray(comparison))
