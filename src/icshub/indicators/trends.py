"""Recent trend by the Fingertips rule: a chi-squared test for trend on the latest five points.

For proportions with numerators rᵢ and denominators nᵢ at equally spaced times xᵢ (Armitage 1955):

    p̄ = Σ rᵢ / Σ nᵢ,   T = Σ rᵢ xᵢ − p̄ Σ nᵢ xᵢ,   var(T) = p̄ (1 − p̄) [Σ nᵢ xᵢ² − (Σ nᵢ xᵢ)² / Σ nᵢ],
    χ² = T² / var(T)

A trend is reported when χ² exceeds 9.5495 (the 99.8% point of χ² with one degree of freedom) and its
direction is the same whichever one of the five points is left out; otherwise there is no significant
change. With fewer than five points it cannot be calculated. Words follow the indicator's polarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

POINTS = 5
CRITICAL = 9.5495


@dataclass(frozen=True)
class Trend:
    statistic: float | None
    direction: str  # "increasing", "decreasing", "no significant change", "cannot be calculated"
    words: str


def chi_squared_for_trend(numerators: Sequence[float], denominators: Sequence[float]) -> tuple[float, float]:
    """The chi-squared statistic for a linear trend in proportions, and the sign of the trend."""
    r, n = np.asarray(numerators, float), np.asarray(denominators, float)
    x = np.arange(1, len(r) + 1, dtype=float)
    p = r.sum() / n.sum()
    t = (r * x).sum() - p * (n * x).sum()
    variance = p * (1 - p) * ((n * x**2).sum() - (n * x).sum() ** 2 / n.sum())
    if variance <= 0:
        return 0.0, 0.0
    return float(t**2 / variance), float(np.sign(t))


def recent_trend(numerators: Sequence[float], denominators: Sequence[float], polarity: str | None) -> Trend:
    """The Fingertips recent trend of the latest five points (oldest first)."""
    if len(numerators) < POINTS:
        return Trend(None, "cannot be calculated", f"Cannot be calculated: fewer than {POINTS} points")
    r, n = list(numerators)[-POINTS:], list(denominators)[-POINTS:]
    statistic, sign = chi_squared_for_trend(r, n)
    stable = all(chi_squared_for_trend(r[:i] + r[i + 1 :], n[:i] + n[i + 1 :])[1] == sign for i in range(POINTS))
    if statistic <= CRITICAL or not stable or sign == 0:
        return Trend(statistic, "no significant change", "No significant change")
    direction = "increasing" if sign > 0 else "decreasing"
    if polarity in {"high_is_good", "low_is_good"}:
        better = (sign > 0) == (polarity == "high_is_good")
        return Trend(statistic, direction, f"{direction.capitalize()} and getting {'better' if better else 'worse'}")
    return Trend(statistic, direction, direction.capitalize())
