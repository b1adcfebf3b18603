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


def compare_two_levels(
    lower_95: pd.Series | np.ndarray,
    upper_95: pd.Series | np.ndarray,
    lower_99_8: pd.Series | np.ndarray,
    upper_99_8: pd.Series | np.ndarray,
    benchmark: float | np.ndarray,
) -> np.ndarray:
    """Fingertips' two-level comparison: 'higher at 99.8%', 'higher at 95%', 'similar', 'lower at 95%' or
    'lower at 99.8%' (the 99.8% interval clear of the benchmark is the stronger statement); 'not compared'
    when a limit or the benchmark is missing."""
    at_95 = compare_with(lower_95, upper_95, benchmark)
    at_99_8 = compare_with(lower_99_8, upper_99_8, benchmark)
    stronger = np.char.add(at_99_8.astype(str), " at 99.8%")
    weaker = np.char.add(at_95.astype(str), " at 95%")
    verdict = np.where(np.isin(at_99_8, ["higher", "lower"]), stronger, np.where(at_95 == "similar", "similar", weaker))
    missing = (at_95 == "not compared") | (at_99_8 == "not compared")
    return np.where(missing, "not compared", verdict).astype(object)


def judge(comparison: np.ndarray, polarity: Polarity) -> np.ndarray:
    """The comparison in the indicator's words: better/worse when polarity says which direction is good.

    Works on one-level ('higher') and two-level ('higher at 99.8%') comparisons alike."""
    if polarity is Polarity.NO_JUDGEMENT:
        return np.asarray(comparison)
    good, bad = ("higher", "lower") if polarity is Polarity.HIGH_IS_GOOD else ("lower", "higher")

    def word(verdict: str) -> str:
        first, _, rest = verdict.partition(" ")
        named = {good: "better", bad: "worse"}.get(first)
        return f"{named} {rest}".strip() if named else verdict

    return np.vectorize(word, otypes=[object])(np.asarray(comparison))
