"""Checking and preparing the quantile tables of ``inequality_indices``: every group with each quantile
once, numbers where numbers are needed, values its scale can take; then the shares, ranks and regression
weights each group's SII is fitted with. Refusals name the column and the group."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from icshub.stats._frames import StatsInputError, check_rows, describe_group, require
from icshub.stats._intervals import wilson, z_value
from icshub.stats._scales import ValueType, check_scale, to_scale

MIN_QUANTILES = 5
MAX_QUANTILES = 100


@dataclass
class Prepared:
    keys: pd.DataFrame  # one row per group: the group columns
    natural: np.ndarray  # (groups, quantiles) values on their own scale
    centre: np.ndarray  # the values on the simulation scale (log or logit for rates and proportions)
    se: np.ndarray  # their standard errors on that scale
    share: np.ndarray  # aᵢ
    weight: np.ndarray  # the slope's weights aᵢ(bᵢ − b̄) / Σ aᵢ(bᵢ − b̄)²
    mean_rank: np.ndarray  # b̄ per group


def _numbers(data: pd.DataFrame, column: str, groups: list[str]) -> pd.Series:
    values = pd.to_numeric(data[column], errors="coerce")
    check_rows(data, groups, values.isna() | ~np.isfinite(values), f"'{column}' is missing or not a number")
    return values.astype(float)


def _check_quantiles(data: pd.DataFrame, quantile: str, groups: list[str], nquantiles: int | None) -> int:
    """Quantiles are numbered 1 to N (N from ``nquantiles``, else the highest in the data), with N from 5 to 100
    (PHE's rule), and every group must have each of them exactly once. Returns N."""
    if data.empty:
        raise StatsInputError("the data has no rows")
    labels = pd.to_numeric(data[quantile], errors="coerce")
    check_rows(
        data,
        groups,
        labels.isna() | (labels < 1) | (labels % 1 != 0),
        f"'{quantile}' is not a whole number from 1 (1 = the most deprived)",
    )
    size = int(labels.max()) if nquantiles is None else nquantiles
    if isinstance(size, bool) or not isinstance(size, int | np.integer) or not MIN_QUANTILES <= size <= MAX_QUANTILES:
        raise StatsInputError(
            f"the SII needs {MIN_QUANTILES} to {MAX_QUANTILES} quantiles numbered from 1, but "
            f"{f'{quantile!r} goes up to {size}' if nquantiles is None else f'nquantiles is {size!r}'}"
        )
    check_rows(data, groups, labels > size, f"'{quantile}' is above nquantiles={size}")
    keyed = data[groups].assign(_q=labels)
    twice = data[keyed.duplicated(keep=False).to_numpy()]
    if not twice.empty:
        first = twice.iloc[0]
        raise StatsInputError(f"quantile {first[quantile]} appears twice in {describe_group(first, groups)}")
    if groups:
        sizes = keyed.groupby(groups, sort=False, dropna=False)["_q"].transform("size").to_numpy()
    else:
        sizes = np.full(len(data), len(data))
    short = np.flatnonzero(sizes < size)
    if short.size:
        first = data.iloc[short[0]]
        same = (keyed[groups] == keyed[groups].iloc[short[0]]) | (keyed[groups].isna() & first[groups].isna())
        have = set(labels[same.all(axis=1).to_numpy()])
        missing = [str(q) for q in range(1, size + 1) if q not in have]
        several = len(missing) > 1
        raise StatsInputError(
            f"quantile{'s' if several else ''} {', '.join(missing)} {'are' if several else 'is'} missing in "
            f"{describe_group(first, groups)}: every quantile is needed"
        )
    return size


def prepare(
    data: pd.DataFrame,
    value: str | None,
    population: str,
    quantile: str,
    groups: list[str],
    lower: str | None,
    upper: str | None,
    se: str | None,
    numerator: str | None,
    value_type: ValueType,
    limits_confidence: float,
    nquantiles: int | None,
) -> Prepared:
    if value_type not in ("normal", "rate", "proportion"):
        raise ValueError(f"value_type must be 'normal', 'rate' or 'proportion', not {value_type!r}")
    if value is None and numerator is None:
        raise ValueError("give the indicator as a 'value' column, or (for a proportion) a 'numerator' column")
    if value is None and value_type != "proportion":
        raise ValueError("a 'numerator' gives a proportion: use value_type='proportion'")
    if se is None and (lower is None) != (upper is None):
        raise ValueError("give both 'lower' and 'upper' limits, or 'se'")
    if se is None and lower is None and numerator is None:
        raise ValueError("the standard errors need 'se', or 'lower' and 'upper' limits, or a 'numerator'")
    columns = [c for c in (value, population, quantile, lower, upper, se, numerator) if c is not None]
    require(data, [*columns, *groups])
    data = data.reset_index(drop=True)
    size = _check_quantiles(data, quantile, groups, nquantiles)

    n = _numbers(data, population, groups)
    check_rows(data, groups, n <= 0, f"'{population}' is zero or negative")
    if numerator is not None:
        x = _numbers(data, numerator, groups)
        check_rows(data, groups, x < 0, f"'{numerator}' is negative")
        check_rows(data, groups, x > n, f"'{numerator}' is above '{population}'")
    y = _numbers(data, value, groups) if value is not None else x / n
    check_scale(data, y, value or numerator, value_type, groups)

    z = z_value(limits_confidence)
    if se is not None:
        spread = _numbers(data, se, groups)
        check_rows(data, groups, spread < 0, f"'{se}' is negative")
    else:
        if lower is not None:
            low, high = _numbers(data, lower, groups), _numbers(data, upper, groups)
            check_rows(data, groups, low > high, f"'{lower}' is above '{upper}'")
            names = (lower, upper)
        else:
            wl, wu = wilson(x.to_numpy(), n.to_numpy(), limits_confidence)
            low, high = pd.Series(wl, index=data.index), pd.Series(wu, index=data.index)
            names = (f"the Wilson lower limit of '{numerator}'", f"the Wilson upper limit of '{numerator}'")
        check_scale(data, low, names[0], value_type, groups)
        check_scale(data, high, names[1], value_type, groups)
        transformed = (to_scale(high.to_numpy(), value_type) - to_scale(low.to_numpy(), value_type)) / (2 * z)
        spread = pd.Series(transformed, index=data.index)

    frame = (
        data[groups]
        .assign(_q=pd.to_numeric(data[quantile]), _y=y, _se=spread, _n=n)
        .sort_values([*groups, "_q"], kind="stable")
    )
    shape = (len(frame) // size, size)
    natural = frame["_y"].to_numpy(float).reshape(shape)
    pops = frame["_n"].to_numpy(float).reshape(shape)
    share = pops / pops.sum(axis=1, keepdims=True)
    cumulative = np.cumsum(share, axis=1)
    rank = np.concatenate([np.zeros((shape[0], 1)), cumulative[:, :-1]], axis=1) + share / 2
    mean_rank = (share * rank).sum(axis=1)
    deviation = rank - mean_rank[:, None]
    weight = share * deviation / (share * deviation**2).sum(axis=1, keepdims=True)
    keys = frame[groups].iloc[::size].reset_index(drop=True) if groups else pd.DataFrame(index=range(1))
    return Prepared(
        keys=keys,
        natural=natural,
        centre=to_scale(natural, value_type),
        se=frame["_se"].to_numpy(float).reshape(shape),
        share=share,
        weight=weight,
        mean_rank=mean_rank,
    )
