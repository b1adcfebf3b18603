"""Life expectancy from an abridged life table: Chiang's method, with Silcocks' variance for the final band.

As OHID (formerly PHE) computes it for Fingertips and in ``phe_life_expectancy`` of the R package
PHEindicatormethods: 20 age bands, 0, 1–4, 5–9, …, 85–89 and 90+ (labels ``"0"``, ``"1-4"``, ``"5-9"``, …,
``"85-89"``, ``"90+"``). For band i starting at age xᵢ, with deaths Dᵢ and population (person-years) Pᵢ:

    nᵢ = width of the band (1, 4, then 5s; the 90+ band is open)
    aᵢ = fraction of the band lived by those who die in it: 0.1 for age 0, 0.5 otherwise
    mᵢ = Dᵢ / Pᵢ
    qᵢ = nᵢ mᵢ / (1 + (1 − aᵢ) nᵢ mᵢ), and 1 when aᵢ nᵢ mᵢ > 1 (where the formula would exceed 1)
         and for the open band
    l₀ = 100,000,  lᵢ₊₁ = lᵢ (1 − qᵢ),  dᵢ = lᵢ − lᵢ₊₁
    Lᵢ = nᵢ (lᵢ₊₁ + aᵢ dᵢ),  and for the open band L_w = l_w / m_w
    Tᵢ = Σ_{j ≥ i} Lⱼ,  eᵢ = Tᵢ / lᵢ

The variance of eₓ is Chiang's (Chiang 1968), with the open band's term of Silcocks et al. (2001):

    var(eₓ) = [ Σ_{x ≤ i < w} lᵢ² ((1 − aᵢ) nᵢ + eᵢ₊₁)² var(qᵢ) + (l_w / 2)² × 4 / (D_w m_w²) ] / lₓ²
    var(qᵢ) = nᵢ² mᵢ (1 − aᵢ nᵢ mᵢ) / (Pᵢ (1 + (1 − aᵢ) nᵢ mᵢ)³) = qᵢ² (1 − qᵢ) / Dᵢ

(zero when Dᵢ = 0, and when qᵢ = 1), and the limits are eₓ ± z √var(eₓ) for each confidence level.

Input the method cannot use is refused (StatsInputError naming the group): a band missing, duplicated or
not one of the 20; deaths or population missing or negative; deaths greater than the population of a
band. ``phe_life_expectancy`` returns NA for such groups instead. A value is withheld (NaN, with
``suppression_reason``), as in ``phe_life_expectancy`` (ukhsa-collaboration/PHEindicatormethods,
R/LifeExpectancy.R, which follows PHE's Life Expectancy Calculator in the Fingertips technical guidance),
when, in this order:

1. the group's total population is below 5,000, the minimum for a robust estimate (Toson and Baker 2003);
2. a band's population is zero (its death rate is undefined);
3. there are no deaths in the 90+ band (the open band's L = l/m and its variance are infinite);
4. nobody in the life table survives to ``start_age`` (a band before it has q = 1), so eₓ is undefined;
5. the 95% confidence interval is wider than 20 years (1.96 × SE > 10), whatever levels are asked for
   (in recent versions of the package; it shows the limits, where here they are withheld too).

References: Chiang CL. The life table and its construction. In: Introduction to Stochastic Processes in
Biostatistics. Wiley, 1968:189–214. Newell C. Methods and Models in Demography. Wiley, 1994:63–81.
Silcocks PBS, Jenner DA, Reza R. Life expectancy as a summary of mortality in a population: statistical
considerations and suitability for use by health authorities. J Epidemiol Community Health 2001;55:38–43.
Toson B, Baker A. Life expectancy at birth: methodological options for small populations. National
Statistics Methodological Series No 33, 2003. Eayres DP, Williams ES. Evaluation of methodologies for small
area life expectancy estimation. J Epidemiol Community Health 2004;58:243–249.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from icshub.stats._frames import (
    StatsInputError,
    add_limits,
    check_bands,
    check_counts,
    check_rows,
    group_columns,
    require,
    totals,
)
from icshub.stats._intervals import confidence_levels, z_value

BAND_STARTS: tuple[int, ...] = (0, 1, *range(5, 95, 5))
BANDS: tuple[str, ...] = ("0", "1-4", *(f"{s}-{s + 4}" for s in range(5, 90, 5)), "90+")
WIDTHS = np.array([1.0, 4.0, *([5.0] * 17), np.nan])  # the open band has no width
FRACTIONS = np.array([0.1, *([0.5] * 19)])
RADIX = 100_000.0
MINIMUM_POPULATION = 5_000
MAXIMUM_CI_WIDTH = 20.0
METHOD = "Chiang II, with Silcocks et al. for the 90+ band"


def _life_table(deaths: np.ndarray, population: np.ndarray, start: int) -> tuple[np.ndarray, ...]:
    """e at band ``start``, its variance, and l there, for each row of (groups × 20 bands) arrays."""
    n, a = WIDTHS[:-1], FRACTIONS[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        m = deaths / population
        closed = m[:, :-1]
        q = np.where(a * n * closed > 1, 1.0, n * closed / (1 + (1 - a) * n * closed))
        alive = RADIX * np.hstack([np.ones((len(m), 1)), np.cumprod(1 - q, axis=1)])  # lᵢ
        after = alive[:, 1:]  # lᵢ₊₁
        lived = np.hstack([n * (after + a * (alive[:, :-1] - after)), alive[:, -1:] / m[:, -1:]])  # Lᵢ
        beyond = np.cumsum(lived[:, ::-1], axis=1)[:, ::-1]  # Tᵢ
        e = np.where(alive > 0, beyond / alive, 0.0)
        var_q = np.where((deaths[:, :-1] > 0) & (q < 1), q**2 * (1 - q) / deaths[:, :-1], 0.0)
        weighted = np.hstack(
            [
                alive[:, :-1] ** 2 * ((1 - a) * n + e[:, 1:]) ** 2 * var_q,
                (alive[:, -1:] / 2) ** 2 * 4 / (deaths[:, -1:] * m[:, -1:] ** 2),
            ]
        )
        variance = weighted[:, start:].sum(axis=1) / alive[:, start] ** 2
    return e[:, start], variance, alive[:, start]


def life_expectancy(
    data: pd.DataFrame,
    deaths: str,
    population: str,
    age_band: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
    start_age: int = 0,
) -> pd.DataFrame:
    """Life expectancy at ``start_age`` (at birth by default) per group, by Chiang's abridged life table.

    Each row of ``data`` is one of the 20 age bands (``"0"``, ``"1-4"``, …, ``"85-89"``, ``"90+"``) of a group,
    with its deaths and population; ``start_age`` is the start of a band (0, 1, 5, …, 90). Returns one row
    per group with the group columns, the group's total deaths and population, ``value`` (years), limits
    for each confidence level, ``method`` and ``suppression_reason``; see the module docstring for the
    formulas and for when a value is refused or withheld, as OHID does for Fingertips.
    """
    if isinstance(start_age, bool) or start_age not in BAND_STARTS:
        raise ValueError(f"start_age must be the start of an age band ({', '.join(map(str, BAND_STARTS))})")
    levels = confidence_levels(confidence)
    groups = group_columns(group_by)
    require(data, [deaths, population, age_band, *groups])
    if data.empty:
        raise StatsInputError("the data has no rows")
    check_counts(data, [deaths, population], groups)
    group_id = check_bands(data, age_band, BANDS, groups)
    d_in, p_in = data[deaths].astype(float), data[population].astype(float)
    check_rows(data, groups, d_in > p_in, f"'{deaths}' is greater than '{population}' in an age band")

    band = data[age_band].astype(str).map({b: i for i, b in enumerate(BANDS)}).to_numpy(int)
    order = np.lexsort((band, group_id))
    d = d_in.to_numpy()[order].reshape(-1, len(BANDS))
    p = p_in.to_numpy()[order].reshape(-1, len(BANDS))

    frame = data.assign(**{deaths: d_in, population: p_in})
    result = totals(frame, [deaths, population], groups)
    start = BAND_STARTS.index(start_age)
    value, variance, survivors = _life_table(d, p, start)
    se = np.sqrt(variance)

    rules = [  # in order of precedence: the first that applies is the reason given
        (p.sum(axis=1) < MINIMUM_POPULATION, "total population less than 5,000"),
        ((p == 0).any(axis=1), f"'{population}' is zero in an age band"),
        (d[:, -1] == 0, "no deaths in the 90+ age band"),
        (~(survivors > 0), "no survivors to the start age in the life table"),
        (2 * z_value(0.95) * se > MAXIMUM_CI_WIDTH, "95% confidence interval wider than 20 years"),
    ]
    reason = np.full(len(result), None, dtype=object)
    suppressed = np.zeros(len(result), dtype=bool)
    for condition, text in rules:
        reason[condition & ~suppressed] = text
        suppressed |= condition

    result["value"] = np.where(suppressed, np.nan, value)

    def limits(level: float):
        with np.errstate(invalid="ignore"):  # infinite when withheld for no deaths at 90+
            lower, upper = value - z_value(level) * se, value + z_value(level) * se
        return np.where(suppressed, np.nan, lower), np.where(suppressed, np.nan, upper)

    add_limits(result, levels, limits)
    result["method"] = METHOD
    # An object column, so that None stays None rather than becoming NaN in a string column.
    result["suppression_reason"] = pd.Series(reason, index=result.index, dtype=object)
    return result
