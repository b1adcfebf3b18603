"""How well a risk model's predictions match what happened, overall or per group in one call.

- **Discrimination**, the c-statistic (area under the ROC curve): the chance that a person who had the
  outcome was given a higher risk than one who did not, ties counting a half. From ranks (the
  Mann–Whitney U): c = (R₁ − n₁(n₁ + 1)/2) / (n₁ n₀), R₁ the sum of the mid-ranks of the n₁ people with
  the outcome among all n₁ + n₀. Limits from Hanley and McNeil's standard error (Radiology 1982;143:29).
- **Calibration**: whether the predicted risks are right in size. Calibration-in-the-large compares the
  observed number with the expected number (the sum of the risks): their ratio O/E, with exact Poisson
  limits on O below 10 events and Byar's from 10 (as for an SMR), and the difference of the observed and
  mean predicted risk. The calibration intercept and slope come from logistic recalibration: the intercept
  a in logit P(y) = a + logit(p) (0 when right on average), the slope b in logit P(y) = a' + b·logit(p)
  (1 when right; below 1 when predictions are too extreme). The Brier score is the mean of (p − y)².
  Van Calster et al., J Clin Epidemiol 2016;74:167; Steyerberg, Clinical Prediction Models, 2nd ed. 2019.
- **Observed against expected by tenths** of predicted risk: people sorted by risk into ten groups of equal
  size (people with equal risks may fall into neighbouring tenths so that tenths stay equal), with the
  observed risk and its Wilson limits beside the mean predicted risk.

Each takes a DataFrame with an outcome column (0 or 1) and a predicted column and returns one row per
group (sorted by the ``group_by`` columns). A statistic that a group cannot have (no one with the outcome,
every risk the same) is missing, with the reason in ``note``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.special import logit
from scipy.stats import rankdata

from icshub.stats._frames import StatsInputError, check_rows, group_columns, group_ids, require
from icshub.stats._intervals import confidence_levels, poisson_limits, suffix, wilson, z_value
from icshub.stats.logistic import ModelFitError, fit_logistic

TENTHS = 10


def c_statistic(outcome: np.ndarray | pd.Series | Sequence[int], predicted: np.ndarray | pd.Series) -> float:
    """The c-statistic of ``predicted`` for the 0/1 ``outcome`` (NaN when everyone or no one had it)."""
    y = np.asarray(outcome, dtype=bool)
    ranks = rankdata(np.asarray(predicted, dtype=float))
    events = int(y.sum())
    others = len(y) - events
    if events == 0 or others == 0:
        return float("nan")
    return float((ranks[y].sum() - events * (events + 1) / 2) / (events * others))


def _checked(data: pd.DataFrame, outcome: str, predicted: str, groups: list[str], risks: bool) -> pd.DataFrame:
    require(data, [outcome, predicted, *groups])
    if data.empty:
        raise StatsInputError("the data has no rows")
    y = pd.to_numeric(data[outcome], errors="coerce")
    p = pd.to_numeric(data[predicted], errors="coerce")
    check_rows(data, groups, ~y.isin((0, 1)), f"'{outcome}' is not 0 or 1")
    check_rows(data, groups, ~np.isfinite(p.astype(float)), f"'{predicted}' is missing or not a number")
    if risks:
        check_rows(data, groups, (p <= 0) | (p >= 1), f"'{predicted}' is not a risk strictly between 0 and 1")
    return data.assign(**{outcome: y.astype(int), predicted: p.astype(float)})


def _split(data: pd.DataFrame, groups: list[str]) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """The groups' keys (one row each, in sorted order) and the row positions of each group."""
    ids = group_ids(data, groups)
    order = np.argsort(ids, kind="stable")
    parts = np.split(order, np.cumsum(np.bincount(ids))[:-1])
    keys = data.iloc[[part[0] for part in parts]][groups].reset_index(drop=True)
    return keys, parts


