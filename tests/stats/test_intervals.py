"""Confidence limits, checked against published values and against independent derivations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import optimize, stats

from icshub.stats._intervals import byars, confidence_levels, exact_poisson, poisson_limits, suffix, wilson, z_value


def test_published_values() -> None:
    # Newcombe (1998), Statistics in Medicine 17:857–872, table I: 81/263 → Wilson 0.2553 to 0.3662.
    low, high = wilson(81, 263, 0.95)
    assert (round(float(low), 4), round(float(high), 4)) == (0.2553, 0.3662)
    # Exact Poisson limits for 5 events, 95%: 1.6235 to 11.6683 (Garwood 1936, the standard table).
    low, high = exact_poisson(5, 0.95)
    assert (round(float(low), 4), round(float(high), 4)) == (1.6235, 11.6683)
    # Byar's limits for 100 events, 95%: 81.36 to 121.63 (Breslow and Day 1987).
    low, high = byars(100, 0.95)
    assert (round(float(low), 2), round(float(high), 2)) == (81.36, 121.63)


def _wilson_by_root_finding(x: int, n: int, level: float) -> tuple[float, float]:
    """Wilson's limits as the proportions p where |x/n − p| = z √(p(1 − p)/n), found numerically."""
    z = stats.norm.ppf(1 - (1 - level) / 2)
    p_hat = x / n

    def gap(p: float) -> float:
        return abs(p_hat - p) - z * math.sqrt(p * (1 - p) / n)

    # Each limit is the root on its side of the estimate (p̂ itself is not one unless the interval is empty).
    lower = optimize.brentq(gap, 1e-15, p_hat - 1e-15) if x > 0 else 0.0
    upper = optimize.brentq(gap, p_hat + 1e-15, 1 - 1e-15) if x < n else 1.0
    return lower, upper


def _exact_poisson_by_root_finding(o: int, level: float) -> tuple[float, float]:
    """The means whose Poisson tail probability of the observed count is (1 − level)/2, found numerically."""
    tail = (1 - level) / 2
    lower = optimize.brentq(lambda mu: stats.poisson.sf(o - 1, mu) - tail, 1e-9, o + 1) if o > 0 else 0.0
    upper = optimize.brentq(lambda mu: stats.poisson.cdf(o, mu) - tail, 1e-9, 10 * o + 20)
    return lower, upper


@pytest.mark.parametrize(("x", "n"), [(0, 10), (1, 50), (20, 100), (81, 263), (999, 1000), (5000, 5000)])
@pytest.mark.parametrize("level", [0.95, 0.998])
def test_wilson_agrees_with_its_definition_to_six_figures(x: int, n: int, level: float) -> None:
    low, high = wilson(x, n, level)
    expected = _wilson_by_root_finding(x, n, level)
    assert float(low) == pytest.approx(expected[0], rel=1e-6, abs=1e-12)
    assert float(high) == pytest.approx(expected[1], rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("count", [0, 1, 2, 5, 9])
@pytest.mark.parametrize("level", [0.95, 0.998])
def test_exact_poisson_agrees_with_its_definition_to_six_figures(count: int, level: float) -> None:
    low, high, method = poisson_limits(count, level)
    expected = _exact_poisson_by_root_finding(count, level)
    assert str(method) == "Exact Poisson"
    assert float(low) == pytest.approx(expected[0], rel=1e-6, abs=1e-9)
    assert float(high) == pytest.approx(expected[1], rel=1e-6)


@pytest.mark.parametrize("count", [10, 37, 100, 2500])
def test_byars_formula_to_six_figures(count: int) -> None:
    z = 1.959963984540054
    lower = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    low, high, method = poisson_limits(count, 0.95)
    assert str(method) == "Byar's"
    assert (float(low), float(high)) == (pytest.approx(lower, rel=1e-6), pytest.approx(upper, rel=1e-6))


def test_levels_and_their_columns() -> None:
    assert confidence_levels(0.95) == (0.95,)
    assert confidence_levels((0.95, 0.998)) == (0.95, 0.998)
    assert (suffix(0.95), suffix(0.998)) == ("95", "99_8")
    assert z_value(0.95) == pytest.approx(1.959964, rel=1e-6)
    with pytest.raises(ValueError, match="between 0 and 1"):
        confidence_levels(95)


@given(st.integers(0, 5000), st.integers(1, 5000))
def test_wilson_brackets_and_widens(x: int, extra: int) -> None:
    n = x + extra
    low95, high95 = wilson(x, n, 0.95)
    low998, high998 = wilson(x, n, 0.998)
    p = x / n
    assert 0 <= low998 <= low95 <= p + 1e-12 and p - 1e-12 <= high95 <= high998 <= 1


@given(st.integers(0, 100_000))
def test_poisson_limits_bracket_and_widen(count: int) -> None:
    low95, high95, _ = poisson_limits(count, 0.95)
    low998, high998, _ = poisson_limits(count, 0.998)
    assert 0 <= low998 <= low95 <= count <= high95 <= high998


@given(st.integers(10_000, 10_000_000))
def test_byars_approaches_the_normal_approximation_for_large_counts(count: int) -> None:
    low, high, _ = poisson_limits(count, 0.95)
    half = 1.959964 * math.sqrt(count)
    assert float(low) == pytest.approx(count - half, rel=1e-3)
    assert float(high) == pytest.approx(count + half, rel=1e-3)


def test_vectorised() -> None:
    low, high, method = poisson_limits(np.array([3, 30]), 0.95)
    assert list(method) == ["Exact Poisson", "Byar's"] and low.shape == high.shape == (2,)
