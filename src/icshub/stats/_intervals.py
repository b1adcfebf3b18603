"""Confidence limits shared by the methods: levels and their column names, Wilson's score interval for a
proportion, and Poisson limits for a count (exact below 10 events, Byar's approximation from 10).

All functions are vectorised: they take and return NumPy arrays (or scalars) element by element.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import stats

ArrayLike = float | int | np.ndarray | Sequence[float]

# Below this many events, Poisson limits are exact; from it, Byar's approximation (OHID's rule).
EXACT_BELOW = 10


def confidence_levels(confidence: float | Sequence[float]) -> tuple[float, ...]:
    """``0.95`` or ``(0.95, 0.998)`` as a tuple of levels, each strictly between 0 and 1."""
    levels = (confidence,) if isinstance(confidence, int | float) else tuple(confidence)
    if not levels or any(not 0 < level < 1 for level in levels):
        raise ValueError(f"confidence must be a level between 0 and 1, or a pair of them, not {confidence!r}")
    return levels


def suffix(level: float) -> str:
    """The column suffix of a level: 0.95 → '95', 0.998 → '99_8'."""
    text = f"{level * 100:.10g}"
    return text.replace(".", "_")


def z_value(level: float) -> float:
    """The two-sided standard normal quantile for a confidence level (1.959964 for 0.95)."""
    return float(stats.norm.ppf(1 - (1 - level) / 2))


def wilson(numerator: ArrayLike, denominator: ArrayLike, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson's score interval for the proportion numerator/denominator (Wilson 1927; Newcombe 1998)."""
    x = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    z = z_value(level)
    p = x / n
    centre = 2 * n * p + z**2
    spread = z * np.sqrt(z**2 + 4 * n * p * (1 - p))
    scale = 2 * (n + z**2)
    return (centre - spread) / scale, (centre + spread) / scale


def exact_poisson(count: ArrayLike, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Exact limits for a Poisson count from the chi-squared distribution (Garwood 1936)."""
    o = np.asarray(count, dtype=float)
    alpha = 1 - level
    lower = np.where(o > 0, stats.chi2.ppf(alpha / 2, 2 * o) / 2, 0.0)
    upper = stats.chi2.ppf(1 - alpha / 2, 2 * (o + 1)) / 2
    return lower, upper


def byars(count: ArrayLike, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Byar's approximation to the Poisson limits of a count (Breslow and Day 1987)."""
    o = np.asarray(count, dtype=float)
    z = z_value(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = o * (1 - 1 / (9 * o) - z / (3 * np.sqrt(o))) ** 3
    o1 = o + 1
    upper = o1 * (1 - 1 / (9 * o1) + z / (3 * np.sqrt(o1))) ** 3
    return np.where(o > 0, lower, 0.0), upper


def poisson_limits(count: ArrayLike, level: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Limits of a count: exact below 10 events, Byar's from 10; with the method used for each."""
    o = np.asarray(count, dtype=float)
    exact_low, exact_high = exact_poisson(o, level)
    byar_low, byar_high = byars(np.maximum(o, 1), level)
    exact = o < EXACT_BELOW
    method = np.where(exact, "Exact Poisson", "Byar's")
    return np.where(exact, exact_low, byar_low), np.where(exact, exact_high, byar_high), method