def discrimination(
    data: pd.DataFrame,
    outcome: str,
    predicted: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """The c-statistic per group: ``people``, ``events``, ``value`` and its limits, ``method``, ``note``."""
    groups = group_columns(group_by)
    frame = _checked(data, outcome, predicted, groups, risks=False)
    keys, parts = _split(frame, groups)
    y, p = frame[outcome].to_numpy(), frame[predicted].to_numpy()
    c = np.array([c_statistic(y[part], p[part]) for part in parts])
    n1 = np.array([y[part].sum() for part in parts], dtype=float)
    n0 = np.array([len(part) for part in parts], dtype=float) - n1
    result = keys.assign(people=(n1 + n0).astype(int), events=n1.astype(int), value=c)
    q1, q2 = c / (2 - c), 2 * c**2 / (1 + c)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.sqrt((c * (1 - c) + (n1 - 1) * (q1 - c**2) + (n0 - 1) * (q2 - c**2)) / (n1 * n0))
    for level in confidence_levels(confidence):
        half = z_value(level) * se
        result[f"lower_{suffix(level)}"] = np.clip(c - half, 0, 1)
        result[f"upper_{suffix(level)}"] = np.clip(c + half, 0, 1)
    result["method"] = "c-statistic from ranks, Hanley and McNeil limits"
    notes = [
        "no one had the outcome" if e == 0 else "everyone had the outcome" if o == 0 else None
        for e, o in zip(n1, n0, strict=True)
    ]
    result["note"] = pd.Series(notes, dtype=object)
    return result


def _recalibration(y: np.ndarray, p: np.ndarray, levels: tuple[float, ...]) -> tuple[dict[str, float], str | None]:
    """Calibration intercept (slope fixed at 1) and slope with their limits, or missing with the reason."""
    log_odds = logit(p)
    found: dict[str, float] = {}
    try:
        intercept = fit_logistic(np.empty((len(y), 0)), y, offset=log_odds)
        slope = fit_logistic(log_odds[:, None], y, ["slope"])
    except ModelFitError as refused:
        return {}, f"no recalibration: {refused}"
    for name, fit, term in (("intercept", intercept, 0), ("slope", slope, 1)):
        value, se = fit.coefficients[term], fit.standard_errors[term]
        found[name] = value
        for level in levels:
            found[f"{name}_lower_{suffix(level)}"] = value - z_value(level) * se
            found[f"{name}_upper_{suffix(level)}"] = value + z_value(level) * se
    return found, None


def calibration(
    data: pd.DataFrame,
    outcome: str,
    predicted: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
) -> pd.DataFrame:
    """Calibration per group: ``people``, ``observed``, ``expected``, ``oe_ratio`` with ``oe_lower_…`` and
    ``oe_upper_…``, ``difference`` (observed minus mean predicted risk), ``intercept`` and ``slope`` with
    their limits, ``brier`` and ``note``. ``predicted`` must be risks strictly between 0 and 1."""
    groups = group_columns(group_by)
    levels = confidence_levels(confidence)
    frame = _checked(data, outcome, predicted, groups, risks=True)
    keys, parts = _split(frame, groups)
    y, p = frame[outcome].to_numpy(), frame[predicted].to_numpy()
    people = np.array([len(part) for part in parts])
    observed = np.array([y[part].sum() for part in parts])
    expected = np.array([p[part].sum() for part in parts])
    result = keys.assign(people=people, observed=observed, expected=expected, oe_ratio=observed / expected)
    for level in levels:
        lower, upper, _ = poisson_limits(observed, level)
        result[f"oe_lower_{suffix(level)}"] = lower / expected
        result[f"oe_upper_{suffix(level)}"] = upper / expected
    result["difference"] = (observed - expected) / people
    recalibrated = [_recalibration(y[part], p[part], levels) for part in parts]
    columns = [f"{name}{end}" for name in ("intercept", "slope") for end in ("", *_limit_ends(levels))]
    for column in columns:
        result[column] = [found.get(column, np.nan) for found, _ in recalibrated]
    result["brier"] = [float(np.mean((p[part] - y[part]) ** 2)) for part in parts]
    result["note"] = pd.Series([note for _, note in recalibrated], dtype=object)
    return result


def _limit_ends(levels: tuple[float, ...]) -> list[str]:
    return [f"_{side}_{suffix(level)}" for level in levels for side in ("lower", "upper")]


def calibration_table(
    data: pd.DataFrame,
    outcome: str,
    predicted: str,
    group_by: str | Sequence[str] | None = None,
    confidence: float | Sequence[float] = 0.95,
    bins: int = TENTHS,
) -> pd.DataFrame:
    """Observed against expected by ``bins`` equal groups of predicted risk within each group: ``tenth``
    (1 = lowest risk), ``people``, ``observed``, ``expected``, ``observed_risk`` with Wilson limits,
    ``expected_risk`` (mean predicted), and ``risk_from``/``risk_to`` (the lowest and highest risk)."""
    if bins < 1:
        raise StatsInputError(f"bins must be at least 1, not {bins}")
    groups = group_columns(group_by)
    frame = _checked(data, outcome, predicted, groups, risks=True)
    ids = group_ids(frame, groups)
    p = frame[predicted].to_numpy()
    order = np.lexsort((p, ids))
    sizes = np.bincount(ids)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    position = np.arange(len(order)) - starts[ids[order]]
    tenth = np.empty(len(order), dtype=int)
    tenth[order] = position * bins // sizes[ids[order]] + 1
    binned = frame.assign(_group=ids, tenth=tenth)
    result = (
        binned.groupby(["_group", *groups, "tenth"], sort=True, dropna=False)
        .agg(
            people=(outcome, "size"),
            observed=(outcome, "sum"),
            expected=(predicted, "sum"),
            risk_from=(predicted, "min"),
            risk_to=(predicted, "max"),
        )
        .reset_index()
        .drop(columns="_group")
    )
    result["observed_risk"] = result["observed"] / result["people"]
    result["expected_risk"] = result["expected"] / result["people"]
    for level in confidence_levels(confidence):
        lower, upper = wilson(result["observed"].to_numpy(float), result["people"].to_numpy(float), level)
        result[f"lower_{suffix(level)}"] = lower
        result[f"upper_{suffix(level)}"] = upper
    return result
