"""Funnel limits and comparison with a benchmark."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from icshub.stats import Polarity, StatsInputError, compare_two_levels, compare_with, funnel_limits, judge


def test_funnel_limit_by_interpolated_binomial_quantile() -> None:
    n, p0 = 200, 0.3
    result = funnel_limits([n], p0, "proportion", confidence=0.95).iloc[0]
    # Spiegelhalter (2005) appendix A.1.1, written out for the upper limit.
    p = 0.975
    r = sps.binom.ppf(p, n, p0)
    alpha = (sps.binom.cdf(r, n, p0) - p) / (sps.binom.cdf(r, n, p0) - sps.binom.cdf(r - 1, n, p0))
    assert result["upper_95"] == pytest.approx((r - alpha) / n, rel=1e-9)


@settings(max_examples=50, deadline=None)
@given(st.integers(20, 100_000), st.floats(0.05, 0.95))
def test_funnels_narrow_with_the_denominator_and_approach_the_normal_limits(n: int, p0: float) -> None:
    small, large = funnel_limits([n, 4 * n], p0, "proportion").itertuples(index=False)
    assert large.lower_95 >= small.lower_95 - 1e-9 and large.upper_95 <= small.upper_95 + 1e-9
    assert small.lower_99_8 <= small.lower_95 <= p0 <= small.upper_95 <= small.upper_99_8
    if n * p0 * (1 - p0) > 2000:
        half = 1.959964 * np.sqrt(p0 * (1 - p0) / n)
        assert small.upper_95 == pytest.approx(p0 + half, abs=half * 0.05)


def test_rate_funnels_and_refusals() -> None:
    result = funnel_limits([10_000, 100_000], 0.004, "rate", multiplier=100_000)
    assert (result["target"] == 400).all() and (result["lower_95"] < 400).all() and (result["upper_95"] > 400).all()
    with pytest.raises(StatsInputError, match="positive numbers"):
        funnel_limits([0], 0.1)
    with pytest.raises(StatsInputError, match="between 0 and 1"):
        funnel_limits([10], 1.5)


def test_comparison_words() -> None:
    verdicts = compare_with([1.0, 5.0, 2.0, np.nan], [3.0, 6.0, 5.0, 1.0], 4.5)
    assert list(verdicts) == ["lower", "higher", "similar", "not compared"]
    assert list(judge(verdicts, Polarity.HIGH_IS_GOOD)) == ["worse", "better", "similar", "not compared"]
    assert list(judge(verdicts, Polarity.LOW_IS_GOOD)) == ["better", "worse", "similar", "not compared"]
    assert list(judge(verdicts, Polarity.NO_JUDGEMENT)) == list(verdicts)


def test_two_level_comparison_gives_the_stronger_statement_at_99_8() -> None:
    # Intervals around a benchmark of 10: clear at 99.8%, clear only at 95%, overlapping, below, and missing.
    lower_95 = np.array([12.0, 10.5, 9.0, 7.0, 8.0, np.nan])
    upper_95 = np.array([14.0, 12.0, 11.0, 9.5, 9.0, 1.0])
    lower_99_8 = np.array([11.0, 9.5, 8.0, 6.0, 7.5, 1.0])
    upper_99_8 = np.array([15.0, 13.0, 12.0, 10.5, 9.9, 2.0])
    verdicts = compare_two_levels(lower_95, upper_95, lower_99_8, upper_99_8, 10.0)
    assert list(verdicts) == [
        "higher at 99.8%",
        "higher at 95%",
        "similar",
        "lower at 95%",
        "lower at 99.8%",
        "not compared",
    ]
    assert list(judge(verdicts, Polarity.LOW_IS_GOOD))[:5] == [
        "worse at 99.8%",
        "worse at 95%",
        "similar",
        "better at 95%",
        "better at 99.8%",
    ]


@given(
    value=st.floats(1, 100),
    half_95=st.floats(0.01, 10),
    extra=st.floats(0, 10),
    benchmark=st.floats(-20, 130),
)
def test_two_level_comparison_agrees_with_each_level(value, half_95, extra, benchmark) -> None:
    half_99_8 = half_95 + extra
    verdict = compare_two_levels(
        [value - half_95], [value + half_95], [value - half_99_8], [value + half_99_8], benchmark
    )[0]
    at_95 = compare_with([value - half_95], [value + half_95], benchmark)[0]
    at_99_8 = compare_with([value - half_99_8], [value + half_99_8], benchmark)[0]
    assert verdict.split(" ")[0] == at_95
    if at_99_8 != "similar":
        assert verdict == f"{at_99_8} at 99.8%"
