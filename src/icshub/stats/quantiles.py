"""Assigning areas to quantiles (quintiles, deciles, ...) of an indicator or deprivation score.

As OHID's technical guide "Assigning deprivation categories" and the PHEindicatormethods ``phe_quantile``:
within each group (``group_by`` and the higher geography ``highergeog``, e.g. the region within which local
deciles are wanted), the n areas are ranked on ``value``, ties taking the lowest rank (rank 1 = the lowest
value, or with ``inverttiles`` the highest), and with N quantiles

    quantile = ⌊(N + 1) − ⌈((n + 1) − rank) / (n / N)⌉⌋,   and 1 where that gives 0,

which gives the quantiles as equal numbers of areas as possible: when the values are all different, quantile
q (counted c = N + 1 − q from the top) has ⌊c·n/N⌋ − ⌊(c − 1)·n/N⌋ areas, so the sizes differ by at most one
(12 areas in quintiles: 3, 2, 3, 2, 2). Tied areas share a quantile, so ties across a boundary can make the
sizes less equal; OHID advises a manual review in that case.

Direction: by default quantile 1 holds the lowest values. ``inverttiles=True`` makes quantile 1 hold the
highest values, which is what is wanted for IMD *scores*, where a higher score is more deprived, so that
quantile 1 is the most deprived (PHE's ``invert``, whose default there is TRUE). ``inverttiles`` may also
name a column of True/False, constant within each group, so that indicators of different polarity can be
done together.

Rules: every area needs a value (PHE leaves such areas without a quantile; here they are refused, naming the
row and group), and each group needs at least N areas (PHE leaves such groups without quantiles, with a
warning; here they are refused, naming the group).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from icshub.stats._frames import StatsInputError, describe_group, group_columns, require

INVERTED = "lowest quantile represents highest values"
NOT_INVERTED = "lowest quantile represents lowest values"


def _first_bad(data: pd.DataFrame, groups: list[str], condition: pd.Series, message: str) -> None:
    """Refuse the data if ``condition`` holds on any row, naming that row's label and its group."""
    bad = data[condition.fillna(False).to_numpy(bool)]
    if not bad.empty:
        raise StatsInputError(f"{message} for row {bad.index[0]!r} in {describe_group(bad.iloc[0], groups)}")


def _invert(data: pd.DataFrame, inverttiles: bool | str, groups: list[str]) -> np.ndarray:
    if isinstance(inverttiles, bool | np.bool_):
        return np.full(len(data), bool(inverttiles))
    if not isinstance(inverttiles, str):
        raise ValueError(f"inverttiles must be True, False or the name of a column of them, not {inverttiles!r}")
    flags = data[inverttiles]
    _first_bad(
        data,
        groups,
        ~flags.map(lambda flag: isinstance(flag, bool | np.bool_)),
        f"'{inverttiles}' is not True or False",
    )
    if groups:
        varies = flags.astype(bool).groupby([data[g] for g in groups], sort=False, dropna=False).transform("nunique")
        _first_bad(data, groups, varies > 1, f"'{inverttiles}' is not the same for every area")
    elif flags.astype(bool).nunique() > 1:
        raise StatsInputError(f"'{inverttiles}' is not the same for every area in the data")
    return flags.astype(bool).to_numpy()


def quantiles(
    data: pd.DataFrame,
    value: str,
    group_by: str | Sequence[str] | None = None,
    nquantiles: int = 10,
    highergeog: str | Sequence[str] | None = None,
    inverttiles: bool | str = False,
    type: Literal["full", "standard"] = "full",  # the name phe_quantile uses
) -> pd.DataFrame:
    """The rows of ``data`` (in their order, with their index) with the ``quantile`` (1 to ``nquantiles``)
    of each area's ``value`` within its group, by OHID's method, for grouping areas by deprivation or by an
    indicator.

    Groups are ``group_by`` plus ``highergeog``. With ``type="full"`` the output also has ``nquantiles``,
    ``group_vars`` (the grouping columns, comma-separated), ``invert`` (True when quantile 1 holds the highest
    values) and ``qinverted`` (that in words, as ``phe_quantile``). Refused, naming the row or group: a
    missing or non-numeric value, a group with fewer areas than ``nquantiles``, an ``inverttiles`` column that
    is not True/False or differs within a group.
    """
    if isinstance(nquantiles, bool) or not isinstance(nquantiles, int | np.integer) or nquantiles < 2:
        raise ValueError(f"nquantiles must be a whole number of at least 2, not {nquantiles!r}")
    if type not in ("full", "standard"):
        raise ValueError(f"type must be 'full' or 'standard', not {type!r}")
    groups = list(dict.fromkeys([*group_columns(group_by), *group_columns(highergeog)]))
    require(data, [value, *groups, *([inverttiles] if isinstance(inverttiles, str) else [])])

    numbers = pd.to_numeric(data[value], errors="coerce").astype(float)
    _first_bad(data, groups, numbers.isna() | ~np.isfinite(numbers), f"'{value}' is missing or not a number")
    invert = _invert(data, inverttiles, groups)

    if groups:
        keyed = numbers.groupby([data[g] for g in groups], sort=False, dropna=False)
        count = keyed.transform("size").to_numpy(float)
        rank_up = keyed.rank(method="min").to_numpy(float)
        rank_down = keyed.rank(method="min", ascending=False).to_numpy(float)
    else:
        count = np.full(len(data), float(len(data)))
        rank_up = numbers.rank(method="min").to_numpy(float)
        rank_down = numbers.rank(method="min", ascending=False).to_numpy(float)
    few = pd.Series(count < nquantiles, index=data.index)
    if few.any():
        row = data[few.to_numpy()].iloc[0]
        areas = int(count[few.to_numpy()][0])
        raise StatsInputError(
            f"{describe_group(row, groups)} has {areas} area{'s' if areas != 1 else ''}, "
            f"fewer than the {nquantiles} quantiles asked for"
        )
    rank = np.where(invert, rank_down, rank_up)
    quantile = np.floor((nquantiles + 1) - np.ceil(((count + 1) - rank) / (count / nquantiles)))
    quantile[quantile == 0] = 1

    result = data.copy()
    result["quantile"] = quantile.astype(int)
    if type == "full":
        result["nquantiles"] = int(nquantiles)
        result["group_vars"] = ", ".join(groups)
        result["invert"] = invert
        result["qinverted"] = np.where(invert, INVERTED, NOT_INVERTED)
    return result
